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
            let range: StatementArguments = [years.lowerBound, years.upperBound]
            let current = "s.fiscal_year BETWEEN ? AND ? AND s.superseded_by IS NULL"
            // Labels, keys and sheet names repeat on every sheet: one copy of each.
            var pool: [String: String] = [:]
            func intern(_ text: String) -> String {
                if let known = pool[text] { return known }
                pool[text] = text
                return text
            }
            // All fields of the current submissions in one pass, grouped by submission.
            var fieldsBySubmission: [Int64: [String: FieldReading]] = [:]
            let fieldRows = try Row.fetchCursor(db, sql: """
                SELECT fl.submission_id, fl.key, fl.label, fl.label_cell, fl.cell, fl.raw_kind, fl.raw_text, fl.raw_number,
                       fl.value_kind, fl.value_text, fl.value_number, fl.normalisation
                FROM fields fl JOIN submissions s ON s.id = fl.submission_id WHERE \(current)
                """, arguments: range)
            while let field = try fieldRows.next() {
                let key = intern(field[1])
                let rawText: String? = field[6]
                var valueText: String? = field[9]
                if let raw = rawText, valueText == raw { valueText = raw }  // share one buffer
                let labelCell = (field[3] as String?).flatMap { CellReference(a1: $0) }
                fieldsBySubmission[field[0], default: [:]][key] = FieldReading(
                    key: key, label: intern(field[2]), labelCell: labelCell,
                    cell: CellReference(a1: field[4]) ?? CellReference(row: 0, column: 0),
                    raw: LedgerCoding.decodeRaw(kind: field[5], text: rawText, number: field[7]),
                    value: LedgerCoding.decodeValue(kind: field[8], text: valueText, number: field[10]),
                    normalisation: (field[11] as String?).map(intern))
            }
            var issuesBySubmission: [Int64: [ValidationIssue]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT i.submission_id, i.severity, i.code, i.field, i.sheet, i.cell, i.message
                FROM issues i JOIN submissions s ON s.id = i.submission_id WHERE \(current) ORDER BY i.rowid
                """, arguments: range) {
                issuesBySubmission[row[0], default: []].append(ValidationIssue(
                    severity: Severity(rawValue: row[1]) ?? .warning, code: intern(row[2]), field: intern(row[3]),
                    sheet: intern(row[4]), cell: row[5], message: row[6]))
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.id, s.file_id, s.sheet, s.kind, f.original_name, f.sha256, s.fiscal_year
                FROM submissions s JOIN files f ON f.id = s.file_id
                WHERE \(current)
                ORDER BY s.fiscal_year, s.org_key, s.project_key, s.kind, s.phase, f.sha256, s.sheet_index
                """, arguments: range)
            var order: [Int64] = []
            var results: [Int64: FileResult] = [:]
            for row in rows {
                let submissionID: Int64 = row[0]
                let fileID: Int64 = row[1]
                if results[fileID] == nil {
                    order.append(fileID)
                    let fileIssues = try Self.issues(db, sql: "SELECT * FROM issues WHERE file_id = ? AND submission_id IS NULL AND sheet = '' ORDER BY rowid", fileID)
                    results[fileID] = FileResult(path: row[4], sha256: row[5], status: .valid, issues: fileIssues, forms: [])
                }
                let kind = FormKind(rawValue: row[3]) ?? .reflection
                var fields = fieldsBySubmission.removeValue(forKey: submissionID) ?? [:]
                if fields["fiscal_year"] == nil {
                    // The sheet gave no 実施年度: intake filed it under the year it was received; say so.
                    let year: Int = row[6]
                    fields["fiscal_year"] = FieldReading(
                        key: "fiscal_year", label: "実施年度", labelCell: nil, cell: CellReference(row: 0, column: 0),
                        raw: .empty, value: .fiscalYear(year), normalisation: "実施年度の記入がないため、受け付けた日の年度としました")
                }
                let issues = issuesBySubmission.removeValue(forKey: submissionID) ?? []
                results[fileID]?.forms.append(ValidatedForm(form: ExtractedForm(sheet: intern(row[2]), kind: kind, fields: fields), issues: issues))
            }
            return order.compactMap { results[$0] }
        }
    }

    private static func issues(_ db: Database, sql: String, _ id: Int64) throws -> [ValidationIssue] {
        try Row.fetchAll(db, sql: sql, arguments: [id]).map { row in
            ValidationIssue(severity: Severity(rawValue: row["severity"]) ?? .warning, code: row["code"],
                            field: row["field"], sheet: row["sheet"], cell: row["cell"], message: row["message"])
        }
    }
}
