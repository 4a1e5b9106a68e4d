import Aggregation
import Forms
import Validation
import XLSX

/// A small fixed set of records whose figures were worked out by hand (see the tests).
enum SampleRecords {
    static let midori = Submission(
        fiscalYear: 2024, phase: .final, orgName: "みどりの会", projectName: "公園清掃", department: "みどり公園課",
        scores: scores([5, 4, 4, 3, 5, 4, 4]), cityScores: scores([5, 4, 2, 3, 5, 4, 4]),
        viewpointComments: [.achievement: "参加者が予定より少なかった"], orgComment: "来年も続けたい",
        cityComment: "地域との連携が進んだ", outlook: "通年で実施", source: .init(file: "a.xlsx", sheet: "Sheet1"))
    static let kosodate = Submission(
        fiscalYear: 2024, phase: .final, orgName: "子育てネット", projectName: "親子広場", department: "児童青少年課",
        scores: scores([2, 3, 3, 2, 4, 3, 3]), orgComment: "会場の確保が課題", cityComment: "周知を工夫する",
        source: .init(file: "b.xlsx", sheet: "Sheet1"))
    static let machiInterim = Submission(
        fiscalYear: 2024, phase: .interim, orgName: "ＮＰＯ法人　まちづくり", projectName: "防災訓練", department: "",
        scores: scores([4, 4, 5, 5, 4, 4, 5]), orgComment: "順調", cityComment: "順調",
        source: .init(file: "c.xlsx", sheet: "中間"))
    static let machi2023 = Submission(
        fiscalYear: 2023, phase: .final, orgName: "NPO法人まちづくり", projectName: "防災訓練", department: "危機管理課",
        scores: scores([3, 3, 4, 4, 3, 3, 4]), orgComment: "初年度", cityComment: "初年度",
        source: .init(file: "d.xlsx", sheet: "Sheet1"))

    static let midoriProposal = ProposalRecord(
        fiscalYear: 2024, orgName: "みどりの会", projectName: "公園 清掃", category: "新規チャレンジ部門",
        proposalType: "自由テーマ型", collaborationForm: "委託", department: "みどり公園課", yearNumber: 1,
        source: .init(file: "p1.xlsx", sheet: "提案書"))
    static let machiProposal = ProposalRecord(
        fiscalYear: 2024, orgName: "NPO法人まちづくり", projectName: "防災訓練", category: "継続ステップアップ部門",
        proposalType: "テーマ設定型", theme: "防災", collaborationForm: "共催", department: "危機管理課", yearNumber: 2,
        source: .init(file: "p2.xlsx", sheet: "提案書"))
    static let machiProposal2023 = ProposalRecord(
        fiscalYear: 2023, orgName: "NPO法人まちづくり", projectName: "防災訓練", category: "新規チャレンジ部門",
        proposalType: "テーマ設定型", collaborationForm: "共催", department: "危機管理課", yearNumber: 1,
        source: .init(file: "p0.xlsx", sheet: "提案書"))
    static let orphanProposal = ProposalRecord(
        fiscalYear: 2024, orgName: "読書サークル", projectName: "読み聞かせ", category: "新規チャレンジ部門",
        proposalType: "自由テーマ型", collaborationForm: "事業協力", department: "社会教育課", yearNumber: 1,
        source: .init(file: "p3.xlsx", sheet: "提案書"))

    static var records: RecordSet {
        RecordSet(submissions: [midori, kosodate, machiInterim, machi2023],
                  proposals: [midoriProposal, machiProposal, machiProposal2023, orphanProposal])
    }

    static func scores(_ list: [Int]) -> [Viewpoint: Int] {
        Dictionary(uniqueKeysWithValues: zip(Viewpoint.allCases, list))
    }
}

/// Builds extracted forms the way the form reader would, for the record-builder tests.
enum FormFactory {
    static func reading(_ key: String, _ value: FieldValue, row: Int) -> FieldReading {
        let raw: CellValue
        switch value {
        case .text(let s), .unreadable(let s): raw = .text(s)
        case .integer(let n), .yen(let n): raw = .number(Double(n))
        case .fiscalYear(let y): raw = .number(Double(y))
        case .decimal(let d): raw = .number(d)
        case .blank: raw = .empty
        }
        return FieldReading(key: key, label: key, labelCell: nil, cell: CellReference(row: row, column: 2), raw: raw, value: value)
    }

    static func form(_ kind: FormKind, sheet: String = "Sheet1", _ values: [String: FieldValue]) -> ExtractedForm {
        var fields: [String: FieldReading] = [:]
        for (index, key) in values.keys.sorted().enumerated() { fields[key] = reading(key, values[key]!, row: index) }
        return ExtractedForm(sheet: sheet, kind: kind, fields: fields)
    }
}
