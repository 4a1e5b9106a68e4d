import Core
import CSystem
import Foundation
import Reports

/// Writes the 事例集 (`CaseSite`) as one folder, durably and as a whole: every file is written into a
/// hidden temporary folder beside the target (`DurableFiles.stageWrite`, one syncfs for them all),
/// then the temporary folder takes the target's name in one step (renameat2 `RENAME_EXCHANGE` when a
/// site is already there, so a reader opening `index.html` meanwhile sees the old site or the new
/// one, never a mixture nor nothing), then the old site is removed. A failure leaves the old site as
/// it was and no temporary folder.
public enum CaseSiteFolder {
    /// Writes `site` as the folder `directory`, its pages a batch at a time.
    public static func write(_ site: CaseSite, to directory: String) throws {
        try write(directory: directory) { write in try site.forEachBatch(write) }
    }

    /// Writes `files` (paths relative to the site folder) as the folder `directory`.
    public static func write(_ files: [(path: String, data: Data)], to directory: String) throws {
        try write(directory: directory) { write in try write(files) }
    }

    /// Writes the batches `produce` hands over (paths relative to the site folder) as the folder `directory`.
    private static func write(directory: String,
                              produce: (_ write: ([(path: String, data: Data)]) throws -> Void) throws -> Void) throws {
        let parent = (directory as NSString).deletingLastPathComponent
        try DurableFiles.createDirectory(parent)
        let staged = DurableFiles.temporaryPath(in: parent)
        do {
            try DurableFiles.createDirectory(staged)
            var folders = Set([staged])
            try produce { files in
                for file in files {
                    let target = (staged as NSString).appendingPathComponent(file.path)
                    let folder = (target as NSString).deletingLastPathComponent
                    if folders.insert(folder).inserted { try DurableFiles.createDirectory(folder) }
                    let temporary = try DurableFiles.stageWrite(file.data, inDirectory: folder)
                    guard rename(temporary, target) == 0 else {
                        let code = errno
                        unlink(temporary)
                        throw FileError.system(operation: .rename, path: target, errno: code)
                    }
                }
            }
            try DurableFiles.flushFileSystem(containing: staged)
            for folder in folders { try DurableFiles.syncDirectory(folder) }
            try swapIntoPlace(staged, directory, parent: parent)
        } catch {
            try? FileManager.default.removeItem(atPath: staged)
            throw error
        }
    }

    /// Gives `staged` the name `directory`; the folder it replaces is removed afterwards.
    private static func swapIntoPlace(_ staged: String, _ directory: String, parent: String) throws {
        var info = stat()
        if lstat(directory, &info) != 0 {
            guard rename(staged, directory) == 0 else {
                throw FileError.system(operation: .replaceOutput, path: directory, errno: errno)
            }
            try DurableFiles.syncDirectory(parent)
            return
        }
        #if os(Linux)
        if renameat2(AT_FDCWD, staged, AT_FDCWD, directory, furikaeri_rename_exchange) == 0 {
            // `staged` now names the old site.
            try DurableFiles.syncDirectory(parent)
            try? FileManager.default.removeItem(atPath: staged)
            return
        }
        #endif
        // No exchange on this file system: the old site steps aside first, for a moment.
        let old = DurableFiles.temporaryPath(in: parent)
        guard rename(directory, old) == 0 else {
            throw FileError.system(operation: .replaceOutput, path: directory, errno: errno)
        }
        guard rename(staged, directory) == 0 else {
            let code = errno
            rename(old, directory)
            throw FileError.system(operation: .replaceOutput, path: directory, errno: code)
        }
        try DurableFiles.syncDirectory(parent)
        try? FileManager.default.removeItem(atPath: old)
    }
}
