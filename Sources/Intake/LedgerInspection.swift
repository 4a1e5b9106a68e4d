import Foundation
import GRDB

/// What `furikaeri doctor` learns from a workspace's ledger, opened read-only so that looking never
/// changes anything (no migration, no run recorded).
public struct LedgerInspection: Sendable {
    /// The last run recorded (`runs` table), if any.
    public struct LastRun: Sendable, Equatable {
        public var command: String
        public var startedAt: String
        /// Nil while a run is taking files, or when it was killed before it finished.
        public var finishedAt: String?
        public var accepted: Int
        public var rejected: Int
        public var duplicates: Int
    }

    /// `PRAGMA quick_check` said "ok".
    public var integrityOK: Bool
    /// What `quick_check` reported when it was not "ok" (first lines).
    public var integrityMessages: [String]
    /// How many files (and rejection notes) the ledger records as stored.
    public var storedCount: Int
    /// Stored paths (relative to the workspace) that the ledger records but the disk does not have.
    public var missingStoredPaths: [String]
    public var lastRun: LastRun?

    /// Reads the ledger at `workspace.ledgerFile` read-only and checks its stored paths against the disk.
    /// Throws when the file cannot be opened as a furikaeri ledger.
    public static func inspect(_ workspace: Workspace) throws -> LedgerInspection {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        let queue = try DatabaseQueue(path: workspace.ledgerFile, configuration: configuration)
        // SQLite reports some damage as rows of quick_check and some by failing it (outside a
        // transaction, whose end would fail too).
        let check: [String]
        do {
            check = try queue.inDatabase { try String.fetchAll($0, sql: "PRAGMA quick_check") }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            check = [error.message ?? "database disk image is malformed"]
        }
        return try queue.read { db in
            var stored = 0
            var missing: [String] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT stored_path, note_path FROM files ORDER BY id")
            while let row = try rows.next() {
                let paths: [String] = [row[0], row[1]].compactMap { $0 }
                for path in paths {
                    stored += 1
                    var status = stat()
                    // lstat: a link is never followed; a stored file replaced by a link is not "there".
                    if lstat(workspace.path(path), &status) != 0 || (status.st_mode & S_IFMT) != S_IFREG {
                        missing.append(path)
                    }
                }
            }
            let last = try Row.fetchOne(db, sql: """
                SELECT command, started_at, finished_at, accepted, rejected, duplicates
                FROM runs ORDER BY id DESC LIMIT 1
                """).map { row in
                    LastRun(command: row[0], startedAt: row[1], finishedAt: row[2],
                            accepted: row[3], rejected: row[4], duplicates: row[5])
                }
            return LedgerInspection(integrityOK: check == ["ok"], integrityMessages: Array(check.prefix(5)),
                                    storedCount: stored, missingStoredPaths: missing, lastRun: last)
        }
    }
}
