import ArgumentParser
import Core
import Foundation
import Settings
import Validation
import XLSX

/// `furikaeri inspect [--json] FILE...`: every cell a workbook holds, as JSON (the contract shape
/// in docs/contracts.md) or as a readable listing per sheet.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: HelpText.text("ブックの全セルを表示します（--json で JSON 出力）。"))

    @Flag(name: .long, help: HelpText.argument("docs/contracts.md の形の JSON で出力します。"))
    var json = false

    @Flag(name: .long, help: HelpText.argument("様式として読んだ項目ごとに、値・セル・見つけた見出しと指摘を表示します。"))
    var fields = false

    @Option(name: .long, help: HelpText.argument("設定ファイル（YAML、--fields で使います）。省略時は現在のフォルダーの furikaeri.yml。"))
    var config: String?

    @OptionGroup var lang: LanguageOptions

    @Option(name: .long, help: HelpText.argument("ファイルごとの JSON（<名前>.json）をこのフォルダーに書きます（--json と併用）。"))
    var outputDir: String?

    @Option(name: .long, help: HelpText.argument("読み取るファイルの一覧（1行に1パス、- は標準入力）。多数のファイルを一度に読むときに使います。"))
    var filesFrom: String?

    @Argument(help: HelpText.argument("読み取る .xlsx ファイル。"))
    var files: [String] = []

    func validate() throws {
        let say = RunLanguage.current
        if outputDir != nil && !json { throw say.usage("--output-dir は --json と一緒に指定してください。", "Give --output-dir together with --json.") }
        if fields && (json || outputDir != nil) {
            throw say.usage("--fields は --json・--output-dir と一緒には使えません。", "--fields cannot be used with --json or --output-dir.")
        }
        if files.isEmpty && filesFrom == nil { throw say.usage("読み取るファイルを指定してください。", "Give the files to read.") }
    }

    func run() throws {
        let english = lang.language == .en
        let paths = try allFiles()
        if fields { return try listFields(paths, english: english) }
        var failed = false
        // Workbooks are read in parallel, a window at a time, and written in the given order.
        let window = 64
        var start = 0
        while start < paths.count {
            let slice = Array(paths[start..<min(start + window, paths.count)])
            let rendered = Parallel.map(count: slice.count) { render(slice[$0], english: english) }
            for (path, output) in zip(slice, rendered) {
                if let message = output.errorMessage {
                    failed = true
                    OutputFile.standardError.write(Array("\(path): \(message)\n".utf8))
                }
                try emit(output)
            }
            start += window
        }
        if failed { throw ExitCode(1) }
    }

    /// One workbook's output, made on a worker thread.
    struct Rendered {
        var fileName = ""
        var bytes: [UInt8] = []
        var errorMessage: String?
    }

    private func render(_ path: String, english: Bool) -> Rendered {
        let result = WorkbookInspection(path: path)
        let bytes = json ? result.json(english: english) : Array(result.listing(english: english).utf8)
        return Rendered(fileName: result.fileName, bytes: bytes,
                        errorMessage: result.error.map { english ? $0.englishMessage : $0.japaneseMessage })
    }

    /// `--fields`: the fields read from each file, as `validate` reads them (same settings file).
    private func listFields(_ paths: [String], english: Bool) throws {
        let language: Language = english ? .en : .ja
        let path = config ?? (FileManager.default.fileExists(atPath: ValidateCommand.defaultSettingsFile)
            ? ValidateCommand.defaultSettingsFile : nil)
        var settings = Settings.defaults
        if let path {
            do { settings = try Settings.load(path: path) } catch let error as SettingsError { throw error.usageExit(language) }
        }
        let validator = FileValidator.forWorkbooks(settings: settings, language: language)
        var failed = false
        for path in paths {
            let result = validator.validateFile(at: path)
            if result.status != .valid { failed = true }
            OutputFile.standardOutput.write(Array(FieldListing.render(result, english: english).utf8))
        }
        if failed { throw ExitCode(1) }
    }

    private func emit(_ output: Rendered) throws {
        guard let outputDir else {
            OutputFile.standardOutput.write(output.bytes)
            return
        }
        // `book.xlsx` and `book.ods` both give `book.json`.
        let base = [".xlsx", ".ods"].first(where: output.fileName.hasSuffix).map { String(output.fileName.dropLast($0.count)) }
            ?? output.fileName
        do {
            try DurableFiles.write(Data(output.bytes), to: PathText.join(outputDir, base + ".json"), replacing: true)
        } catch {
            throw ValidationError("\(outputDir) に書き込めません。フォルダーの場所と権限を確認してください。")
        }
    }

    /// The files named on the command line, then those listed by `--files-from`.
    private func allFiles() throws -> [String] {
        guard let filesFrom else { return files }
        let handle = filesFrom == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: filesFrom)
        guard let handle else {
            throw ValidationError("ファイル一覧 \(filesFrom) を読めません。パスと権限を確認してください。")
        }
        let listed = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self).split(whereSeparator: \.isNewline)
        return files + listed.map(String.init).filter { !$0.isEmpty }
    }
}

/// One workbook read for `inspect`: its sheets' cells in row order, or the error that stopped
/// the read.
struct WorkbookInspection {
    /// One sheet: its description, cells with values in row-then-column order, merged ranges.
    struct Sheet {
        var info: SheetInfo
        var cells: [Cell]
        var merged: [CellRange]
    }

    var fileName: String
    var sheets: [Sheet] = []
    var error: XLSXError?

    init(path: String) {
        fileName = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
        do {
            let workbook = try Workbook.open(path: path)
            for info in workbook.sheets {
                var reader = try workbook.cellReader(sheetAt: info.index)
                var cells: [Cell] = []
                var ordered = true
                while let cell = try reader.nextCell() {
                    switch cell.value {
                    case .empty: continue
                    case .text(let text) where text.isEmpty: continue
                    default: break
                    }
                    if let last = cells.last, !(last.reference < cell.reference) { ordered = false }
                    cells.append(cell)
                }
                if !ordered { cells = Self.lastValuePerReference(cells) }
                sheets.append(Sheet(info: info, cells: cells, merged: reader.mergedRanges))
            }
        } catch let error as XLSXError {
            self.error = error
            sheets = []
        } catch {
            self.error = .cannotOpenFile(path: path, reason: "\(error)")
            sheets = []
        }
    }

    /// Cells sorted by position, keeping the last of any repeated reference (as a grid does).
    private static func lastValuePerReference(_ cells: [Cell]) -> [Cell] {
        var byReference: [CellReference: Cell] = [:]
        for cell in cells { byReference[cell.reference] = cell }
        return byReference.values.sorted { $0.reference < $1.reference }
    }

    /// `{"file", "error", "sheets": [{"name", "cells": {"A1": {"t", "v"}}, "merged": [...]}]}`.
    func json(english: Bool) -> [UInt8] {
        var out = JSONWriter()
        out.raw("{\"file\":")
        out.string(fileName)
        out.raw(",\"error\":")
        if let error { out.string(english ? error.englishMessage : error.japaneseMessage) } else { out.raw("null") }
        out.raw(",\"sheets\":[")
        for (n, sheet) in sheets.enumerated() {
            if n > 0 { out.raw(",") }
            out.raw("{\"name\":")
            out.string(sheet.info.name)
            out.raw(",\"cells\":{")
            for (k, cell) in sheet.cells.enumerated() {
                if k > 0 { out.raw(",") }
                out.reference(cell.reference)
                out.raw(":")
                out.cell(cell.value)
            }
            out.raw("},\"merged\":[")
            for (k, range) in sheet.merged.enumerated() {
                if k > 0 { out.raw(",") }
                out.range(range)
            }
            out.raw("]}")
        }
        out.raw("]}\n")
        return out.bytes
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
                + (english ? ": \(sheet.cells.count) cells\n" : ": \(sheet.cells.count) セル\n")
            for cell in sheet.cells {
                let (kind, text) = Self.describe(cell.value, english: english)
                out += "  " + cell.reference.a1.padding(toLength: 8, withPad: " ", startingAt: 0) + kind + "  "
                    + text.replacingOccurrences(of: "\n", with: "⏎") + "\n"
            }
            if !sheet.merged.isEmpty {
                out += (english ? "  merged: " : "  結合: ") + sheet.merged.map(\.a1).joined(separator: ", ") + "\n"
            }
        }
        return out
    }

    private static func describe(_ value: CellValue, english: Bool) -> (String, String) {
        switch value {
        case .text(let s): return (english ? "text   " : "文字列", s)
        case .number(let d): return (english ? "number " : "数値  ", "\(d)")
        case .bool(let b): return (english ? "boolean" : "真偽値", b ? "TRUE" : "FALSE")
        case .dateTime(let d): return (english ? "date   " : "日付  ", d.isoString)
        case .error(let e): return (english ? "error  " : "エラー", e)
        case .empty: return (english ? "empty  " : "空    ", "")
        }
    }
}

/// JSON written straight into bytes: many files go through here, so no intermediate Strings.
struct JSONWriter {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(4096) }

    mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A string literal, escaped as every JSON furikaeri writes (`JSONValue.encodeString`).
    mutating func string(_ s: String) { JSONValue.encodeString(s, into: &bytes) }

    /// `"A1:B2"`.
    mutating func range(_ range: CellRange) {
        bytes.append(34)
        bytes.append(contentsOf: range.start.a1.utf8)
        bytes.append(58)
        bytes.append(contentsOf: range.end.a1.utf8)
        bytes.append(34)
    }

    /// `"B7"`.
    mutating func reference(_ ref: CellReference) {
        bytes.append(34)
        bytes.append(contentsOf: ref.a1.utf8)
        bytes.append(34)
    }

    /// `{"t": ..., "v": ...}` for one cell; numbers as JSON numbers, dates as ISO 8601 text.
    mutating func cell(_ value: CellValue) {
        switch value {
        case .text(let s): raw("{\"t\":\"s\",\"v\":"); string(s)
        case .number(let d):
            raw("{\"t\":\"n\",\"v\":")
            if d.isFinite { bytes.append(contentsOf: "\(d)".utf8) } else { raw("null") }
        case .bool(let b): raw("{\"t\":\"b\",\"v\":"); b ? raw("true") : raw("false")
        case .dateTime(let d): raw("{\"t\":\"d\",\"v\":"); string(d.isoString)
        case .error(let e): raw("{\"t\":\"e\",\"v\":"); string(e)
        case .empty: raw("null"); return
        }
        bytes.append(125)
    }
}

/// A file descriptor written with POSIX `write`: no Foundation buffering or syncing per file.
struct OutputFile {
    let descriptor: Int32

    static let standardOutput = OutputFile(descriptor: 1)
    static let standardError = OutputFile(descriptor: 2)

    init(descriptor: Int32) { self.descriptor = descriptor }

    func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { if n < 0 && errno == EINTR { continue }; return }
                offset += n
            }
        }
    }
}
