import Foundation

/// Files built to hurt a reader. Each must end quickly with its own error, never a crash.
public enum HostileFiles {
    public static let billionLaughs = """
    <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\
    <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">\
    <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">\
    <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">\
    <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>\
    <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>
    """

    public static let externalEntity = """
    <?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\
    <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">\
    <c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>
    """

    /// A workbook whose shared strings expand billions of times.
    public static func billionLaughsBook() -> [ZipWriter.Entry] {
        var entries = WorkbookBuilder(sheets: [.init("S", "<sheetData/>")], sharedStrings: []).entries
        entries.removeAll { $0.name == "xl/sharedStrings.xml" }
        entries.append(.init("xl/sharedStrings.xml", billionLaughs))
        return entries
    }

    /// A workbook whose sheet reads `/etc/passwd` through an external entity.
    public static func externalEntityBook() -> [ZipWriter.Entry] {
        var entries = WorkbookBuilder(sheets: [.init("S", "<sheetData/>")]).entries
        entries.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
        entries.append(.init("xl/worksheets/sheet1.xml", externalEntity))
        return entries
    }

    /// A workbook whose sheet is `megabytes` MiB of whitespace, deflated about 1000:1.
    public static func zipBombBook(megabytes: Int) -> [ZipWriter.Entry] {
        var entries = WorkbookBuilder(sheets: [.init("S", "<sheetData/>")]).entries
        entries.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
        var body = Array("<worksheet xmlns=\"\(WorkbookBuilder.mainNS)\"><sheetData>".utf8)
        body += [UInt8](repeating: 32, count: megabytes << 20)
        body += Array("</sheetData></worksheet>".utf8)
        entries.append(.init("xl/worksheets/sheet1.xml", bytes: body))
        return entries
    }

    /// The first `keep` bytes of a real workbook.
    public static func truncatedBook(keep: Int) throws -> [UInt8] {
        let url = try makeTemporaryDirectory("hostile").appendingPathComponent("whole.xlsx")
        try WorkbookBuilder(sheets: [.init("S", "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData>")]).write(to: url)
        return Array(try Data(contentsOf: url).prefix(keep))
    }

    /// A compound-file header with one directory sector, naming `EncryptedPackage` or `Workbook`.
    public static func compoundFile(streamName: String) -> [UInt8] {
        var file = [UInt8](repeating: 0, count: 512 * 3)
        file.replaceSubrange(0..<8, with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        file[0x1E] = 9  // 512-byte sectors
        let entry = 512 * 2  // the directory sector
        for (i, unit) in streamName.utf16.enumerated() {
            file[entry + i * 2] = UInt8(unit & 0xFF)
            file[entry + i * 2 + 1] = UInt8(unit >> 8)
        }
        file[entry + 64] = UInt8((streamName.utf16.count + 1) * 2)
        file[entry + 66] = 2  // a stream
        return file
    }

    /// An OpenDocument spreadsheet's opening: the stored `mimetype` entry and a content part.
    public static func openDocument() -> [ZipWriter.Entry] {
        [.init("mimetype", "application/vnd.oasis.opendocument.spreadsheet", stored: true),
         .init("content.xml", "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>"),
         .init("META-INF/manifest.xml", "<manifest/>")]
    }

    /// A worksheet part of `rows` × `columns` numeric cells, built as bytes (fast even in a debug build).
    public static func numberGridSheet(rows: Int, columns: Int) -> [UInt8] {
        gridSheet(rows: rows, columns: columns) { row, _ in Array("><v>\(row)</v>".utf8) }
    }

    /// A worksheet part of `rows` × `columns` cells, each naming its own shared string (`sharedStrings`
    /// gives the table): the most memory a small file can ask a reader to hold.
    public static func textGridSheet(rows: Int, columns: Int) -> [UInt8] {
        gridSheet(rows: rows, columns: columns) { row, column in Array(" t=\"s\"><v>\((row - 1) * columns + column)</v>".utf8) }
    }

    /// The shared-string table for `textGridSheet`: one distinct 24-character text a cell.
    public static func textGridStrings(count: Int) -> [UInt8] {
        var out = Array("<sst xmlns=\"\(WorkbookBuilder.mainNS)\">".utf8)
        out.reserveCapacity(count * 40)
        for i in 0..<count { out += Array("<si><t>項目\(String(format: "%08d", i))の説明です。</t></si>".utf8) }
        out += Array("</sst>".utf8)
        return out
    }

    private static func gridSheet(rows: Int, columns: Int, cellBody: (Int, Int) -> [UInt8]) -> [UInt8] {
        var names: [[UInt8]] = []
        for c in 0..<columns {
            var n = c + 1, name = ""
            while n > 0 { name = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + name; n = (n - 1) / 26 }
            names.append(Array(name.utf8))
        }
        var out = Array("<worksheet xmlns=\"\(WorkbookBuilder.mainNS)\"><sheetData>".utf8)
        out.reserveCapacity(rows * columns * 30)
        for r in 1...rows {
            let row = Array(String(r).utf8)
            out += Array("<row r=\"".utf8) + row + Array("\">".utf8)
            for c in 0..<columns {
                out += Array("<c r=\"".utf8) + names[c] + row + Array("\"".utf8) + cellBody(r, c) + Array("</c>".utf8)
            }
            out += Array("</row>".utf8)
        }
        out += Array("</sheetData></worksheet>".utf8)
        return out
    }

    /// A workbook whose one sheet is `sheet` (a worksheet part), with `sharedStrings` as its table.
    public static func bookWithSheet(_ sheet: [UInt8], sharedStrings: [UInt8]? = nil) -> [ZipWriter.Entry] {
        var entries = WorkbookBuilder(sheets: [.init("S", "<sheetData/>")], sharedStrings: ["<t>x</t>"]).entries
        entries.removeAll { $0.name == "xl/worksheets/sheet1.xml" || (sharedStrings != nil && $0.name == "xl/sharedStrings.xml") }
        entries.append(.init("xl/worksheets/sheet1.xml", bytes: sheet))
        if let sharedStrings { entries.append(.init("xl/sharedStrings.xml", bytes: sharedStrings)) }
        return entries
    }

    public static let csv = Array("団体名,事業名\nNPO法人さくら,子ども食堂\n=HYPERLINK(\"x\"),1\n".utf8)
}

