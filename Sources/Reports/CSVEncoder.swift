import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The character set of the CSV files.
public enum CSVEncoding: String, Sendable, CaseIterable {
    /// UTF-8 with a byte-order mark, which Excel needs to detect UTF-8 (default).
    case utf8
    /// Shift_JIS as Windows extends it (CP932), for old Excel. No byte-order mark.
    case cp932
}

/// A character that CP932 cannot hold, with where it was found.
public struct UnencodableCharacter: Hashable, Sendable, CustomStringConvertible {
    public var character: String
    public var origin: TextOrigin?
    /// The CSV file it was going to.
    public var csvFile: String

    public var description: String {
        let code = character.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
        return "「\(character)」(\(code)) \(origin?.description ?? "(集計値)") → \(csvFile)"
    }
}

/// Turns a table into bytes: RFC 4180, CRLF, formula guard, then the encoding.
public struct CSVEncoder: Sendable {
    public var encoding: CSVEncoding
    /// With `--replace`, characters CP932 cannot hold become 〓 (geta mark, 0x81AC) instead of failing.
    public var replaceUnencodable: Bool
    /// What `--replace` writes in place of a character CP932 cannot hold.
    public static let replacement = "〓"

    public init(encoding: CSVEncoding, replaceUnencodable: Bool = false) {
        self.encoding = encoding
        self.replaceUnencodable = replaceUnencodable
    }

    /// The file's bytes, and the characters that CP932 could not hold (replaced or left out).
    public func encode(_ table: CSVTable) -> (data: Data, unencodable: [UnencodableCharacter]) {
        encode(CSVRows(table))
    }

    /// The bytes of rows produced one at a time: each row is encoded as soon as it is made, so a
    /// table of 100,000 rows never exists in memory as fields, only as its encoded bytes.
    public func encode(_ rows: CSVRows) -> (data: Data, unencodable: [UnencodableCharacter]) {
        let converter = encoding == .cp932 ? CP932Converter() : nil
        // Bytes in an array, one Data at the end: appending to Data piecemeal is slow on Linux.
        var out: [UInt8] = []
        out.reserveCapacity(rows.expectedCount * 256)
        if encoding == .utf8 { out.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        var problems: [UnencodableCharacter] = []
        func append(_ row: [CSVField]) {
            for (index, field) in row.enumerated() {
                if index > 0 { out.append(0x2C) }
                guard let converter else {
                    // UTF-8: straight into the bytes.
                    switch field {
                    case .text(let s, _): CSVQuoting.append(s, guardingFormulas: true, to: &out)
                    case .number(let s): out.append(contentsOf: s.utf8)
                    }
                    continue
                }
                let (text, origin): (String, TextOrigin?)
                switch field {
                case .text(let s, let o): (text, origin) = (CSVQuoting.quote(FormulaGuard.neutralise(s)), o)
                case .number(let s): (text, origin) = (s, nil)
                }
                let (bytes, bad) = converter.convert(text, replacement: Self.replacement)
                out.append(contentsOf: bytes)
                problems += bad.map { UnencodableCharacter(character: $0, origin: origin, csvFile: rows.fileName) }
            }
            out.append(contentsOf: [0x0D, 0x0A])
        }
        append(rows.header.map { CSVField.text($0) })
        rows.produce(append)
        return (Data(out), problems)
    }
}

/// UTF-8 → CP932 through glibc's iconv, character by character where a text does not convert.
final class CP932Converter {
    private let descriptor: iconv_t?
    private var cache: [Character: [UInt8]?] = [:]

    init() {
        let d = iconv_open("CP932", "UTF-8")
        descriptor = d == iconv_t(bitPattern: -1) ? nil : d
    }

    deinit { if let descriptor { iconv_close(descriptor) } }

    /// Converts a text; characters CP932 lacks are replaced and returned.
    func convert(_ text: String, replacement: String) -> (bytes: [UInt8], unencodable: [String]) {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return (Array(text.utf8), []) }
        if let whole = iconv(text) { return (whole, []) }
        var bytes: [UInt8] = [], bad: [String] = []
        for character in text {
            let converted: [UInt8]?
            if let cached = cache[character] { converted = cached } else {
                converted = iconv(String(character))
                cache[character] = .some(converted)
            }
            if let converted { bytes += converted } else { bad.append(String(character)); bytes += iconv(replacement) ?? [0x3F] }
        }
        return (bytes, bad)
    }

    /// The CP932 bytes of a text, or nil when some character has no CP932 form (or iconv lacks CP932).
    func iconv(_ text: String) -> [UInt8]? {
        guard let descriptor else { return nil }
        _ = Glibc.iconv(descriptor, nil, nil, nil, nil)  // reset the shift state
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        let produced: Int? = input.withUnsafeMutableBytes { inRaw in
            output.withUnsafeMutableBytes { outRaw in
                var inPointer = inRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outPointer = outRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inRaw.count, outLeft = outRaw.count
                let result = Glibc.iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                return result == size_t.max || inLeft != 0 ? nil : outRaw.count - outLeft
            }
        }
        return produced.map { Array(output.prefix($0)) }
    }
}

/// One character CP932 cannot hold, once, with every cell it was found in and the CSV files it was
/// going to: what a failed or replaced run tells staff to correct.
public struct UnencodableCharacterPlaces: Hashable, Sendable, CustomStringConvertible {
    public var character: String
    /// `a.xlsx のシート「Sheet1」セル D7`, each once, in order; `(集計値)` for a text of no cell.
    public var places: [String]
    public var csvFiles: [String]

    /// Each distinct character once, in the order first met.
    public static func grouping(_ list: [UnencodableCharacter]) -> [UnencodableCharacterPlaces] {
        var order: [String] = [], byCharacter: [String: UnencodableCharacterPlaces] = [:]
        for item in list {
            if byCharacter[item.character] == nil {
                order.append(item.character)
                byCharacter[item.character] = UnencodableCharacterPlaces(character: item.character, places: [], csvFiles: [])
            }
            let place = item.origin?.description ?? "(集計値)"
            if !byCharacter[item.character]!.places.contains(place) { byCharacter[item.character]!.places.append(place) }
            if !byCharacter[item.character]!.csvFiles.contains(item.csvFile) { byCharacter[item.character]!.csvFiles.append(item.csvFile) }
        }
        return order.map { byCharacter[$0]! }
    }

    public var description: String {
        let code = character.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
        return "「\(character)」(\(code)): " + places.joined(separator: "、") + " → " + csvFiles.joined(separator: "、")
    }
}
