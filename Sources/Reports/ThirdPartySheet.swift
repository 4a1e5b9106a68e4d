import Aggregation
import Forms
import XLSXWriting

/// 第三者評価: per viewpoint the 団体 / 市 / 第三者 means with the evaluators' agreement (and a column
/// chart of the three), per project and viewpoint the evaluators' n, mean, median and range beside
/// the 団体's and the 市's scores with the flags, then each evaluator's 所見.
struct ThirdPartySheet {
    let input: SummaryWorkbookInput
    let thirdParty: ThirdPartySummary
    let sheet: ReportSheet

    static let sheetName = "第三者評価"
    static let viewpointHeader = ["視点", "団体の平均", "市の平均", "第三者の平均", "一致度α(順序)", "評価者数",
                                  "事業数(評価者2人以上)", "n(評価の数)"]
    static let projectHeader = ["事業ID", "団体名", "事業名", "視点", "団体の評価", "市の評価", "第三者 n", "第三者 平均",
                                "第三者 中央値", "最小", "最大", "自己評価との乖離", "評価の分かれ"]
    static let findingsHeader = ["事業ID", "評価者", "所見", "改善への提案", "総合評価"]
    static let viewpointTop = 3

    func write(_ workbook: ReportWorkbook) {
        sheet.widths([14, 22, 40, 30, 10, 10, 10, 10, 10, 8, 8, 14, 12], wrap: [1, 2, 3])
        sheet.text(0, 0, "第三者評価（評価者 \(thirdParty.evaluators.count)人、評価のある事業 \(thirdParty.projects.count)件）",
                   sheet.formats.title)
        sheet.text(1, 0, "第三者の平均が団体の自己評価より\(ThirdPartyFlags.belowSelf)以上低い視点を「乖離」、評価者の評価の幅が"
                   + "\(ThirdPartyFlags.wideRange)以上の視点を「分かれ」としています。一致度はクリッペンドルフのα（順序尺度）で、"
                   + "評価者が2人以上のときだけ示します。視点ごとの平均は、第三者評価のある事業についてのものです。")
        let top = Self.viewpointTop
        sheet.headerRow(top, Self.viewpointHeader)
        for (offset, viewpoint) in Viewpoint.allCases.enumerated() {
            let row = top + 1 + offset
            let means = ThirdPartySheet.means(thirdParty, viewpoint)
            let agreement = thirdParty.agreement.first { $0.viewpoint == viewpoint }
            sheet.text(row, 0, viewpoint.label)
            sheet.number(row, 1, means.org, sheet.formats.decimal)
            sheet.number(row, 2, means.city, sheet.formats.decimal)
            sheet.number(row, 3, means.thirdParty, sheet.formats.decimal)
            sheet.number(row, 4, agreement?.alpha, sheet.formats.decimal)
            sheet.integer(row, 5, agreement?.evaluators)
            sheet.integer(row, 6, agreement?.projects)
            sheet.integer(row, 7, agreement?.n)
        }
        var row = top + Viewpoint.allCases.count + 3
        // The chart sits below the viewpoint table, the project table below the chart.
        addChart(workbook, at: row)
        row += 22
        sheet.headerRow(row, Self.projectHeader)
        for project in thirdParty.projects {
            for item in project.viewpoints {
                row += 1
                let s = item.evaluators
                sheet.fitRow(row, [(1, project.orgName), (2, project.projectName)])
                sheet.text(row, 0, project.projectID)
                sheet.text(row, 1, project.orgName, sheet.formats.wrap)
                sheet.text(row, 2, project.projectName, sheet.formats.wrap)
                sheet.text(row, 3, item.viewpoint.label)
                sheet.integer(row, 4, item.orgScore)
                sheet.integer(row, 5, item.cityScore)
                sheet.integer(row, 6, s.n)
                sheet.number(row, 7, s.mean, sheet.formats.decimal)
                sheet.number(row, 8, s.median, sheet.formats.decimal)
                sheet.integer(row, 9, s.minimum)
                sheet.integer(row, 10, s.maximum)
                if item.belowSelf { sheet.text(row, 11, "乖離", sheet.formats.flag) }
                if item.wideDisagreement { sheet.text(row, 12, "分かれ", sheet.formats.flag) }
            }
            row += 1
            let overall = project.overall
            sheet.text(row, 0, project.projectID)
            sheet.text(row, 1, project.orgName, sheet.formats.wrap)
            sheet.text(row, 2, project.projectName, sheet.formats.wrap)
            sheet.text(row, 3, "総合評価")
            sheet.integer(row, 6, overall.n)
            sheet.number(row, 7, overall.mean, sheet.formats.decimal)
            sheet.number(row, 8, overall.median, sheet.formats.decimal)
            sheet.integer(row, 9, overall.minimum)
            sheet.integer(row, 10, overall.maximum)
            if (overall.range ?? 0) >= ThirdPartyFlags.wideRange { sheet.text(row, 12, "分かれ", sheet.formats.flag) }
        }
        if !thirdParty.unmatched.isEmpty {
            row += 2
            sheet.text(row, 0, "照合できなかった評価票（事業IDがこの年度の事業にないか、事業名が違います。集計に含めていません）",
                       sheet.formats.flag)
            row += 1
            sheet.headerRow(row, ["事業ID", "評価者", "ファイル", "シート"])
            for record in thirdParty.unmatched {
                row += 1
                sheet.text(row, 0, record.projectID)
                sheet.text(row, 1, evaluatorShown(record))
                sheet.text(row, 2, input.redactor.file(record.source.file))
                sheet.text(row, 3, input.redactor.sheet(record.source.sheet, in: record.source.file))
            }
        }
        row += 2
        sheet.headerRow(row, Self.findingsHeader)
        for project in thirdParty.projects {
            for finding in project.findings {
                row += 1
                sheet.fitRow(row, [(2, finding.findings), (3, finding.suggestions)])
                sheet.text(row, 0, project.projectID)
                sheet.text(row, 1, finding.evaluator)
                sheet.text(row, 2, finding.findings, sheet.formats.wrap)
                sheet.text(row, 3, finding.suggestions, sheet.formats.wrap)
                sheet.integer(row, 4, finding.overall)
            }
        }
    }

    /// An evaluation's evaluator as the year's outputs show it (a code when anonymising).
    func evaluatorShown(_ record: EvaluationRecord) -> String {
        thirdParty.evaluatorNames[record.evaluatorKey] ?? (input.redactor.anonymizer == nil ? record.evaluator : "評価者")
    }

    /// A column chart: 団体 / 市 / 第三者 means by viewpoint, from the viewpoint table.
    func addChart(_ workbook: ReportWorkbook, at row: Int) {
        let chart = workbook.addChart(.column)
        let first = Self.viewpointTop + 1, last = Self.viewpointTop + Viewpoint.allCases.count
        for (column, name) in [(1, "団体"), (2, "市"), (3, "第三者")] {
            chart.addSeries(sheet: sheet.cells.name, name: name, categoryColumn: 0, valueColumn: column,
                            firstRow: first, lastRow: last)
        }
        chart.style(title: "視点別の平均：団体・市・第三者", valueAxisName: "平均（1〜5）", min: 0, max: 5)
        sheet.cells.insert(chart, row: row, column: 0, xScale: 2, yScale: 1.4)
    }

    /// The viewpoint's means over the evaluated projects: the 団体's and 市's scores, and the
    /// projects' third-party means.
    static func means(_ summary: ThirdPartySummary, _ viewpoint: Viewpoint)
        -> (org: Double?, city: Double?, thirdParty: Double?) {
        func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }
        let items = summary.projects.compactMap { $0.viewpoints.first { $0.viewpoint == viewpoint } }
        return (mean(items.compactMap { $0.orgScore.map(Double.init) }), mean(items.compactMap { $0.cityScore.map(Double.init) }),
                mean(items.compactMap(\.evaluators.mean)))
    }
}

extension CSVTables {
    /// `第三者評価_<年度>.csv`, long form: one row per project, evaluator and viewpoint (then 総合評価).
    public func thirdPartyRows(_ summary: ThirdPartySummary) -> CSVRows {
        let year = FiscalYearLabel.japanese(summary.fiscalYear)
        return CSVRows(fileName: OutputNames.thirdPartyCSV(summary.fiscalYear), header: Columns.thirdPartyCSV,
                       expectedCount: summary.projects.count * summary.evaluators.count * 8) { emit in
            for project in summary.projects {
                for finding in project.findings {
                    let identity: [CSVField] = [.text(year), .text(project.projectID), .text(project.orgName),
                                                .text(project.projectName), .text(finding.evaluator)]
                    for viewpoint in Viewpoint.allCases {
                        emit(identity + [.integer(viewpoint.number), .text(viewpoint.name), .integer(finding.scores[viewpoint])])
                    }
                    emit(identity + [.integer(nil), .text("総合評価"), .integer(finding.overall)])
                }
            }
        }
    }
}
