import Core
import Testing
import XLSX

@Test func a1RoundTrips() {
    for (text, row, column) in [("A1", 0, 0), ("Z9", 8, 25), ("AA10", 9, 26), ("XFD1048576", 1048575, 16383)] {
        let ref = CellReference(a1: text)
        #expect(ref == CellReference(row: row, column: column))
        #expect(ref?.a1 == text)
    }
    #expect(CellReference(a1: "$b$7") == CellReference(row: 6, column: 1))
    for bad in ["", "A", "7", "A0", "1A", "ABCD1", "A-1"] { #expect(CellReference(a1: bad) == nil) }
}

@Test func rangeNormalisesCorners() {
    let range = CellRange(a1: "C5:A2")
    #expect(range?.a1 == "A2:C5")
    #expect(range?.contains(CellReference(row: 3, column: 1)) == true)
    #expect(range?.contains(CellReference(row: 5, column: 1)) == false)
}

@Test func blankMeansOnlyUnicodeWhiteSpace() {
    var mismatches: [UInt32] = []
    for value in UInt32(0)...0x10FFFF {
        guard let scalar = Unicode.Scalar(value) else { continue }
        if CellValue.text(String(scalar)).isBlank != scalar.properties.isWhitespace { mismatches.append(value) }
    }
    #expect(mismatches.isEmpty, "differs from White_Space at \(mismatches.prefix(5))")
    #expect(CellValue.text(" \u{3000}\n").isBlank && CellValue.empty.isBlank)
    #expect(!CellValue.text(" a ").isBlank && !CellValue.number(0).isBlank)
}

/// The A1 spelling, written in place, agrees with column letters and row number spelled out, at
/// every edge of the letters and digits, and outside Excel's range.
@Test func a1SpellsColumnLettersThenTheRowNumber() {
    let columns = [0, 1, 24, 25, 26, 27, 51, 52, 701, 702, 703, 16_383, 18_276, 18_277, 18_278, 100_000]
    let rows = [0, 1, 8, 9, 10, 98, 99, 999, 9_999, 1_048_575, 9_999_998, 9_999_999, 10_000_000, 123_456_789]
    for column in columns {
        for row in rows {
            #expect(CellReference(row: row, column: column).a1 == A1Reference.columnLetters(column) + String(row + 1))
        }
    }
    #expect(CellReference(row: 0, column: 0).a1 == "A1" && CellReference(row: 9, column: 26).a1 == "AA10")
    #expect(CellReference(row: 1_048_575, column: 16_383).a1 == "XFD1048576")
    #expect(A1Reference.columnLetters(701) == "ZZ" && A1Reference.columnLetters(702) == "AAA")
}
