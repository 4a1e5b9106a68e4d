import Foundation

/// A deterministic random source (SplitMix64), so a seed always gives the same workbooks.
public struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One way to damage a valid workbook. Each names what real broken or hostile files do.
public enum WorkbookMutation: String, CaseIterable, Sendable {
    /// Two parts trade their contents (a sheet where the shared strings should be, and so on).
    case swappedParts
    /// A relationship points at a missing part, at the workbook itself, outside the package, or is external.
    case brokenRelationship
    /// Shared-string, style and number-format indexes far past the tables (up to 2^64).
    case hugeIndex
    /// Negative indexes and positions (`<v>-1</v>` on `t="s"`, `s="-3"`, `r="A-1"`).
    case negativeIndex
    /// Elements nested hundreds or thousands deep.
    case deepNesting
    /// A part re-encoded as UTF-16 (either byte order) with a byte-order mark.
    case utf16Encoding
    /// A part declared as ISO-8859-1 and written in it (or with raw UTF-8 bytes under that declaration).
    case latin1Declaration
    /// A row with tens of thousands of cells and no `r`, running past column XFD.
    case overlongRow
    /// A part left out of the package.
    case missingPart
    /// The same entry name twice in the zip, with different contents.
    case duplicateEntry
    /// Merged ranges that are reversed, empty, past the sheet's edge, or thousands of them.
    case badMergedRanges
    /// Row and cell numbers past Excel's 1,048,576 rows, up to 18 digits.
    case hugeRowNumbers
    /// A part cut off in the middle of its XML.
    case truncatedPart
    /// A DOCTYPE with an entity declared in one part.
    case doctype
    /// One sheet listed many times in the workbook, all pointing at the same part.
    case repeatedSheet
    /// A few random bytes of a part overwritten.
    case flippedBytes
    /// The zip itself cut short or damaged.
    case damagedZip
}

/// A generated workbook: its zip's bytes and what was done to it.
public struct GeneratedWorkbook: Sendable {
    public var seed: UInt64
    public var mutations: [WorkbookMutation]
    public var bytes: [UInt8]

    /// Short text naming the case, for failure messages.
    public var label: String { "seed \(seed) [\(mutations.map(\.rawValue).joined(separator: ", "))]" }
}

/// Makes valid workbooks (one to three sheets of every cell kind, shared strings, date styles, merges,
/// sometimes a ふりかえりシート) and applies one to three `WorkbookMutation`s to each.
public struct MutatingWorkbookGenerator {
    static let mainNS = WorkbookBuilder.mainNS
    static let relNS = WorkbookBuilder.relNS
    private var random: SeededRandom

    public init(seed: UInt64) { random = SeededRandom(seed: seed) }

    /// The next workbook; the same seed gives the same sequence.
    public mutating func next() -> GeneratedWorkbook {
        let caseSeed = random.next()
        var rng = SeededRandom(seed: caseSeed)
        var entries = Self.validWorkbook(&rng)
        let count = Int.random(in: 1...3, using: &rng)
        let mutations = (0..<count).map { _ in WorkbookMutation.allCases.randomElement(using: &rng)! }
        var zipLevel: [WorkbookMutation] = []
        for mutation in mutations {
            if mutation == .damagedZip || mutation == .duplicateEntry { zipLevel.append(mutation); continue }
            Self.apply(mutation, to: &entries, &rng)
        }
        var bytes: [UInt8]
        if zipLevel.contains(.duplicateEntry), let victim = entries.randomElement(using: &rng) {
            entries.append((victim.name, Array("<x>\(victim.name)</x>".utf8)))
            entries.shuffle(using: &rng)
            bytes = StoredZip.bytes(entries)
        } else {
            bytes = (try? Self.deflatedZip(entries)) ?? StoredZip.bytes(entries)
        }
        if zipLevel.contains(.damagedZip) { Self.damage(&bytes, &rng) }
        return GeneratedWorkbook(seed: caseSeed, mutations: mutations, bytes: bytes)
    }

    // MARK: The valid workbook

    public typealias Entries = [(name: String, data: [UInt8])]

    /// A valid workbook's entries, before any mutation.
    public static func validWorkbook(_ rng: inout SeededRandom) -> Entries {
        let shared = ["団体名", "事業名", "ふりかえりの視点", "評価", "団体のコメント", "NPO法人さくら", "子ども食堂",
                      "a_x000D_b", " 前後に空白 "] + Viewpoint.labels
        let sheetCount = Int.random(in: 1...3, using: &rng)
        var sheets: [WorkbookBuilder.Sheet] = []
        for n in 0..<sheetCount {
            let body = Bool.random(using: &rng) ? reflectionSheet(&rng) : randomSheet(&rng, sharedCount: shared.count)
            sheets.append(.init("シート\(n + 1)", body, state: n == 2 ? "hidden" : "visible"))
        }
        let styles = """
        <numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy/m/d"/><numFmt numFmtId="165" formatCode="[h]:mm:ss"/></numFmts>\
        <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>
        """
        let builder = WorkbookBuilder(sheets: sheets, sharedStrings: shared.map { "<t xml:space=\"preserve\">\(WorkbookBuilder.escape($0))</t>" },
                                      styles: styles, date1904: Bool.random(using: &rng) ? "1" : nil)
        return builder.entries.map { ($0.name, $0.data) }
    }

    /// The seed's table: header, seven viewpoint rows with scores, comments below.
    static func reflectionSheet(_ rng: inout SeededRandom) -> String {
        var rows = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c>"
            + "<c r=\"D1\" t=\"s\"><v>3</v></c><c r=\"E1\" t=\"s\"><v>4</v></c></row>"
            + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>5</v></c><c r=\"B2\" t=\"s\"><v>6</v></c>"
        for v in 0..<7 {
            let row = v + 2
            if v > 0 { rows += "<row r=\"\(row)\">" }
            rows += "<c r=\"C\(row)\" t=\"s\"><v>\(9 + v)</v></c><c r=\"D\(row)\"><v>\(Int.random(in: 1...5, using: &rng))</v></c>"
            rows += "<c r=\"E\(row)\" t=\"inlineStr\"><is><t>コメント\(v)</t></is></c></row>"
        }
        return "<sheetData>\(rows)</sheetData><mergeCells count=\"2\"><mergeCell ref=\"A2:A8\"/><mergeCell ref=\"B2:B8\"/></mergeCells>"
    }

    /// Rows of every cell kind at random positions.
    static func randomSheet(_ rng: inout SeededRandom, sharedCount: Int) -> String {
        var rows = ""
        var row = 0
        for _ in 0..<Int.random(in: 0...12, using: &rng) {
            row += Int.random(in: 1...3, using: &rng)
            rows += "<row r=\"\(row)\">"
            var column = 0
            for _ in 0..<Int.random(in: 0...8, using: &rng) {
                column += Int.random(in: 0...2, using: &rng)
                let ref = "\(CellNames.column(column))\(row)"
                column += 1
                switch Int.random(in: 0..<8, using: &rng) {
                case 0: rows += "<c r=\"\(ref)\" t=\"s\"><v>\(Int.random(in: 0..<sharedCount, using: &rng))</v></c>"
                case 1: rows += "<c r=\"\(ref)\"><v>\(Double.random(in: -1e6...1e6, using: &rng))</v></c>"
                case 2: rows += "<c r=\"\(ref)\" s=\"\(Int.random(in: 1...3, using: &rng))\"><v>\(Double.random(in: 0...60_000, using: &rng))</v></c>"
                case 3: rows += "<c r=\"\(ref)\" t=\"b\"><v>\(Int.random(in: 0...1, using: &rng))</v></c>"
                case 4: rows += "<c r=\"\(ref)\" t=\"e\"><v>#DIV/0!</v></c>"
                case 5: rows += "<c r=\"\(ref)\" t=\"inlineStr\"><is><r><t>ふりかえり</t></r><rPh sb=\"0\" eb=\"1\"><t>フリ</t></rPh></is></c>"
                case 6: rows += "<c r=\"\(ref)\" t=\"d\"><v>2024-0\(Int.random(in: 1...9, using: &rng))-15T10:00:00</v></c>"
                default: rows += "<c r=\"\(ref)\" t=\"str\"><f>A1</f><v>式の結果</v></c>"
                }
            }
            rows += "</row>"
        }
        return "<sheetData>\(rows)</sheetData>"
    }

    // MARK: Mutations

    static func apply(_ mutation: WorkbookMutation, to entries: inout Entries, _ rng: inout SeededRandom) {
        let sheets = entries.indices.filter { entries[$0].name.hasPrefix("xl/worksheets/") }
        func edit(_ index: Int?, _ change: (String) -> String) {
            guard let index else { return }
            entries[index].data = Array(change(String(decoding: entries[index].data, as: UTF8.self)).utf8)
        }
        func named(_ name: String) -> Int? { entries.firstIndex { $0.name == name } }
        let sheet = sheets.randomElement(using: &rng)
        switch mutation {
        case .swappedParts:
            let a = Int.random(in: 0..<entries.count, using: &rng), b = Int.random(in: 0..<entries.count, using: &rng)
            (entries[a].data, entries[b].data) = (entries[b].data, entries[a].data)
        case .brokenRelationship:
            let target = ["worksheets/none.xml", "workbook.xml", "../../../../etc/passwd", "/", "", "sharedStrings.xml",
                          "worksheets\\sheet1.xml", "%2e%2e/x.xml"].randomElement(using: &rng)!
            edit(named(Bool.random(using: &rng) ? "xl/_rels/workbook.xml.rels" : "_rels/.rels")) { text in
                var out = text.replacingFirst(of: "Target=\"worksheets/sheet1.xml\"", with: "Target=\"\(target)\"")
                    .replacingFirst(of: "Target=\"xl/workbook.xml\"", with: "Target=\"\(target)\"")
                if Bool.random(using: &rng) { out = out.replacingFirst(of: "Id=\"rId1\"", with: "Id=\"rId1\" TargetMode=\"External\"") }
                if Bool.random(using: &rng) { out = out.replacingFirst(of: "Id=\"rId1\"", with: "Id=\"rIdX\"") }
                return out
            }
        case .hugeIndex:
            let huge = ["18446744073709551615", "9223372036854775807", "99999999999999999999", "4294967296", "1048576"].randomElement(using: &rng)!
            edit(sheet) { $0.replacingOccurrences(of: "t=\"s\"><v>", with: "t=\"s\"><v>\(huge)").replacingFirst(of: "s=\"1\"", with: "s=\"\(huge)\"") }
            edit(named("xl/styles.xml")) { $0.replacingFirst(of: "numFmtId=\"14\"", with: "numFmtId=\"\(huge)\"") }
        case .negativeIndex:
            edit(sheet) {
                $0.replacingFirst(of: "t=\"s\"><v>", with: "t=\"s\"><v>-").replacingFirst(of: "r=\"A", with: "r=\"A-")
                    .replacingFirst(of: "<row r=\"", with: "<row r=\"-").replacingFirst(of: "s=\"1\"", with: "s=\"-3\"")
            }
        case .deepNesting:
            let depth = [100, 255, 300, 5000].randomElement(using: &rng)!
            let open = String(repeating: "<x>", count: depth), close = String(repeating: "</x>", count: depth)
            edit(sheet ?? named("xl/workbook.xml")) { $0.replacingFirst(of: "</sheetData>", with: "\(open)\(close)</sheetData>")
                .replacingFirst(of: "<sheets>", with: "<sheets>\(open)\(close)") }
        case .utf16Encoding:
            guard let index = (sheets + [named("xl/sharedStrings.xml")].compactMap { $0 }).randomElement(using: &rng) else { return }
            let text = String(decoding: entries[index].data, as: UTF8.self).replacingFirst(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
            let bigEndian = Bool.random(using: &rng)
            var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
            for unit in text.utf16 { bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
            entries[index].data = bytes
        case .latin1Declaration:
            guard let index = sheets.randomElement(using: &rng) else { return }
            let text = String(decoding: entries[index].data, as: UTF8.self)
                .replacingFirst(of: "encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\"")
                .replacingFirst(of: "<sheetData>", with: "<sheetData><row r=\"100\"><c r=\"A100\" t=\"inlineStr\"><is><t>café ¥</t></is></c></row>")
            // Latin-1 where the text allows it; otherwise the UTF-8 bytes stay, now misdeclared.
            entries[index].data = text.unicodeScalars.allSatisfy { $0.value < 256 }
                ? text.unicodeScalars.map { UInt8($0.value) } : Array(text.utf8)
        case .overlongRow:
            let count = [16_385, 24_000].randomElement(using: &rng)!
            let cells = String(repeating: "<c><v>1</v></c>", count: count)
            edit(sheet) { $0.replacingFirst(of: "<sheetData>", with: "<sheetData><row>\(cells)</row>") }
        case .missingPart:
            entries.remove(at: Int.random(in: 0..<entries.count, using: &rng))
        case .badMergedRanges:
            var merges = ["B2:A1", "A1:XFD1048576", "ZZZZ1:A1", "", "A0:B0", "A1:", ":B2", "$A$1:$B$2", "A1:B2:C3", "XFD1048576:XFD1048576"]
                .map { "<mergeCell ref=\"\($0)\"/>" }.joined()
            if Bool.random(using: &rng) {
                merges += (0..<5000).map { "<mergeCell ref=\"A\($0 + 1):C\($0 + 1)\"/>" }.joined()
            }
            edit(sheet) { $0.replacingFirst(of: "</worksheet>", with: "<mergeCells>\(merges)</mergeCells></worksheet>") }
        case .hugeRowNumbers:
            let r = ["1048577", "999999999", "999999999999999999", "9999999999999999999999"].randomElement(using: &rng)!
            edit(sheet) {
                $0.replacingFirst(of: "<sheetData>", with: "<sheetData><row r=\"\(r)\"><c><v>1</v></c><c r=\"XFD9999999\"><v>2</v></c><c><v>3</v></c></row>")
            }
        case .truncatedPart:
            let index = Int.random(in: 0..<entries.count, using: &rng)
            entries[index].data = Array(entries[index].data.prefix(entries[index].data.count / 2))
        case .doctype:
            let index = Int.random(in: 0..<entries.count, using: &rng)
            edit(index) { text in
                let doctype = "<!DOCTYPE x [<!ENTITY e \"ee\">]>"
                guard let end = text.range(of: "?>") else { return doctype + text }
                return String(text[..<end.upperBound]) + doctype + String(text[end.upperBound...])
            }
        case .repeatedSheet:
            let list = (0..<200).map { "<sheet name=\"S\($0)\" sheetId=\"\($0 + 10)\" r:id=\"rId1\"/>" }.joined()
            edit(named("xl/workbook.xml")) { $0.replacingFirst(of: "<sheets>", with: "<sheets>\(list)") }
        case .flippedBytes:
            let index = Int.random(in: 0..<entries.count, using: &rng)
            guard !entries[index].data.isEmpty else { return }
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                entries[index].data[Int.random(in: 0..<entries[index].data.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
        case .damagedZip, .duplicateEntry:
            break  // applied to the zip's bytes
        }
    }

    static func damage(_ bytes: inout [UInt8], _ rng: inout SeededRandom) {
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: bytes = Array(bytes.prefix(Int.random(in: 4..<max(bytes.count, 5), using: &rng)))
        case 1:
            for _ in 0..<8 where bytes.count > 4 { bytes[Int.random(in: 4..<bytes.count, using: &rng)] ^= 0xFF }
        default:
            // The end-of-central-directory record claims 65,535 entries.
            if let end = bytes.lastIndex(of: 0x50), end + 11 < bytes.count { bytes[end + 8] = 0xFF; bytes[end + 9] = 0xFF }
        }
    }

    static func deflatedZip(_ entries: Entries) throws -> [UInt8] {
        let url = try makeTemporaryDirectory("generated").appendingPathComponent("book.xlsx")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        try ZipWriter.write(entries.map { ZipWriter.Entry($0.name, bytes: $0.data) }, to: url)
        return Array(try Data(contentsOf: url))
    }
}

/// A zip of stored entries, written by hand so that it may hold the same name twice (libzip refuses to).
enum StoredZip {
    static func bytes(_ entries: [(name: String, data: [UInt8])]) -> [UInt8] {
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16((v >> 16) & 0xFFFF) }
        var out: [UInt8] = [], central: [UInt8] = []
        for entry in entries {
            let name = Array(entry.name.utf8), crc = Int(crc32(entry.data)), offset = out.count
            let common = le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x21) + le32(crc)
                + le32(entry.data.count) + le32(entry.data.count) + le16(name.count)
            out += le32(0x0403_4B50) + common + le16(0) + name + entry.data
            central += le32(0x0201_4B50) + le16(20) + common + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + name
        }
        let centralOffset = out.count
        return out + central + le32(0x0605_4B50) + le16(0) + le16(0) + le16(entries.count) + le16(entries.count)
            + le32(central.count) + le32(centralOffset) + le16(0)
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            c ^= UInt32(b)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        }
        return c ^ 0xFFFF_FFFF
    }
}

/// Column letters, for generated references.
enum CellNames {
    static func column(_ index: Int) -> String {
        var n = index + 1, letters: [Character] = []
        while n > 0 { letters.append(Character(Unicode.Scalar(UInt8(65 + (n - 1) % 26)))); n = (n - 1) / 26 }
        return String(letters.reversed())
    }
}

/// The seven viewpoint labels of the seed's table (kept here so TestSupport needs no Forms).
enum Viewpoint {
    static let labels = ["①協働の有効性", "②目的の設定", "③目的の共有", "④目的の達成度", "⑤協力体制", "⑥受益者の満足度", "⑦団体の満足度"]
}

extension String {
    func replacingFirst(of target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
