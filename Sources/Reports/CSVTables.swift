import Core
import Aggregation
import Forms
import Validation

/// Builds the CSV tables from the aggregation's values. The records are already free of personal
/// values (masked before aggregation); file paths and validation messages pass the redactor here.
public struct CSVTables: Sendable {
    public var scrubber: Redactor
    /// Whether text fields carry the file and cell they came from. Only CP932 output can fail on a
    /// character and needs them; building them for every field costs at 10,000 projects.
    public var tracksOrigins: Bool

    public init(scrubber: Redactor, tracksOrigins: Bool = true) {
        self.scrubber = scrubber
        self.tracksOrigins = tracksOrigins
    }

    /// The wide table: one row per project (the reflection the figures use), the seven scores, the
    /// mean and the comments.
    public func projects(_ summary: YearSummary) -> CSVTable { CSVTable(projectRows(summary)) }

    /// The rows of `projects`, made one at a time.
    public func projectRows(_ summary: YearSummary) -> CSVRows {
        wideRows(summary.projects, year: summary.fiscalYear, fileName: OutputNames.projectsCSV(summary.fiscalYear))
    }

    /// The 中間 reflections in the wide table's columns, one row per project.
    public func interimRows(_ summary: YearSummary) -> CSVRows {
        wideRows(summary.interimReflections, year: summary.fiscalYear, fileName: OutputNames.interimCSV(summary.fiscalYear))
    }

    private func wideRows(_ rows: [ProjectRow], year fiscalYear: Int, fileName: String) -> CSVRows {
        let year = FiscalYearLabel.japanese(fiscalYear)
        return CSVRows(fileName: fileName, header: Columns.projectsCSV, expectedCount: rows.count) { emit in
            for row in rows {
                let s = row.submission
                emit(identity(year, row) + [text(row.department, s, "department"), text(row.category),
                                            text(row.proposalType), text(row.collaborationForm)]
                    + Viewpoint.allCases.map { CSVField.integer(s.scores[$0]) }
                    + [.decimal(row.mean), text(s.orgComment, s, "org_comment"), text(s.cityComment, s, "city_comment"),
                       text(s.outlook, s, "outlook")])
            }
        }
    }

    /// The long table: one row per project (the reflection the figures use) and viewpoint.
    public func viewpoints(_ summary: YearSummary) -> CSVTable { CSVTable(viewpointRows(summary)) }

    /// The rows of `viewpoints`, made one at a time.
    public func viewpointRows(_ summary: YearSummary) -> CSVRows {
        let year = FiscalYearLabel.japanese(summary.fiscalYear)
        return CSVRows(fileName: OutputNames.viewpointsCSV(summary.fiscalYear), header: Columns.viewpointsCSV,
                       expectedCount: summary.projects.count * Viewpoint.allCases.count) { emit in
            for row in summary.projects {
                let s = row.submission
                let identity = identity(year, row)  // the same on each viewpoint's row
                for v in Viewpoint.allCases {
                    let org = s.scores[v], city = s.cityScores[v]
                    let gap = org.flatMap { o in city.map { o - $0 } }
                    emit(identity + [
                        .integer(v.number), .text(v.name), .integer(org), .integer(city), .integer(gap),
                        text(s.viewpointComments[v] ?? "", s, "comments.\(v.rawValue)"),
                    ])
                }
            }
        }
    }

    /// Every non-empty comment of the figures' reflections and the 中間 ones, one per row.
    public func comments(_ summary: YearSummary) -> CSVTable { CSVTable(commentRows(summary)) }

    /// The rows of `comments`, made one at a time.
    public func commentRows(_ summary: YearSummary) -> CSVRows {
        let year = FiscalYearLabel.japanese(summary.fiscalYear)
        return CSVRows(fileName: OutputNames.commentsCSV(summary.fiscalYear), header: Columns.commentsCSV,
                       expectedCount: summary.projects.count * 4) { emit in
            for row in summary.reflections {
                let identity = identity(year, row)  // the same on each comment's row
                for item in CommentItem.items(of: row.submission) {
                    emit(identity + [.text(item.kind), .text(item.viewpoint),
                                                text(item.text, row.submission, item.field)])
                }
            }
        }
    }

    /// Every issue of the given files (one year's, accepted or not).
    public func issues(_ files: [FileResult], year: Int?) -> CSVTable { CSVTable(issueRows(files, year: year)) }

    /// The rows of `issues`, made one at a time.
    public func issueRows(_ files: [FileResult], year: Int?) -> CSVRows {
        CSVRows(fileName: OutputNames.issuesCSV(year), header: Columns.issuesCSV, expectedCount: files.count) { emit in
            for issue in IssueRow.rows(files, scrubber: scrubber) {
                let origin = tracksOrigins ? TextOrigin(file: issue.file, sheet: issue.sheet, cell: issue.cell) : nil
                emit([.text(issue.file, origin: origin), .text(issue.status), .text(issue.severity), .text(issue.code),
                      .text(issue.field), .text(issue.sheet, origin: origin), .text(issue.cell),
                      .text(issue.message, origin: origin)])
            }
        }
    }

    /// Each viewpoint's mean by fiscal year, and the number of reflections.
    public func crossYear(_ cross: CrossYearSummary) -> CSVTable {
        let header = ["視点番号", "視点"] + cross.years.map(FiscalYearLabel.japanese)
        var rows: [[CSVField]] = [[.number(""), .text("ふりかえり件数")] + cross.years.map { .integer(cross.reflectionCounts[$0] ?? 0) }]
        for v in Viewpoint.allCases {
            rows.append([.integer(v.number), .text(v.name)] + cross.years.map { .decimal(cross.viewpointMeans[v]?[$0]) })
        }
        return CSVTable(fileName: OutputNames.crossYearCSV, header: header, rows: rows)
    }

    private func identity(_ year: String, _ row: ProjectRow) -> [CSVField] {
        let s = row.submission
        return [.text(year), .text(row.projectID), text(s.orgName, s, "org_name"), text(s.projectName, s, "project_name"),
                .text(s.phase.csvText)]
    }

    private func text(_ value: String) -> CSVField { .text(value) }

    private func text(_ value: String, _ s: Submission, _ field: String) -> CSVField {
        guard tracksOrigins else { return .text(value) }
        return .text(value, origin: TextOrigin(file: s.source.file, sheet: s.source.sheet, cell: s.cells[field] ?? ""))
    }
}

/// One comment of a reflection, labelled for the comment lists.
struct CommentItem {
    var kind: String
    var viewpoint: String
    var text: String
    var field: String

    /// The per-viewpoint comments in viewpoint order, then 団体のコメント, 市のコメント, 今後の展望.
    static func items(of s: Submission) -> [CommentItem] {
        var items: [CommentItem] = []
        for v in Viewpoint.allCases {
            if let c = s.viewpointComments[v], !c.isEmpty {
                items.append(CommentItem(kind: "視点のコメント", viewpoint: v.label, text: c, field: "comments.\(v.rawValue)"))
            }
        }
        for (kind, text, field) in [("団体のコメント", s.orgComment, "org_comment"), ("市のコメント", s.cityComment, "city_comment"),
                                    ("今後の展望", s.outlook, "outlook")] where !text.isEmpty {
            items.append(CommentItem(kind: kind, viewpoint: "", text: text, field: field))
        }
        return items
    }
}

/// One validation issue, flattened for the 検証結果 sheet and CSV.
struct IssueRow {
    var file, status, severity, code, field, sheet, cell, message: String

    static let statusLabels: [FileStatus: String] = [.valid: "受理", .invalid: "要修正", .unreadable: "読み取り不可"]
    static let severityLabels: [Severity: String] = [.error: "エラー", .warning: "警告"]

    /// File-level issues first, then each form's, files in path order. A message about a personal
    /// field is replaced, since it may quote the value.
    static func rows(_ files: [FileResult], scrubber: Redactor) -> [IssueRow] {
        var rows: [IssueRow] = []
        // Indices are sorted, not the files: moving a FileResult costs retains on every swap.
        for index in files.indices.sorted(by: { ByteOrder.less(files[$0].path, files[$1].path) }) {
            let file = files[index]
            let status = statusLabels[file.status] ?? file.status.rawValue
            let issues = file.issues + file.forms.flatMap(\.issues)
            if issues.isEmpty {
                rows.append(IssueRow(file: scrubber.file(file), status: status, severity: "", code: "",
                                     field: "", sheet: "", cell: "", message: "問題はありません。"))
            }
            for issue in issues {
                let message = PersonalDataScrubber.isPersonal(field: issue.field)
                    ? "個人情報の項目のため内容は省略しました。元のファイルで確認してください。"
                    : scrubber.message(issue.message, in: file.path)
                rows.append(IssueRow(file: scrubber.file(file), status: status,
                                     severity: severityLabels[issue.severity] ?? issue.severity.rawValue,
                                     code: issue.code, field: issue.field, sheet: scrubber.sheet(issue.sheet, in: file.path),
                                     cell: issue.cell, message: message))
            }
        }
        return rows
    }
}
