import Core
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One cell as the reader hands it out.
public struct Cell: Hashable, Sendable {
    public var reference: CellReference
    public var value: CellValue

    public init(reference: CellReference, value: CellValue) {
        self.reference = reference
        self.value = value
    }
}

/// Pulls the cells of one worksheet in document order, inflating and parsing the sheet a chunk
/// at a time: the sheet is never held whole in memory. (An OpenDocument sheet's cells were read at
/// open, with repeats kept compact; see `OpenDocument`.)
public struct SheetCellReader {
    /// An `.xlsx` worksheet part being parsed, or one table of an OpenDocument `content.xml`.
    private enum Source {
        case worksheet(WorksheetParser)
        case openDocument(OpenDocumentSheetCells)
    }
    private let source: Source

    init(parser: WorksheetParser) { source = .worksheet(parser) }

    init(cells: OpenDocumentSheetCells) { source = .openDocument(cells) }

    /// The next cell that exists in the file (cells with no value come as `.empty`; an
    /// OpenDocument sheet gives only cells with values), or nil at the end of the sheet.
    public mutating func nextCell() throws -> Cell? {
        switch source {
        case .worksheet(let parser): return try parser.nextCell()
        case .openDocument(let cells): return try cells.nextCell()
        }
    }

    /// The merged ranges; complete once `nextCell()` has returned nil (they follow the cells).
    public var mergedRanges: [CellRange] {
        switch source {
        case .worksheet(let parser): return parser.merged
        case .openDocument(let cells): return cells.merged
        }
    }

    /// Cells holding a formula without a stored result (a file written by a program and never
    /// recalculated by a spreadsheet): they come out of `nextCell()` as `.empty`. (`.xlsx` only: an
    /// OpenDocument formula without a value reads as an empty cell.)
    public var uncalculatedFormulas: [CellReference] {
        switch source {
        case .worksheet(let parser): return parser.uncalculated
        case .openDocument: return []
        }
    }

    /// The sheet's in-cell dropdown lists; complete once `nextCell()` has returned nil. (`.xlsx` only.)
    public var listValidations: [ListValidation] {
        switch source {
        case .worksheet(let parser): return parser.listValidations
        case .openDocument: return []
        }
    }
}

/// The `t` attribute of a cell.
enum CellKind: UInt8 {
    case number, sharedString, boolean, error, formulaString, inlineString, isoDate
}

/// The SAX handler behind `SheetCellReader`: tracks the position of rows and cells (those
/// without `r` take the next position) and turns each `<c>` into a `Cell`.
final class WorksheetParser: SAXHandler, SAXSessionOwner {
    var session: SAXSession?
    private let entry: any PartByteSource
    private let sharedStrings: [String]
    private let styles: Styles
    private let is1904: Bool
    private let budget: ReadBudget
    private let maxCellBytes: Int

    private var buffer: UnsafeMutableRawBufferPointer
    private var finished = false
    private var pending: [Cell] = []
    private var pendingIndex = 0
    fileprivate(set) var merged: [CellRange] = []
    fileprivate(set) var uncalculated: [CellReference] = []
    fileprivate(set) var listValidations: [ListValidation] = []
    /// The `sqref` of the list validation being read, and its `formula1` text so far.
    private var validationSqref: String?
    private var capturingFormula1 = false
    private var formula1: [UInt8] = []
    private var sawFormula = false

    private var row = -1
    private var column = -1
    private var inCell = false
    private var kind = CellKind.number
    private var style = 0
    private var capturingValue = false
    private var sawValue = false
    private var inInline = false
    private var sawInline = false
    private var capturingInline = false
    private var phoneticDepth = 0
    private var runStart = 0
    private var preserveSpace = false
    private var value: [UInt8] = []
    private var inlineText: [UInt8] = []

    init(entry: any PartByteSource, sharedStrings: [String], styles: Styles, is1904: Bool, budget: ReadBudget) throws {
        self.entry = entry
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.is1904 = is1904
        self.budget = budget
        self.maxCellBytes = budget.limits.maxCellBytes
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 8)
        value.reserveCapacity(64)
        pending.reserveCapacity(1024)
        if let archive = entry.archive, let spare = archive.spareSession {
            archive.spareSession = nil
            spare.reset(partName: entry.partName, handler: self)
            session = spare
        } else {
            session = try SAXSession(partName: entry.partName, handler: self)
        }
    }

    deinit { buffer.deallocate() }

    func nextCell() throws -> Cell? {
        while pendingIndex == pending.count {
            if finished { return nil }
            pending.removeAll(keepingCapacity: true)
            pendingIndex = 0
            try feedChunk()
        }
        defer { pendingIndex += 1 }
        return pending[pendingIndex]
    }

    private func feedChunk() throws {
        guard let session else { finished = true; return }
        let n = try entry.read(into: buffer)
        if n == 0 { finished = true }
        do {
            try session.feed(UnsafeRawBufferPointer(rebasing: buffer[0..<n]), last: n == 0)
        } catch let error as XLSXError {
            finished = true
            self.session = nil
            // Broken XML may be a damaged entry: if libzip finds its data corrupt, say that.
            if case .malformedXML = error { try entry.drain() }
            throw error
        }
        if finished {
            // A cleanly finished parser goes back to the archive for the next sheet.
            if let archive = entry.archive, archive.spareSession == nil { archive.spareSession = session }
            self.session = nil
        }
    }

    // MARK: SAX events, dispatched on the first byte of the element name.

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        switch name.pointer[0] {
        case UInt8(ascii: "c") where name.is("c"): handleCellStart(attributes)
        case UInt8(ascii: "v") where name.is("v"):
            if inCell { capturingValue = true; sawValue = true; value.removeAll(keepingCapacity: true) }
        case UInt8(ascii: "r"):
            if name.is("row") { handleRowStart(attributes) } else if name.is("rPh") { phoneticDepth += 1 }
        case UInt8(ascii: "t") where name.is("t"):
            capturingInline = inInline && phoneticDepth == 0
            if capturingInline { runStart = inlineText.count; preserveSpace = isPreserveSpace(attributes) }
        case UInt8(ascii: "i") where name.is("is"):
            if inCell { inInline = true; sawInline = true; inlineText.removeAll(keepingCapacity: true) }
        case UInt8(ascii: "m") where name.is("mergeCell"):
            handleMergeCell(attributes)
        case UInt8(ascii: "f"):
            if inCell && name.is("f") {
                sawFormula = true
            } else if validationSqref != nil && name.is("formula1") {
                capturingFormula1 = true
                formula1.removeAll(keepingCapacity: true)
            }
        case UInt8(ascii: "d") where name.is("dataValidation"):
            if let type = attributes.string("type"), type == "list", let sqref = attributes.string("sqref") {
                validationSqref = sqref
                formula1.removeAll(keepingCapacity: true)
            }
        default: break
        }
    }

    func endElement(_ name: XMLName) {
        switch name.pointer[0] {
        case UInt8(ascii: "c") where name.is("c"): handleCellEnd()
        case UInt8(ascii: "v") where name.is("v"): capturingValue = false
        case UInt8(ascii: "t") where name.is("t"):
            if capturingInline && !preserveSpace { trimXMLWhitespace(&inlineText, from: runStart) }
            capturingInline = false
        case UInt8(ascii: "i") where name.is("is"): inInline = false
        case UInt8(ascii: "r") where name.is("rPh"): phoneticDepth -= 1
        case UInt8(ascii: "f") where name.is("formula1"): capturingFormula1 = false
        case UInt8(ascii: "d") where name.is("dataValidation"):
            if let sqref = validationSqref, listValidations.count < Self.maxListValidations,
               let list = ListValidation(sqref: sqref, formula: decodeEscapedText(formula1)) {
                listValidations.append(list)
            }
            validationSqref = nil
            capturingFormula1 = false
        default: break
        }
    }

    /// Dropdown lists kept per sheet: a form has a handful.
    static let maxListValidations = 1_000

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if capturingFormula1 {
            if formula1.count + bytes.count <= maxCellBytes { formula1.append(contentsOf: bytes) }
            return
        }
        if capturingValue {
            value.append(contentsOf: bytes)
            if value.count > maxCellBytes { refuseLongCell() }
        } else if capturingInline {
            inlineText.append(contentsOf: bytes)
            if inlineText.count > maxCellBytes { refuseLongCell() }
        }
    }

    private func refuseLongCell() {
        capturingValue = false
        capturingInline = false
        session?.stop(with: .limitExceeded(limit: .cellBytes, detail: "one cell > \(maxCellBytes) bytes"))
    }

    private func handleRowStart(_ attributes: XMLAttributes) {
        if let r = attributes.bytes("r").flatMap(parseInteger), r >= 1 { row = r - 1 } else { row += 1 }
        column = -1
    }

    private func handleCellStart(_ attributes: XMLAttributes) {
        inCell = true
        kind = .number
        style = 0
        sawValue = false
        sawInline = false
        sawFormula = false
        var positioned = false
        if let base = attributes.base {
            for i in 0..<attributes.count {
                guard let local = base[i * 5], base[i * 5 + 2] == nil,
                      let start = base[i * 5 + 3], let end = base[i * 5 + 4], local[1] == 0 else { continue }
                let bytes = UnsafeBufferPointer(start: start, count: end - start)
                switch local[0] {
                case UInt8(ascii: "r"):
                    if let ref = parseCellReference(bytes) { row = ref.row; column = ref.column; positioned = true }
                case UInt8(ascii: "t"): kind = parseCellKind(bytes)
                case UInt8(ascii: "s"): style = parseInteger(bytes) ?? 0
                default: break
                }
            }
        }
        if !positioned {
            if row < 0 { row = 0 }
            column += 1
        }
    }

    private func handleCellEnd() {
        inCell = false
        capturingValue = false
        do { try budget.spendCell() } catch let error as XLSXError {
            session?.stop(with: error)
            return
        } catch {}
        let reference = CellReference(row: row, column: column)
        // No result at all, or an empty one on a number cell (`<v/>`, as openpyxl writes); an empty
        // result of a text formula (`t="str"`) is a formula that gave "".
        if sawFormula && !sawInline && (!sawValue || (value.isEmpty && kind != .formulaString)) {
            uncalculated.append(reference)
        }
        pending.append(Cell(reference: reference, value: cellValue()))
    }

    private func handleMergeCell(_ attributes: XMLAttributes) {
        guard let ref = attributes.bytes("ref") else { return }
        if let colon = ref.firstIndex(of: UInt8(ascii: ":")) {
            if let start = parseCellReference(UnsafeBufferPointer(rebasing: ref[..<colon])),
               let end = parseCellReference(UnsafeBufferPointer(rebasing: ref[(colon + 1)...])) {
                merged.append(CellRange(start: start, end: end))
            }
        } else if let single = parseCellReference(ref) {
            merged.append(CellRange(start: single, end: single))
        }
    }

    /// The value of the cell just closed, from its kind, style and captured text.
    private func cellValue() -> CellValue {
        switch kind {
        case .number:
            guard sawValue, !value.isEmpty else { return sawInline ? .text(decodeEscapedText(inlineText)) : .empty }
            guard let number = parseDouble(&value) else { return .text(String(decoding: value, as: UTF8.self)) }
            switch styles.kind(ofStyle: style) {
            case .number: return .number(number)
            case .dateTime: return .dateTime(ExcelDateTime(serial: number, is1904: is1904))
            case .duration: return .dateTime(ExcelDateTime(serial: number, is1904: is1904, isDuration: true))
            }
        case .sharedString:
            guard sawValue, let index = value.withUnsafeBufferPointer(parseInteger), index < sharedStrings.count else { return .empty }
            return .text(sharedStrings[index])
        case .inlineString:
            if sawInline { return .text(decodeEscapedText(inlineText)) }
            return sawValue ? .text(decodeEscapedText(value)) : .empty
        case .formulaString:
            return sawValue ? .text(decodeEscapedText(value)) : .empty
        case .boolean:
            guard sawValue, let first = value.first(where: { $0 != 32 }) else { return .empty }
            return .bool(first == UInt8(ascii: "1") || first | 0x20 == UInt8(ascii: "t"))
        case .error:
            return sawValue && !value.isEmpty ? .error(String(decoding: value, as: UTF8.self)) : .empty
        case .isoDate:
            guard sawValue, !value.isEmpty else { return .empty }
            let text = String(decoding: value, as: UTF8.self)
            guard var date = ExcelDateTime(isoText: text) else { return .text(text) }
            if is1904 { date.serial -= 1462; date.is1904 = true }
            return .dateTime(date)
        }
    }
}

/// The kind named by a cell's `t` attribute; unknown kinds read as numbers, as Excel does.
@inline(__always)
func parseCellKind(_ bytes: UnsafeBufferPointer<UInt8>) -> CellKind {
    guard let first = bytes.first else { return .number }
    switch (first, bytes.count) {
    case (UInt8(ascii: "s"), 1): return .sharedString
    case (UInt8(ascii: "n"), 1): return .number
    case (UInt8(ascii: "b"), 1): return .boolean
    case (UInt8(ascii: "e"), 1): return .error
    case (UInt8(ascii: "d"), 1): return .isoDate
    case (UInt8(ascii: "s"), 3): return .formulaString
    case (UInt8(ascii: "i"), 9): return .inlineString
    default: return .number
    }
}

/// A1 reference from bytes (`B7`, `$B$7`), without building a String.
@inline(__always)
func parseCellReference(_ bytes: UnsafeBufferPointer<UInt8>) -> CellReference? {
    A1Reference.parse(bytes).map { CellReference(row: $0.row, column: $0.column) }
}

/// A finite number from the captured bytes: plain integers directly, the rest with `strtod`;
/// nil when the text is not entirely a number.
@inline(__always)
func parseDouble(_ bytes: inout [UInt8]) -> Double? {
    var integer = 0, digits = 0, simple = true, negative = false
    for (i, b) in bytes.enumerated() {
        if b >= 48 && b <= 57 {
            digits += 1
            if digits > 15 { simple = false; break }  // leave long numbers to strtod, never overflow
            integer = integer * 10 + Int(b - 48)
        }
        else if i == 0 && b == UInt8(ascii: "-") { negative = true }
        else { simple = false; break }
    }
    if simple && digits > 0 && digits <= 15 { return Double(negative ? -integer : integer) }
    bytes.append(0)
    defer { bytes.removeLast() }
    return bytes.withUnsafeBufferPointer { buffer -> Double? in
        buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { start in
            var end: UnsafeMutablePointer<CChar>?
            let result = strtod(start, &end)
            guard let end, end != UnsafeMutablePointer(mutating: start) else { return nil }
            var p = end
            while p.pointee == 32 || p.pointee == 9 || p.pointee == 10 || p.pointee == 13 { p += 1 }
            guard p.pointee == 0, result.isFinite else { return nil }
            return result
        }
    }
}
