import Core
import Foundation
import Forms
import GRDB
import Validation

/// What became of a file taken from the inbox.
public enum FileOutcome: String, Sendable, CaseIterable {
    /// A valid workbook, archived and counted.
    case accepted
    /// Byte-for-byte the same as an accepted file: archived, recorded, not counted again.
    case duplicate
    /// A workbook with errors, or unreadable: moved to rejected/ with a note.
    case rejected
    /// Not an .xlsx file: moved to rejected/ with a note on saving as .xlsx.
    case notXLSX = "not_xlsx"
    /// Byte-for-byte the same as a file rejected earlier that is still in rejected/: recorded (its
    /// `stored_path` and `note_path` are the earlier file's), not stored again, no second note, not
    /// counted as another rejection.
    case rejectedAgain = "rejected_again"
}

/// One file to record in the ledger, after its copy is durable and before its inbox copy is removed.
public struct LedgerEntry: Sendable {
    public var originalName: String
    public var sha256: String
    public var size: Int64
    public var receivedAt: Date
    public var outcome: FileOutcome
    public var status: FileStatus?
    public var fiscalYear: Int?
    public var storedPath: String
    public var notePath: String?
    /// For a duplicate: the sha256 of the accepted file it repeats (same bytes).
    public var duplicateOf: String?
    /// Validation's findings (workbooks only).
    public var result: FileResult?
    /// The identity of each form in `result.forms`, for accepted files.
    public var identities: [SubmissionIdentity]
    /// What is stored of each form in `result.forms`, when made beforehand (by the workers that
    /// validated the file); nil: made in the commit.
    public var formColumns: [LedgerFormColumns]?
    /// Where `fiscalYear` came from when the sheet does not write it in its 実施年度 field (its title,
    /// file name, folder, the settings, or the date of receipt); nil when it does.
    public var fiscalYearSource: FieldOrigin?

    public init(originalName: String, sha256: String, size: Int64, receivedAt: Date, outcome: FileOutcome,
                status: FileStatus?, fiscalYear: Int?, storedPath: String, notePath: String?,
                duplicateOf: String?, result: FileResult?, identities: [SubmissionIdentity],
                fiscalYearSource: FieldOrigin? = nil) {
        self.fiscalYearSource = fiscalYearSource
        self.originalName = originalName
        self.sha256 = sha256
        self.size = size
        self.receivedAt = receivedAt
        self.outcome = outcome
        self.status = status
        self.fiscalYear = fiscalYear
        self.storedPath = storedPath
        self.notePath = notePath
        self.duplicateOf = duplicateOf
        self.result = result
        self.identities = identities
    }
}

/// A rejected file kept in rejected/, with its note.
public struct StoredRejection: Equatable, Sendable {
    /// Relative to the workspace.
    public var storedPath: String
    public var notePath: String?
    public var fiscalYear: Int?
}

/// What committing a batch changed.
public struct LedgerCommitSummary: Equatable, Sendable {
    /// Earlier submissions replaced by a resubmission in this batch.
    public var superseded = 0
    /// Fiscal years whose current submissions changed.
    public var affectedYears: Set<Int> = []
}

/// The workspace's SQLite ledger (through GRDB): every file taken, every submission, every run.
public final class Ledger {
    let queue: DatabaseQueue
    /// The ledger file, for the extra read-only connections of a parallel read.
    let path: String

    /// Opens (creating and migrating when needed) the ledger at `path`.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            // WAL + FULL: a commit is on disk before we go on to remove the inbox copy.
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        self.path = path
        try LedgerSchema.migrator.migrate(queue)
    }

    // MARK: Runs

    /// Records the start of a run and returns its id.
    public func beginRun(command: String, at date: Date = Date()) throws -> Int64 {
        try queue.write { db in
            try db.execute(sql: "INSERT INTO runs (command, started_at) VALUES (?, ?)",
                           arguments: [command, LedgerCoding.timestamp(date)])
            return db.lastInsertedRowID
        }
    }

    /// Records the end of a run with its counts.
    public func finishRun(_ id: Int64, counts: RunCounts, at date: Date = Date()) throws {
        try queue.write { db in
            try db.execute(sql: """
                UPDATE runs SET finished_at = ?, accepted = accepted + ?, rejected = rejected + ?,
                duplicates = duplicates + ?, superseded = superseded + ? WHERE id = ?
                """, arguments: [LedgerCoding.timestamp(date), counts.accepted, counts.rejected,
                                 counts.duplicates, counts.superseded, id])
        }
    }

    // MARK: Writing files

    /// The fiscal year of every accepted file by sha256, to recognise exact duplicates. A withdrawn
    /// file is not among them: the same bytes dropped again are taken as a new submission.
    public func acceptedFileYears() throws -> [String: Int] {
        try queue.read { db in
            var years: [String: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT sha256, fiscal_year FROM files WHERE outcome = 'accepted'
                  AND NOT EXISTS (SELECT 1 FROM withdrawals w WHERE w.file_id = files.id AND w.undone_at IS NULL)
                """)
            while let row = try rows.next() { years[row[0]] = row[1] }
            return years
        }
    }

    /// Every rejected file still in rejected/, by sha256: where it is and its note (the earliest of
    /// equal files), to recognise the same file dropped again.
    public func rejectedFilesBySHA(existing: (String) -> Bool) throws -> [String: StoredRejection] {
        try queue.read { db in
            var found: [String: StoredRejection] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT sha256, stored_path, note_path, fiscal_year FROM files
                WHERE outcome IN ('rejected', 'not_xlsx') ORDER BY id
                """)
            while let row = try rows.next() {
                let sha: String = row[0]
                guard found[sha] == nil, existing(row[1]) else { continue }
                found[sha] = StoredRejection(storedPath: row[1], notePath: row[2], fiscalYear: row[3])
            }
            return found
        }
    }

    /// Records a batch of files in one transaction, superseding earlier submissions as needed.
    ///
    /// Entries are marked `stored`: their inbox copies may still exist until `markInboxRemoved`.
    @discardableResult
    public func commit(_ entries: [LedgerEntry], runID: Int64) throws -> LedgerCommitSummary {
        try queue.write { db in
            var summary = LedgerCommitSummary()
            let statements = try CommitStatements(db)
            // The searchable texts go into the FTS5 table last: a statement run after an FTS5 change
            // that needs a statement savepoint (any UPDATE or INSERT checked by a foreign key) makes
            // FTS5 flush its pending index at that savepoint, which cost more than all the commit's
            // other work (1.3 s over 10,000 sheets, against 0.1 s when the texts come last).
            var texts: [(submissionID: Int64, texts: [LedgerFormColumns.SearchableText])] = []
            for entry in entries {
                try insert(entry, runID: runID, db: db, statements: statements, summary: &summary, texts: &texts)
            }
            for (id, submissionTexts) in texts { try Self.insertTexts(submissionTexts, submissionID: id, statement: statements.texts) }
            for year in summary.affectedYears {
                try db.execute(sql: "INSERT OR IGNORE INTO stale_outputs (fiscal_year) VALUES (?)", arguments: [year])
            }
            // A rejected file is listed in its year's 検証結果: that year's outputs (where it has any)
            // are written again, not only after the next accepted sheet.
            for entry in entries where entry.outcome == .rejected || entry.outcome == .notXLSX {
                let year = entry.fiscalYear ?? FiscalYear.containing(entry.receivedAt)
                try db.execute(sql: """
                    INSERT OR IGNORE INTO stale_outputs (fiscal_year)
                    SELECT ? WHERE EXISTS (SELECT 1 FROM submissions WHERE fiscal_year = ?)
                    """, arguments: [year, year])
            }
            return summary
        }
    }

    /// The statements a commit runs for every row, prepared once per commit.
    private struct CommitStatements {
        let file: PreparedInsert
        let submission: PreparedInsert
        let supersede: PreparedInsert
        let fields: PreparedInsert
        let scores: ScoreInserts
        let issue: PreparedInsert
        let rejectedSheet: PreparedInsert
        /// The searchable texts (`LedgerTextSearch`), in the submission's transaction.
        let texts: PreparedInsert

        init(_ db: Database) throws {
            file = try PreparedInsert(db, sql: """
                INSERT INTO files (run_id, sha256, size, original_name, received_at, outcome, status, fiscal_year,
                                   stored_path, note_path, duplicate_of, inbox_state, fiscal_year_source)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'stored', ?)
                """)
            submission = try PreparedInsert(db, sql: """
                INSERT INTO submissions (file_id, sheet, sheet_index, kind, fiscal_year, org_name, project_name, phase,
                                         org_key, project_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            // A resubmission: the earlier current submission with the same identity steps aside.
            supersede = try PreparedInsert(db, sql: """
                UPDATE submissions SET superseded_by = ?
                WHERE kind = ? AND fiscal_year = ? AND org_key = ? AND project_key = ? AND phase = ?
                  AND superseded_by IS NULL AND id <> ?
                """)
            fields = try PreparedInsert(db, sql: "INSERT INTO submission_fields (submission_id, packed, field_values) VALUES (?, ?, ?)")
            scores = ScoreInserts(db)
            texts = try PreparedInsert(db, sql: Ledger.insertTextSQL)
            issue = try PreparedInsert(db, sql: """
                INSERT INTO issues (file_id, submission_id, sheet, severity, code, field, cell, message)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            rejectedSheet = try PreparedInsert(db, sql: """
                INSERT INTO rejected_sheets (file_id, kind, fiscal_year, org_name, project_name, phase, org_key, project_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        }
    }

    private func insert(_ entry: LedgerEntry, runID: Int64, db: Database, statements: CommitStatements,
                        summary: inout LedgerCommitSummary,
                        texts: inout [(submissionID: Int64, texts: [LedgerFormColumns.SearchableText])]) throws {
        var duplicateID: Int64?
        if let sha = entry.duplicateOf {
            duplicateID = try Int64.fetchOne(db, sql: "SELECT id FROM files WHERE sha256 = ? AND outcome = 'accepted' ORDER BY id LIMIT 1", arguments: [sha])
        }
        try statements.file.run { row in
            row.add(runID)
            row.add(entry.sha256)
            row.add(entry.size)
            row.add(entry.originalName)
            row.add(LedgerCoding.timestamp(entry.receivedAt))
            row.add(entry.outcome.rawValue)
            row.add(entry.status?.rawValue)
            row.add(entry.fiscalYear)
            row.add(entry.storedPath)
            row.add(entry.notePath)
            row.add(duplicateID)
            row.add(entry.fiscalYearSource.map { $0 == .form ? nil : $0.rawValue } ?? nil)
        }
        let fileID = db.lastInsertedRowID
        guard let result = entry.result else { return }
        for issue in result.issues { try insertIssue(issue, fileID: fileID, submissionID: nil, statements: statements) }
        for (index, validated) in result.forms.enumerated() {
            var submissionID: Int64?
            if entry.outcome == .accepted, index < entry.identities.count {
                let columns = entry.formColumns.flatMap { $0.count == result.forms.count ? $0[index] : nil }
                let stored = columns ?? LedgerFormColumns(validated.form)
                let id = try insertSubmission(validated.form, columns: stored, index: index, identity: entry.identities[index],
                                              fileID: fileID, db: db, statements: statements, summary: &summary)
                if !stored.texts.isEmpty { texts.append((id, stored.texts)) }
                submissionID = id
            }
            for issue in validated.issues {
                try insertIssue(issue, fileID: fileID, submissionID: submissionID, statements: statements)
            }
            if entry.outcome == .rejected {
                // What the sheet says it is, when it names its group and project: its correction is
                // the later accepted sheet with the same identity.
                let identity = SubmissionIdentity(form: validated.form, fallbackYear: 0)
                guard !identity.orgKey.isEmpty, !identity.projectKey.isEmpty else { continue }
                try statements.rejectedSheet.run { row in
                    row.add(fileID)
                    row.add(identity.kind.rawValue)
                    row.add(SubmissionIdentity.fiscalYear(of: validated.form))
                    row.add(identity.orgName)
                    row.add(identity.projectName)
                    row.add(identity.phase)
                    row.add(identity.orgKey)
                    row.add(identity.projectKey)
                }
            }
        }
    }

    private func insertSubmission(_ form: ExtractedForm, columns: LedgerFormColumns, index: Int,
                                  identity: SubmissionIdentity, fileID: Int64,
                                  db: Database, statements: CommitStatements,
                                  summary: inout LedgerCommitSummary) throws -> Int64 {
        try statements.submission.run { row in
            row.add(fileID)
            row.add(form.sheet)
            row.add(index)
            row.add(identity.kind.rawValue)
            row.add(identity.fiscalYear)
            row.add(identity.orgName)
            row.add(identity.projectName)
            row.add(identity.phase)
            row.add(identity.orgKey)
            row.add(identity.projectKey)
        }
        let id = db.lastInsertedRowID
        summary.affectedYears.insert(identity.fiscalYear)
        try statements.supersede.run { row in
            row.add(id)
            row.add(identity.kind.rawValue)
            row.add(identity.fiscalYear)
            row.add(identity.orgKey)
            row.add(identity.projectKey)
            row.add(identity.phase)
            row.add(id)
        }
        summary.superseded += db.changesCount
        // The fields in one packed row; the scores also one row each, to be queried in SQL.
        try statements.fields.run { row in
            row.add(id)
            row.add(columns.packed)
            row.add(columns.fieldValues)
        }
        var scores: [(side: String, viewpoint: String, score: Int?)] = []
        let ownSide = form.kind == .evaluation ? "evaluator" : "org"
        if form.kind == .evaluation { try Self.recordEvaluation(form, submissionID: id, identity: identity, db: db) }
        for (key, reading) in form.fields {
            let side = key.hasPrefix("scores.") ? ownSide : key.hasPrefix("city_scores.") ? "city" : nil
            guard let side else { continue }
            var score: Int?
            if case .integer(let s) = reading.value { score = s }
            scores.append((side, String(key.dropFirst(side == "city" ? "city_scores.".count : "scores.".count)), score))
        }
        try statements.scores.insert(scores, submissionID: id)
        return id
    }

    /// The INSERTs of a sheet's scores, all rows in one statement, prepared once per commit for each
    /// number of rows met (a sheet has 14 scores, or fewer when rows are missing).
    private final class ScoreInserts {
        private let db: Database
        private var byCount: [Int: PreparedInsert] = [:]

        init(_ db: Database) { self.db = db }

        /// At most this many rows a statement (4 values each, well within SQLite's 999 variables).
        static let maxRows = 200

        func insert(_ scores: [(side: String, viewpoint: String, score: Int?)], submissionID: Int64) throws {
            for start in stride(from: 0, to: scores.count, by: Self.maxRows) {
                let chunk = scores[start..<min(scores.count, start + Self.maxRows)]
                if byCount[chunk.count] == nil {
                    let rows = Array(repeating: "(?, ?, ?, ?)", count: chunk.count).joined(separator: ", ")
                    byCount[chunk.count] = try PreparedInsert(db, sql: "INSERT INTO scores (submission_id, side, viewpoint, score) VALUES \(rows)")
                }
                try byCount[chunk.count]!.run { row in
                    for score in chunk {
                        row.add(submissionID)
                        row.add(score.side)
                        row.add(score.viewpoint)
                        row.add(score.score)
                    }
                }
            }
        }
    }

    private func insertIssue(_ issue: ValidationIssue, fileID: Int64, submissionID: Int64?,
                             statements: CommitStatements) throws {
        try statements.issue.run { row in
            row.add(fileID)
            row.add(submissionID)
            row.add(issue.sheet)
            row.add(issue.severity.rawValue)
            row.add(issue.code)
            row.add(issue.field)
            row.add(issue.cell)
            row.add(issue.message)
        }
    }

    // MARK: Inbox bookkeeping

    /// Files whose inbox copy may still exist (committed, removal not yet confirmed).
    public func filesAwaitingInboxRemoval() throws -> [(id: Int64, originalName: String, sha256: String, storedPath: String)] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT id, original_name, sha256, stored_path FROM files WHERE inbox_state = 'stored' ORDER BY id")
                .map { ($0[0], $0[1], $0[2], $0[3]) }
        }
    }

    /// Confirms that the inbox copies of these files are gone.
    public func markInboxRemoved(_ ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try queue.write { db in
            let statement = try db.cachedStatement(sql: "UPDATE files SET inbox_state = 'removed' WHERE id = ?")
            for id in ids { try statement.execute(arguments: [id]) }
        }
    }

    /// Every path (relative to the workspace) the ledger knows in archive/ or rejected/, notes included.
    public func knownStoredPaths() throws -> Set<String> {
        Set(try knownStoredPathList())
    }

    /// `knownStoredPaths`, as bytes: a set of `String` holds one of two names that differ only in
    /// normalisation (see `PathKey`).
    func knownStoredPathKeys() throws -> Set<PathKey> {
        Set(try knownStoredPathList().map(PathKey.init))
    }

    private func knownStoredPathList() throws -> [String] {
        try queue.read { db in
            var paths: [String] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT stored_path, note_path FROM files")
            while let row = try rows.next() {
                paths.append(row[0])
                if let note: String = row[1] { paths.append(note) }
            }
            return paths
        }
    }
}

/// Counts of one run, for the summary line and the runs table.
public struct RunCounts: Equatable, Sendable {
    public var accepted = 0
    public var rejected = 0
    public var duplicates = 0
    public var superseded = 0
    /// Files left in the inbox for now (still being written).
    public var waiting = 0
    /// Files the same, byte for byte, as a file rejected earlier (recorded, not stored again).
    public var rejectedAgain = 0

    public init() {}

    public static func += (lhs: inout RunCounts, rhs: RunCounts) {
        lhs.accepted += rhs.accepted
        lhs.rejected += rhs.rejected
        lhs.duplicates += rhs.duplicates
        lhs.superseded += rhs.superseded
        lhs.waiting += rhs.waiting
        lhs.rejectedAgain += rhs.rejectedAgain
    }
}

extension Ledger {
    /// Confirms that every file committed by this run so far has left the inbox.
    public func markAllInboxRemoved(runID: Int64) throws {
        try queue.write { db in
            try db.execute(sql: "UPDATE files SET inbox_state = 'removed' WHERE run_id = ? AND inbox_state = 'stored'",
                           arguments: [runID])
        }
    }

    /// Of these stored paths (files of this run), those whose submissions replaced an earlier one.
    public func supersedingFiles(runID: Int64, storedPaths: [String]) throws -> Set<String> {
        guard !storedPaths.isEmpty else { return [] }
        return try queue.read { db in
            let rows = try String.fetchAll(db, sql: """
                SELECT DISTINCT f.stored_path FROM files f
                JOIN submissions s ON s.file_id = f.id
                JOIN submissions old ON old.superseded_by = s.id
                WHERE f.run_id = ?
                """, arguments: [runID])
            return Set(rows).intersection(storedPaths)
        }
    }
}

extension Ledger {
    /// Puts every file back to "inbox copy may remain", as a kill between commit and removal leaves it.
    /// For recovery tests only.
    func markAllInboxStoredForTesting() throws {
        try queue.write { db in try db.execute(sql: "UPDATE files SET inbox_state = 'stored'") }
    }
}
