import ArgumentParser
import Foundation
import XLSX

/// `furikaeri inspect [--json] FILE...`: every cell a workbook holds, as JSON (the contract shape
/// in PRODUCT.md) or as a readable listing per sheet.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "ブックの全セルを表示します（--json で JSON 出力）。")

    @Flag(name: .long, help: "PRODUCT.md の形の JSON で出力します。")
    var json = false

    @Option(name: .long, help: "メッセージの言語: ja または en。")
    var lang = "ja"

    @Option(name: .long, help: "ファイルごとの JSON（<名前>.json）をこのフォルダーに書きます（--json と併用）。")
    var outputDir: String?

    @Argument(help: "読み取る .xlsx ファイル。")
    var files: [String]

    func validate() throws {
        guard lang == "ja" || lang == "en" else { throw ValidationError("--lang は ja か en を指定してください。") }
        if outputDir != nil && !json { throw ValidationError("--output-dir は --json と一緒に指定してください。") }
    }

    func run() throws {
        var failed = false
        for file in files {
            let result = WorkbookInspection(path: file)
            if let error = result.error {
                failed = true
                let message = lang == "en" ? error.englishMessage : error.japaneseMessage
                FileHandle.standardError.write(Data("\(file): \(message)\n".utf8))
            }
            let message = result.error.map { lang == "en" ? $0.englishMessage : $0.japaneseMessage }
            let text = json ? result.json(errorMessage: message) + "\n" : result.listing(english: lang == "en")
            if let outputDir {
                let name = (URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent) + ".json"
                try Data(text.utf8).write(to: URL(fileURLWithPath: outputDir).appendingPathComponent(name))
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
        if failed { throw ExitCode(1) }
    }
}

/// One workbook read for `inspect`: its sheets' grids, or the error that stopped the read.
struct WorkbookInspection {
    var fileName: String
    var sheets: [(info: SheetInfo, grid: SheetGrid)] = []
    var error: XLSXError?

    init(path: String) {
        fileName = URL(fileURLWithPath: path).lastPathComponent
        do {
            let workbook = try Workbook.open(path: path)
            for info in workbook.sheets {
                sheets.append((info, try workbook.grid(sheetAt: info.index)))
            }
        } catch let error as XLSXError {
            self.error = error
            sheets = []
        } catch {
            self.error = .cannotOpenFile(path: path, reason: "\(error)")
            sheets = []
        }
    }

    /// `{"file", "error", "sheets": [{"name", "cells": {"A1": {"t", "v"}}, "merged": [...]}]}`.
    func json(errorMessage: String?) -> String {
        var out = "{\"file\":" + jsonString(fileName) + ",\"error\":" + (errorMessage.map(jsonString) ?? "null") + ",\"sheets\":["
        for (n, sheet) in sheets.enumerated() {
            if n > 0 { out += "," }
            out += "{\"name\":" + jsonString(sheet.info.name) + ",\"cells\":{"
            for (k, ref) in sheet.grid.cells.keys.sorted().enumerated() {
                if k > 0 { out += "," }
                out += "\"" + ref.a1 + "\":" + jsonCell(sheet.grid.cells[ref] ?? .empty)
            }
            out += "},\"merged\":[" + sheet.grid.merged.map { jsonString($0.a1) }.joined(separator: ",") + "]}"
        }
        return out + "]}"
    }

    /// One sheet after another, each cell on a line: reference, type and value.
    func listing(english: Bool) -> String {
        var out = (english ? "File: " : "ファイル: ") + fileName + "\n"
        if let error {
            return out + (english ? "Error: " + error.englishMessage : "エラー: " + error.japaneseMessage) + "\n"
        }
        for sheet in sheets {
            let hidden = sheet.info.hidden ? (english ? " (hidden)" : "（非表示）") : ""
            out += "\n" + (english ? "Sheet \"\(sheet.info.name)\"" : "シート「\(sheet.info.name)」") + hidden
                + (english ? ": \(sheet.grid.cells.count) cells\n" : ": \(sheet.grid.cells.count) セル\n")
            for ref in sheet.grid.cells.keys.sorted() {
                let (kind, text) = describe(sheet.grid.cells[ref] ?? .empty, english: english)
                out += "  " + ref.a1.padding(toLength: 8, withPad: " ", startingAt: 0) + kind + "  "
                    + text.replacingOccurrences(of: "\n", with: "⏎") + "\n"
            }
            if !sheet.grid.merged.isEmpty {
                out += (english ? "  merged: " : "  結合: ") + sheet.grid.merged.map(\.a1).joined(separator: ", ") + "\n"
            }
        }
        return out
    }

    private func describe(_ value: CellValue, english: Bool) -> (String, String) {
        switch value {
        case .text(let s): return (english ? "text   " : "文字列", s)
        case .number(let d): return (english ? "number " : "数値  ", numberText(d))
        case .bool(let b): return (english ? "boolean" : "真偽値", b ? "TRUE" : "FALSE")
        case .dateTime(let d): return (english ? "date   " : "日付  ", d.isoString)
        case .error(let e): return (english ? "error  " : "エラー", e)
        case .empty: return (english ? "empty  " : "空    ", "")
        }
    }
}

/// `{"t": ..., "v": ...}` for one cell.
func jsonCell(_ value: CellValue) -> String {
    switch value {
    case .text(let s): return "{\"t\":\"s\",\"v\":" + jsonString(s) + "}"
    case .number(let d): return "{\"t\":\"n\",\"v\":" + numberText(d) + "}"
    case .bool(let b): return "{\"t\":\"b\",\"v\":" + (b ? "true" : "false") + "}"
    case .dateTime(let d): return "{\"t\":\"d\",\"v\":" + jsonString(d.isoString) + "}"
    case .error(let e): return "{\"t\":\"e\",\"v\":" + jsonString(e) + "}"
    case .empty: return "null"
    }
}

/// A JSON number; integral values keep a `.0`, as the reference output does.
func numberText(_ d: Double) -> String {
    d.isFinite ? "\(d)" : "null"
}

/// A JSON string literal, with quotes, backslashes and control characters escaped.
func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
