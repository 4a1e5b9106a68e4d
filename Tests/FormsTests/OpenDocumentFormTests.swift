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

/// Every form fixture (each shape, each writer), saved as `.ods` by LibreOffice here and now,
/// extracts to the same forms as the `.xlsx` it was saved from.
@Test(.enabled(if: OpenpyxlOracle.sofficePath != nil, "needs LibreOffice (soffice) to write the .ods"))
func everyFormFixtureSavedAsODSByLibreOfficeReadsAsTheXLSXDoes() throws {
    let soffice = try #require(OpenpyxlOracle.sofficePath)
    let directory = try makeTemporaryDirectory("ods-forms")
    defer { try? FileManager.default.removeItem(at: directory) }
    let names = FixtureOracleGridTests.files
    let process = Process()
    process.executableURL = URL(fileURLWithPath: soffice)
    process.arguments = ["-env:UserInstallation=file://\(directory.path)/lo-profile", "--headless", "--convert-to", "ods",
                         "--outdir", directory.path] + names.map { FixtureOracleGridTests.directory.appendingPathComponent($0).path }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(names.count >= 8)
    for name in names {
        let xlsx = try FormExtractor().extractForms(from: Workbook.open(path: FixtureOracleGridTests.directory.appendingPathComponent(name).path))
        let ods = try FormExtractor().extractForms(from: Workbook.open(path: directory.appendingPathComponent(name.dropLast(5) + ".ods").path))
        #expect(!ods.isEmpty, "\(name)")
        #expect(ods == xlsx, "\(name)")
    }
}
