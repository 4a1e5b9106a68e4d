import Foundation
import TestSupport
import Testing
import XLSX
@testable import Forms

/// Every fixture of `Tests/Fixtures/forms/` (one per shape the forms come in, written by openpyxl,
/// XlsxWriter and LibreOffice), read through openpyxl's cells and extracted by label.
@Suite struct FixtureOracleGridTests {
    static let directory = TestPaths.fixtures.appendingPathComponent("forms")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".xlsx") }.sorted()
    }

    @Test func everyShapeHasAFixture() {
        let files = Set(Self.files)
        for required in ["seed_table_openpyxl.xlsx", "label_left_xlsxwriter.xlsx", "seed_table_title_rows_xlsxwriter.xlsx",
                         "label_left_title_rows_openpyxl.xlsx", "retyped_labels_openpyxl.xlsx",
                         "retyped_labels_seed_xlsxwriter.xlsx", "several_forms_xlsxwriter.xlsx", "proposal_openpyxl.xlsx"] {
            #expect(files.contains(required), "\(required)")
        }
    }

    @Test(arguments: files)
    func fixtureExtractsToTheExpectedFieldsAndCells(file: String) throws {
        let expected = try FixtureExpectations.load(Self.directory.appendingPathComponent("expected.json"))
        let sheets = try #require(expected[file], "no expectations for \(file)")
        let grids = try OpenpyxlOracle.grids(of: Self.directory.appendingPathComponent(file).path)
        let extractor = FormExtractor()
        let forms = grids.compactMap { extractor.extract($0) }
        FixtureExpectations.check(file: file, forms: forms, sheetNames: grids.map(\.name), expected: sheets)
    }

    @Test(arguments: files)
    func readerAndExtractorGiveTheExpectedFieldsAndCells(file: String) throws {
        let expected = try #require(try FixtureExpectations.load(Self.directory.appendingPathComponent("expected.json"))[file], "no expectations for \(file)")
        let workbook = try Workbook.open(path: Self.directory.appendingPathComponent(file).path)
        let forms = try FormExtractor().extractForms(from: workbook)
        let visible = workbook.sheets.filter { !$0.hidden }.map(\.name)
        FixtureExpectations.check(file: file, forms: forms, sheetNames: visible, expected: expected)
        #expect(Set(forms.map(\.sheet)).isSubset(of: Set(visible)))
    }
}
