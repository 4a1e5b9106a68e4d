/// `xl/sharedStrings.xml`: the shared-string table. Rich-text runs are joined, phonetic runs
/// (`<rPh>`, furigana) left out, and `_xHHHH_` escapes decoded.
final class SharedStrings: SAXHandler, SAXSessionOwner {
    var session: SAXSession?
    private(set) var strings: [String] = []
    private var text: [UInt8] = []
    private var inItem = false
    private var capturing = false
    private var phoneticDepth = 0
    private var runStart = 0
    private var preserveSpace = false
    private var totalBytes = 0
    private let maxBytes: Int
    /// Where the table's memory is counted (nil where only the byte limit applies).
    private let budget: ReadBudget?

    init(maxBytes: Int, budget: ReadBudget? = nil) {
        self.maxBytes = maxBytes
        self.budget = budget
    }

    /// Reads the table; a workbook without one gets an empty table.
    static func read(_ part: String?, from archive: ZipArchive) throws -> [String] {
        let table = SharedStrings(maxBytes: archive.budget.limits.maxSharedStringBytes, budget: archive.budget)
        if let part { try parsePart(part, in: archive, with: table) }
        return table.strings
    }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("t") {
            capturing = inItem && phoneticDepth == 0
            runStart = text.count
            preserveSpace = isPreserveSpace(attributes)
        } else if name.is("si") {
            inItem = true
            text.removeAll(keepingCapacity: true)
        } else if name.is("rPh") {
            phoneticDepth += 1
        }
    }

    func endElement(_ name: XMLName) {
        if name.is("t") {
            if capturing && !preserveSpace { trimXMLWhitespace(&text, from: runStart) }
            capturing = false
        } else if name.is("si") {
            handleItemEnd()
        } else if name.is("rPh") {
            phoneticDepth -= 1
        }
    }

    private func handleItemEnd() {
        inItem = false
        totalBytes += text.count
        if totalBytes > maxBytes {
            session?.stop(with: .limitExceeded(limit: .sharedStringBytes, detail: "> \(maxBytes) bytes"))
            return
        }
        if let budget {
            do { try budget.spendHeld(ReadBudget.bytesPerString + text.count) } catch let error as XLSXError {
                session?.stop(with: error)
                return
            } catch {}
        }
        strings.append(decodeEscapedText(text))
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if capturing { text.append(contentsOf: bytes) }
    }
}

/// Text from UTF-8 bytes with OOXML `_xHHHH_` escapes decoded (`_x000D_` is a carriage return,
/// `_x005F_` an underscore); UTF-16 surrogate pairs written as two escapes are joined.
func decodeEscapedText<C: Collection>(_ bytes: C) -> String where C.Element == UInt8, C.Index == Int {
    guard bytes.contains(UInt8(ascii: "_")) else { return String(decoding: bytes, as: UTF8.self) }
    var units: [UInt16] = []
    var plain: [UInt8] = []
    var out = ""
    var i = bytes.startIndex
    func flushPlain() { if !plain.isEmpty { out += String(decoding: plain, as: UTF8.self); plain.removeAll() } }
    func flushUnits() { if !units.isEmpty { out += String(decoding: units, as: UTF16.self); units.removeAll() } }
    while i < bytes.endIndex {
        if bytes[i] == UInt8(ascii: "_"), i + 6 < bytes.endIndex, bytes[i + 1] == UInt8(ascii: "x"),
           bytes[i + 6] == UInt8(ascii: "_"), let unit = hexUnit(bytes, from: i + 2) {
            flushPlain()
            units.append(unit)
            i += 7
            continue
        }
        flushUnits()
        plain.append(bytes[i])
        i += 1
    }
    flushPlain()
    flushUnits()
    return out
}

private func hexUnit<C: Collection>(_ bytes: C, from start: Int) -> UInt16? where C.Element == UInt8, C.Index == Int {
    var value: UInt16 = 0
    for k in start..<start + 4 {
        let b = bytes[k]
        let digit: UInt8
        switch b {
        case 48...57: digit = b - 48
        case 65...70: digit = b - 55
        case 97...102: digit = b - 87
        default: return nil
        }
        value = value << 4 | UInt16(digit)
    }
    return value
}

/// Whether a `<t>` carries `xml:space="preserve"`. Without it Excel drops the text's leading and
/// trailing whitespace, and so does this reader (as calamine does).
@inline(__always)
func isPreserveSpace(_ attributes: XMLAttributes) -> Bool {
    guard let value = attributes.bytes("space", namespaced: true) else { return false }
    return value.elementsEqual("preserve".utf8)
}

/// Removes XML whitespace (space, tab, CR, LF) from both ends of `text[from...]`.
func trimXMLWhitespace(_ text: inout [UInt8], from start: Int) {
    @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
    while text.count > start, isSpace(text[text.count - 1]) { text.removeLast() }
    var leading = start
    while leading < text.count, isSpace(text[leading]) { leading += 1 }
    if leading > start { text.removeSubrange(start..<leading) }
}
