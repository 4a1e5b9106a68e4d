import Core
import Foundation
import GRDB
import Reports
import Validation

/// `furikaeri export`: the ledger's files, sheets and issues as three tables, for staff who keep
/// their own lists. Headers and the words in the cells are in the run's language; messages are as
/// the ledger keeps them (in the language of the run that took the file).
public enum LedgerExport {
    /// The three tables, named (as sheets, or as the end of CSV file names) ファイル, シート, 指摘 or
    /// files, sheets, issues.
    public static func tables(_ ledger: Ledger, language: Language) throws -> [CSVTable] {
        let ja = language == .ja
        let corrections = Dictionary(try ledger.rejections().map { ($0.storedPath, $0.correctedBy) }) { first, _ in first }
        return try ledger.queue.read { db in
            var withdrawals: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT file_id, reason FROM withdrawals WHERE undone_at IS NULL") {
                withdrawals[row[0]] = row[1]
            }
            var files = CSVTable(fileName: ja ? "ファイル" : "files", header: ja
                ? ["提出ID", "受付日時(UTC)", "元のファイル名", "結果", "年度", "保存先", "説明ファイル", "訂正したファイル", "取り下げの理由", "SHA-256"]
                : ["Submission ID", "Received (UTC)", "Name as dropped", "Outcome", "Fiscal year", "Stored at", "Note", "Corrected by", "Reason withdrawn", "SHA-256"])
            var ids: [Int64: (id: String, name: String, outcome: String)] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT id, sha256, received_at, original_name, outcome, fiscal_year, stored_path, note_path FROM files ORDER BY id
                """) {
                let fileID: Int64 = row[0]
                let submissionID = SubmissionID.of(sha256: row[1], path: row[3])
                let stored: String = row[6]
                let outcome = withdrawals[fileID] != nil ? (ja ? "取り下げ" : "withdrawn") : outcomeWord(row[4], language)
                ids[fileID] = (submissionID, row[3], outcome)
                files.rows.append([.text(submissionID), .text(row[2]), .text(NameText.shown(row[3])), .text(outcome),
                                   .text((row[5] as Int?).map { IntakeText.fiscalYear($0, language) } ?? ""),
                                   .text(NameText.shown(stored)), .text((row[7] as String?).map(NameText.shown) ?? ""),
                                   .text(corrections[stored].flatMap { $0 }.map(NameText.shown) ?? ""),
                                   .text(withdrawals[fileID] ?? ""), .text(row[1])])
            }
            var sheets = CSVTable(fileName: ja ? "シート" : "sheets", header: ja
                ? ["提出ID", "年度", "様式", "団体名", "事業名", "区分", "シート", "状態", "元のファイル名"]
                : ["Submission ID", "Fiscal year", "Form", "Organisation", "Project", "Phase", "Sheet", "State", "Name as dropped"])
            for row in try Row.fetchAll(db, sql: """
                SELECT file_id, fiscal_year, kind, org_name, project_name, phase, sheet, superseded_by IS NULL, withdrawn
                FROM submissions ORDER BY fiscal_year, org_key, project_key, kind, phase, id
                """) {
                let file = ids[row[0]]
                let kind: String = row[2], phase: String = row[5]
                let state = (row[8] as Bool) ? (ja ? "取り下げ" : "withdrawn")
                    : (row[7] as Bool) ? (ja ? "集計に使用" : "current") : (ja ? "再提出で置き換え" : "replaced by a resubmission")
                sheets.rows.append([.text(file?.id ?? ""), .text(IntakeText.fiscalYear(row[1], language)),
                                    .text(kind == "proposal" ? (ja ? "企画提案書" : "proposal") : (ja ? "ふりかえりシート" : "reflection")),
                                    .text(row[3]), .text(row[4]),
                                    .text(ja ? phase : (phase == "中間" ? "interim" : phase == "最終" ? "final" : "")),
                                    .text(row[6]), .text(state), .text(file.map { NameText.shown($0.name) } ?? "")])
            }
            var issues = CSVTable(fileName: ja ? "指摘" : "issues", header: ja
                ? ["提出ID", "元のファイル名", "結果", "シート", "セル", "重要度", "コード", "項目", "メッセージ"]
                : ["Submission ID", "Name as dropped", "Outcome", "Sheet", "Cell", "Severity", "Code", "Field", "Message"])
            for row in try Row.fetchAll(db, sql: "SELECT file_id, sheet, cell, severity, code, field, message FROM issues ORDER BY file_id, rowid") {
                let file = ids[row[0]]
                let severity: String = row[3]
                issues.rows.append([.text(file?.id ?? ""), .text(file.map { NameText.shown($0.name) } ?? ""), .text(file?.outcome ?? ""),
                                    .text(row[1]), .text(row[2]),
                                    .text(ja ? (severity == "error" ? "エラー" : "警告") : severity),
                                    .text(row[4]), .text(row[5]), .text(row[6])])
            }
            return [files, sheets, issues]
        }
    }

    static func outcomeWord(_ outcome: String, _ language: Language) -> String {
        let ja = language == .ja
        switch FileOutcome(rawValue: outcome) {
        case .accepted?: return ja ? "受付" : "accepted"
        case .duplicate?: return ja ? "重複" : "duplicate"
        case .rejected?: return ja ? "差戻し" : "rejected"
        case .notXLSX?: return ja ? "差戻し（.xlsx でない）" : "rejected (not .xlsx)"
        case .rejectedAgain?: return ja ? "差戻し済みと同じ" : "same as a file already rejected"
        case nil: return outcome
        }
    }
}
