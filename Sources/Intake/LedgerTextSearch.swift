import Aggregation
import Core
import Forms
import Foundation
import GRDB
import Validation

/// The texts of accepted sheets kept searchable: an FTS5 table (`submission_texts`, SQLite's `trigram`
/// tokenizer, SQLite ≥ 3.34) with one row per comment or proposal text of every submission, written
/// in the same transaction as the submission itself (`Ledger.commit`).
///
/// Each row holds the text folded (`SearchFolding`: NFKC and lower case, character by character),
/// which is what is matched, and the text as read, which is what is shown. A search is for texts
/// holding every word of the query (words folded the same way): words of three or more characters
/// through the trigram index (`MATCH`, a substring match), shorter words with `instr()` over the same
/// column (a trigram index cannot look up one or two characters: those rows are scanned, after the
/// longer words have narrowed them when there are any). So the hits are exactly those of a plain
/// substring scan of the folded texts. Superseded and withdrawn submissions stay in the table and
/// are left out by the query; personal fields (代表者, 所在地, 電話, メール) are never put in it.
extension Ledger {
    /// The fields whose text is searchable, in the order a sheet shows them.
    public static let searchableFields: [String] = ["org_comment", "city_comment", "outlook"]
        + Viewpoint.allCases.map { "comments.\($0.rawValue)" }
        + ["theme", "local_issue", "purpose", "description", "expected_effect", "org_role", "city_role"]

    static func registerTextSearch(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v8: comment and proposal texts searchable (FTS5 trigram)") { db in
            try db.execute(sql: """
                CREATE VIRTUAL TABLE submission_texts USING fts5(
                    folded,                             -- the text folded (NFKC, lower case): what is matched
                    submission_id UNINDEXED,
                    field UNINDEXED,                    -- org_comment, comments.achievement, local_issue …
                    original UNINDEXED,                 -- the text as read: what is shown
                    tokenize = 'trigram case_sensitive 1'
                );
                """)
            // The submissions recorded before this version, from their packed fields.
            let insert = try PreparedInsert(db, sql: insertTextSQL)
            let rows = try Row.fetchCursor(db, sql: "SELECT submission_id, packed FROM submission_fields ORDER BY submission_id")
            while let row = try rows.next() {
                let id: Int64 = row[0]
                let packed: Data = row[1]
                let fields = try packed.withUnsafeBytes { try FieldPacking.unpack($0) }
                try insertTexts(LedgerFormColumns.searchableTexts(of: fields), submissionID: id, statement: insert)
            }
        }
    }

    static let insertTextSQL = "INSERT INTO submission_texts (folded, submission_id, field, original) VALUES (?, ?, ?, ?)"

    /// One row per searchable text of a form that is not blank.
    static func insertTexts(_ texts: [LedgerFormColumns.SearchableText], submissionID: Int64, statement: PreparedInsert) throws {
        for text in texts {
            try statement.run { row in
                row.add(text.folded)
                row.add(submissionID)
                row.add(text.field)
                row.add(text.original)
            }
        }
    }

    /// One text that holds every word of a search.
    public struct TextHit: Equatable, Sendable {
        public var fiscalYear: Int
        /// 事業ID, as the year's outputs give it.
        public var projectID: String
        public var orgName: String
        public var projectName: String
        /// `reflection` or `proposal`.
        public var kind: String
        /// 中間, 最終, or empty when the sheet states none (proposals: empty).
        public var phase: String
        /// The field key: `org_comment`, `comments.achievement`, `local_issue` …
        public var field: String
        /// The whole text as read.
        public var text: String
        /// The file as it was dropped into the inbox.
        public var file: String
    }

    /// How a search was answered, for `--json` and for people: `fts5` (every word of 3+ characters),
    /// `instr` (every word shorter), or `fts5+instr`.
    public static func searchMethod(words: [String]) -> String {
        let long = words.contains { $0.unicodeScalars.count >= 3 }, short = words.contains { $0.unicodeScalars.count < 3 }
        return long && short ? "fts5+instr" : long ? "fts5" : "instr"
    }

    /// The current submissions' texts (not superseded, not withdrawn) holding every word (already folded, `SearchFolding.words`), newest
    /// year first, then by 団体名, 事業名, kind, phase and the field's place on the form.
    public func searchTexts(words: [String]) throws -> [TextHit] {
        guard !words.isEmpty else { return [] }
        var conditions = ["s.superseded_by IS NULL", "s.withdrawn = 0"], arguments: [DatabaseValueConvertible] = []
        let long = words.filter { $0.unicodeScalars.count >= 3 }
        if !long.isEmpty {
            conditions.append("submission_texts MATCH ?")
            // Each word one phrase (quotes doubled inside), all required.
            arguments.append(long.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " AND "))
        }
        for word in words where word.unicodeScalars.count < 3 {
            conditions.append("instr(t.folded, ?) > 0")
            arguments.append(word)
        }
        let order = Self.searchableFields.enumerated().map { "WHEN '\($0.element)' THEN \($0.offset)" }.joined(separator: " ")
        let sql = """
            SELECT s.fiscal_year, s.org_name, s.project_name, s.kind, s.phase, t.field, t.original, f.original_name
            FROM submission_texts t JOIN submissions s ON s.id = t.submission_id JOIN files f ON f.id = s.file_id
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY s.fiscal_year DESC, s.org_key, s.project_key, s.kind DESC, s.phase, CASE t.field \(order) END, s.id
            """
        return try queue.read { db in
            let rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
            var ids: [Int: [ProjectKey: String]] = [:]
            for year in Set(rows.map { $0[0] as Int }) { ids[year] = try Self.projectIDs(db, fiscalYear: year) }
            return rows.map { row in
                let year: Int = row[0], org: String = row[1], project: String = row[2]
                return TextHit(fiscalYear: year, projectID: ids[year]?[ProjectKey(orgName: org, projectName: project)] ?? "",
                               orgName: org, projectName: project, kind: row[3], phase: row[4], field: row[5],
                               text: row[6], file: row[7])
            }
        }
    }

    /// 事業ID of every current project of a year, made as the year's outputs make them (from the
    /// names as read, among all the year's projects).
    private static func projectIDs(_ db: Database, fiscalYear: Int) throws -> [ProjectKey: String] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT DISTINCT org_name, project_name FROM submissions
            WHERE fiscal_year = ? AND superseded_by IS NULL AND withdrawn = 0
            """, arguments: [fiscalYear])
        let keys = Set(rows.map { ProjectKey(orgName: $0[0], projectName: $0[1]) })
        return ProjectIDs.assign(fiscalYear: fiscalYear, keys: keys)
    }
}
