import Core
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The ledger is the record of what was taken: without it, recovery would take archived files for
/// uncommitted copies and the outputs would shrink to what arrived since. So a ledger that is missing
/// or empty while archive/ or rejected/ hold files is refused, and every run that changes the ledger
/// first keeps a copy of it (`LedgerBackups`).
extension Ledger {
    /// Opens the workspace's ledger for intake, refusing (`IntakeSessionError.ledgerMissing`) a
    /// missing or empty ledger (no bytes, or no run ever recorded) while archive/ or rejected/ hold
    /// files; nothing is created then. A ledger whose first run was killed before its first commit
    /// records that run: its copies are uncommitted ones that recovery removes (their originals are
    /// still in the inbox), not files of record.
    public static func openGuarded(_ workspace: Workspace) throws -> Ledger {
        var info = stat()
        let present = stat(workspace.ledgerFile, &info) == 0 && info.st_size > 0
        if !present {
            let stored = StoredFiles.count(in: workspace)
            if stored > 0 { throw IntakeSessionError.ledgerMissing(path: workspace.ledgerFile, storedFiles: stored) }
        }
        let ledger = try Ledger(path: workspace.ledgerFile)
        if present, try ledger.runCount() == 0 {
            let stored = StoredFiles.count(in: workspace)
            if stored > 0 { throw IntakeSessionError.ledgerMissing(path: workspace.ledgerFile, storedFiles: stored) }
        }
        return ledger
    }

    /// How many runs the ledger records.
    func runCount() throws -> Int {
        try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs") ?? 0 }
    }

    /// How many files the ledger records.
    public func fileCount() throws -> Int {
        try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM files") ?? 0 }
    }

    /// Copies the ledger, as it is committed now, into `destination` (a new file) with SQLite's
    /// online backup API, and makes the copy durable.
    public func backup(to destination: String) throws {
        let directory = PathText.parent(destination)
        try DurableFiles.createDirectory(directory)
        let temporary = DurableFiles.temporaryPath(in: directory)
        do {
            let copy = try DatabaseQueue(path: temporary)
            try queue.backup(to: copy)
            try copy.close()
            try DurableFiles.syncFile(temporary)
        } catch {
            unlink(temporary)
            throw error
        }
        try DurableFiles.publish(temporary: temporary, as: destination)
        try DurableFiles.syncDirectory(directory)
    }

    /// Closes the ledger (a WAL ledger folds its log back into the file).
    public func close() throws {
        try queue.close()
    }
}

/// The rotating copies of the ledger in `.furikaeri/backup/`: `ledger-<UTC time>.sqlite`, the newest
/// `kept` of them.
public enum LedgerBackups {
    /// How many copies are kept.
    public static let kept = 7

    /// The folder of the copies.
    public static func directory(of workspace: Workspace) -> String {
        PathText.join(workspace.stateDirectory, "backup")
    }

    /// Copies the ledger into a new backup and removes all but the newest `kept`. Returns the copy's path.
    @discardableResult
    public static func keep(_ ledger: Ledger, workspace: Workspace, now: Date = Date()) throws -> String {
        let folder = directory(of: workspace)
        var name = "ledger-\(stamp(now)).sqlite"
        var number = 2
        while FileManager.default.fileExists(atPath: PathText.join(folder, name)) {
            name = "ledger-\(stamp(now))~\(number).sqlite"  // '~' sorts after '.': later than the first
            number += 1
        }
        let path = PathText.join(folder, name)
        try ledger.backup(to: path)
        let all = list(workspace)
        for old in all.dropLast(kept) { unlink(PathText.join(folder, old)) }
        // Halves of copies interrupted by a kill.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        where name.hasPrefix(DurableFiles.temporaryPrefix) {
            unlink(PathText.join(folder, name))
        }
        if all.count > kept { try DurableFiles.syncDirectory(folder) }
        return path
    }

    /// Seconds since the newest backup was made (its modification time); nil when there is none.
    public static func newestAge(_ workspace: Workspace, now: Date = Date()) -> Double? {
        guard let newest = list(workspace).last,
              let snapshot = FileSnapshot.of(PathText.join(directory(of: workspace), newest)) else { return nil }
        return now.timeIntervalSince1970 - Double(snapshot.modifiedNanoseconds) / 1e9
    }

    /// The backups' names, oldest first.
    public static func list(_ workspace: Workspace) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory(of: workspace))) ?? []
        return names.filter { $0.hasPrefix("ledger-") && $0.hasSuffix(".sqlite") }.sorted()
    }

    /// `20261207-081500-123`: UTC, sorting in time order.
    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss-SSS"
        return formatter.string(from: date)
    }
}

/// The files kept in archive/ and rejected/ (hidden files and folders left out).
enum StoredFiles {
    /// Every regular file under archive/ and rejected/, links not followed.
    static func forEach(in workspace: Workspace, _ visit: (String) -> Void) {
        for folder in [workspace.archive, workspace.rejected] { walk(folder, visit) }
    }

    /// How many files (notes left out) archive/ and rejected/ hold.
    static func count(in workspace: Workspace) -> Int {
        var count = 0
        forEach(in: workspace) { if !$0.hasSuffix(RejectionNote.suffix) { count += 1 } }
        return count
    }

    /// Every regular, non-hidden file under `folder`, links not followed.
    static func walk(_ folder: String, _ visit: (String) -> Void) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = PathText.join(folder, name)
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR { walk(path, visit) }
            else if info.st_mode & S_IFMT == S_IFREG { visit(path) }
        }
    }
}
