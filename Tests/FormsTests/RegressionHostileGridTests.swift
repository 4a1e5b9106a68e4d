import Foundation
import Forms
import Testing
import XLSX

/// Grids built to exhaust the extractor: each must finish quickly, without exploding memory.

@Test func hundredThousandOverlappingMergesAreBoundedAndTheFormIsStillFound() {
    // Found with the fuzz harness: a 500 KB workbook whose sheet lists 100,000 overlapping 20×20
    // merges took 26 s and 330 MB to index cell by cell.
    var grid = seedTableGrid()
    let formMerges = grid.merged
    let junk = (0..<100_000).map { i in
        CellRange(start: CellReference(row: 100 + i, column: 0), end: CellReference(row: 119 + i, column: 19))
    }
    grid.merged = formMerges + junk
    let start = Date()
    let form = FormExtractor().extract(grid)
    let seconds = Date().timeIntervalSince(start)
    #expect(seconds < 1, "took \(seconds) s")
    #expect(form?.kind == .reflection)
    #expect(form?["org_name"]?.value == .text("NPO法人にしとうきょう多文化ネット"))
}

@Test func hugeMergesPastTheIndexBudgetAreStillHonoured() {
    // Merges bigger than the per-range limit are scanned rather than indexed; they still anchor.
    var grid = seedTableGrid()
    grid.merged += (0..<600).map { i in
        CellRange(start: CellReference(row: 1_000 + i * 30, column: 0), end: CellReference(row: 1_020 + i * 30, column: 30))
    }
    let start = Date()
    let form = FormExtractor().extract(grid)
    #expect(Date().timeIntervalSince(start) < 1)
    #expect(form?["scores.achievement"]?.value == .integer(4))
}
