import Foundation
import Validation
#if os(Linux)
import CFileSystem
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file operation of intake failed.
public enum IntakeFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A system call failed on a path.
    case system(operation: FileOperation, path: String, errno: Int32)

    /// The Japanese message (`message(in:)` for either language).
    public var description: String { message(in: .ja) }
}

/// What intake was doing to a file when a system call failed.
public enum FileOperation: Sendable, Equatable {
    case read, write, fsync, syncfs, rename, save, remove, syncFolder, createFolder, replaceOutput

    /// As the Japanese message names it: 「…」の読み込みに失敗しました.
    public var japaneseName: String {
        switch self {
        case .read: return "読み込み"
        case .write: return "書き込み"
        case .fsync: return "保存(fsync)"
        case .syncfs: return "保存(syncfs)"
        case .rename: return "名前の変更"
        case .save: return "保存"
        case .remove: return "削除"
        case .syncFolder: return "フォルダの同期"
        case .createFolder: return "フォルダの作成"
        case .replaceOutput: return "出力の置き換え"
        }
    }

    /// As the English message names it, at the start of a sentence: Reading "…" failed.
    public var englishName: String {
        switch self {
        case .read: return "Reading"
        case .write: return "Writing"
        case .fsync: return "Saving (fsync)"
        case .syncfs: return "Saving (syncfs)"
        case .rename: return "Renaming"
        case .save: return "Saving"
        case .remove: return "Removing"
        case .syncFolder: return "Syncing the folder"
        case .createFolder: return "Creating the folder"
        case .replaceOutput: return "Replacing the output"
        }
    }
}

/// Crash-safe file primitives: every step is either done and durable, or not visible at all.
///
/// The protocol used by intake: copy into a hidden temporary name in the destination folder, fsync the
/// file, rename it to its final name, fsync the folder. A kill at any instant leaves either nothing
/// or a temporary file (removed at the next start) or a complete copy.
public enum DurableFiles {
    /// The prefix of temporary files; recovery removes any file that starts with it.
    public static let temporaryPrefix = ".furikaeri-partial-"

    /// What copying a file observed.
    public struct CopyResult: Equatable {
        public var sha256: String
        public var size: Int64
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
        guard input >= 0 else { throw IntakeFileError.system(operation: .read, path: source, errno: errno) }
        defer { close(input) }
        var hasher = SHA256()
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
                                  fill: (_ output: Int32, _ temporary: String) -> IntakeFileError?) throws -> String {
        let temporary = temporaryPath(in: directory)
        try createFile(temporary, sync: sync, fill: fill)
        return temporary
    }

    /// Writes `data` as the new file `path` (failing when the name exists) without syncing it, in a
    /// folder that is itself staged and synced as a whole (`CaseSiteFolder`); removed when anything fails.
    public static func writeNew(_ data: Data, at path: String) throws {
        try data.withUnsafeBytes { bytes in
            try createFile(path, sync: false) { output, path in
                writeAll(output, bytes).map { .system(operation: .write, path: path, errno: $0) }
            }
        }
    }

    /// Creates the new file `path`, fills it with `fill` (which returns its failure) and, with
    /// `sync`, fsyncs it; the file is removed when anything fails.
    private static func createFile(_ path: String, sync: Bool,
                                   fill: (_ output: Int32, _ path: String) -> IntakeFileError?) throws {
        let output = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw IntakeFileError.system(operation: .write, path: path, errno: errno) }
        var failure = fill(output, path)
        if failure == nil, sync, fsync(output) != 0 { failure = .system(operation: .fsync, path: path, errno: errno) }
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
        guard fd >= 0 else { throw IntakeFileError.system(operation: .syncfs, path: path, errno: errno) }
        defer { close(fd) }
        guard syncfs(fd) == 0 else { throw IntakeFileError.system(operation: .syncfs, path: path, errno: errno) }
        #else
        sync()
        #endif
    }

    /// Writes `data` durably under `destination`, replacing nothing that exists.
    public static func write(_ data: Data, to destination: String, replacing: Bool = false) throws {
        let directory = (destination as NSString).deletingLastPathComponent
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
                throw IntakeFileError.system(operation: .rename, path: destination, errno: code)
            }
            try syncDirectory(directory)
        } else {
            try publish(temporary: temporary, as: destination)
            try syncDirectory(directory)
        }
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
            throw IntakeFileError.system(operation: .save, path: destination, errno: code)
        }
        if link(temporary, destination) == 0 {
            unlink(temporary)
        } else {
            let code = errno
            let noHardLinks = code == EPERM || code == ENOTSUP || code == EOPNOTSUPP || code == EMLINK || code == ENOSYS
            guard noHardLinks, access(destination, F_OK) != 0, rename(temporary, destination) == 0 else {
                unlink(temporary)
                throw IntakeFileError.system(operation: .save, path: destination, errno: code == 0 ? EIO : code)
            }
        }
    }

    /// renameat2(RENAME_NOREPLACE): 0, or -1 with errno (EEXIST when the new name is taken; EINVAL or
    /// ENOSYS where the file system or the system cannot, and on systems other than Linux).
    static func renameNoReplace(from oldDirectory: Int32, _ oldName: UnsafePointer<CChar>,
                                to newDirectory: Int32, _ newName: UnsafePointer<CChar>) -> Int32 {
        #if os(Linux)
        return renameat2(oldDirectory, oldName, newDirectory, newName, furikaeri_rename_noreplace)
        #else
        errno = ENOSYS
        return -1
        #endif
    }

    /// Removes a file and makes the removal durable.
    public static func remove(_ path: String) throws {
        if unlink(path) != 0 && errno != ENOENT {
            throw IntakeFileError.system(operation: .remove, path: path, errno: errno)
        }
        try syncDirectory((path as NSString).deletingLastPathComponent)
    }

    /// fsyncs a file written by someone else (SQLite) before it takes its final name.
    public static func syncFile(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IntakeFileError.system(operation: .fsync, path: path, errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw IntakeFileError.system(operation: .fsync, path: path, errno: errno) }
    }

    /// fsyncs a directory so that names created or removed in it survive a power cut.
    public static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw IntakeFileError.system(operation: .syncFolder, path: path, errno: errno) }
        defer { close(fd) }
        if fsync(fd) != 0 && errno != EINVAL {
            throw IntakeFileError.system(operation: .syncFolder, path: path, errno: errno)
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
                throw IntakeFileError.system(operation: .createFolder, path: path, errno: code == EEXIST ? ENOTDIR : code)
            }
        }
    }

    /// The most bytes of a stored name (NAME_MAX), with its `.エラー.txt` note's name and a ` (n)`
    /// within it: longer names are shortened (`fitting`).
    public static let storedNameLimit = 255 - RejectionNote.suffix.utf8.count - " (99999)".utf8.count

    /// `name`, then `name (2)`, `name (3)`… before the extension: the first that `isTaken` says is
    /// free, with its `.エラー.txt` note name free too. A name too long for the folder is shortened first.
    public static func unusedName(for name: String, isTaken: (String) -> Bool) -> String {
        let name = fitting(name, maxBytes: storedNameLimit)
        func free(_ candidate: String) -> Bool { !isTaken(candidate) && !isTaken(candidate + RejectionNote.suffix) }
        if free(name) { return name }
        var number = 2
        while true {
            let candidate = numbered(name, number)
            if free(candidate) { return candidate }
            number += 1
        }
    }

    /// `a (2).xlsx` for `a.xlsx` and 2: the number before the extension.
    static func numbered(_ name: String, _ number: Int) -> String {
        let ext = (name as NSString).pathExtension
        let stem = ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
        return ext.isEmpty ? "\(stem) (\(number))" : "\(stem) (\(number)).\(ext)"
    }

    /// `name` when it is at most `maxBytes` bytes of UTF-8; otherwise its beginning, cut between two
    /// characters, then `~` and 8 hex digits of the whole name's SHA-256 (two long names that begin
    /// alike stay apart), then its extension.
    public static func fitting(_ name: String, maxBytes: Int) -> String {
        guard name.utf8.count > maxBytes else { return name }
        var ext = (name as NSString).pathExtension
        if ext.utf8.count > 16 { ext = "" }  // not an extension worth keeping
        let stem = ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
        let tag = "~" + String(SHA256.hex(of: Data(name.utf8)).prefix(8))
        let budget = maxBytes - tag.utf8.count - (ext.isEmpty ? 0 : ext.utf8.count + 1)
        var kept = ""
        var bytes = 0
        for character in stem {
            let size = character.utf8.count
            if bytes + size > budget { break }
            kept.append(character)
            bytes += size
        }
        return kept + tag + (ext.isEmpty ? "" : "." + ext)
    }
}

/// The names in the folders a run stores files in, each folder listed once: looking for an unused
/// name then costs no system call (asking for a name that does not exist searched the folder on
/// disk every time). Names the run takes are added as it takes them; nobody else writes there while
/// the run holds the workspace lock, and `publish` still refuses to replace a file.
struct FolderNames {
    /// By folder, the names as bytes (see `PathKey`: two names that differ only in normalisation are two names).
    private var names: [PathKey: Set<PathKey>] = [:]

    /// Whether a file of that name exists in `folder` or was taken there by this run.
    mutating func contains(_ name: String, in folder: String) -> Bool {
        listed(folder).contains(PathKey(name))
    }

    /// Records a name the run takes in `folder`.
    mutating func insert(_ name: String, in folder: String) {
        _ = listed(folder)
        names[PathKey(folder)]!.insert(PathKey(name))
    }

    private mutating func listed(_ folder: String) -> Set<PathKey> {
        if let known = names[PathKey(folder)] { return known }
        let listing = Set(((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).map(PathKey.init))
        names[PathKey(folder)] = listing
        return listing
    }
}

/// What `lstat` says about a file: enough to notice that it is still changing, or that its name now
/// holds another file (saved again by renaming a new file over it).
public struct FileSnapshot: Equatable, Sendable {
    public var size: Int64
    /// Modification time in nanoseconds since 1970.
    public var modifiedNanoseconds: Int64
    /// The device and inode: which file the name held.
    public var device: UInt64
    public var inode: UInt64

    /// Reads the snapshot of a regular file without following a link; nil when it is gone or not a
    /// regular file.
    public static func of(_ path: String) -> FileSnapshot? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileSnapshot(info)
    }

    public init(size: Int64, modifiedNanoseconds: Int64, device: UInt64 = 0, inode: UInt64 = 0) {
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.device = device
        self.inode = inode
    }

    init(_ info: stat) {
        size = Int64(info.st_size)
        modifiedNanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// write(2), named apart from `DurableFiles.write` so the call is not ambiguous.
@inline(__always) func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}

