/// How a cell's number format shows its number.
enum NumberFormatKind: UInt8 {
    /// A plain number.
    case number
    /// A date, a time or both.
    case dateTime
    /// Elapsed time, such as `[h]:mm:ss`.
    case duration
}

/// `xl/styles.xml`: only what decides whether a number is a date, per cell style (`cellXfs`).
final class Styles: SAXHandler, SAXSessionOwner {
    var session: SAXSession?
    private var customFormats: [Int: String] = [:]
    private var formatIDs: [Int] = []
    private var inCellXfs = false
    /// The kind of each cell style, by the `s` index a cell carries.
    private(set) var kinds: [NumberFormatKind] = []

    /// Reads the part; a workbook without one treats every number as a plain number.
    static func read(_ part: String?, from archive: ZipArchive) throws -> Styles {
        if let part, let styles = try parseRememberedPart(part, key: "styles\u{0}\(part)", in: archive,
                                                          make: Styles.init, finish: { $0.resolveKinds() }) {
            return styles
        }
        let styles = Styles()
        styles.resolveKinds()
        return styles
    }

    /// Decides each cell style's kind once the part has been read.
    func resolveKinds() { kinds = formatIDs.map { kind(ofFormat: $0) } }

    /// The kind for a cell's `s` index; styles the file does not define are plain numbers.
    @inline(__always)
    func kind(ofStyle index: Int) -> NumberFormatKind {
        index >= 0 && index < kinds.count ? kinds[index] : .number
    }

    func kind(ofFormat id: Int) -> NumberFormatKind {
        if let code = customFormats[id] { return NumberFormatClassifier.kind(of: code) }
        return NumberFormatClassifier.kind(ofBuiltIn: id)
    }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("xf") {
            if inCellXfs { handleXf(attributes) }
        } else if name.is("numFmt") {
            handleNumFmt(attributes)
        } else if name.is("cellXfs") {
            inCellXfs = true
        }
    }

    private func handleXf(_ attributes: XMLAttributes) {
        formatIDs.append(attributes.bytes("numFmtId").flatMap(parseInteger) ?? 0)
    }

    private func handleNumFmt(_ attributes: XMLAttributes) {
        guard let id = attributes.bytes("numFmtId").flatMap(parseInteger),
              let code = attributes.string("formatCode") else { return }
        customFormats[id] = code
    }

    func endElement(_ name: XMLName) {
        if name.is("cellXfs") { inCellXfs = false }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
}

/// Decides from a number format whether it shows a date, following Excel's rules as calamine does.
enum NumberFormatClassifier {
    /// Built-in format ids: 14–22 and 45–47 are dates and times, 27–36 and 50–58 the East-Asian
    /// (Japanese era, 年月日) ones; 46 is `[h]:mm:ss`, elapsed time.
    static func kind(ofBuiltIn id: Int) -> NumberFormatKind {
        switch id {
        case 46: return .duration
        case 14...22, 27...36, 45...47, 50...58: return .dateTime
        default: return .number
        }
    }

    /// Classifies a custom format code by its first section. Quoted text, `\`-escaped and `_`/`*`
    /// padding characters, and bracketed parts (`[Red]`, `[$-411]`, `[<100]`) are ignored; a
    /// bracketed `[h]`, `[mm]` or `[ss]` means elapsed time; any of `d m y h s` outside them
    /// means a date or time.
    static func kind(of code: String) -> NumberFormatKind {
        var sawDate = false
        var bytes = code.utf8.makeIterator()
        while let b = bytes.next() {
            switch b {
            case UInt8(ascii: ";"):
                return sawDate ? .dateTime : .number
            case UInt8(ascii: "\""):
                while let q = bytes.next(), q != UInt8(ascii: "\"") {}
            case UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "*"):
                _ = bytes.next()
            case UInt8(ascii: "["):
                var inner: [UInt8] = []
                while let q = bytes.next(), q != UInt8(ascii: "]") { inner.append(q | 0x20) }
                if let first = inner.first, first == UInt8(ascii: "h") || first == UInt8(ascii: "m") || first == UInt8(ascii: "s"),
                   inner.allSatisfy({ $0 == first }) {
                    return .duration
                }
            default:
                switch b | 0x20 {
                case UInt8(ascii: "d"), UInt8(ascii: "m"), UInt8(ascii: "y"), UInt8(ascii: "h"), UInt8(ascii: "s"):
                    sawDate = true
                default: break
                }
            }
        }
        return sawDate ? .dateTime : .number
    }
}

/// A non-negative decimal integer from ASCII digits (surrounding spaces allowed); nil otherwise.
@inline(__always)
func parseInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var value = 0, digits = 0
    for b in bytes {
        if b >= 48 && b <= 57 {
            value = value &* 10 &+ Int(b - 48)
            digits += 1
            if digits > 18 { return nil }
        } else if b != 32 { return nil }
    }
    return digits > 0 ? value : nil
}
