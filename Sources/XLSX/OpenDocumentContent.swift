/// OpenDocument spreadsheets (`.ods`, LibreOffice Calc's own format): a zip whose `mimetype` entry
/// names the format and whose `content.xml` holds every sheet.
///
/// `content.xml` is parsed once, at open, through the same SAX machinery, budget and DTD refusal as
/// an `.xlsx`'s parts (streamed, never a DOM): the sheets' names and hidden state, and each sheet's
/// cells as written (a repeated cell once, with its repeat counts) and merged ranges. Reading
/// every sheet from one pass keeps the time linear in the file however many sheets it has (a pass
/// per sheet would read the start of the part again for each); memory is bounded by the cell
/// budget, which every written cell counts against, and forms are small. `cellReader(sheetAt:)`
/// then hands out one sheet's cells, copies of repeated cells one at a time, each copy counted
/// against the budget's repeated-cell limit.
enum OpenDocument {
    static let contentPart = "content.xml"
    static let spreadsheetMimetype = "application/vnd.oasis.opendocument.spreadsheet"

    static let officeNamespace: StaticString = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    static let tableNamespace: StaticString = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    static let textNamespace: StaticString = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    static let styleNamespace: StaticString = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
    /// LibreOffice's extension namespace: `calcext:value-type="error"` marks a formula's error result.
    static let calcextNamespace: StaticString = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"

    /// Whether the archive is an OpenDocument spreadsheet (or template): no OOXML content types,
    /// and a `mimetype` entry that says so.
    static func isSpreadsheet(_ archive: ZipArchive) throws -> Bool {
        guard !archive.contains(ContentTypes.partName),
              let mimetype = try archive.readPrefix("mimetype", maxBytes: 128) else { return false }
        return String(decoding: mimetype, as: UTF8.self).hasPrefix(spreadsheetMimetype)
    }

    /// The sheets of an OpenDocument spreadsheet, in tab order, with their cells. A file saved with
    /// a password (its manifest lists encryption data) is `passwordProtected`; one without
    /// `content.xml` or whose content holds no spreadsheet is `openDocumentSpreadsheet` (damaged).
    static func read(_ archive: ZipArchive) throws -> (sheets: [SheetInfo], tables: [OpenDocumentTable]) {
        if try isEncrypted(archive) { throw XLSXError.passwordProtected }
        let content = OpenDocumentContentParser(budget: archive.budget)
        guard try parsePart(contentPart, in: archive, with: content), content.sawSpreadsheet else {
            throw XLSXError.openDocumentSpreadsheet
        }
        let sheets = content.tables.enumerated().map { index, table in
            SheetInfo(name: table.name, hidden: table.hidden, index: index, partName: contentPart)
        }
        return (sheets, content.tables)
    }

    /// Whether `META-INF/manifest.xml` lists encryption data (LibreOffice's "save with password").
    /// Looked for as bytes, not parsed: the manifest is small, and an old one may carry a DOCTYPE.
    private static func isEncrypted(_ archive: ZipArchive) throws -> Bool {
        guard let manifest = try archive.readPrefix("META-INF/manifest.xml", maxBytes: 256 << 10) else { return false }
        let needle = Array("encryption-data".utf8)
        guard manifest.count >= needle.count else { return false }
        for start in 0...(manifest.count - needle.count) where manifest[start] == needle[0] {
            if manifest[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }

    /// Seconds in an ISO 8601 duration as `office:time-value` writes it (`PT09H15M00S`,
    /// `-PT1H`, `P1DT2H30M0.5S`); nil for anything else, years and months included.
    static func durationSeconds(_ text: String) -> Double? {
        var bytes = Substring(text).utf8[...]
        var sign = 1.0
        if bytes.first == UInt8(ascii: "-") { sign = -1; bytes = bytes.dropFirst() }
        guard bytes.first == UInt8(ascii: "P") else { return nil }
        bytes = bytes.dropFirst()
        var seconds = 0.0, inTime = false, sawPart = false
        while let first = bytes.first {
            if first == UInt8(ascii: "T") { guard !inTime else { return nil }; inTime = true; bytes = bytes.dropFirst(); continue }
            var number = 0.0, digits = 0, scale = 0.0
            while let b = bytes.first, (b >= 48 && b <= 57) || (b == UInt8(ascii: ".") && scale == 0) {
                if b == UInt8(ascii: ".") { scale = 0.1 }
                else if scale > 0 { number += Double(b - 48) * scale; scale /= 10; digits += 1 }
                else { number = number * 10 + Double(b - 48); digits += 1; if digits > 15 { return nil } }
                bytes = bytes.dropFirst()
            }
            guard digits > 0, let unit = bytes.first else { return nil }
            bytes = bytes.dropFirst()
            switch (unit, inTime) {
            case (UInt8(ascii: "W"), false): seconds += number * 604_800
            case (UInt8(ascii: "D"), false): seconds += number * 86_400
            case (UInt8(ascii: "H"), true): seconds += number * 3600
            case (UInt8(ascii: "M"), true): seconds += number * 60
            case (UInt8(ascii: "S"), true): seconds += number
            default: return nil
            }
            sawPart = true
        }
        return sawPart ? sign * seconds : nil
    }
}

/// One table (sheet) of `content.xml`: the rows as written, with their repeat counts.
struct OpenDocumentTable {
    /// One written cell that holds a value: its first column and how many columns repeat it.
    struct RepeatedCell {
        var column: Int
        var count: Int
        var value: CellValue
    }

    /// The cells of one written row that hold values, and how many rows repeat it.
    struct Run {
        var row: Int
        var rows: Int
        var cells: [RepeatedCell]
    }

    var name: String
    var hidden: Bool
    var runs: [Run] = []
    var merged: [CellRange] = []
}

/// The SAX handler for `content.xml`: the tables, with their cells and merged ranges.
///
/// Repeats (`table:number-rows-repeated`, `table:number-columns-repeated`) are never expanded for
/// empty cells: LibreOffice ends rows with a million empty columns and sheets with a million empty
/// rows. A row's cells that hold values are kept once, as written, with the row's repeat count;
/// `OpenDocumentSheetCells` hands out their copies. Merged ranges made by repeats are expanded
/// here, each counted against the repeated-cell limit.
final class OpenDocumentContentParser: SAXHandler, SAXSessionOwner {
    var session: SAXSession?
    private let budget: ReadBudget
    private let maxCellBytes: Int

    /// The tables read so far, in document order.
    private(set) var tables: [OpenDocumentTable] = []
    private(set) var sawSpreadsheet = false

    private typealias ODF = OpenDocument

    private var depth = 0
    private var spreadsheetDepth = -1
    /// The depth of the table being read; 0 outside tables.
    private var tableDepth = 0
    /// Automatic table styles seen so far, and which of them hide their table.
    private var tableStyleName: String?
    private var hiddenTableStyles: Set<String> = []

    private var row = 0
    private var rowDepth = 0
    private var rowRepeat = 1
    private var column = 0
    private var rowCells: [OpenDocumentTable.RepeatedCell] = []
    /// Spanned cells of the row: first column, columns and rows spanned, columns repeated.
    private var rowSpans: [(column: Int, columns: Int, rows: Int, repeat: Int)] = []

    private var cellDepth = 0
    private var columnRepeat = 1
    private var cellKind = ValueKind.none
    private var isErrorResult = false
    private var valueText: String?
    private var text: [UInt8] = []
    private var paragraphs = 0
    private var paragraphDepth = 0
    private var ignoredDepth = 0
    private var isCovered = false
    private var hasFormula = false

    /// `office:value-type`.
    enum ValueKind { case none, number, date, time, boolean, string, other }

    /// Positions stop here: far beyond any real sheet, and no repeat count can overflow them.
    static let maxPosition = 1 << 40

    init(budget: ReadBudget) {
        self.budget = budget
        self.maxCellBytes = budget.limits.maxCellBytes
        text.reserveCapacity(64)
    }

    private func stop(_ error: XLSXError) {
        session?.stop(with: error)
    }

    /// Counts a cell (or a merged range, or a sheet) against the budget; false, with the parse
    /// stopped, when that goes over a limit.
    private func spend(repeated: Bool = false) -> Bool {
        do {
            if repeated {
                try budget.spendRepeatedCell()
            } else {
                try budget.spendCell()
                // The whole content is held until the file is closed.
                try budget.spendHeld(ReadBudget.bytesPerCell)
            }
        } catch let error as XLSXError {
            stop(error)
            return false
        } catch {
            return false
        }
        return true
    }

    // MARK: SAX events

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        depth += 1
        if cellDepth > 0 { cellContentStart(name, attributes); return }
        if tableDepth > 0 {
            if rowDepth > 0 {
                if depth == rowDepth + 1, name.is("table-cell", in: ODF.tableNamespace) {
                    cellStart(attributes, covered: false)
                } else if depth == rowDepth + 1, name.is("covered-table-cell", in: ODF.tableNamespace) {
                    cellStart(attributes, covered: true)
                }
            } else if name.is("table-row", in: ODF.tableNamespace) {
                rowStart(attributes)
            }
            return
        }
        if spreadsheetDepth >= 0 {
            if depth == spreadsheetDepth + 1, name.is("table", in: ODF.tableNamespace) { tableStart(attributes) }
            return
        }
        if name.is("style", in: ODF.styleNamespace) {
            let family = attributes.bytes("family", in: ODF.styleNamespace)
            tableStyleName = family.map { $0.elementsEqual("table".utf8) } == true
                ? attributes.string("name", in: ODF.styleNamespace) : nil
        } else if name.is("table-properties", in: ODF.styleNamespace), let style = tableStyleName,
                  attributes.bytes("display", in: ODF.tableNamespace)?.elementsEqual("false".utf8) == true {
            hiddenTableStyles.insert(style)
        } else if name.is("spreadsheet", in: ODF.officeNamespace) {
            spreadsheetDepth = depth
            sawSpreadsheet = true
        }
    }

    func endElement(_ name: XMLName) {
        defer { depth -= 1 }
        if cellDepth > 0 {
            if depth == cellDepth { cellEnd() }
            else if depth == ignoredDepth { ignoredDepth = 0 }
            else if depth == paragraphDepth { paragraphDepth = 0 }
            return
        }
        if rowDepth > 0, depth == rowDepth { rowEnd(); return }
        if depth == tableDepth { tableDepth = 0; return }
        if depth == spreadsheetDepth { spreadsheetDepth = -1; return }
        if tableStyleName != nil, name.is("style", in: ODF.styleNamespace) { tableStyleName = nil }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard paragraphDepth > 0, ignoredDepth == 0 else { return }
        // White space is kept as written: LibreOffice and calamine both read it so (the standard
        // would collapse runs of it, but LibreOffice writes the spaces that count as `text:s`).
        text.append(contentsOf: bytes)
        if text.count > maxCellBytes { refuseLongCell() }
    }

    private func refuseLongCell() {
        paragraphDepth = 0
        ignoredDepth = 0
        stop(.limitExceeded(limit: .cellBytes, detail: "one cell > \(maxCellBytes) bytes"))
    }

    // MARK: Tables and rows

    private func tableStart(_ attributes: XMLAttributes) {
        // Sheets are counted as cells, so that a file of nothing but empty tables stays bounded.
        guard spend() else { return }
        tableDepth = depth
        row = 0
        let style = attributes.string("style-name", in: ODF.tableNamespace)
        tables.append(OpenDocumentTable(name: attributes.string("name", in: ODF.tableNamespace) ?? "Sheet\(tables.count + 1)",
                                        hidden: style.map(hiddenTableStyles.contains) ?? false))
    }

    private func rowStart(_ attributes: XMLAttributes) {
        rowDepth = depth
        rowRepeat = repeatCount(attributes.bytes("number-rows-repeated", in: ODF.tableNamespace))
        column = 0
        rowCells.removeAll(keepingCapacity: true)
        rowSpans.removeAll(keepingCapacity: true)
    }

    private func rowEnd() {
        rowDepth = 0
        if !rowCells.isEmpty { tables[tables.count - 1].runs.append(.init(row: row, rows: rowRepeat, cells: rowCells)) }
        for rowOffset in 0..<(rowSpans.isEmpty ? 0 : rowRepeat) {
            for span in rowSpans {
                for columnOffset in 0..<span.repeat {
                    guard spend(repeated: rowOffset > 0 || columnOffset > 0) else { return }
                    let start = CellReference(row: row + rowOffset, column: span.column + columnOffset)
                    let end = CellReference(row: start.row + span.rows - 1, column: start.column + span.columns - 1)
                    tables[tables.count - 1].merged.append(CellRange(start: start, end: end))
                }
            }
        }
        row = min(row + rowRepeat, Self.maxPosition)
    }

    /// A repeat or span count: at least 1, at most `maxPosition`.
    private func repeatCount(_ bytes: UnsafeBufferPointer<UInt8>?) -> Int {
        guard let bytes, let n = parseInteger(bytes) else { return 1 }
        return min(max(n, 1), Self.maxPosition)
    }

    // MARK: Cells

    private func cellStart(_ attributes: XMLAttributes, covered: Bool) {
        cellDepth = depth
        isCovered = covered
        columnRepeat = repeatCount(attributes.bytes("number-columns-repeated", in: ODF.tableNamespace))
        if !covered {
            let columns = repeatCount(attributes.bytes("number-columns-spanned", in: ODF.tableNamespace))
            let rows = repeatCount(attributes.bytes("number-rows-spanned", in: ODF.tableNamespace))
            if columns > 1 || rows > 1 { rowSpans.append((column, columns, rows, columnRepeat)) }
        }
        hasFormula = attributes.bytes("formula", in: ODF.tableNamespace) != nil
        isErrorResult = attributes.bytes("value-type", in: ODF.calcextNamespace)?.elementsEqual("error".utf8) == true
        valueText = nil
        let kind = attributes.bytes("value-type", in: ODF.officeNamespace)
        func named(_ literal: StaticString) -> Bool {
            kind?.elementsEqual(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)) == true
        }
        if kind == nil || named("void") {
            cellKind = .none
        } else if named("float") || named("percentage") || named("currency") {
            cellKind = .number
            valueText = attributes.string("value", in: ODF.officeNamespace)
        } else if named("date") {
            cellKind = .date
            valueText = attributes.string("date-value", in: ODF.officeNamespace)
        } else if named("time") {
            cellKind = .time
            valueText = attributes.string("time-value", in: ODF.officeNamespace)
        } else if named("boolean") {
            cellKind = .boolean
            valueText = attributes.string("boolean-value", in: ODF.officeNamespace)
        } else if named("string") {
            cellKind = .string
            valueText = attributes.string("string-value", in: ODF.officeNamespace)
        } else {
            cellKind = .other
        }
        if let valueText, valueText.utf8.count > maxCellBytes { refuseLongCell() }
        text.removeAll(keepingCapacity: true)
        paragraphs = 0
        paragraphDepth = 0
        ignoredDepth = 0
    }

    /// An element inside a cell: paragraphs (`text:p`, joined by line breaks) and what they hold.
    /// Comments (`office:annotation`), shapes and anything else beside the paragraphs are left
    /// out, as are footnotes and ruby (furigana) text inside them. A covered cell's content is
    /// hidden under its merge and not read.
    private func cellContentStart(_ name: XMLName, _ attributes: XMLAttributes) {
        if ignoredDepth > 0 || isCovered { return }
        if paragraphDepth == 0 {
            if depth == cellDepth + 1, name.is("p", in: ODF.textNamespace) || name.is("h", in: ODF.textNamespace) {
                if paragraphs > 0 { text.append(10) }
                paragraphs += 1
                paragraphDepth = depth
            } else {
                ignoredDepth = depth
            }
            return
        }
        guard let uri = name.uri, XMLName(pointer: uri).is(ODF.textNamespace) else { ignoredDepth = depth; return }
        if name.is("s") {
            let count = repeatCount(attributes.bytes("c", in: ODF.textNamespace))
            guard text.count + count <= maxCellBytes else { refuseLongCell(); return }
            text.append(contentsOf: repeatElement(32, count: count))
        } else if name.is("tab") {
            text.append(9)
        } else if name.is("line-break") {
            text.append(10)
        } else if name.is("note") || name.is("ruby-text") || name.is("tracked-changes") {
            ignoredDepth = depth
        }
    }

    private func cellEnd() {
        cellDepth = 0
        paragraphDepth = 0
        ignoredDepth = 0
        // A covered cell's value is hidden under the merge: LibreOffice neither shows nor keeps it.
        if !isCovered, let value = cellValue() {
            // The written cell counts here; its repeated copies as they are handed out.
            guard spend() else { return }
            rowCells.append(.init(column: column, count: columnRepeat, value: value))
        }
        column = min(column + columnRepeat, Self.maxPosition)
    }

    /// The value of the cell just closed; nil when it holds none. A value that does not parse as
    /// its type says is kept as the text written, never guessed.
    private func cellValue() -> CellValue? {
        let shown = text.isEmpty ? nil : String(decoding: text, as: UTF8.self)
        if isErrorResult, let shown { return .error(shown) }
        switch cellKind {
        case .none:
            // No value type: nothing, by the standard. Text that is there anyway is read, as
            // LibreOffice reads it; but a formula without a value has no result saved (as an
            // `.xlsx` formula without `<v>`), whatever its paragraph shows.
            return hasFormula ? nil : shown.map(CellValue.text)
        case .string:
            let value = valueText ?? shown ?? ""
            return value.isEmpty ? nil : .text(value)
        case .number:
            guard let valueText else { return shown.map(CellValue.text) }
            var bytes = Array(valueText.utf8)
            guard let number = parseDouble(&bytes) else { return .text(valueText) }
            return .number(number)
        case .date:
            guard let valueText else { return shown.map(CellValue.text) }
            return ExcelDateTime(isoText: valueText).map(CellValue.dateTime) ?? .text(valueText)
        case .time:
            guard let valueText else { return shown.map(CellValue.text) }
            guard let seconds = OpenDocument.durationSeconds(valueText) else { return .text(valueText) }
            let days = seconds / 86_400
            // A time of day reads as one (`09:15:00`), as a time-formatted `.xlsx` cell does;
            // a day or more, or less than nothing, as elapsed time.
            return .dateTime(ExcelDateTime(serial: days, isDuration: !(0..<1).contains(days)))
        case .boolean:
            guard let valueText else { return shown.map(CellValue.text) }
            switch valueText.lowercased() {
            case "true", "1": return .bool(true)
            case "false", "0": return .bool(false)
            default: return .text(valueText)
            }
        case .other:
            return shown.map(CellValue.text)
        }
    }
}

/// Hands out the cells of one table read from `content.xml`, row by row and column by column,
/// copies of repeated cells one at a time (each counted against the repeated-cell limit).
final class OpenDocumentSheetCells {
    private let table: OpenDocumentTable
    private let budget: ReadBudget
    private var runIndex = 0
    private var rowOffset = 0
    private var cellIndex = 0
    private var columnOffset = 0

    var merged: [CellRange] { table.merged }

    init(table: OpenDocumentTable, budget: ReadBudget) {
        self.table = table
        self.budget = budget
    }

    func nextCell() throws -> Cell? {
        while runIndex < table.runs.count {
            let run = table.runs[runIndex]
            if cellIndex < run.cells.count {
                let written = run.cells[cellIndex]
                // The written cell was counted when it was read; its copies are counted here.
                if rowOffset > 0 || columnOffset > 0 { try budget.spendRepeatedCell() }
                let cell = Cell(reference: CellReference(row: run.row + rowOffset, column: written.column + columnOffset),
                                value: written.value)
                columnOffset += 1
                if columnOffset == written.count { columnOffset = 0; cellIndex += 1 }
                return cell
            }
            cellIndex = 0
            rowOffset += 1
            if rowOffset == run.rows { rowOffset = 0; runIndex += 1 }
        }
        return nil
    }
}
