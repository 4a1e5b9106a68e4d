import Core
import Foundation
import Forms
import Intake
import Validation
import XLSX

/// A checker for intake's unit tests: reads a tiny text format instead of a workbook, so the move
/// protocol and the ledger can be tested without the reader. A file holds one line per form:
/// `valid|invalid;<fiscal year>;<団体名>;<事業名>;<phase>[;proposal]`; the text `unreadable` makes it unreadable.
struct TextFormChecker: WorkbookChecking {
    func check(paths: [String]) -> [FileResult] {
        paths.map { path in
            let data = FileManager.default.contents(atPath: path) ?? Data()
            let sha = SHA256.hex(of: data)
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if text == "unreadable" {
                let issue = ValidationIssue(severity: .error, code: "file.unreadable", field: "", sheet: "", cell: "",
                                            message: "ファイルを読めません")
                return FileResult(path: path, sha256: sha, status: .unreadable, issues: [issue], forms: [])
            }
            var forms: [ValidatedForm] = []
            var valid = true
            for (index, line) in text.split(separator: "\n").enumerated() {
                let parts = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                guard parts.count >= 5 else { continue }
                let sheet = "Sheet\(index + 1)"
                func reading(_ key: String, _ cell: String, _ value: FieldValue) -> FieldReading {
                    FieldReading(key: key, label: key, labelCell: nil, cell: CellReference(a1: cell)!,
                                 raw: .text("\(value)"), value: value)
                }
                var fields: [String: FieldReading] = [
                    "org_name": reading("org_name", "B2", .text(parts[2])),
                    "project_name": reading("project_name", "B3", .text(parts[3])),
                    "scores.achievement": reading("scores.achievement", "C5", .integer(4)),
                ]
                if let year = Int(parts[1]) { fields["fiscal_year"] = reading("fiscal_year", "B1", .fiscalYear(year)) }
                if !parts[4].isEmpty { fields["phase"] = reading("phase", "B4", .text(parts[4])) }
                var issues: [ValidationIssue] = []
                if parts[0] == "invalid" {
                    valid = false
                    issues.append(ValidationIssue(severity: .error, code: "comment.required", field: "city_comment",
                                                  sheet: sheet, cell: "B20", message: "市のコメントが空欄です。B20 に記入してください。"))
                }
                let kind: FormKind = parts.count > 5 && parts[5] == "proposal" ? .proposal : .reflection
                forms.append(ValidatedForm(form: ExtractedForm(sheet: sheet, kind: kind, fields: fields), issues: issues))
            }
            return FileResult(path: path, sha256: sha, status: valid ? .valid : .invalid, issues: [], forms: forms)
        }
    }
}

/// An output writer for intake's unit tests: one line per current form, so tests can see what the
/// outputs were given.
struct ListingOutputWriter: YearOutputWriting {
    func writeOutputs(fiscalYear: Int, submissions: YearSubmissions, into directory: String) throws {
        let lines = try submissions.files().flatMap { file in
            file.forms.map { form in
                let org = form.form["org_name"].map { "\($0.value)" } ?? ""
                let project = form.form["project_name"].map { "\($0.value)" } ?? ""
                return "\(file.path)|\(form.form.sheet)|\(org)|\(project)"
            }
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: directory + "/listing.txt", atomically: false, encoding: .utf8)
    }
}
