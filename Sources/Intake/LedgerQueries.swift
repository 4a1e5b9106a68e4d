import Foundation
import Forms
import GRDB
import Validation
import XLSX

/// Reading the ledger back: current submissions as validation values, and figures for `status`.
extension Ledger {
    /// Fiscal years whose outputs are out of date.
    public func staleOutputYears() throws -> [Int] {
        try queue.read { db in try Int.fetchAll(db, sql: "SELECT fiscal_year FROM stale_outputs ORDER BY fiscal_year") }
    }

    /// Marks the outputs of a fiscal year as up to date.
    public func markOutputsFresh(_ year: Int) throws {
        try queue.write { db in try db.execute(sql: "DELETE FROM stale_outputs WHERE fiscal_year = ?", arguments: [year]) }
    }

    /// Marks the outputs of a fiscal year as out of date.
    public func markOutputsStale(_ year: Int) throws {
        try queue.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO stale_outputs (fiscal_year) VALUES (?)", arguments: [year])
        }
    }

    /// Every fiscal year with at least one submission.
    public func fiscalYears() throws -> [Int] {
        try queue.read { db in try Int.fetchAll(db, sql: "SELECT DISTINCT fiscal_year FROM submissions ORDER BY fiscal_year") }
    }

    /// The current (not superseded) submissions of a fiscal year, as the validator's values, one
    /// `FileResult` per archived file, in a stable order (団体名, 事業名, kind, phase, sha256).
    ///
    /// `path` is the name the file was dropped under, so outputs do not depend on archive renames.
    public func currentFiles(fiscalYear: Int) throws -> [FileResult] {
        try currentFiles(years: fiscalYear...fiscalYear)
    }

    /// The current submissions of every fiscal year up to `fiscalYear`, oldest year first: what a
    /// year's outputs need for the comparison with earlier years.
    public func currentFiles(throughYear fiscalYear: Int) throws -> [FileResult] {
        try currentFiles(years: Int.min...fiscalYear)
    }

    private func currentFiles(years: ClosedRange<Int>) throws -> [FileResult] {
        try queue.read { db in
            let submissions = try Self.currentSubmissions(db, years: years)
            var forms: [Int64: ExtractedForm] = [:]
            try Self.forEachCurrentForm(db, years: years, submissions: submissions) { id, form in forms[id] = form }
            return try Self.assembleFiles(db, years: years, submissions: submissions) { submission in
                forms.removeValue(forKey: submission.id) ?? ExtractedForm(sheet: submission.sheet, kind: submission.kind, fields: [:])
            }
        }
    }

    /// One current submission, without its fields.
    struct CurrentSubmission {
        var id: Int64
        var fileID: Int64
        var sheet: String
        var kind: FormKind
        var path: String
        var sha256: String
        var fiscalYear: Int
    }

    /// The current submissions in the outputs' order (団体名, 事業名, kind, phase, sha256), and by id.
    struct CurrentSubmissions {
        var ordered: [CurrentSubmission] = []
        var byID: [Int64: CurrentSubmission] = [:]
    }

    private static func current(_ alias: String = "s") -> String {
        "\(alias).fiscal_year BETWEEN ? AND ? AND \(alias).superseded_by IS NULL AND \(alias).withdrawn = 0"
    }

    static func currentSubmissions(_ db: Database, years: ClosedRange<Int>) throws -> CurrentSubmissions {
        var result = CurrentSubmissions()
        for row in try Row.fetchAll(db, sql: """
            SELECT s.id, s.file_id, s.sheet, s.kind, f.original_name, f.sha256, s.fiscal_year
            FROM submissions s JOIN files f ON f.id = s.file_id
            WHERE \(current())
            ORDER BY s.fiscal_year, s.org_key, s.project_key, s.kind, s.phase, f.sha256, s.sheet_index
            """, arguments: [years.lowerBound, years.upperBound]) {
            let submission = CurrentSubmission(id: row[0], fileID: row[1], sheet: row[2],
                                               kind: FormKind(rawValue: row[3]) ?? .reflection,
                                               path: row[4], sha256: row[5], fiscalYear: row[6])
            result.ordered.append(submission)
            result.byID[submission.id] = submission
        }
        return result
    }

    /// Builds each current form from its packed fields, one submission at a time (in submission
    /// order), and hands it to `body`; only one form's fields are held at once.
    ///
    /// `ids` limits the submissions read (a part of a read in parallel, `mapCurrentForms`).
    static func forEachCurrentForm(_ db: Database, years: ClosedRange<Int>, submissions: CurrentSubmissions,
                                   ids: ClosedRange<Int64> = Int64.min...Int64.max,
                                   _ body: (Int64, ExtractedForm) throws -> Void) throws {
        // Labels, keys and sheet names repeat on every sheet: one copy of each.
        var pool = FieldPacking.TextPool()
        var seen = Set<Int64>()
        func finish(_ id: Int64, _ fields: [String: FieldReading]) throws {
            guard let submission = submissions.byID[id] else { return }
            seen.insert(id)
            var fields = fields
            if fields["fiscal_year"] == nil {
                // The sheet gave no 実施年度: intake filed it under the year it was received; say so.
                fields["fiscal_year"] = FieldReading(
                    key: "fiscal_year", label: "実施年度", labelCell: nil, cell: CellReference(row: 0, column: 0),
                    raw: .empty, value: .fiscalYear(submission.fiscalYear),
                    normalisation: "実施年度の記入がないため、受け付けた日の年度としました")
            }
            try body(id, ExtractedForm(sheet: pool.shared(submission.sheet), kind: submission.kind, fields: fields))
        }
        let packedRows = try Row.fetchCursor(db, sql: """
            SELECT p.submission_id, p.packed
            FROM submission_fields p JOIN submissions s ON s.id = p.submission_id
            WHERE \(current()) AND p.submission_id BETWEEN ? AND ?
            ORDER BY p.submission_id
            """, arguments: [years.lowerBound, years.upperBound, ids.lowerBound, ids.upperBound])
        while let row = try packedRows.next() {
            let fields = try row.withUnsafeData(atIndex: 1) { data in
                try (data ?? Data()).withUnsafeBytes { try FieldPacking.unpack($0, pool: &pool) }
            }
            try finish(row[0], fields)
        }
        // Submissions without packed fields still are forms.
        for submission in submissions.ordered where ids.contains(submission.id) && !seen.contains(submission.id) {
            try finish(submission.id, [:])
        }
    }

    /// The current files in the outputs' order, each with its file-level issues and its forms (made
    /// by `form`) with their issues.
    static func assembleFiles(_ db: Database, years: ClosedRange<Int>, submissions: CurrentSubmissions,
                              form: (CurrentSubmission) throws -> ExtractedForm) throws -> [FileResult] {
        var issuesBySubmission: [Int64: [ValidationIssue]] = [:]
        var pool: [String: String] = [:]
        func intern(_ text: String) -> String {
            if let known = pool[text] { return known }
            pool[text] = text
            return text
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT i.submission_id, i.severity, i.code, i.field, i.sheet, i.cell, i.message
            FROM issues i JOIN submissions s ON s.id = i.submission_id WHERE \(current()) ORDER BY i.rowid
            """, arguments: [years.lowerBound, years.upperBound]) {
            issuesBySubmission[row[0], default: []].append(ValidationIssue(
                severity: Severity(rawValue: row[1]) ?? .warning, code: intern(row[2]), field: intern(row[3]),
                sheet: intern(row[4]), cell: row[5], message: row[6]))
        }
        // File-level issues (no sheet) of the files holding current submissions, in one query rather
        // than one per file.
        var issuesByFile: [Int64: [ValidationIssue]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT i.file_id, i.severity, i.code, i.field, i.sheet, i.cell, i.message
            FROM issues i
            WHERE i.submission_id IS NULL AND i.sheet = ''
              AND i.file_id IN (SELECT s.file_id FROM submissions s WHERE \(current()))
            ORDER BY i.rowid
            """, arguments: [years.lowerBound, years.upperBound]) {
            issuesByFile[row[0], default: []].append(ValidationIssue(
                severity: Severity(rawValue: row[1]) ?? .warning, code: row[2], field: row[3],
                sheet: row[4], cell: row[5], message: row[6]))
        }
        var order: [Int64] = []
        var results: [Int64: FileResult] = [:]
        for submission in submissions.ordered {
            if results[submission.fileID] == nil {
                order.append(submission.fileID)
                results[submission.fileID] = FileResult(path: submission.path, sha256: submission.sha256, status: .valid,
                                                        issues: issuesByFile[submission.fileID] ?? [], forms: [])
            }
            let issues = issuesBySubmission.removeValue(forKey: submission.id) ?? []
            results[submission.fileID]?.forms.append(ValidatedForm(form: try form(submission), issues: issues))
        }
        return order.compactMap { results[$0] }
    }
}
