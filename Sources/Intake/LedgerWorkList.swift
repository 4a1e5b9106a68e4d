import Foundation
import GRDB
import Reports

/// A rejected file, and whether a later accepted sheet corrected it.
public struct RejectedFile: Equatable, Sendable {
    public var originalName: String
    public var storedPath: String
    public var notePath: String?
    /// The year its sheets state; nil when they state none (or it could not be read).
    public var fiscalYear: Int?
    /// ISO 8601, UTC.
    public var receivedAt: String
    public var errors: Int
    /// The accepted file (as dropped) whose sheets have the identity of every readable sheet of this
    /// one, received later; nil while it still waits for a correction.
    public var correctedBy: String?
    /// What its readable sheets say they are (kind, year, keys, phase), to tell the 未提出 list.
    var sheets: [SheetKey] = []

    struct SheetKey: Equatable, Sendable {
        var kind: String
        var fiscalYear: Int?
        var orgKey: String
        var projectKey: String
        var phase: String
    }
}

/// A current reflection sheet with no current proposal of the same year, 団体 and 事業 (未照合),
/// matched as the ledger matches resubmissions (names normalised: NFKC, spaces removed, lower case).
public struct UnlinkedSheet: Equatable, Sendable {
    public var fiscalYear: Int
    public var orgName: String
    public var projectName: String
    public var phase: String
    public var originalName: String
    public var storedPath: String
}

/// A file the ledger keeps in archive/ that is no longer there (moved or removed by hand).
public struct MissingStoredFile: Equatable, Sendable {
    public var originalName: String
    public var storedPath: String
    public var fiscalYear: Int?
    /// Its sheets are still in the outputs (read from the ledger): current and not withdrawn.
    public var inOutputs: Bool
}

/// A file withdrawn with `furikaeri withdraw`.
public struct WithdrawnFile: Equatable, Sendable {
    public var submissionID: String
    public var originalName: String
    public var storedPath: String
    public var archivedPath: String
    public var reason: String
    public var withdrawnAt: String
    public var fiscalYear: Int?
}

extension Ledger {
    /// Every rejected file (with errors, unreadable, or not a workbook), oldest first, each with the
    /// accepted file that corrected it, if any.
    public func rejections() throws -> [RejectedFile] {
        try queue.read { db in try Self.rejections(db) }
    }

    static func rejections(_ db: Database) throws -> [RejectedFile] {
        // A later accepted, not withdrawn sheet with the same kind, 団体, 事業 and phase (and year,
        // when the rejected sheet states one) corrects a rejected sheet; a file is corrected once
        // every readable sheet of it is.
        let matches = """
            s.file_id > r.file_id AND s.withdrawn = 0 AND s.kind = r.kind AND s.org_key = r.org_key
              AND s.project_key = r.project_key AND s.phase = r.phase
              AND (r.fiscal_year IS NULL OR s.fiscal_year = r.fiscal_year)
            """
        var files: [RejectedFile] = []
        var index: [Int64: Int] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT f.id, f.original_name, f.stored_path, f.note_path, f.fiscal_year, f.received_at,
                   (SELECT COUNT(*) FROM issues i WHERE i.file_id = f.id AND i.severity = 'error'),
                   CASE WHEN EXISTS (SELECT 1 FROM rejected_sheets r WHERE r.file_id = f.id)
                         AND NOT EXISTS (SELECT 1 FROM rejected_sheets r WHERE r.file_id = f.id
                                         AND NOT EXISTS (SELECT 1 FROM submissions s WHERE \(matches)))
                   THEN (SELECT g.original_name FROM rejected_sheets r JOIN submissions s ON \(matches)
                         JOIN files g ON g.id = s.file_id WHERE r.file_id = f.id ORDER BY g.id DESC LIMIT 1)
                   END
            FROM files f WHERE f.outcome IN ('rejected', 'not_xlsx') ORDER BY f.id
            """) {
            index[row[0]] = files.count
            files.append(RejectedFile(originalName: row[1], storedPath: row[2], notePath: row[3], fiscalYear: row[4],
                                      receivedAt: row[5], errors: max(1, row[6] as Int), correctedBy: row[7]))
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT file_id, kind, fiscal_year, org_key, project_key, phase FROM rejected_sheets ORDER BY rowid
            """) {
            guard let at = index[row[0]] else { continue }
            files[at].sheets.append(.init(kind: row[1], fiscalYear: row[2], orgKey: row[3], projectKey: row[4], phase: row[5]))
        }
        return files
    }

    /// Current reflection sheets without a current proposal of the same year, 団体 and 事業.
    public func unlinkedSheets() throws -> [UnlinkedSheet] {
        try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.fiscal_year, s.org_name, s.project_name, s.phase, f.original_name, f.stored_path
                FROM submissions s JOIN files f ON f.id = s.file_id
                WHERE s.kind = 'reflection' AND s.superseded_by IS NULL AND s.withdrawn = 0
                  AND NOT EXISTS (SELECT 1 FROM submissions p
                                  WHERE p.kind = 'proposal' AND p.superseded_by IS NULL AND p.withdrawn = 0
                                    AND p.fiscal_year = s.fiscal_year AND p.org_key = s.org_key
                                    AND p.project_key = s.project_key)
                ORDER BY s.fiscal_year, s.org_key, s.project_key, s.phase, f.id
                """).map {
                UnlinkedSheet(fiscalYear: $0[0], orgName: $0[1], projectName: $0[2], phase: $0[3],
                              originalName: $0[4], storedPath: $0[5])
            }
        }
    }

    /// Files the ledger keeps in archive/ (accepted, duplicates, withdrawn) that are not there now.
    public func missingArchivedFiles(in workspace: Workspace) throws -> [MissingStoredFile] {
        try queue.read { db in
            var missing: [MissingStoredFile] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT f.original_name, f.stored_path, f.fiscal_year,
                       EXISTS (SELECT 1 FROM submissions s WHERE s.file_id = f.id AND s.superseded_by IS NULL AND s.withdrawn = 0)
                FROM files f WHERE f.outcome IN ('accepted', 'duplicate') ORDER BY f.id
                """)
            while let row = try rows.next() {
                let stored: String = row[1]
                var info = stat()
                guard lstat(workspace.path(stored), &info) != 0 || (info.st_mode & S_IFMT) != S_IFREG else { continue }
                missing.append(MissingStoredFile(originalName: row[0], storedPath: stored, fiscalYear: row[2], inOutputs: row[3]))
            }
            return missing
        }
    }

    /// The files withdrawn now (not undone), oldest withdrawal first.
    public func withdrawnFiles() throws -> [WithdrawnFile] {
        try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT f.sha256, f.original_name, f.stored_path, w.archived_path, w.reason, w.withdrawn_at, f.fiscal_year
                FROM withdrawals w JOIN files f ON f.id = w.file_id
                WHERE w.undone_at IS NULL ORDER BY w.id
                """).map {
                WithdrawnFile(submissionID: SubmissionID.of(sha256: $0[0], path: $0[1]), originalName: $0[1], storedPath: $0[2],
                              archivedPath: $0[3], reason: $0[4], withdrawnAt: $0[5], fiscalYear: $0[6])
            }
        }
    }
}
