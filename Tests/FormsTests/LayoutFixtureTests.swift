import Foundation
import TestSupport
import Testing
import XLSX
@testable import Forms

/// The office layouts of `Tests/Fixtures/layouts/` (○ grids, check boxes, `label：value`, boxes below
/// labels, years in titles, formulas…), each valid and mistaken, written by openpyxl, XlsxWriter and
/// LibreOffice: read by our reader and by openpyxl's, extracted by label, held against expected.json.
@Suite struct LayoutFixtureTests {
    static let directory = TestPaths.fixtures.appendingPathComponent("layouts")

    /// Every fixture's path relative to the folder (some sit in a folder named after their year).
    static var files: [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory.path)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".xlsx") { files.append(path) }
        }
        return files.sorted()
    }

    @Test func everyLayoutHasAValidAndAMistakenVariantByTwoWriters() {
        let files = Set(Self.files)
        for layout in ["circle_grid", "circle_grid_ascending", "circle_grid_city_words", "dropdown", "checkbox",
                       "label_colon_value", "comment_below_label", "label_beside_label", "label_beside_table",
                       "title_year", "city_scores_blank", "formulas", "totals_rows", "houganshi_grid"] {
            for variant in ["valid", "mistaken"] {
                for writer in ["openpyxl", "xlsxwriter"] {
                    #expect(files.contains("\(layout)_\(variant)_\(writer).xlsx"), "\(layout)_\(variant)_\(writer)")
                }
            }
        }
    }

    @Test(arguments: files)
    func readerAndExtractorGiveTheExpectedFieldsAndCells(file: String) throws {
        let expected = try #require(try FixtureExpectations.load(Self.directory.appendingPathComponent("expected.json"))[file],
                                    "no expectations for \(file)")
        let workbook = try Workbook.open(path: Self.directory.appendingPathComponent(file).path)
        let forms = try FormExtractor().extractForms(from: workbook)
        FixtureExpectations.check(file: file, forms: forms, sheetNames: workbook.sheets.filter { !$0.hidden }.map(\.name),
                                  expected: expected)
    }

    /// The same through openpyxl's reading of the cells (merges included), so our reader is not the
    /// only witness of what the file holds. openpyxl keeps no formula results: files with formulas
    /// are left to the test above.
    @Test(arguments: files.filter { !$0.hasPrefix("formulas") && !$0.hasPrefix("totals_rows") })
    func openpyxlCellsExtractToTheExpectedFields(file: String) throws {
        let expected = try #require(try FixtureExpectations.load(Self.directory.appendingPathComponent("expected.json"))[file])
        let grids = try OpenpyxlOracle.grids(of: Self.directory.appendingPathComponent(file).path)
        let extractor = FormExtractor()
        FixtureExpectations.check(file: file, forms: grids.compactMap { extractor.extract($0) },
                                  sheetNames: grids.map(\.name), expected: expected)
    }
}
