import Core
import Foundation
import Validation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What recovery found and put right at the start of a run.
public struct RecoveryReport: Equatable, Sendable {
    /// Temporary files of an interrupted copy, removed.
    public var temporaryFilesRemoved: [String] = []
    /// Inbox copies of files the ledger had already committed, removed.
    public var inboxCopiesRemoved: [String] = []
    /// Copies in archive/ or rejected/ that were never committed (their original is still in the inbox), removed.
    public var uncommittedCopiesRemoved: [String] = []

    public var isEmpty: Bool {
        temporaryFilesRemoved.isEmpty && inboxCopiesRemoved.isEmpty && uncommittedCopiesRemoved.isEmpty
    }
}

/// Puts the workspace back in order after a run was killed, so that every file exists exactly once.
///
/// Intake's order is copy (durable) → commit → remove from inbox, so after a kill:
/// - a temporary `.furikaeri-partial-*` file is half a copy: remove it;
/// - a committed file whose inbox copy is still there: remove the inbox copy;
/// - a copy in archive/ or rejected/ that the ledger does not know: its original is still in the
///   inbox (removal comes after the commit), so remove the copy. A file there whose bytes are not in the
///   inbox is not ours and is left alone.
public struct Recovery {
    public var workspace: Workspace
    public var ledger: Ledger

    public init(workspace: Workspace, ledger: Ledger) {
        self.workspace = workspace
        self.ledger = ledger
    }

    /// Runs every step; call with the workspace lock held.
    public func run() throws -> RecoveryReport {
        var report = RecoveryReport()
        for folder in [workspace.archive, workspace.rejected, workspace.output] {
            removeTemporaries(in: folder, report: &report)
        }
        try finishInboxRemovals(report: &report)
        try removeUncommittedCopies(report: &report)
        return report
    }

    private func removeTemporaries(in folder: String, report: inout RecoveryReport) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            if name.hasPrefix(DurableFiles.temporaryPrefix) {
                try? FileManager.default.removeItem(atPath: path)
                report.temporaryFilesRemoved.append(workspace.relative(path))
            } else if isDirectory(path) {
                removeTemporaries(in: path, report: &report)
            }
        }
    }

    private func finishInboxRemovals(report: inout RecoveryReport) throws {
        var done: [Int64] = []
        for row in try ledger.filesAwaitingInboxRemoval() {
            defer { done.append(row.id) }
            let inboxPath = PathText.join(workspace.inbox, row.originalName)
            // Looked at and removed relative to its folder, opened without following links.
            guard let (folder, name) = NoFollowPaths.openParent(root: workspace.inbox, relative: row.originalName) else { continue }
            defer { close(folder) }
            var info = stat()
            guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            // Only the very bytes we committed, and only when the stored copy is really there.
            let fd = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { continue }
            let sha = try? SHA256.hex(readingFrom: fd, path: inboxPath)
            close(fd)
            guard FileSnapshot.of(workspace.path(row.storedPath)) != nil, sha == row.sha256 else { continue }
            if unlinkat(folder, name, 0) != 0 && errno != ENOENT {
                throw FileError.system(operation: .remove, path: inboxPath, errno: errno)
            }
            try DurableFiles.syncDirectory(PathText.parent(inboxPath))
            report.inboxCopiesRemoved.append(workspace.relative(inboxPath))
        }
        try ledger.markInboxRemoved(done)
    }

    private func removeUncommittedCopies(report: inout RecoveryReport) throws {
        let known = try ledger.knownStoredPathKeys()
        var unknown: [String] = []
        // archive/取り下げ/ holds files moved there by withdraw, never copies made by intake: a file
        // there the ledger does not know (a withdraw killed before its commit) is kept.
        let withdrawn = PathText.join(workspace.archive, Withdrawal.folderName) + "/"
        for folder in [workspace.archive, workspace.rejected] {
            collectFiles(in: folder) { path in
                if !known.contains(PathKey(workspace.relative(path))) && !path.hasPrefix(withdrawn) { unknown.append(path) }
            }
        }
        guard !unknown.isEmpty else { return }
        // The inbox's bytes, by size first so that only plausible matches are hashed.
        var inboxBySize: [Int64: [String]] = [:]
        collectFiles(in: workspace.inbox) { path in
            if let size = FileSnapshot.of(path)?.size { inboxBySize[size, default: []].append(path) }
        }
        var inboxHashes: [PathKey: String] = [:]  // by bytes (see PathKey)
        func inboxHas(sha: String, size: Int64) -> Bool {
            for path in inboxBySize[size] ?? [] {
                let key = PathKey(path)
                if inboxHashes[key] == nil { inboxHashes[key] = (try? SHA256.hex(ofFileAt: path, followingLinks: false)) ?? "" }
                if inboxHashes[key] == sha { return true }
            }
            return false
        }
        var removed = Set<PathKey>()
        for path in unknown.sorted() where !path.hasSuffix(RejectionNote.suffix) {
            guard let size = FileSnapshot.of(path)?.size, let sha = try? SHA256.hex(ofFileAt: path, followingLinks: false),
                  inboxHas(sha: sha, size: size) else { continue }
            try DurableFiles.remove(path)
            removed.insert(PathKey(path))
            report.uncommittedCopiesRemoved.append(workspace.relative(path))
        }
        // A note is ours to remove when the file it describes was an uncommitted copy or is gone.
        for path in unknown.sorted() where path.hasSuffix(RejectionNote.suffix) {
            let described = String(path.dropLast(RejectionNote.suffix.count))
            if removed.contains(PathKey(described)) || !FileManager.default.fileExists(atPath: described) {
                try DurableFiles.remove(path)
                report.uncommittedCopiesRemoved.append(workspace.relative(path))
            }
        }
    }

    private func collectFiles(in folder: String, visit: (String) -> Void) {
        StoredFiles.walk(folder, visit)
    }

    private func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }
}
