import Foundation
import Testing
@testable import Reports

private func utf8Body(_ table: CSVTable) -> String {
    let data = CSVEncoder(encoding: .utf8).encode(table).data
    return String(decoding: data.dropFirst(3), as: UTF8.self)
}

@Test func utf8CSVStartsWithABOMAndEndsLinesWithCRLF() {
    let data = CSVEncoder(encoding: .utf8).encode(CSVTable(fileName: "t.csv", header: ["年度", "平均"], rows: [[.text("令和6年度"), .decimal(3.5)]])).data
    #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
    #expect(String(decoding: data.dropFirst(3), as: UTF8.self) == "年度,平均\r\n令和6年度,3.50\r\n")
}

@Test func fieldsAreQuotedAsRFC4180Asks() {
    let table = CSVTable(fileName: "t.csv", header: ["a"], rows: [
        [.text("カンマ,あり")], [.text("引用符\"あり\"")], [.text("改行\r\nあり")], [.text("普通")],
    ])
    #expect(utf8Body(table) == "a\r\n\"カンマ,あり\"\r\n\"引用符\"\"あり\"\"\"\r\n\"改行\nあり\"\r\n普通\r\n")
}

@Test func textThatExcelWouldRunAsAFormulaGetsAQuote() {
    for (input, expected) in [("=1+1", "'=1+1"), ("+81", "'+81"), ("-特になし", "'-特になし"), ("@SUM(A1)", "'@SUM(A1)"),
                              ("\tx", "'\tx"), ("＝１", "'＝１"), ("普通の=文", "普通の=文"), ("", "")] {
        #expect(FormulaGuard.neutralise(input) == expected)
    }
    // Numbers we format are left alone, so a negative gap stays a number.
    let table = CSVTable(fileName: "t.csv", header: ["差", "文"], rows: [[.integer(-2), .text("-2")]])
    #expect(utf8Body(table) == "差,文\r\n-2,'-2\r\n")
}

@Test func fieldsWrittenStraightIntoTheBytesAreQuotedAndGuardedAsQuoteAndNeutraliseDo() {
    let fields = ["=1+1", "＝１,２", "-", "＠\"x\"", "\r\n", "a\rb\nc\r\n", "\"", ",", "普通", "", "＋", "ｰ", "\u{FF1E}x", "−1"]
    for field in fields {
        var bytes: [UInt8] = []
        CSVQuoting.append(field, guardingFormulas: true, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == CSVQuoting.quote(FormulaGuard.neutralise(field)), "\(field)")
        bytes = []
        CSVQuoting.append(field, guardingFormulas: false, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == CSVQuoting.quote(field))
    }
    #expect(CSVQuoting.quote("=a,b") == "\"=a,b\"" && FormulaGuard.neutralise("＠x") == "'＠x" && FormulaGuard.neutralise("\u{FF1E}x") == "\u{FF1E}x"
            && FormulaGuard.neutralise("－1") == "'－1" && FormulaGuard.neutralise("＋1") == "'＋1" && FormulaGuard.neutralise("\u{FF5E}") == "\u{FF5E}")
    // The same bytes in a file as in CP932 (where each field goes through quote and neutralise).
    let table = CSVTable(fileName: "t.csv", header: ["a", "b"], rows: fields.map { [.text($0), .integer(-1)] })
    let utf8 = CSVEncoder(encoding: .utf8).encode(table).data.dropFirst(3)
    let expected = (["a,b"] + fields.map { CSVQuoting.quote(FormulaGuard.neutralise($0)) + ",-1" }).map { $0 + "\r\n" }.joined()
    #expect(String(decoding: utf8, as: UTF8.self) == expected)
}

@Test func cp932OutputHasNoBOMAndUsesShiftJISBytes() {
    let (data, problems) = CSVEncoder(encoding: .cp932).encode(
        CSVTable(fileName: "t.csv", header: ["年度"], rows: [[.text("髙橋〜①")]]))
    #expect(problems.isEmpty)
    // 年=0x944E 度=0x9378; 髙=0xFBFC (IBM extension), 橋=0x8BB4, 〜=0x8160, ①=0x8740.
    #expect(Array(data) == [0x94, 0x4E, 0x93, 0x78, 0x0D, 0x0A, 0xFB, 0xFC, 0x8B, 0xB4, 0x81, 0x60, 0x87, 0x40, 0x0D, 0x0A])
}

@Test func charactersCP932LacksAreListedWithTheirCell() {
    let origin = TextOrigin(file: "b.xlsx", sheet: "Sheet1", cell: "D20")
    let table = CSVTable(fileName: "c.csv", header: ["コメント"], rows: [[.text("𠮷野家と🙂", origin: origin)]])
    let (data, problems) = CSVEncoder(encoding: .cp932, replaceUnencodable: true).encode(table)
    #expect(problems.map(\.character) == ["𠮷", "🙂"])
    #expect(problems.allSatisfy { $0.origin == origin && $0.csvFile == "c.csv" })
    #expect(problems[0].description.contains("U+20BB7") && problems[0].description.contains("D20"))
    let text = String(data: data, encoding: .shiftJIS) ?? ""
    #expect(text.contains("〓野家と〓"))
}
