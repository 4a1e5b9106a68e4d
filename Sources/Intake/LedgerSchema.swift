import Foundation
import Forms
import GRDB
import XLSX

/// The ledger's tables, created and upgraded by GRDB migrations (never edit a shipped migration;
/// add a new one). v1 kept one `fields` row per field; v2 packs a form's fields into one
/// `submission_fields` row (see `FieldPacking`); v3 keys `scores` by submission, side and viewpoint.
enum LedgerSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs, files, submissions, fields, scores, issues") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    command TEXT NOT NULL,              -- run or watch
                    started_at TEXT NOT NULL,           -- ISO 8601, UTC
                    finished_at TEXT,                   -- NULL while running or when killed
                    accepted INTEGER NOT NULL DEFAULT 0,
                    rejected INTEGER NOT NULL DEFAULT 0,
                    duplicates INTEGER NOT NULL DEFAULT 0,
                    superseded INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE files (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    sha256 TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    original_name TEXT NOT NULL,        -- path relative to inbox/, as dropped
                    received_at TEXT NOT NULL,          -- ISO 8601, UTC: when intake took it
                    outcome TEXT NOT NULL,              -- accepted | duplicate | rejected | not_xlsx
                    status TEXT,                        -- valid | invalid | unreadable (from validation)
                    fiscal_year INTEGER,                -- archive year (accepted, duplicate)
                    stored_path TEXT NOT NULL,          -- relative to the workspace: archive/... or rejected/...
                    note_path TEXT,                     -- rejected/<name>.エラー.txt
                    duplicate_of INTEGER REFERENCES files(id),
                    inbox_state TEXT NOT NULL           -- stored: inbox copy may remain; removed: inbox copy gone
                );
                CREATE INDEX files_sha ON files(sha256);
                CREATE INDEX files_inbox_state ON files(inbox_state);
                CREATE TABLE submissions (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    file_id INTEGER NOT NULL REFERENCES files(id),
                    sheet TEXT NOT NULL,
                    sheet_index INTEGER NOT NULL,
                    kind TEXT NOT NULL,                 -- reflection | proposal
                    fiscal_year INTEGER NOT NULL,
                    org_name TEXT NOT NULL,
                    project_name TEXT NOT NULL,
                    phase TEXT NOT NULL,                -- 中間 | 最終 | '' when the sheet has none
                    org_key TEXT NOT NULL,              -- normalised 団体名
                    project_key TEXT NOT NULL,          -- normalised 事業名
                    superseded_by INTEGER REFERENCES submissions(id)
                );
                CREATE INDEX submissions_key ON submissions(kind, fiscal_year, org_key, project_key, phase);
                CREATE INDEX submissions_year ON submissions(fiscal_year);
                CREATE TABLE fields (
                    submission_id INTEGER NOT NULL REFERENCES submissions(id),
                    key TEXT NOT NULL,
                    label TEXT NOT NULL,
                    label_cell TEXT,
                    cell TEXT NOT NULL,
                    raw_kind TEXT NOT NULL,
                    raw_text TEXT,
                    raw_number REAL,
                    value_kind TEXT NOT NULL,
                    value_text TEXT,
                    value_number REAL,
                    normalisation TEXT
                );
                CREATE INDEX fields_submission ON fields(submission_id);
                CREATE TABLE scores (
                    submission_id INTEGER NOT NULL REFERENCES submissions(id),
                    side TEXT NOT NULL,                 -- org | city
                    viewpoint TEXT NOT NULL,
                    score INTEGER                       -- NULL when unreadable
                );
                CREATE INDEX scores_submission ON scores(submission_id);
                CREATE TABLE issues (
                    file_id INTEGER NOT NULL REFERENCES files(id),
                    submission_id INTEGER REFERENCES submissions(id),
                    sheet TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    code TEXT NOT NULL,
                    field TEXT NOT NULL,
                    cell TEXT NOT NULL,
                    message TEXT NOT NULL
                );
                CREATE INDEX issues_file ON issues(file_id);
                -- Fiscal years whose outputs must be regenerated (set in the same transaction as the
                -- change, cleared once the outputs are written), so a kill in between is caught up later.
                CREATE TABLE stale_outputs (fiscal_year INTEGER PRIMARY KEY);
                """)
        }
        migrator.registerMigration("v2: fields packed one row per submission") { db in
            try db.execute(sql: """
                CREATE TABLE submission_fields (
                    submission_id INTEGER PRIMARY KEY REFERENCES submissions(id),
                    packed BLOB NOT NULL                -- every field of the form (FieldPacking)
                );
                """)
            try packFieldRows(db)
            try db.execute(sql: "DROP TABLE fields")
        }
        migrator.registerMigration("v3: scores keyed by submission, side and viewpoint") { db in
            // Without a rowid the key is the table: one B-tree to insert into per score, not a table
            // and an index; a sheet's scores are inserted by one statement.
            try db.execute(sql: """
                CREATE TABLE scores_by_key (
                    submission_id INTEGER NOT NULL REFERENCES submissions(id),
                    side TEXT NOT NULL,                 -- org | city
                    viewpoint TEXT NOT NULL,
                    score INTEGER,                      -- NULL when unreadable
                    PRIMARY KEY (submission_id, side, viewpoint)
                ) WITHOUT ROWID;
                INSERT OR REPLACE INTO scores_by_key (submission_id, side, viewpoint, score)
                    SELECT submission_id, side, viewpoint, score FROM scores ORDER BY rowid;
                DROP TABLE scores;
                ALTER TABLE scores_by_key RENAME TO scores;
                """)
        }
        Ledger.registerOrgCodes(in: &migrator)
        migrator.registerMigration("v4: files a run could not take, and why") { db in
            // One row per file a run left in the inbox for a reason other than settling (a copy that
            // failed, a file saved again, removed or unreadable), as the lines it printed.
            try db.execute(sql: """
                CREATE TABLE intake_problems (
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    original_name TEXT NOT NULL,        -- path relative to inbox/, shown escaped
                    line_ja TEXT NOT NULL,
                    line_en TEXT NOT NULL
                );
                CREATE INDEX intake_problems_run ON intake_problems(run_id);
                """)
        }
        migrator.registerMigration("v5: where a file's fiscal year came from") { db in
            // NULL: the sheet's own 実施年度 field. Otherwise title, file_name, folder_name, setting or
            // receipt (the fiscal year the file was received in), as `validate --json` says.
            try db.execute(sql: "ALTER TABLE files ADD COLUMN fiscal_year_source TEXT")
        }
        migrator.registerMigration("v6: withdrawals, and the sheets of rejected files") { db in
            try db.execute(sql: """
                -- 1 while the submission's file is withdrawn (furikaeri withdraw): it is in no output.
                ALTER TABLE submissions ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0;
                -- Every withdrawal, and its undoing; the file's stored_path follows it into and out
                -- of archive/取り下げ/.
                CREATE TABLE withdrawals (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    file_id INTEGER NOT NULL REFERENCES files(id),
                    withdrawn_at TEXT NOT NULL,         -- ISO 8601, UTC
                    reason TEXT NOT NULL,
                    archived_path TEXT NOT NULL,        -- where it was in archive/ before
                    withdrawn_path TEXT,                -- where it went (NULL: it was missing, nothing moved)
                    undone_at TEXT                      -- NULL while withdrawn
                );
                CREATE INDEX withdrawals_file ON withdrawals(file_id);
                -- What each readable sheet of a rejected file says it is, so that a later accepted
                -- sheet with the same identity is known to be its correction.
                CREATE TABLE rejected_sheets (
                    file_id INTEGER NOT NULL REFERENCES files(id),
                    kind TEXT NOT NULL,
                    fiscal_year INTEGER,                -- NULL when the sheet states none
                    org_name TEXT NOT NULL,
                    project_name TEXT NOT NULL,
                    phase TEXT NOT NULL,
                    org_key TEXT NOT NULL,
                    project_key TEXT NOT NULL
                );
                CREATE INDEX rejected_sheets_file ON rejected_sheets(file_id);
                CREATE INDEX rejected_sheets_key ON rejected_sheets(kind, org_key, project_key, phase);
                """)
        }
        migrator.registerMigration("v7: third-party evaluations and the evaluator sheets sent") { db in
            // A 第三者評価票 is a submission of kind 'evaluation' whose phase column holds its evaluator
            // (normalised, `SubmissionIdentity`): a resubmission by the same evaluator for the same
            // project supersedes the earlier one. Its scores are side 'evaluator'.
            try db.execute(sql: """
                CREATE TABLE evaluations (
                    submission_id INTEGER PRIMARY KEY REFERENCES submissions(id),
                    fiscal_year INTEGER NOT NULL,
                    project_id TEXT NOT NULL,           -- 事業ID such as R6-1A2B3C4D
                    evaluator TEXT NOT NULL,            -- as written on the sheet
                    evaluator_key TEXT NOT NULL         -- normalised
                );
                CREATE INDEX evaluations_year ON evaluations(fiscal_year, evaluator_key);
                -- One row per evaluator workbook written by `furikaeri evaluation-sheets` (the latest).
                CREATE TABLE evaluation_sheets (
                    fiscal_year INTEGER NOT NULL,
                    evaluator TEXT NOT NULL,
                    evaluator_key TEXT NOT NULL,
                    file TEXT NOT NULL,                 -- relative to the workspace
                    projects INTEGER NOT NULL,
                    written_at TEXT NOT NULL,           -- ISO 8601, UTC
                    PRIMARY KEY (fiscal_year, evaluator_key)
                );
                """)
        }
        Ledger.registerTextSearch(in: &migrator)
        Ledger.registerFieldValues(in: &migrator)
        return migrator
    }

    /// Moves every `fields` row of a v1 ledger into its submission's packed value, read back as v1's
    /// reader read it (a cell that does not parse was taken as A1).
    private static func packFieldRows(_ db: Database) throws {
        let insert = try db.makeStatement(sql: "INSERT INTO submission_fields (submission_id, packed) VALUES (?, ?)")
        func store(_ id: Int64, _ fields: [String: FieldReading]) throws {
            try insert.execute(arguments: [id, Data(FieldPacking.pack(fields))])
        }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT submission_id, key, label, label_cell, cell, raw_kind, raw_text, raw_number,
                   value_kind, value_text, value_number, normalisation
            FROM fields ORDER BY submission_id, rowid
            """)
        var currentID: Int64?
        var fields: [String: FieldReading] = [:]
        while let row = try rows.next() {
            let id: Int64 = row[0]
            if id != currentID {
                if let currentID { try store(currentID, fields) }
                currentID = id
                fields = [:]
            }
            let key: String = row[1]
            fields[key] = FieldReading(
                key: key, label: row[2], labelCell: (row[3] as String?).flatMap { CellReference(a1: $0) },
                cell: CellReference(a1: row[4]) ?? CellReference(row: 0, column: 0),
                raw: LedgerCoding.decodeRaw(kind: row[5], text: row[6], number: row[7]),
                value: LedgerCoding.decodeValue(kind: row[8], text: row[9], number: row[10]),
                normalisation: row[11])
        }
        if let currentID { try store(currentID, fields) }
    }
}
