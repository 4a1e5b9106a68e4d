import Foundation
import Settings
import Templates
import TestSupport
import Testing
import XLSX
@testable import Forms

/// How a written workbook is read back: through our reader, or through openpyxl's cells.
enum ReadBack: String, CaseIterable, Sendable {
    case reader, openpyxl

    func forms(at path: String) throws -> [ExtractedForm] {
        switch self {
        case .reader: return try FormExtractor().extractForms(from: Workbook.open(path: path))
        case .openpyxl: return try OpenpyxlOracle.grids(of: path).compactMap { FormExtractor().extract($0) }
        }
    }
}

/// A blank template filled with openpyxl (as staff fill it in Excel) reads back field for field.
@Suite struct TemplateRoundTripTests {
    static let reflectionValues: [String: any Sendable] = [
        "B3": "令和6年度", "D3": "最終", "B4": "文化振興課",
        "A8": "NPO法人にしとうきょう多文化ネット", "B8": "多言語情報提供事業",
        "D8": 5, "D9": 4, "D10": 4, "D11": 3, "D12": 5, "D13": 4, "D14": 5,
        "E8": 4, "E9": 4, "E10": 3, "E11": 3, "E12": 4, "E13": 4, "E14": 4,
        "F8": "市報の翻訳で外国籍市民に届いた", "F11": "配布部数は目標の8割",
        "D15": "翻訳ボランティアの高齢化が課題です。", "D16": "次年度も委託で継続します。", "D17": "やさしい日本語版を追加",
    ]

    func filledTemplate(_ kind: FormKind, _ values: [String: Any], in directory: URL) throws -> String {
        let blank = directory.appendingPathComponent("blank.xlsx").path
        let filled = directory.appendingPathComponent("filled.xlsx").path
        try TemplateWriter.write(kind, to: blank)
        try OpenpyxlOracle.fill(blank, to: filled, sheet: TemplateWriter.sheetName(kind), cells: values)
        return filled
    }

    @Test(arguments: ReadBack.allCases)
    func filledReflectionTemplateReadsBackEveryFieldAndCell(via route: ReadBack) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try filledTemplate(.reflection, Self.reflectionValues, in: directory)
        let forms = try route.forms(at: path)
        #expect(forms.count == 1)
        let form = try #require(forms.first)
        #expect(form.kind == .reflection)
        let expected: [(String, String, FieldValue)] = [
            ("fiscal_year", "B3", .fiscalYear(2024)), ("phase", "D3", .text("最終")), ("department", "B4", .text("文化振興課")),
            ("org_name", "A8", .text("NPO法人にしとうきょう多文化ネット")), ("project_name", "B8", .text("多言語情報提供事業")),
            ("org_comment", "D15", .text("翻訳ボランティアの高齢化が課題です。")),
            ("city_comment", "D16", .text("次年度も委託で継続します。")), ("outlook", "D17", .text("やさしい日本語版を追加")),
        ]
        for (key, a1, value) in expected {
            #expect(form[key]?.cell.a1 == a1, "\(key)")
            #expect(form[key]?.value == value, "\(key)")
        }
        for (offset, viewpoint) in Viewpoint.allCases.enumerated() {
            let row = 8 + offset
            #expect(form["scores.\(viewpoint.rawValue)"]?.cell.a1 == "D\(row)")
            #expect(form["scores.\(viewpoint.rawValue)"]?.value == .integer(Self.reflectionValues["D\(row)"] as! Int))
            #expect(form["city_scores.\(viewpoint.rawValue)"]?.cell.a1 == "E\(row)")
            #expect(form["city_scores.\(viewpoint.rawValue)"]?.value == .integer(Self.reflectionValues["E\(row)"] as! Int))
            #expect(form["comments.\(viewpoint.rawValue)"]?.cell.a1 == "F\(row)")
        }
        #expect(form["comments.effectiveness"]?.value == .text("市報の翻訳で外国籍市民に届いた"))
        #expect(form["comments.goal_setting"]?.value == .blank)
        // 7 scores, 7 city scores, 7 comments and 8 fields.
        #expect(form.fields.count == 29)
    }

    @Test(arguments: ReadBack.allCases)
    func blankReflectionTemplateGivesEveryFieldBlankAtItsInputCell(via route: ReadBack) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("blank.xlsx").path
        try TemplateWriter.write(.reflection, to: path)
        let form = try #require(try route.forms(at: path).first)
        #expect(form.fields.count == 29)
        #expect(form.fields.values.allSatisfy { $0.value == .blank })
        #expect(form["org_name"]?.cell.a1 == "A8")
        #expect(form["org_comment"]?.cell.a1 == "D15")
        #expect(form["fiscal_year"]?.cell.a1 == "B3")
        #expect(form["phase"]?.cell.a1 == "D3")
    }

    @Test(arguments: ReadBack.allCases)
    func filledProposalTemplateReadsBackEveryFieldAndCell(via route: ReadBack) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let values: [String: Any] = [
            "B4": "令和7年度", "B5": "新規チャレンジ部門", "B6": "テーマ設定型", "B7": "地域で支える介護",
            "B8": "ケアラーズカフェ西東京", "B9": "佐藤 美咲", "B10": "西東京市田無町9-9-9", "B11": "042-555-0101",
            "B12": "carers@example.org", "B13": "ケアラー（在宅介護者）支援…傾聴と認知症から学ぶ", "B14": "補助・助成",
            "B15": "高齢者支援課", "B16": 1, "B17": "介護者の孤立", "B18": "傾聴できる支援者を育てる", "B19": "講座と実践体験会",
            "B20": "介護者の負担軽減", "B21": "講座の運営", "B22": "広報と会場", "B23": 800000, "B24": 600000,
        ]
        let path = try filledTemplate(.proposal, values, in: directory)
        let form = try #require(try route.forms(at: path).first)
        #expect(form.kind == .proposal)
        #expect(form.fields.count == 21)
        for key in ProposalTemplateOrder.keys {
            let reading = try #require(form[key], "\(key)")
            let row = 4 + ProposalTemplateOrder.keys.firstIndex(of: key)!
            #expect(reading.cell.a1 == "B\(row)", "\(key)")
            #expect(reading.labelCell?.a1 == "A\(row)", "\(key)")
            switch values["B\(row)"] {
            case let text as String where key == "fiscal_year":
                #expect(text == "令和7年度" && reading.value == .fiscalYear(2025))
            case let text as String: #expect(reading.value == .text(text), "\(key)")
            case let number as Int where key == "year_number": #expect(reading.value == .integer(number))
            case let number as Int: #expect(reading.value == .yen(number), "\(key)")
            default: Issue.record("no value for \(key)")
            }
        }
    }
}

/// The proposal template's field order, restated here so that a change to the layout is a visible test change.
enum ProposalTemplateOrder {
    static let keys = [
        "fiscal_year", "category", "proposal_type", "theme", "org_name", "representative", "address", "phone",
        "email", "project_name", "collaboration_form", "department", "year_number", "local_issue", "purpose",
        "description", "expected_effect", "org_role", "city_role", "total_cost", "requested_amount",
    ]
}
