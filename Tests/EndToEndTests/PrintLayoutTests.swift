import Foundation
import Testing
import TestSupport

// Printable on A4: never shrunk below 8 points (the workbook's print scale), wide tables over
// several pages with their title rows and columns repeated, wrapped headers and texts in rows tall
// enough for them.

private func summaryFacts() throws -> (facts: [String: [String: Any]], workbook: URL, cleanup: URL) {
    let (run, out) = try Outputs.process([TestPaths.samples.path])
    #expect(run.status == 0, "\(run.stderr)")
    let workbook = out.appendingPathComponent("ふりかえり集計_令和6年度.xlsx")
    let facts = try Outputs.oracle(["workbook", workbook.path])["sheet_facts"] as! [String: [String: Any]]
    return (facts, workbook, out.deletingLastPathComponent())
}

@Test func everySheetPrintsOnA4AtEightPointsOrMoreWithTitlesRepeated() throws {
    let (facts, _, cleanup) = try summaryFacts()
    defer { try? FileManager.default.removeItem(at: cleanup) }
    #expect(facts.count == 12)  // with 第三者評価: samples/第三者評価 holds returned evaluator sheets
    for (name, sheet) in facts {
        // 11-point text at the print scale: 8 points or more, and no fit-to-page shrinking.
        let scale = (sheet["scale"] as? NSNumber)?.intValue ?? 100
        #expect(11.0 * Double(scale) / 100 >= 8, "\(name) prints at \(scale)%")
        #expect(sheet["fit_to_page"] as? Bool == false, "\(name) is shrunk to fit")
        #expect(sheet["paper_size"] as? Int == 9 && sheet["orientation"] as? String == "landscape", "\(name)")
    }
    for name in ["事業別", "中間ふりかえり"] {
        #expect(facts[name]!["print_title_rows"] as? String == "$1:$1", "\(name)")
        #expect(facts[name]!["print_title_cols"] as? String == "$A:$C", "\(name)")
    }
    for name in ["コメント一覧", "検証結果"] { #expect(facts[name]!["print_title_rows"] as? String == "$1:$1", "\(name)") }
    // Wrapped headers get the height of their lines: ①協働の有効性 in a column 8 wide takes two.
    let projectHeights = facts["事業別"]!["row_heights"] as! [String: Double]
    #expect((projectHeights["1"] ?? 0) >= 30, "\(projectHeights)")
    let viewpointHeights = facts["視点別"]!["row_heights"] as! [String: Double]
    #expect((viewpointHeights["3"] ?? 0) >= 30, "標準偏差(標本, n−1): \(viewpointHeights)")
    // A long message wraps in a row tall enough for it.
    let validation = facts["検証結果"]!
    let cells = validation["cells"] as! [String: Any], heights = validation["row_heights"] as! [String: Double]
    let wrapped = Set(validation["wrapped_cells"] as! [String])
    let longest = cells.filter { $0.key.hasPrefix("H") && $0.key != "H1" }.max { ($0.value as! String).count < ($1.value as! String).count }!
    #expect(wrapped.contains(longest.key))
    let row = String(longest.key.dropFirst())
    #expect((heights[row] ?? 15) >= 15 * Double((longest.value as! String).count * 2 / 50), "row \(row): \(heights[row] ?? 15)")
}

@Test(.enabled(if: PythonOracle.isInstalled("soffice")))
func libreOfficePrintsTheWideProjectTableOverSeveralPagesInsteadOfShrinkingIt() throws {
    let (_, workbook, cleanup) = try summaryFacts()
    defer { try? FileManager.default.removeItem(at: cleanup) }
    let result = try Outputs.oracle(["pdf_pages", workbook.path, cleanup.appendingPathComponent("pdf").path])
    #expect(result["ok"] as? Bool == true, "\(result)")
    let pages = result["pages"] as! [String: Int]
    #expect(pages.count == 12 && pages.values.allSatisfy { $0 >= 1 }, "\(pages)")
    // Three projects, twenty columns: more than one page, side by side, at the print scale.
    #expect(pages["事業別"]! >= 2, "\(pages)")
    #expect(pages["担当課別"] == 1 && pages["協働形態別"] == 1, "\(pages)")
    #expect(pages["概要"] == 1, "the overview and its chart on one page: \(pages)")
    #expect((result["total"] as! Int) >= pages.values.reduce(0, +) - 1, "\(result)")
}
