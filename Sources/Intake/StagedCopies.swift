import Core
import Foundation
import Validation
import XLSX
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Copies of one batch's inbox files, made off the main thread right after the batch is validated,
/// each into a hidden temporary file at the top of the folder it will most likely be stored under
/// (`archive/` for a valid workbook, `rejected/` otherwise).
///
/// Copying thousands of small files costs file creations in the kernel; done here, the main thread
/// is left to sync, rename and commit. A file validation read whole is written from those bytes:
/// what is stored is exactly what was validated and hashed, and the inbox file is not read again.
/// One file at a time: creations in one folder take the folder's lock, and two threads copying side
/// by side mostly spun waiting for each other. Nothing about the order changes: a copy only gets its
/// final name in the batch's publish step, after the batch is durable and before the commit. The temporary names carry `DurableFiles.temporaryPrefix`, so a kill leaves nothing
/// that `Recovery` does not already remove, and copies a batch does not take are removed by `discard`.
struct StagedCopies {
    /// A copy made, or why it could not be made.
    enum Copy {
        case copied(temporary: String, result: DurableFiles.CopyResult)
        case failed(FileError)
    }

    /// By inbox path, as bytes.
    private var copies: [PathKey: Copy]
    /// The device of each folder looked at: the staging folders and the destinations.
    private var devices: [String: UInt64]

    /// Copies every file of `files` to where `results` says it will likely go: from `bytes`, the
    /// bytes validation read (and hashed into the result), when it kept them; otherwise from the inbox.
    static func make(of files: [InboxFile], results: [String: FileResult], bytes: [String: FileBytes] = [:],
                     workspace: Workspace, isCancelled: () -> Bool = { false }) -> StagedCopies {
        make(of: files, results: Dictionary(results.map { (PathKey($0.key), $0.value) }) { first, _ in first },
             bytes: Dictionary(bytes.map { (PathKey($0.key), $0.value) }) { first, _ in first },
             workspace: workspace, isCancelled: isCancelled)
    }

    /// `make`, with the results and bytes keyed by the paths' bytes (see `PathKey`).
    static func make(of files: [InboxFile], results: [PathKey: FileResult], bytes: [PathKey: FileBytes],
                     workspace: Workspace, isCancelled: () -> Bool = { false }) -> StagedCopies {
        var devices: [String: UInt64] = [:]
        for folder in [workspace.archive, workspace.rejected] {
            try? DurableFiles.createDirectory(folder)
            if let device = deviceNumber(of: folder) { devices[folder] = device }
        }
        var copies: [PathKey: Copy] = [:]
        for file in files where !isCancelled() {
            let key = PathKey(file.path)
            let folder = stagingFolder(for: results[key], workspace: workspace)
            do {
                if let read = bytes[key], let result = results[key], !result.sha256.isEmpty {
                    let temporary = try DurableFiles.stageWrite(read.bytes, inDirectory: folder)
                    copies[key] = .copied(temporary: temporary, result: .init(sha256: result.sha256, size: Int64(read.count)))
                } else {
                    let (temporary, result) = try DurableFiles.stageCopy(from: file.path, inDirectory: folder, sync: false)
                    copies[key] = .copied(temporary: temporary, result: result)
                }
            } catch let error as FileError {
                copies[key] = .failed(error)
            } catch {
                copies[key] = .failed(.system(operation: .write, path: folder, errno: EIO))
            }
        }
        return StagedCopies(copies: copies, devices: devices)
    }

    /// No copies: every file is copied when it is staged.
    static let none = StagedCopies(copies: [:], devices: [:])

    /// Where a file's copy is made before its destination is decided: valid workbooks are archived
    /// (accepted or duplicate), everything else is most likely rejected.
    static func stagingFolder(for result: FileResult?, workspace: Workspace) -> String {
        result?.status == .valid ? workspace.archive : workspace.rejected
    }

    /// Takes the copy of `path` if it can be renamed into `destinationFolder` (same top folder, same
    /// device); nil when there is none or it cannot, and the caller copies as before. A failed copy
    /// is thrown, as copying then would have thrown.
    mutating func take(_ path: String, for destinationFolder: String) throws -> (temporary: String, result: DurableFiles.CopyResult)? {
        guard let copy = copies.removeValue(forKey: PathKey(path)) else { return nil }
        switch copy {
        case .failed(let error):
            throw error
        case .copied(let temporary, let result):
            let stagingFolder = PathText.parent(temporary)
            let sameTree = destinationFolder == stagingFolder || destinationFolder.hasPrefix(stagingFolder + "/")
            guard sameTree, let device = devices[stagingFolder], self.device(of: destinationFolder) == device else {
                unlink(temporary)
                return nil
            }
            return (temporary, result)
        }
    }

    /// Removes every copy not taken (files left for later, or a batch cut short).
    mutating func discard() {
        for case .copied(let temporary, _) in copies.values { unlink(temporary) }
        copies = [:]
    }

    /// The device of a folder, looked up once per batch.
    private mutating func device(of folder: String) -> UInt64? {
        if let known = devices[folder] { return known }
        let device = Self.deviceNumber(of: folder)
        devices[folder] = device
        return device
    }

    private static func deviceNumber(of path: String) -> UInt64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UInt64(info.st_dev)
    }
}
