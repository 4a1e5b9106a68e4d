import Core
import Foundation
import Validation

/// The `<name>.エラー.txt` written beside a rejected file: every problem, in Japanese, with its cell.
public enum RejectionNote {
    /// Appended to the rejected file's name.
    public static let suffix = ".エラー.txt"

    /// The note for a file that is not an .xlsx workbook: how to save it as one.
    public static func notXLSX(originalName: String) -> String {
        let originalName = NameText.shown(originalName)
        let ext = (originalName as NSString).pathExtension.lowercased()
        var lines = [
            "ファイル「\(originalName)」は受け付けられませんでした。",
            "",
            "理由: Excel ブック（.xlsx）ではありません（拡張子: \(ext.isEmpty ? "なし" : "." + ext)）。",
            "",
            "直し方:",
        ]
        switch ext {
        case "xls", "xlsm", "xlsb", "xlt", "xltx", "xltm":
            lines += [
                "1. このファイルを Excel で開きます。",
                "2. 「ファイル」→「名前を付けて保存」を選びます。",
                "3. 「ファイルの種類」で「Excel ブック (*.xlsx)」を選んで保存します。",
            ]
        case "fods":
            lines += [
                "1. このファイルを LibreOffice Calc で開きます。",
                "2. 「ファイル」→「名前を付けて保存」を選びます。",
                "3. 「ファイルの種類」で「ODF 表計算ドキュメント (.ods)」または「Excel 2007-365 (.xlsx)」を選んで保存します。",
            ]
        case "csv", "tsv", "txt":
            lines += [
                "CSV やテキストには様式の書式や結合セルが残らないため、そのままでは読み取れません。",
                "1. templates フォルダの様式（.xlsx）を開き、内容を写して記入します。",
                "2. Excel で「名前を付けて保存」→「Excel ブック (*.xlsx)」で保存します。",
            ]
        case "pdf":
            lines += [
                "PDF からは記入内容を読み取れません。",
                "1. 元の Excel ファイルを探して、そのまま（.xlsx のまま）提出してください。",
                "2. 元のファイルがない場合は templates フォルダの様式（.xlsx）に記入し直してください。",
            ]
        default:
            lines += [
                "1. templates フォルダの様式（.xlsx）を Excel で開いて記入します。",
                "2. 「名前を付けて保存」→「Excel ブック (*.xlsx)」で保存します。",
            ]
        }
        lines += ["", "保存した .xlsx ファイルを、もう一度 inbox フォルダに入れてください。", ""]
        return lines.joined(separator: "\n")
    }

    /// The note for a workbook with errors: every issue with its sheet and cell.
    public static func invalid(originalName: String, result: FileResult) -> String {
        let originalName = NameText.shown(originalName)
        var lines = [
            "ファイル「\(originalName)」は受け付けられませんでした。",
            result.status == .unreadable
                ? "ファイルを読み取れませんでした。次の内容を確かめてください。"
                : "次の箇所を直して、もう一度 inbox フォルダに入れてください。",
            "",
        ]
        var number = 0
        func add(_ issue: ValidationIssue) {
            number += 1
            let kind = issue.severity == .error ? "エラー" : "注意"
            var place = ""
            if !issue.sheet.isEmpty { place += "シート「\(issue.sheet)」" }
            if !issue.cell.isEmpty { place += " セル \(issue.cell)" }
            lines.append("\(number). [\(kind)]\(place.isEmpty ? "" : " " + place.trimmingCharacters(in: .whitespaces))：\(issue.message)")
        }
        result.issues.forEach(add)
        for form in result.forms { form.issues.forEach(add) }
        if number == 0 { lines.append("（問題の詳細はありません）") }
        lines.append("")
        return lines.joined(separator: "\n")
    }
}
