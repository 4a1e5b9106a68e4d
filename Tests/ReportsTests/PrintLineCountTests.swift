import Testing
@testable import Reports

@Test func wrappedTextLinesCountFullWidthCharactersTwice() {
    #expect(ReportSheet.lineCount("①協働の有効性", width: 8) == 2)          // 14 units, 7 a line
    #expect(ReportSheet.lineCount("標準偏差(標本, n−1)", width: 14) == 2)    // 20 units, 13 a line
    #expect(ReportSheet.lineCount("abcdefghij", width: 8) == 2)
    #expect(ReportSheet.lineCount("ｱｲｳｴｵｶ", width: 7) == 1)                 // half-width kana: 6 units
    #expect(ReportSheet.lineCount("あいうえおか", width: 7) == 2)           // 12 units
    #expect(ReportSheet.lineCount("𠮷𠮷𠮷", width: 7) == 1)                  // 6 units
    #expect(ReportSheet.lineCount("一行目\n二行目\n\n四行目", width: 20) == 4)
    #expect(ReportSheet.lineCount("", width: 8) == 1)
}
