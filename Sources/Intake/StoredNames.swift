import Core
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The names intake stores files under in `archive/` and `rejected/`: never one that is taken, never
/// one too long for the folder with its ` (n)` and its `.エラー.txt` note.
public enum StoredNames {
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

