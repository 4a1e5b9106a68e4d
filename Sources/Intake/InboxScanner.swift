import Foundation
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

    /// Whether the name ends in .xlsx (any case).
    public var isXLSX: Bool { (relativePath as NSString).pathExtension.lowercased() == "xlsx" }
}

/// What a look at the inbox found.
public struct InboxScan: Sendable {
    /// Ready files, oldest first (then by path), the order they are taken in.
    public var ready: [InboxFile]
    /// Files left for later: too young, or their size or time changed since the last look.
    public var settling: [InboxFile]
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
    /// snapshot changed since then is still being written.
    public func scan(now: Date = Date(), previous: [String: FileSnapshot]? = nil) -> InboxScan {
        var ready: [InboxFile] = []
        var settling: [InboxFile] = []
        let nowNanos = Int64(now.timeIntervalSince1970 * 1_000_000_000)
        let settleNanos = Int64(settleSeconds * 1_000_000_000)
        walk(directory: inbox, relative: "") { file in
            let young = nowNanos - file.snapshot.modifiedNanoseconds < settleNanos
            let changed = previous.map { $0[file.relativePath] != file.snapshot } ?? false
            if young || changed || (checksOpenWriters && OpenWriters.isOpenForWriting(file.path) == true) {
                settling.append(file)
            } else {
                ready.append(file)
            }
        }
        ready.sort { ($0.snapshot.modifiedNanoseconds, $0.relativePath) < ($1.snapshot.modifiedNanoseconds, $1.relativePath) }
        settling.sort { $0.relativePath < $1.relativePath }
        return InboxScan(ready: ready, settling: settling)
    }

    private func walk(directory: String, relative: String, visit: (InboxFile) -> Void) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names.sorted() where !Self.isIgnored(name: name) {
            let path = (directory as NSString).appendingPathComponent(name)
            let rel = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                walk(directory: path, relative: rel, visit: visit)
            case S_IFREG:
                visit(InboxFile(path: path, relativePath: rel, snapshot: FileSnapshot(info)))
            default:
                continue  // symbolic links, sockets, devices: not ours to move
            }
        }
    }
}
