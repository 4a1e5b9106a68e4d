import Testing
import XLSX
@testable import Forms

/// The position table and the dictionaries it replaces must answer every look-up alike.
@Suite struct CellTableTests {
    func grid() -> SheetGrid {
        var cells: [CellReference: CellValue] = [:]
        for (a1, value) in [("A1", CellValue.text("団体名")), ("B1", .text("ひまわり会")), ("C3", .number(4)),
                            ("D5", .text("  ")), ("H2", .text(" ")), ("B7", .bool(true)), ("A9", .text("メモ"))] {
            cells[CellReference(a1: a1)!] = value
        }
        // Overlapping small ranges (the later wins), a large one, and one that is past the used area's values.
        let merged = ["B1:C2", "C2:D3", "A4:A6", "A10:Z40", "E1:F1"].map { CellRange(a1: $0)! }
        return SheetGrid(name: "S", cells: cells, merged: merged)
    }

    @Test func tableAndDictionariesGiveTheSameCellsAndMerges() {
        let vocabulary = FormExtractor().vocabulary
        let withTable = SheetIndex(grid: grid(), vocabulary: vocabulary)
        let withoutTable = SheetIndex(grid: grid(), vocabulary: vocabulary, tableLimit: 0)
        #expect(withTable.hasTable && !withoutTable.hasTable)
        for row in -1...45 {
            for column in -1...30 {
                let ref = CellReference(row: row, column: column)
                #expect(withTable.merged(containing: ref) == withoutTable.merged(containing: ref), "\(ref)")
                #expect(withTable.cell(ref) == withoutTable.cell(ref), "\(ref)")
                #expect(withTable.value(at: ref) == withoutTable.value(at: ref), "\(ref)")
            }
        }
        #expect(withTable.merged(containing: CellReference(a1: "C2")!) == CellRange(a1: "C2:D3"))
        #expect(withTable.value(at: CellReference(a1: "C1")!) == .text("ひまわり会"))
        #expect(withTable.value(at: CellReference(a1: "C3")!) == .empty, "C3 lies in C2:D3, whose top-left is empty")
        #expect(withTable.cell(CellReference(a1: "H2")!) == .text(" "))
    }
}

@Test func shortLabelTextIsCountedInScalars() {
    let limit = SheetIndex.maxLabelLength
    for text in ["", "団体名", String(repeating: "a", count: limit), String(repeating: "a", count: limit + 1),
                 String(repeating: "あ", count: limit), String(repeating: "あ", count: limit + 1),
                 String(repeating: "😀", count: limit), String(repeating: "😀", count: limit + 1),
                 String(repeating: "e\u{301}", count: 30), String(repeating: "e\u{301}", count: 31)] {
        #expect(SheetIndex.isShort(text) == (text.unicodeScalars.count <= limit), "\(text.unicodeScalars.count) scalars")
    }
}
