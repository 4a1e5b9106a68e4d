import Core
import Foundation
#if os(Linux)
import CSystem
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file in the inbox that is ready to be taken.
public struct InboxFile: Equatable, Sendable {
    /// Absolute path.
    public var path: String
    /// Path relative to inbox/, as staff dropped it.
    public var relativePath: String
    public var snapshot: FileSnapshot

    /// Whether the name ends in .xlsx or .ods (any case): a workbook that is read.
    public var isXLSX: Bool { ["xlsx", "ods"].contains((relativePath as NSString).pathExtension.lowercased()) }
}

/// What a look at the inbox found.
public struct InboxScan: Sendable {
    /// Ready files, oldest first (then by path), the order they are taken in.
    public var ready: [InboxFile]
    /// Files left for later: too young, or their size or time changed since the last look.
    public var settling: [InboxFile]
    /// Symbolic links (to files or folders), never followed nor taken: left in place, relative to
    /// the inbox (names shown escaped, see `NameText`).
    public var links: [String] = []
    /// Subfolders that cannot be read, relative to the inbox, with the errno.
    public var unreadableFolders: [UnreadableFolder] = []
    /// Names that were not valid UTF-8, renamed in place to their escaped form (`\xNN` for each
    /// byte that is not UTF-8) so that they can be taken: the new names, relative to the inbox.
    public var renamed: [String] = []
    /// Names that are not valid UTF-8 and were not renamed (a look that only counts, or the rename
    /// failed), shown escaped.
    public var invalidNames: [String] = []

    /// A subfolder of the inbox that cannot be read.
    public struct UnreadableFolder: Equatable, Sendable {
        public var relativePath: String
        public var errno: Int32
    }
}

/// Finds the files to take from the inbox, subfolders included, and leaves alone what must be left alone:
/// hidden files, Excel and LibreOffice lock files (`~$*`, `.~lock.*#`), system files, symbolic links, and
/// files still being written.
public struct InboxScanner {
    public var inbox: String
    /// A file modified less than this many seconds ago is still being written.
    public var settleSeconds: Double
    /// Whether a file old enough is also asked whether a writer still has it open (`OpenWriters`):
    /// what intake does before taking files; `status` only counts.
    public var checksOpenWriters: Bool

    public init(inbox: String, settleSeconds: Double, checksOpenWriters: Bool = false) {
        self.inbox = inbox
        self.settleSeconds = settleSeconds
        self.checksOpenWriters = checksOpenWriters
    }

    /// Names never taken: Office/LibreOffice lock files, hidden files, desktop litter.
    public static func isIgnored(name: String) -> Bool {
        if name.hasPrefix(".") || name.hasPrefix("~$") { return true }
        if name.hasPrefix(".~lock.") && name.hasSuffix("#") { return true }
        let lower = name.lowercased()
        return lower == "thumbs.db" || lower == "desktop.ini" || lower.hasSuffix(".tmp")
    }

    /// Looks at the inbox. `previous` holds the snapshots of the last look (watch): a file whose
    /// snapshot changed since then is still being written. With `renamesInvalidNames`, a name that is
    /// not valid UTF-8 is renamed to its escaped form first (intake does; `status` only counts).
    public func scan(now: Date = Date(), previous: [String: FileSnapshot]? = nil,
                     renamesInvalidNames: Bool = false) -> InboxScan {
        var scan = InboxScan(ready: [], settling: [])
        let nowNanos = Int64(now.timeIntervalSince1970 * 1_000_000_000)
        let settleNanos = Int64(settleSeconds * 1_000_000_000)
        let root = open(inbox, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard root >= 0 else { return scan }
        var ready: [InboxFile] = []
        var settling: [InboxFile] = []
        walk(root, path: inbox, relative: "", renamesInvalidNames: renamesInvalidNames, into: &scan) { file in
            let young = nowNanos - file.snapshot.modifiedNanoseconds < settleNanos
            let changed = previous.map { $0[file.relativePath] != file.snapshot } ?? false
            if young || changed || (checksOpenWriters && OpenWriters.isOpenForWriting(file.path) == true) {
                settling.append(file)
            } else {
                ready.append(file)
            }
        }
        scan.ready = ready
        scan.settling = settling
        scan.ready.sort { ($0.snapshot.modifiedNanoseconds, $0.relativePath) < ($1.snapshot.modifiedNanoseconds, $1.relativePath) }
        scan.settling.sort { $0.relativePath < $1.relativePath }
        return scan
    }

    /// Walks the folder open as `directory` (closed here) by its entries' bytes, relative to the
    /// folder's descriptor: links are seen as links (fstatat without following), subfolders are opened
    /// with O_NOFOLLOW, so a folder swapped for a link is never entered.
    private func walk(_ directory: Int32, path: String, relative: String, renamesInvalidNames: Bool,
                      into scan: inout InboxScan, visit: (InboxFile) -> Void) {
        guard let stream = fdopendir(directory) else { close(directory); return }
        defer { closedir(stream) }
        var entries: [[UInt8]] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name == [46] || name == [46, 46] { continue }
            entries.append(name)
        }
        for bytes in entries.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            var name: String
            if let valid = String(validating: bytes, as: UTF8.self) {
                name = valid
            } else {
                guard renamesInvalidNames, let renamed = rename(bytes, in: directory) else {
                    scan.invalidNames.append(join(relative, NameText.escaped(bytes)))
                    continue
                }
                name = renamed
                scan.renamed.append(join(relative, renamed))
            }
            guard !Self.isIgnored(name: name) else { continue }
            let rel = join(relative, name)
            var info = stat()
            guard fstatat(directory, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                let child = openat(directory, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard child >= 0 else {
                    scan.unreadableFolders.append(.init(relativePath: rel, errno: errno))
                    continue
                }
                walk(child, path: PathText.join(path, name), relative: rel, renamesInvalidNames: renamesInvalidNames,
                     into: &scan, visit: visit)
            case S_IFREG:
                visit(InboxFile(path: PathText.join(path, name), relativePath: rel, snapshot: FileSnapshot(info)))
            case S_IFLNK:
                scan.links.append(rel)
            default:
                continue  // sockets, devices, pipes: not ours to move
            }
        }
    }

    private func join(_ relative: String, _ name: String) -> String {
        relative.isEmpty ? name : relative + "/" + name
    }

    /// Renames an entry whose name is not UTF-8 to its escaped form in the same folder, never over
    /// another name (` (2)`… when that is taken). Returns the new name.
    private func rename(_ bytes: [UInt8], in directory: Int32) -> String? {
        let escaped = NameText.escaped(bytes)
        for number in 1...100 {
            let candidate = number == 1 ? escaped : StoredNames.numbered(escaped, number)
            let oldName = bytes.map { CChar(bitPattern: $0) } + [0]
            if DurableFiles.renameNoReplace(from: directory, oldName, to: directory, candidate) == 0 { return candidate }
            if errno != EEXIST { return nil }
        }
        return nil
    }
}
