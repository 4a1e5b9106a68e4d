import Foundation
import TestSupport
import Testing
import XLSX
@testable import Forms

/// A reflection sheet saved as `.ods` by LibreOffice (`scripts/make_ods_fixtures.py` converts
/// `forms/seed_table_openpyxl.xlsx`) is read with the same fields, values and cells as the `.xlsx`.
@Test func reflectionSheetSavedAsODSReadsAsTheXLSXDoes() throws {
    let xlsx = TestPaths.fixtures.appendingPathComponent("forms/seed_table_openpyxl.xlsx")
    let ods = TestPaths.fixtures.appendingPathComponent("ods/seed_table_openpyxl.ods")
    let expected = try #require(try FixtureExpectations.load(FixtureOracleGridTests.directory.appendingPathComponent("expected.json"))["seed_table_openpyxl.xlsx"])
    let workbook = try Workbook.open(path: ods.path)
    let forms = try FormExtractor().extractForms(from: workbook)
    FixtureExpectations.check(file: "seed_table_openpyxl.ods", forms: forms,
                              sheetNames: workbook.sheets.filter { !$0.hidden }.map(\.name), expected: expected)
    #expect(!forms.isEmpty)
    #expect(forms == (try FormExtractor().extractForms(from: Workbook.open(path: xlsx.path))))
}
