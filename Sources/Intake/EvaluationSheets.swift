import Core
import Aggregation
import Foundation
import Forms
import Settings
import Templates

/// `furikaeri evaluation-sheets`: one 第三者評価票 workbook per evaluator, one sheet per project of the
/// year (its 最終 reflection), written into `output/<year>/第三者評価/`.
public struct EvaluationSheets {
    public var workspace: Workspace
    public var fiscalYear: Int
    public var settings: Settings
    /// 団体名 replaced by the ledger's codes (given now when new), in names and texts alike.
    public var anonymize: Bool

    public init(workspace: Workspace, fiscalYear: Int, settings: Settings, anonymize: Bool) {
        self.workspace = workspace
        self.fiscalYear = fiscalYear
        self.settings = settings
        self.anonymize = anonymize
    }

    /// The folder the workbooks go into.
    public var directory: String {
        (workspace.output(fiscalYear: fiscalYear) as NSString).appendingPathComponent("第三者評価")
    }

    /// `評価者01` … for `--count N`.
    public static func codes(count: Int) -> [String] { (0..<count).map(ThirdPartySummary.code) }

    /// A workbook's file name: `第三者評価票_令和6年度_<evaluator>.xlsx`, the evaluator's name made safe
    /// for a file name (slashes and control characters replaced).
    public func fileName(for evaluator: String) -> String {
        let safe = String(evaluator.map { $0 == "/" || $0 == "\\" || $0.isNewline || $0 == "\0" ? "_" : $0 })
        return "第三者評価票_\(FiscalYear.japaneseName(fiscalYear))_\(safe).xlsx"
    }

    /// What was written.
    public struct Written: Equatable {
        public var directory: String
        public var files: [String]
        public var projects: Int
    }

    /// The facts printed on each project's sheet, from the ledger.
    public func projects(ledger: Ledger) throws -> [EvaluationSheetProject] {
        let known = try EvaluationProjects(ledger: ledger, fiscalYear: fiscalYear, settings: settings)
        var anonymizer: Anonymizer?
        if anonymize {
            let records = RecordSet(submissions: known.rows.map(\.submission),
                                    proposals: known.rows.compactMap(\.proposal))
            anonymizer = Anonymizer(records: records, known: known.orgCodes)
            try ledger.addOrgCodes(anonymizer!.newCodes)
        }
        func text(_ value: String) -> String { anonymizer?.scrub(value) ?? value }
        return known.rows.map { row in
            let s = row.submission, p = row.proposal
            return EvaluationSheetProject(
                projectID: row.projectID, fiscalYear: fiscalYear,
                orgName: anonymizer?.code(for: s.orgName) ?? s.orgName, projectName: text(s.projectName),
                department: row.department, collaborationForm: row.collaborationForm, category: row.category,
                localIssue: text(p?.localIssue ?? ""), purpose: text(p?.purpose ?? ""),
                expectedEffect: text(p?.expectedEffect ?? ""), orgScores: s.scores, cityScores: s.cityScores,
                orgComment: text(s.orgComment), cityComment: text(s.cityComment))
        }
    }

    /// Writes one workbook per evaluator (each whole or not at all) and records them in the ledger.
    public func write(ledger: Ledger, evaluators: [String]) throws -> Written {
        let projects = try projects(ledger: ledger)
        try DurableFiles.createDirectory(workspace.output)
        try DurableFiles.createDirectory(workspace.output(fiscalYear: fiscalYear))
        try DurableFiles.createDirectory(directory)
        var files: [String] = []
        var sent: [(evaluator: String, file: String, projects: Int)] = []
        for evaluator in evaluators {
            let path = (directory as NSString).appendingPathComponent(fileName(for: evaluator))
            try EvaluationSheetWriter.write(projects: projects, evaluator: evaluator, to: path)
            files.append(path)
            let relative = String(path.dropFirst(workspace.root.count)).drop { $0 == "/" }
            sent.append((evaluator, String(relative), projects.count))
        }
        try DurableFiles.syncDirectory(directory)
        try ledger.recordEvaluationSheets(sent, fiscalYear: fiscalYear)
        return Written(directory: directory, files: files, projects: projects.count)
    }
}
