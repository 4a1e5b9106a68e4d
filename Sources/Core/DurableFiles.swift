import Foundation
#if os(Linux)
import CSystem
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Crash-safe file primitives, for every file furikaeri writes: every step is either done and durable,
/// or not visible at all.
///
/// The protocol: write (or copy) into a hidden temporary name in the destination folder, fsync the
/// file, rename it to its final name, fsync the folder. A kill at any instant leaves either nothing
/// or a temporary file (removed at the next start) or a complete copy.
public enum DurableFiles {
    /// The prefix of temporary files; recovery removes any file that starts with it.
    public static let temporaryPrefix = ".furikaeri-partial-"

    /// What copying a file observed.
    public struct CopyResult: Equatable, Sendable {
        public var sha256: String
        public var size: Int64

        public init(sha256: String, size: Int64) {
            self.sha256 = sha256
            self.size = size
        }
    }

    /// Copies `source` to `destination` durably and returns the SHA-256 of the bytes copied.
    ///
    /// Never overwrites: fails when `destination` exists (link(2) refuses an existing name).
    public static func copy(from source: String, to destination: String) throws -> CopyResult {
        let directory = (destination as NSString).deletingLastPathComponent
        let (temporary, result) = try stageCopy(from: source, inDirectory: directory, sync: true)
        try publish(temporary: temporary, as: destination)
        try syncDirectory(directory)
        return result
    }

    /// Copies `source` to a new temporary file in `directory` (hidden, removed by recovery if we are
    /// killed) and returns its path and what was copied. With `sync: false` the caller makes it
    /// durable later, for a whole batch at once (`flushFileSystem`).
    public static func stageCopy(from source: String, inDirectory directory: String,
                                 sync: Bool) throws -> (temporary: String, result: CopyResult) {
        try createDirectory(directory)
        let input = open(source, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard input >= 0 else { throw FileError.system(operation: .read, path: source, errno: errno) }
        defer { close(input) }
        let hasher = SHA256()
        var size: Int64 = 0
        let chunk = 256 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        let temporary = try stageFile(inDirectory: directory, sync: sync) { output, temporary in
            while true {
                let count = read(input, buffer, chunk)
                if count < 0 {
                    if errno == EINTR { continue }
                    return .system(operation: .read, path: source, errno: errno)
                }
                if count == 0 { return nil }
                let bytes = UnsafeRawBufferPointer(start: buffer, count: count)
                hasher.update(bytes)
                size += Int64(count)
                if let code = writeAll(output, bytes) { return .system(operation: .write, path: temporary, errno: code) }
            }
        }
        return (temporary, CopyResult(sha256: hasher.finalizeHex(), size: size))
    }

    /// Writes `bytes` to a new temporary file in `directory` without syncing it (see `stageCopy`).
    public static func stageWrite(_ bytes: UnsafeRawBufferPointer, inDirectory directory: String) throws -> String {
        try createDirectory(directory)
        return try stageFile(inDirectory: directory, sync: false) { output, temporary in
            writeAll(output, bytes).map { .system(operation: .write, path: temporary, errno: $0) }
        }
    }

    /// Writes `data` to a new temporary file in `directory` without syncing it (see `stageCopy`).
    public static func stageWrite(_ data: Data, inDirectory directory: String) throws -> String {
        try data.withUnsafeBytes { try stageWrite($0, inDirectory: directory) }
    }

    /// Creates a new temporary file in `directory`, fills it with `fill` (which returns its failure)
    /// and, with `sync`, fsyncs it; the file is removed when anything fails.
    private static func stageFile(inDirectory directory: String, sync: Bool,
                                  fill: (_ output: Int32, _ temporary: String) -> FileError?) throws -> String {
        let temporary = temporaryPath(in: directory)
        try createFile(temporary, sync: sync, fill: fill)
        return temporary
    }

    /// Writes `data` as the new file `path` (failing when the name exists) without syncing it, in a
    /// folder that is itself staged and synced as a whole (`CaseSiteFolder`); removed when anything fails.
    public static func writeNew(_ data: Data, at path: String) throws {
        try writeNew(at: path) { write in try write(data) }
    }

    /// `writeNew(_:at:)` of the chunks `produce` hands to its `write`, in order, as they are made (a
    /// large file is never whole in memory). The file is removed when writing or `produce` fails.
    public static func writeNew(at path: String, _ produce: (_ write: (Data) throws -> Void) throws -> Void) throws {
        try createFile(path, sync: false) { output, path in
            try produce { chunk in
                if let code = chunk.withUnsafeBytes({ writeAll(output, $0) }) {
                    throw FileError.system(operation: .write, path: path, errno: code)
                }
            }
            return nil
        }
    }

    /// Creates the new file `path`, fills it with `fill` (which returns or throws its failure) and,
    /// with `sync`, fsyncs it; the file is removed when anything fails.
    private static func createFile(_ path: String, sync: Bool,
                                   fill: (_ output: Int32, _ path: String) throws -> FileError?) throws {
        let output = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw FileError.system(operation: .write, path: path, errno: errno) }
        var failure: Error?
        do { failure = try fill(output, path) } catch { failure = error }
        if failure == nil, sync, fsync(output) != 0 { failure = FileError.system(operation: .fsync, path: path, errno: errno) }
        close(output)
        if let failure {
            unlink(path)
            throw failure
        }
    }

    /// A new hidden temporary name in `directory`: the prefix and 128 random bits. getrandom(2)
    /// rather than `UUID()`, which opens /dev/urandom for every name.
    public static func temporaryPath(in directory: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let bits = [generator.next(), generator.next()].map { String($0, radix: 16) }.joined(separator: "-")
        return PathText.join(directory, temporaryPrefix + bits)
    }

    /// write(2) until every byte is written; the errno of a failed write, nil when all were written.
    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var written = 0
        while written < bytes.count {
            let n = posixWrite(fd, base + written, bytes.count - written)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            written += n
        }
        return nil
    }

    /// Makes every write to the file system holding `path` durable: one syncfs(2) for a whole batch
    /// instead of an fsync per file.
    public static func flushFileSystem(containing path: String) throws {
        #if os(Linux)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError.system(operation: .syncfs, path: path, errno: errno) }
        defer { close(fd) }
        guard syncfs(fd) == 0 else { throw FileError.system(operation: .syncfs, path: path, errno: errno) }
        #else
        sync()
        #endif
    }

    /// Writes `data` durably under `destination`, replacing nothing that exists.
    public static func write(_ data: Data, to destination: String, replacing: Bool = false) throws {
        let parent = (destination as NSString).deletingLastPathComponent
        let directory = parent.isEmpty ? "." : parent
        try createDirectory(directory)
        let temporary = try data.withUnsafeBytes { bytes in
            try stageFile(inDirectory: directory, sync: true) { output, temporary in
                writeAll(output, bytes).map { .system(operation: .write, path: temporary, errno: $0) }
            }
        }
        if replacing {
            guard rename(temporary, destination) == 0 else {
                let code = errno
                unlink(temporary)
                throw FileError.system(operation: .rename, path: destination, errno: code)
            }
        } else {
            try publish(temporary: temporary, as: destination)
        }
        try syncDirectory(directory)
    }

    /// Gives a complete temporary file its final name without overwriting, then makes that durable.
    ///
    /// link(2) + unlink(2) instead of rename(2): rename would silently replace a file of the same name.
    /// On a file system without hard links (some network shares), rename after checking the name is
    /// free; intake holds the workspace lock, so nobody else of ours takes the name meanwhile.
    /// The folder is not synced here: callers sync each folder once (`syncDirectory`).
    public static func publish(temporary: String, as destination: String) throws {
        // renameat2(RENAME_NOREPLACE): one call, and it refuses an existing name.
        if renameNoReplace(from: AT_FDCWD, temporary, to: AT_FDCWD, destination) == 0 { return }
        if errno != EINVAL && errno != ENOSYS && errno != ENOTSUP {
            let code = errno
            unlink(temporary)
            throw FileError.system(operation: .save, path: destination, errno: code)
        }
        if link(temporary, destination) == 0 {
            unlink(temporary)
        } else {
            let code = errno
            let noHardLinks = code == EPERM || code == ENOTSUP || code == EOPNOTSUPP || code == EMLINK || code == ENOSYS
            guard noHardLinks, access(destination, F_OK) != 0, rename(temporary, destination) == 0 else {
                unlink(temporary)
                throw FileError.system(operation: .save, path: destination, errno: code == 0 ? EIO : code)
            }
        }
    }

    /// renameat2(RENAME_NOREPLACE): 0, or -1 with errno (EEXIST when the new name is taken; EINVAL or
    /// ENOSYS where the file system or the system cannot, and on systems other than Linux).
    public static func renameNoReplace(from oldDirectory: Int32, _ oldName: UnsafePointer<CChar>,
                                to newDirectory: Int32, _ newName: UnsafePointer<CChar>) -> Int32 {
        #if os(Linux)
        return renameat2(oldDirectory, oldName, newDirectory, newName, furikaeri_rename_noreplace)
        #else
        errno = ENOSYS
        return -1
        #endif
    }

    /// Makes a complete temporary file durable and gives it its final name, replacing a file of that
    /// name in one step (rename(2)): fsync, rename. The temporary file is removed when either fails.
    /// The folder is not synced here: callers sync each folder once (`syncDirectory`). A failed
    /// rename is reported as `operation`.
    public static func replace(temporary: String, as destination: String, operation: FileOperation = .rename) throws {
        do {
            try syncFile(temporary)
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, destination) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileError.system(operation: operation, path: destination, errno: code)
        }
    }

    /// Removes a file and makes the removal durable.
    public static func remove(_ path: String) throws {
        if unlink(path) != 0 && errno != ENOENT {
            throw FileError.system(operation: .remove, path: path, errno: errno)
        }
        try syncDirectory((path as NSString).deletingLastPathComponent)
    }

    /// fsyncs a file written by someone else (SQLite) before it takes its final name.
    public static func syncFile(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError.system(operation: .fsync, path: path, errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw FileError.system(operation: .fsync, path: path, errno: errno) }
    }

    /// fsyncs a directory so that names created or removed in it survive a power cut.
    public static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError.system(operation: .syncFolder, path: path, errno: errno) }
        defer { close(fd) }
        if fsync(fd) != 0 && errno != EINVAL {
            throw FileError.system(operation: .syncFolder, path: path, errno: errno)
        }
    }

    /// Creates a directory and its parents when missing, failing with the system's own reason.
    public static func createDirectory(_ path: String) throws {
        // stat(2) first: asked once per file staged, and FileManager's check costs several times more.
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return }
        let parent = PathText.parent(path)
        if !parent.isEmpty, parent != "/", parent != path { try createDirectory(parent) }
        if mkdir(path, 0o755) != 0 {
            let code = errno
            guard code == EEXIST, stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
                throw FileError.system(operation: .createFolder, path: path, errno: code == EEXIST ? ENOTDIR : code)
            }
        }
    }
}

/// write(2), named apart from `DurableFiles.write` so the call is not ambiguous.
@inline(__always) private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}

