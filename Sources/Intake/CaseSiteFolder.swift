import Core
import CSystem
import Foundation
import Reports

/// Writes the 事例集 (`CaseSite`) as one folder, durably and as a whole: every file is written into a
/// hidden temporary folder beside the target (under its final name, unsynced: the folder is new and
/// no one else's; one syncfs for them all), then the temporary folder takes the target's name in one
/// step (renameat2 `RENAME_EXCHANGE` when a site is already there, so a reader opening `index.html`
/// meanwhile sees the old site or the new one, never a mixture nor nothing), then the old site is
/// removed. A failure leaves the old site as it was and no temporary folder.
public enum CaseSiteFolder {
    /// Writes `site` as the folder `directory`, its pages rendered and written on several threads.
    public static func write(_ site: CaseSite, to directory: String) throws {
        try write(directory: directory) { folder in try site.forEachFileConcurrently(folder.write) }
    }

    /// Writes `files` (paths relative to the site folder) as the folder `directory`.
    public static func write(_ files: [(path: String, data: Data)], to directory: String) throws {
        try write(directory: directory) { folder in
            for file in files { try folder.write(file.path) { write in try write(file.data) } }
        }
    }

    /// Writes the files `produce` hands to the staged folder (paths relative to the site folder) as
    /// the folder `directory`.
    private static func write(directory: String, produce: (StagedFolder) throws -> Void) throws {
        let parent = (directory as NSString).deletingLastPathComponent
        try DurableFiles.createDirectory(parent)
        let staged = DurableFiles.temporaryPath(in: parent)
        do {
            try DurableFiles.createDirectory(staged)
            let folder = StagedFolder(root: staged)
            try produce(folder)
            try DurableFiles.flushFileSystem(containing: staged)
            for path in folder.folders { try DurableFiles.syncDirectory(path) }
            try swapIntoPlace(staged, directory, parent: parent)
        } catch {
            try? FileManager.default.removeItem(atPath: staged)
            throw error
        }
    }

    /// The temporary folder a site is written into; `write` may be called from several threads at once.
    private final class StagedFolder: @unchecked Sendable {  // `made` is guarded by `lock`
        let root: String
        private let lock = NSLock()
        private var made: Set<String>

        init(root: String) {
            self.root = root
            made = [root]
        }

        /// The folders made so far (the staged folder itself among them).
        var folders: [String] { lock.withLock { Array(made) } }

        /// Writes what `produce` makes as the new file `relative` in the staged folder, making its folder first.
        func write(_ relative: String, _ produce: CaseSite.FileProducer) throws {
            let target = (root as NSString).appendingPathComponent(relative)
            let folder = (target as NSString).deletingLastPathComponent
            try lock.withLock {
                guard !made.contains(folder) else { return }
                try DurableFiles.createDirectory(folder)
                made.insert(folder)
            }
            try DurableFiles.writeNew(at: target, produce)
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
