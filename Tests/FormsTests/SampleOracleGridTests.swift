import Foundation
import TestSupport
import Testing
import XLSX
@testable import Forms

/// Every workbook in `samples/`, read through openpyxl's cells, extracts to the fields and cells its
/// generator (scripts/make_samples.py) put there.
@Suite struct SampleOracleGridTests {
    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: TestPaths.samples.path)) ?? [])
            .filter { $0.hasSuffix(".xlsx") }.sorted()
    }

    static func expectations() throws -> [String: [String: SheetExpectation?]] {
        try FixtureExpectations.load(TestPaths.fixtures.appendingPathComponent("forms/samples_expected.json"))
    }

    @Test func samplesCoverTwoYearsBothPhasesAndBothKinds() throws {
        let expected = try Self.expectations()
        #expect(Set(expected.keys) == Set(Self.files))
        let sheets = expected.values.flatMap { $0.values.compactMap { $0 } }
        let reflections = sheets.filter { $0.kind == .reflection }
        #expect(reflections.count >= 12)
        #expect(sheets.filter { $0.kind == .proposal }.count >= 6)
        #expect(Set(reflections.compactMap { $0.fields["fiscal_year"]?.value }) == [.fiscalYear(2023), .fiscalYear(2024)])
        #expect(Set(reflections.compactMap { $0.fields["phase"]?.value }) == [.text("中間"), .text("最終")])
        let projects = Set(sheets.compactMap { $0.fields["project_name"]?.value })
        for seedProject in ["多言語情報提供事業", "こそだてフェスタ@西東京", "小規模公園・緑地活用事業",
                            "ケアラー（在宅介護者）支援…傾聴と認知症から学ぶ"] {
            #expect(projects.contains(.text(seedProject)), "\(seedProject)")
        }
    }

    @Test(arguments: files)
    func sampleExtractsToTheExpectedFieldsAndCells(file: String) throws {
        let sheets = try #require(try Self.expectations()[file], "no expectations for \(file)")
        let grids = try OpenpyxlOracle.grids(of: TestPaths.samples.appendingPathComponent(file).path)
        let forms = grids.compactMap { FormExtractor().extract($0) }
        FixtureExpectations.check(file: file, forms: forms, sheetNames: grids.map(\.name), expected: sheets)
    }

    @Test(arguments: files)
    func readerAndExtractorGiveTheExpectedFieldsAndCells(file: String) throws {
        let expected = try #require(try Self.expectations()[file], "no expectations for \(file)")
        let workbook = try Workbook.open(path: TestPaths.samples.appendingPathComponent(file).path)
        let forms = try FormExtractor().extractForms(from: workbook)
        let visible = workbook.sheets.filter { !$0.hidden }.map(\.name)
        FixtureExpectations.check(file: file, forms: forms, sheetNames: visible, expected: expected)
        #expect(Set(forms.map(\.sheet)).isSubset(of: Set(visible)))
    }
}
