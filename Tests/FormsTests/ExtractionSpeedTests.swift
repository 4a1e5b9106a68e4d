import Foundation
import Testing
import XLSX
@testable import Forms

/// Extraction indexes each sheet once; it must stay a small part of reading a file.
@Suite struct ExtractionSpeedTests {
    @Test func twoThousandSheetsExtractQuickly() throws {
        let extractor = FormExtractor()
        let grids = (0..<2_000).map { i in
            i % 2 == 0 ? seedTableGrid() : shifted(seedTableGrid(scores: ["4", 3, "５", 4, 3, 4, 5]), rows: i % 5, columns: i % 3)
        }
        let start = Date()
        var found = 0
        for grid in grids where extractor.extract(grid) != nil { found += 1 }
        let seconds = Date().timeIntervalSince(start)
        #expect(found == 2_000)
        // A debug build on a shared 2-core machine; a release build is several times faster.
        #expect(seconds < 10, "2,000 sheets took \(seconds) s")
        print("extracted 2,000 sheets in \(seconds) s")
    }

    @Test func aLargeNonFormSheetIsSkippedQuickly() {
        var grid = SheetGrid(name: "データ")
        for row in 0..<5_000 {
            for column in 0..<10 { grid.cells[CellReference(row: row, column: column)] = .number(Double(row * column)) }
            grid.cells[CellReference(row: row, column: 10)] = .text("備考\(row)")
        }
        grid.merged = [CellRange(a1: "A1:Z1000")!]
        let start = Date()
        #expect(FormExtractor().extract(grid) == nil)
        #expect(Date().timeIntervalSince(start) < 5)
    }
}
