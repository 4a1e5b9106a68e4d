import Forms
import Settings
import XLSX

/// Turns fuzz bytes into a `SheetGrid` deterministically, and a grid back into such bytes (for
/// seeds made from real workbooks). The bytes are a list of operations on a cursor; each takes an
/// op byte and its operands, and missing operands read as zero.
///
/// | op % 10 | operands | effect |
/// |---|---|---|
/// | 0 | n | next row (`n % 4` rows skipped), column 0 |
/// | 1 | c | column `c % 24` |
/// | 2 | i | a form word (label, header or typical value) `i % vocabulary.count`, cursor right |
/// | 3 | len, bytes | text from `len` bytes of UTF-8 (decoded leniently), cursor right |
/// | 4 | 8 bytes | a number from the bit pattern (non-finite ones become small integers), cursor right |
/// | 5 | n | the number `n % 8` (scores), cursor right |
/// | 6 | k, 4 bytes | `k % 4`: a boolean, an error value, a date serial, a full-width space; cursor right |
/// | 7 | h, w | merge from the cursor over `h % 32` more rows and `w % 32` more columns |
/// | 8 | 4 bytes, c | far position: row from the bytes, column `c * 64` |
/// | 9 | 2 bytes, c | absolute position: row from the bytes, column `c` |
public struct GridDecoder {
    /// Words the extractor looks for, so that mutations reach its matching logic quickly.
    public static let vocabulary: [String] = {
        var words: [String] = []
        for definition in FormDefinition.all(settings: .defaults) {
            for field in definition.fields { words += field.allLabels; words += field.choices }
            if let table = definition.viewpointTable {
                words += table.scoreHeaders + table.cityScoreHeaders + table.commentHeaders + [table.viewpointHeader]
                for viewpoint in Viewpoint.allCases { words += table.names[viewpoint] ?? [viewpoint.name] }
            }
        }
        words += Viewpoint.allCases.map(\.label) + Viewpoint.allCases.map(\.circledNumber)
        words += ["ふりかえりシート", "企画提案書", "令和6年度", "令和元年度", "R6", "H30", "2024年度", "2024", "中間", "最終",
                  "4点", "５", "2年目", "第3年次", "１２０万円", "¥1,200,000", "1.2万円", "1,200千円", "団体名：NPO法人さくら",
                  "事業名:子ども食堂", "＊団体のコメント（今後に向けての課題）", "(1)", "1.", "①", "⑦", " ", "　", "#DIV/0!",
                  "NPO法人さくら", "子ども食堂", "協働コミュニティ課"]
        var seen = Set<String>()
        return words.filter { seen.insert($0).inserted }
    }()
    static let vocabularyIndex: [String: Int] = {
        var index: [String: Int] = [:]
        for (i, word) in vocabulary.enumerated() where index[word] == nil { index[word] = i }
        return index
    }()

    private let bytes: [UInt8]
    private var offset = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    private mutating func next() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }

    private mutating func next(_ count: Int) -> [UInt8] { (0..<count).map { _ in next() } }

    /// The grid the bytes describe.
    public static func grid(from bytes: [UInt8], name: String = "Sheet1") -> SheetGrid {
        var decoder = GridDecoder(bytes)
        var cells: [CellReference: CellValue] = [:]
        var merged: [CellRange] = []
        var row = 0, column = 0
        func put(_ value: CellValue) {
            if case .text(let s) = value, s.isEmpty { column += 1; return }
            cells[CellReference(row: row, column: column)] = value
            column += 1
        }
        while decoder.offset < bytes.count {
            switch decoder.next() % 10 {
            case 0: row += 1 + Int(decoder.next() % 4); column = 0
            case 1: column = Int(decoder.next() % 24)
            case 2: put(.text(vocabulary[Int(decoder.next()) % vocabulary.count]))
            case 3:
                let length = Int(decoder.next())
                put(.text(String(decoding: decoder.next(length), as: UTF8.self)))
            case 4:
                let d = Double(bitPattern: decoder.next(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
                put(.number(d.isFinite ? d : Double(Int8(truncatingIfNeeded: d.bitPattern))))
            case 5: put(.number(Double(decoder.next() % 8)))
            case 6:
                let kind = decoder.next() % 4
                let raw = Int32(bitPattern: decoder.next(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
                switch kind {
                case 0: put(.bool(raw & 1 == 1))
                case 1: put(.error(["#N/A", "#DIV/0!", "#VALUE!", "#REF!"][Int(raw & 3)]))
                case 2: put(.dateTime(ExcelDateTime(serial: Double(raw) / 100, is1904: raw & 1 == 1, isDuration: raw & 2 == 2)))
                default: put(.text("　"))
                }
            case 7:
                let height = Int(decoder.next() % 32), width = Int(decoder.next() % 32)
                merged.append(CellRange(start: CellReference(row: row, column: column),
                                        end: CellReference(row: row + height, column: column + width)))
            case 8:
                row = Int(decoder.next(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
                column = Int(decoder.next()) * 64
            default:
                let high = Int(decoder.next()), low = Int(decoder.next())
                row = high << 8 | low
                column = Int(decoder.next())
            }
        }
        return SheetGrid(name: name, cells: cells, merged: merged)
    }

    /// Bytes that decode to about `grid` (positions past 65,535 rows or 255 columns, long texts and
    /// dates are approximated): seeds from real forms.
    public static func encode(_ grid: SheetGrid) -> [UInt8] {
        var out: [UInt8] = []
        func position(_ ref: CellReference) {
            out += [9, UInt8(truncatingIfNeeded: ref.row >> 8), UInt8(truncatingIfNeeded: ref.row), UInt8(truncatingIfNeeded: ref.column)]
        }
        for ref in grid.cells.keys.sorted() {
            position(ref)
            switch grid.cells[ref]! {
            case .text(let s):
                if let i = vocabularyIndex[s], i < 256 { out += [2, UInt8(i)] } else {
                    let utf8 = Array(s.utf8.prefix(255))
                    out += [3, UInt8(utf8.count)] + utf8
                }
            case .number(let d):
                if d >= 0, d < 8, d == d.rounded() { out += [5, UInt8(d)] } else {
                    out.append(4)
                    var bits = d.bitPattern
                    for _ in 0..<8 { out.append(UInt8(bits & 0xFF)); bits >>= 8 }
                }
            case .bool(let b): out += [6, 0, 0, 0, 0, b ? 1 : 0]
            case .error: out += [6, 1, 0, 0, 0, 0]
            case .dateTime(let date):
                let scaled = (date.serial * 100).rounded(.down)
                let clamped = scaled.isFinite ? Int32(max(min(scaled, Double(Int32.max)), Double(Int32.min))) : 0
                let raw = UInt32(bitPattern: clamped & ~3)
                out += [6, 2, UInt8(raw >> 24), UInt8((raw >> 16) & 0xFF), UInt8((raw >> 8) & 0xFF), UInt8(raw & 0xFF)]
            case .empty: break
            }
        }
        for range in grid.merged {
            position(range.start)
            out += [7, UInt8(min(range.end.row - range.start.row, 31)), UInt8(min(range.end.column - range.start.column, 31))]
        }
        return out
    }
}
