import Core
import Foundation
import Validation
import XLSX

/// The `<name>.エラー.txt` written beside a rejected file, for whoever sent it: what to fix and who
/// fixes it (the group, 団体, or the city department, 担当課), in the run's language.
///
/// Staff forward it as it is, so it speaks to the submitter: no folder of the workspace, no advice
/// meant for the office. Each item names its place once (the validator's message says the sheet and
/// cell; the file is named once at the top), items come in sheet and cell order with the same
/// severity words as `validate`, and a note lists at most `maxItems` items, then counts the rest.
public enum RejectionNote {
    /// Appended to the rejected file's name.
    public static let suffix = ".エラー.txt"

    /// The most items a note lists; the rest are counted.
    public static let maxItems = 50

    /// Who must act on an item.
    public enum Addressee: Sendable, Equatable {
        /// The group that filled in the form (団体).
        case group
        /// The city department that works with it (担当課): 市のコメント and the city's scores.
        case department
    }

    /// Who fills in the field with this key path: 市のコメント and 市の評価 are the department's.
    public static func addressee(ofField field: String) -> Addressee {
        field == "city_comment" || field.hasPrefix("city_scores.") ? .department : .group
    }

    /// The note for a file that is not a workbook we read: how to save it as one.
    public static func notXLSX(originalName: String, language: Language = .ja) -> String {
        // The sender knows the file by its name, not by the inbox subfolder staff put it in.
        let originalName = NameText.shown(PathText.lastComponent(originalName))
        let ext = (originalName as NSString).pathExtension.lowercased()
        let ja = language == .ja
        let shownExt = ext.isEmpty ? (ja ? "なし" : "none") : "." + ext
        var lines = ja
            ? ["ファイル「\(originalName)」は受け付けられませんでした。", "",
               "理由: Excel ブック（.xlsx）ではありません（拡張子: \(shownExt)）。", "", "直し方:"]
            : ["The file \"\(originalName)\" was not accepted.", "",
               "Reason: it is not an Excel workbook (.xlsx) (extension: \(shownExt)).", "", "How to fix it:"]
        switch ext {
        case "xls", "xlsm", "xlsb", "xlt", "xltx", "xltm":
            lines += ja ? [
                "1. このファイルを Excel で開きます。",
                "2. 「ファイル」→「名前を付けて保存」を選びます。",
                "3. 「ファイルの種類」で「Excel ブック (*.xlsx)」を選んで保存します。",
            ] : [
                "1. Open this file in Excel.",
                "2. Choose File → Save As.",
                "3. Under \"Save as type\" choose \"Excel Workbook (*.xlsx)\" and save.",
            ]
        case "fods":
            lines += ja ? [
                "1. このファイルを LibreOffice Calc で開きます。",
                "2. 「ファイル」→「名前を付けて保存」を選びます。",
                "3. 「ファイルの種類」で「ODF 表計算ドキュメント (.ods)」または「Excel 2007-365 (.xlsx)」を選んで保存します。",
            ] : [
                "1. Open this file in LibreOffice Calc.",
                "2. Choose File → Save As.",
                "3. Under \"File type\" choose \"ODF Spreadsheet (.ods)\" or \"Excel 2007-365 (.xlsx)\" and save.",
            ]
        case "csv", "tsv", "txt":
            lines += ja ? [
                "CSV やテキストには様式の書式や結合セルが残らないため、そのままでは読み取れません。",
                "1. 市の様式（.xlsx）を開き、内容を写して記入します。",
                "2. Excel で「名前を付けて保存」→「Excel ブック (*.xlsx)」で保存します。",
            ] : [
                "CSV and text files keep neither the form's layout nor its merged cells, so they cannot be read.",
                "1. Open the city's form (.xlsx) and copy the contents into it.",
                "2. In Excel, choose Save As → \"Excel Workbook (*.xlsx)\".",
            ]
        case "pdf":
            lines += ja ? [
                "PDF からは記入内容を読み取れません。",
                "1. 元の Excel ファイルを探して、そのまま（.xlsx のまま）送ってください。",
                "2. 元のファイルがない場合は市の様式（.xlsx）に記入し直してください。",
            ] : [
                "What is written in a PDF cannot be read.",
                "1. Find the original Excel file and send it as it is (as .xlsx).",
                "2. If there is no original, fill in the city's form (.xlsx) again.",
            ]
        default:
            lines += ja ? [
                "1. 市の様式（.xlsx）を Excel で開いて記入します。",
                "2. 「名前を付けて保存」→「Excel ブック (*.xlsx)」で保存します。",
            ] : [
                "1. Open the city's form (.xlsx) in Excel and fill it in.",
                "2. Save it with Save As → \"Excel Workbook (*.xlsx)\".",
            ]
        }
        lines += ["", ja ? "保存した .xlsx ファイルを、もう一度送ってください。" : "Then send the saved .xlsx file again.", ""]
        return lines.joined(separator: "\n")
    }

    /// One thing to fix, as the note lists it.
    struct Item: Equatable {
        var severity: Severity
        var addressee: Addressee
        var text: String
    }

    /// The note for a workbook with errors (or one that cannot be read): every issue with its place.
    public static func invalid(originalName: String, result: FileResult, language: Language = .ja) -> String {
        let shownName = NameText.shown(PathText.lastComponent(originalName))
        let ja = language == .ja
        let items = self.items(of: result, language: language)
        let errors = items.filter { $0.severity == .error }.count
        let warnings = items.count - errors
        var lines = [ja ? "ファイル「\(shownName)」は受け付けられませんでした。" : "The file \"\(shownName)\" was not accepted."]
        if result.status == .unreadable {
            lines.append(ja ? "ファイルを読み取れませんでした。次のとおり保存し直して、もう一度送ってください。"
                            : "The file could not be read. Save it again as follows and send it again.")
        } else {
            lines.append(ja ? "次の箇所を直して、もう一度送ってください（エラー \(errors)件・警告 \(warnings)件）。"
                              + "エラーを直せば受け付けます。警告は確かめて、必要なら直してください。"
                            : "Please correct the following and send the file again (\(errors) error\(errors == 1 ? "" : "s"), "
                              + "\(warnings) warning\(warnings == 1 ? "" : "s")). It is accepted once the errors are corrected; "
                              + "check the warnings and correct them if needed.")
        }
        let shown = Array(items.prefix(maxItems))
        var number = 0
        for addressee in [Addressee.group, .department] {
            let part = shown.filter { $0.addressee == addressee }
            guard !part.isEmpty else { continue }
            lines.append("")
            lines.append(heading(addressee, language))
            for item in part {
                number += 1
                let word = ja ? (item.severity == .error ? "エラー" : "警告") : (item.severity == .error ? "error" : "warning")
                lines.append("\(number). [\(word)] \(item.text)")
            }
        }
        if items.isEmpty {
            lines.append("")
            lines.append(ja ? "（問題の詳細はありません）" : "(no details)")
        }
        if items.count > shown.count {
            let rest = items.dropFirst(shown.count)
            let restErrors = rest.filter { $0.severity == .error }.count
            lines.append("")
            lines.append(ja ? "ほかに \(rest.count)件あります（エラー \(restErrors)件・警告 \(rest.count - restErrors)件）。"
                              + "上の箇所を直したうえで、同じ種類の誤りがほかにないか確かめてください。"
                            : "\(rest.count) more (\(restErrors) error\(restErrors == 1 ? "" : "s"), "
                              + "\(rest.count - restErrors) warning\(rest.count - restErrors == 1 ? "" : "s")) are not listed. "
                              + "Correct the ones above and look for more of the same kind.")
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }

    private static func heading(_ addressee: Addressee, _ language: Language) -> String {
        switch (addressee, language) {
        case (.group, .ja): return "■ 団体が直すところ"
        case (.department, .ja): return "■ 担当課（市）が記入するところ（団体が書く必要はありません。担当課に伝えてください）"
        case (.group, .en): return "■ To be corrected by the organisation (団体)"
        case (.department, .en): return "■ To be filled in by the city department (担当課), not by the organisation: please pass these on to it"
        }
    }

    /// The items of a result in order: file-level first, then each form's (in the file's order of
    /// sheets) by row and column, those without a cell last; the group's before the department's.
    static func items(of result: FileResult, language: Language) -> [Item] {
        // The name as the validator's messages spell it (its last component, unescaped).
        let fileName = PathText.lastComponent(result.path)
        var items = result.issues.map { issue in
            Item(severity: issue.severity, addressee: .group, text: fileLevelText(issue, fileName: fileName, language))
        }
        for form in result.forms {
            let ordered = form.issues.enumerated().sorted { a, b in
                let ka = cellOrder(a.element.cell), kb = cellOrder(b.element.cell)
                return ka != kb ? ka.lexicographicallyPrecedes(kb) : a.offset < b.offset
            }
            items += ordered.map { _, issue in
                Item(severity: issue.severity, addressee: addressee(ofField: issue.field),
                     text: formText(issue, fileName: fileName, language))
            }
        }
        // The group's items first, each part keeping its order (a stable partition).
        return items.filter { $0.addressee == .group } + items.filter { $0.addressee == .department }
    }

    /// Row, then column; an issue without a cell after every cell.
    private static func cellOrder(_ cell: String) -> [Int] {
        guard let reference = CellReference(a1: cell) else { return [Int.max, Int.max] }
        return [reference.row, reference.column]
    }

    /// The validator's message without the file's name, which the note says once at the top.
    static func formText(_ issue: ValidationIssue, fileName: String, _ language: Language) -> String {
        if issue.code == "department.unknown" {
            // The validator's advice is for the office (its settings); the group checks the name.
            let place = issue.cell.isEmpty ? "" : (language == .ja ? "（シート「\(issue.sheet)」\(issue.cell)）" : " (sheet \"\(issue.sheet)\" cell \(issue.cell))")
            return language == .ja ? "「担当課」\(place)が市の課の名前と一致しません。担当課に正しい課の名前を確かめて記入してください。"
                : "The 担当課 (department)\(place) is not the name of one of the city's departments. Check the exact name with the department and enter it."
        }
        if issue.code == "fiscal_year.missing" {
            // The validator's message says how run and process file such a sheet: the office's concern.
            return language == .ja ? "シート「\(issue.sheet)」に実施年度の記入がありません。実施年度の欄に年度（例: 令和6年度）を記入してください。"
                : "Sheet \"\(issue.sheet)\" has no 実施年度 (fiscal year). Enter the year (for example 令和6年度) in its 実施年度 field."
        }
        return withoutFileName(issue.message, fileName: fileName, language)
    }

    /// What is wrong with a file that cannot be read (or holds no form), as advice the sender can follow.
    static func fileLevelText(_ issue: ValidationIssue, fileName: String, _ language: Language) -> String {
        let ja = language == .ja
        switch issue.code {
        case "reader.password_protected":
            return ja ? "パスワードが掛かっているため開けません。Excel でパスワードを外して保存し、もう一度送ってください。"
                : "The file is protected by a password and cannot be opened. Remove the password in Excel, save it and send it again."
        case "reader.legacy_xls", "file.not_xlsx":
            return ja ? "古い形式（.xls）または Excel ブックでないファイルです。Excel で開き、「名前を付けて保存」で「Excel ブック (*.xlsx)」を選んで保存し、もう一度送ってください。"
                : "The file is in the old .xls format or is not an Excel workbook. Open it in Excel, choose Save As → \"Excel Workbook (*.xlsx)\", and send it again."
        case "reader.open_document_spreadsheet":
            return ja ? "ファイルが壊れています。LibreOffice Calc で開き直して保存し、もう一度送ってください。"
                : "The file is damaged. Open it in LibreOffice Calc, save it again and send it again."
        case "reader.limit_exceeded":
            return ja ? "ファイルが大きすぎるため読み取れません。様式のシートだけを残して保存し、もう一度送ってください。"
                : "The file is too large to be read. Keep only the form's sheets, save it and send it again."
        default:
            if issue.code.hasPrefix("reader.") || issue.code.hasPrefix("file.") {
                return ja ? "ファイルが壊れています。Excel で開き直して保存し、もう一度送ってください。"
                    : "The file is damaged. Open it again in Excel, save it and send it again."
            }
            return withoutFileName(issue.message, fileName: fileName, language)
        }
    }

    /// `ファイル「a.xlsx」の「①…」の評価（…）が空欄です。` → `「①…」の評価（…）が空欄です。`;
    /// `a.xlsx, sheet "S" cell D7: the score…` → `Sheet "S" cell D7: the score…`. A message that does
    /// not start with the name is kept whole.
    static func withoutFileName(_ message: String, fileName: String, _ language: Language) -> String {
        switch language {
        case .ja:
            let prefix = "ファイル「\(fileName)」"
            guard message.hasPrefix(prefix) else { return message }
            let rest = message.dropFirst(prefix.count)
            if rest.hasPrefix("の") { return String(rest.dropFirst()) }
            return "このファイル" + rest
        case .en:
            for separator in [", ", ": "] where message.hasPrefix(fileName + separator) {
                let rest = message.dropFirst(fileName.count + separator.count)
                return rest.prefix(1).uppercased() + rest.dropFirst()
            }
            return message
        }
    }
}
