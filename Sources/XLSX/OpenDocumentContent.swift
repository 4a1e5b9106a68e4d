/// OpenDocument spreadsheets (`.ods`, LibreOffice Calc's own format): a zip whose `mimetype` entry
/// names the format and whose `content.xml` holds every sheet.
///
/// `content.xml` is streamed through the same SAX machinery, budget and DTD refusal as an `.xlsx`'s
/// parts, never held whole. `Workbook.open` reads it once to list the sheets (names, and hidden
/// state from the tables' automatic styles); each `cellReader(sheetAt:)` reads it again from the
/// start, skipping the tables before the one asked for and stopping after it. Forms are small, so
/// reading the start of the part again costs little, and memory stays that of one sheet's cells as
/// the caller keeps them, never every sheet's at once. Every read counts against the archive's
/// budget, as every read of an `.xlsx` part does.
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

    /// The sheets of an OpenDocument spreadsheet, in tab order. A file saved with a password (its
    /// manifest lists encryption data) is `passwordProtected`; one without `content.xml` or whose
    /// content holds no spreadsheet is `openDocumentSpreadsheet` (damaged).
    static func sheets(in archive: ZipArchive) throws -> [SheetInfo] {
        if try isEncrypted(archive) { throw XLSXError.passwordProtected }
        let listing = OpenDocumentContentParser(target: nil, budget: archive.budget)
        guard try parsePart(contentPart, in: archive, with: listing) else { throw XLSXError.openDocumentSpreadsheet }
        guard listing.sawSpreadsheet else { throw XLSXError.openDocumentSpreadsheet }
        return listing.tables.enumerated().map { index, table in
            SheetInfo(name: table.name, hidden: table.hidden, index: index, partName: contentPart)
        }
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

/// The SAX handler for `content.xml`. With no `target` it lists the tables (sheets); with one, it
/// reads the cells and merged ranges of that table and ignores the others.
///
/// Repeats (`table:number-rows-repeated`, `table:number-columns-repeated`) are never expanded for
/// empty cells: LibreOffice ends rows with a million empty columns and sheets with a million empty
/// rows. A row's cells that hold values are kept once, as written, with the row's repeat count
/// (`runs`), and `OpenDocumentSheetParser` hands out their copies one at a time; every cell handed
/// out (and every merged range) is counted against the cell budget, and copies also against
/// `maxRepeatedCells`, so a tiny file with huge repeats of a value stops at a limit within a
/// second instead of filling memory.
final class OpenDocumentContentParser: SAXHandler, SAXSessionOwner {
    var session: SAXSession?
    private let target: Int?
    private let budget: ReadBudget
    private let maxCellBytes: Int

    /// The tables seen so far, in document order.
    private(set) var tables: [(name: String, hidden: Bool)] = []
    private(set) var sawSpreadsheet = false
    /// Whether the target table has ended: what follows is not read.
    private(set) var targetDone = false

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

    /// Rows read since the caller last took them.
    var runs: [Run] = []
    private(set) var merged: [CellRange] = []

    private typealias ODF = OpenDocument

    private var depth = 0
    private var spreadsheetDepth = -1
    private var tableCount = 0
    private var inTarget = false
    private var tableDepth = 0
    /// Automatic table styles seen so far, and which of them hide their table.
    private var tableStyleName: String?
    private var hiddenTableStyles: Set<String> = []

    private var row = 0
    private var rowDepth = 0
    private var rowRepeat = 1
    private var column = 0
    private var rowCells: [RepeatedCell] = []
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

    init(target: Int?, budget: ReadBudget) {
        self.target = target
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
            if repeated { try budget.spendRepeatedCell() } else { try budget.spendCell() }
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
        if targetDone { return }
        if cellDepth > 0 { cellContentStart(name, attributes); return }
        if inTarget {
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
        if targetDone { return }
        if cellDepth > 0 {
            if depth == cellDepth { cellEnd() }
            else if depth == ignoredDepth { ignoredDepth = 0 }
            else if depth == paragraphDepth { paragraphDepth = 0 }
            return
        }
        if rowDepth > 0, depth == rowDepth { rowEnd(); return }
        if inTarget, depth == tableDepth { inTarget = false; targetDone = true; return }
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
        let index = tableCount
        tableCount += 1
        if let target {
            guard index == target else { return }
            inTarget = true
            tableDepth = depth
            row = 0
        } else {
            // Sheets are counted as cells, so that a file of nothing but empty tables stays bounded.
            guard spend() else { return }
            let style = attributes.string("style-name", in: ODF.tableNamespace)
            tables.append((attributes.string("name", in: ODF.tableNamespace) ?? "Sheet\(index + 1)",
                           style.map(hiddenTableStyles.contains) ?? false))
        }
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
        if !rowCells.isEmpty { runs.append(Run(row: row, rows: rowRepeat, cells: rowCells)) }
        for rowOffset in 0..<(rowSpans.isEmpty ? 0 : rowRepeat) {
            for span in rowSpans {
                for columnOffset in 0..<span.repeat {
                    guard spend(repeated: rowOffset > 0 || columnOffset > 0) else { return }
                    let start = CellReference(row: row + rowOffset, column: span.column + columnOffset)
                    merged.append(CellRange(start: start, end: CellReference(row: start.row + span.rows - 1,
                                                                             column: start.column + span.columns - 1)))
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
            rowCells.append(RepeatedCell(column: column, count: columnRepeat, value: value))
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

/// Pulls the cells of one table of `content.xml`, parsing a chunk at a time and handing out the
/// copies of repeated cells one by one (see `OpenDocumentContentParser`).
final class OpenDocumentSheetParser {
    private let entry: any PartByteSource
    private let content: OpenDocumentContentParser
    private let budget: ReadBudget
    private var session: SAXSession?
    private var buffer: UnsafeMutableRawBufferPointer
    private var finished = false

    private var runs: [OpenDocumentContentParser.Run] = []
    private var runIndex = 0
    private var rowOffset = 0
    private var cellIndex = 0
    private var columnOffset = 0

    var merged: [CellRange] { content.merged }

    init(entry: any PartByteSource, sheet: Int, budget: ReadBudget) throws {
        self.entry = entry
        self.budget = budget
        content = OpenDocumentContentParser(target: sheet, budget: budget)
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: SAXSession.chunkSize, alignment: 8)
        if let archive = entry.archive, let spare = archive.spareSession {
            archive.spareSession = nil
            spare.reset(partName: entry.partName, handler: content)
            session = spare
        } else {
            session = try SAXSession(partName: entry.partName, handler: content)
        }
        content.session = session
    }

    deinit { buffer.deallocate() }

    func nextCell() throws -> Cell? {
        while true {
            if let cell = try nextRepeatedCell() { return cell }
            if finished { return nil }
            try feedChunk()
        }
    }

    /// The next copy of a cell from the rows read so far, row by row and column by column.
    private func nextRepeatedCell() throws -> Cell? {
        while runIndex < runs.count {
            let run = runs[runIndex]
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

    private func feedChunk() throws {
        runs.removeAll(keepingCapacity: true)
        runIndex = 0
        guard let session else { finished = true; return }
        let n = try entry.read(into: buffer)
        if n == 0 { finished = true }
        do {
            try session.feed(UnsafeRawBufferPointer(rebasing: buffer[0..<n]), last: n == 0)
        } catch let error as XLSXError {
            finished = true
            self.session = nil
            content.session = nil
            if case .malformedXML = error { try entry.drain() }
            throw error
        }
        swap(&runs, &content.runs)
        if content.targetDone { finished = true }
        if finished {
            // A parser that read the part to its end goes back to the archive for the next part;
            // one stopped after its table is dropped (it is mid-document).
            if n == 0, let archive = entry.archive, archive.spareSession == nil { archive.spareSession = session }
            self.session = nil
            content.session = nil
        }
    }
}
