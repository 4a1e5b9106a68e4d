import Foundation
import Forms
import GRDB
import Validation

extension Ledger {
    /// The files rejected (with errors, unreadable, or not `.xlsx`) of a fiscal year, with their issues,
    /// for that year's 検証結果: those whose sheets state the year, and those that state none and were
    /// received during it (April to March, Japan time). Their forms carry no fields (the ledger keeps
    /// none for rejected files), only their sheet and issues.
    public func rejectedFiles(receivedInFiscalYear year: Int) throws -> [FileResult] {
        // 00:00 on 1 April in Japan is 15:00 UTC on 31 March; timestamps are ISO 8601 UTC text.
        let from = String(format: "%04d-03-31T15:00:00", year), to = String(format: "%04d-03-31T15:00:00", year + 1)
        return try queue.read { db in
            var results: [FileResult] = [], index: [Int64: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT id, original_name, sha256, status, outcome FROM files
                WHERE outcome IN ('rejected', 'not_xlsx')
                  AND (fiscal_year = ? OR (fiscal_year IS NULL AND received_at >= ? AND received_at < ?))
                ORDER BY original_name, id
                """, arguments: [year, from, to]) {
                let status = (row[3] as String?).flatMap(FileStatus.init(rawValue:)) ?? .unreadable
                index[row[0]] = results.count
                results.append(FileResult(path: row[1], sha256: row[2], status: status == .valid ? .invalid : status,
                                          issues: [], forms: []))
                if (row[4] as String) == "not_xlsx" {
                    results[results.count - 1].issues.append(ValidationIssue(
                        severity: .error, code: "file.not_xlsx", field: "", sheet: "", cell: "",
                        message: "Excel ブック（.xlsx）ではないため受け付けませんでした。Excel で開き、「名前を付けて保存」で Excel ブック (*.xlsx) にしてください。"))
                }
            }
            guard !results.isEmpty else { return [] }
            for row in try Row.fetchAll(db, sql: """
                SELECT i.file_id, i.severity, i.code, i.field, i.sheet, i.cell, i.message
                FROM issues i JOIN files f ON f.id = i.file_id
                WHERE f.outcome IN ('rejected', 'not_xlsx')
                  AND (f.fiscal_year = ? OR (f.fiscal_year IS NULL AND f.received_at >= ? AND f.received_at < ?))
                ORDER BY i.rowid
                """, arguments: [year, from, to]) {
                guard let at = index[row[0]] else { continue }
                let issue = ValidationIssue(severity: Severity(rawValue: row[1]) ?? .error, code: row[2], field: row[3],
                                            sheet: row[4], cell: row[5], message: row[6])
                if issue.sheet.isEmpty {
                    results[at].issues.append(issue)
                } else if let form = results[at].forms.firstIndex(where: { $0.form.sheet == issue.sheet }) {
                    results[at].forms[form].issues.append(issue)
                } else {
                    results[at].forms.append(ValidatedForm(form: ExtractedForm(sheet: issue.sheet, kind: .reflection, fields: [:]),
                                                           issues: [issue]))
                }
            }
            return results
        }
    }
}
