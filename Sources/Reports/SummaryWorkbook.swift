import Aggregation
import Foundation
import Validation

/// Everything one year's summary workbook shows.
public struct SummaryWorkbookInput {
    public var summary: YearSummary
    public var crossYear: CrossYearSummary
    /// The year's files (accepted and rejected), for 検証結果 and the counts of 概要.
    public var files: [FileResult]
    /// Forms left out for want of a fiscal year.
    public var undated: [SourceLocation]
    public var redactor: Redactor
    /// Files of the run whose year cannot be told: listed in `ふりかえり_検証結果_年度不明.csv`,
    /// pointed to from 検証結果.
    public var unknownYearFiles = 0
    /// The year's third-party evaluation; its sheet (第三者評価) is added only when it has projects.
    public var thirdParty: ThirdPartySummary?

    public init(summary: YearSummary, crossYear: CrossYearSummary, files: [FileResult],
                undated: [SourceLocation] = [], redactor: Redactor) {
        self.summary = summary
        self.crossYear = crossYear
        self.files = files
        self.undated = undated
        self.redactor = redactor
    }

    var yearLabel: String { FiscalYearLabel.japanese(summary.fiscalYear) }
}

/// Writes the summary workbook: eleven sheets, in the order evaluators read them.
public enum SummaryWorkbook {
    /// The sheet names, in order.
    public static let sheetNames = ["概要", "視点別", "事業別", "中間ふりかえり", "担当課別", "協働形態別", "部門別",
                                    "コメント一覧", "未提出・未照合", "検証結果", "経年比較"]
    static let title = "協働事業ふりかえり集計"
    /// The document properties' keywords: marks the workbook as furikaeri's output, never an input.
    public static let keywords = "furikaeri-summary"
    /// The sheet lists of this version's and the previous version's workbooks, to recognise them.
    public static let allSheetNameLists = [sheetNames, sheetNames + [ThirdPartySheet.sheetName],
                                           sheetNames.filter { $0 != "中間ふりかえり" }]

    /// Writes the workbook to `path`. The creation time is fixed to 1 April of the fiscal year, so
    /// the same input gives the same bytes.
    public static func write(_ input: SummaryWorkbookInput, to path: String) throws {
        let created = creationDate(fiscalYear: input.summary.fiscalYear)
        let workbook = try ReportWorkbook(path: path, title: "\(title) \(input.yearLabel)", created: created, keywords: keywords)
        let thirdParty = input.thirdParty.flatMap { $0.isEmpty ? nil : $0 }
        let names = sheetNames + (thirdParty == nil ? [] : [ThirdPartySheet.sheetName])
        let sheets = names.map { workbook.addSheet($0) }
        OverviewSheet(input: input, sheet: sheets[0]).write(workbook)
        ViewpointSheet(input: input, sheet: sheets[1]).write(workbook)
        ProjectSheet(input: input, sheet: sheets[2], rows: input.summary.projects).write()
        ProjectSheet(input: input, sheet: sheets[3], rows: input.summary.interimReflections).write()
        BreakdownSheet(input: input, sheet: sheets[4], dimensions: [.department]).write()
        BreakdownSheet(input: input, sheet: sheets[5], dimensions: [.collaborationForm]).write()
        BreakdownSheet(input: input, sheet: sheets[6], dimensions: [.category, .proposalType, .phase]).write()
        CommentSheet(input: input, sheet: sheets[7]).write()
        MissingSheet(input: input, sheet: sheets[8]).write()
        ValidationSheet(input: input, sheet: sheets[9]).write()
        CrossYearSheet(input: input, sheet: sheets[10]).write(workbook)
        if let thirdParty { ThirdPartySheet(input: input, thirdParty: thirdParty, sheet: sheets[11]).write(workbook) }
        for (sheet, name) in zip(sheets, names) {
            sheet.printSetup(title: "\(title)（\(name)）", yearLabel: input.yearLabel)
        }
        try workbook.close()
    }

    /// 00:00 UTC on 1 April of the fiscal year.
    static func creationDate(fiscalYear: Int) -> Date {
        var components = DateComponents()
        (components.year, components.month, components.day) = (fiscalYear, 4, 1)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
    }
}
