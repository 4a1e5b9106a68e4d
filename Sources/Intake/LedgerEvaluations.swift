import Aggregation
import Foundation
import Forms
import GRDB
import Settings
import Validation

/// The ledger's third-party evaluations: who was sent a 第三者評価票 workbook, who returned one.
extension Ledger {
    /// Records a 第三者評価票 submission by evaluator and project (inside the commit's transaction).
    static func recordEvaluation(_ form: ExtractedForm, submissionID: Int64, identity: SubmissionIdentity,
                                 db: Database) throws {
        let evaluator = SubmissionIdentity.text(form["evaluator"]?.value)
        let projectID = NameNormalizer.normalize(SubmissionIdentity.text(form["project_id"]?.value)).uppercased()
        try db.execute(sql: """
            INSERT OR REPLACE INTO evaluations (submission_id, fiscal_year, project_id, evaluator, evaluator_key)
            VALUES (?, ?, ?, ?, ?)
            """, arguments: [submissionID, identity.fiscalYear, projectID, evaluator,
                             SubmissionIdentity.normalise(evaluator)])
    }

    /// Records the evaluator workbooks `evaluation-sheets` wrote (replacing an earlier record for the
    /// same year and evaluator).
    public func recordEvaluationSheets(_ sheets: [(evaluator: String, file: String, projects: Int)], fiscalYear: Int,
                                       at date: Date = Date()) throws {
        try queue.write { db in
            for sheet in sheets {
                try db.execute(sql: """
                    INSERT OR REPLACE INTO evaluation_sheets (fiscal_year, evaluator, evaluator_key, file, projects, written_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [fiscalYear, sheet.evaluator, SubmissionIdentity.normalise(sheet.evaluator),
                                     sheet.file, sheet.projects, LedgerCoding.timestamp(date)])
            }
        }
    }

    /// Per fiscal year: the evaluator workbooks sent and which evaluators returned evaluations.
    public struct EvaluationReturns: Equatable, Sendable {
        public var fiscalYear: Int
        /// Evaluators a workbook was written for, in name order.
        public var sent: [String]
        /// Evaluators with at least one current evaluation (sent a workbook or not), in name order.
        public var returned: [String]
        /// Of `sent`, those who have returned nothing yet.
        public var notReturned: [String]
        /// Current evaluations (one per evaluator and project).
        public var evaluations: Int
    }

    /// The evaluator sheets sent and returned, per fiscal year with either.
    public func evaluationReturns() throws -> [EvaluationReturns] {
        try queue.read { db in
            var sent: [Int: [(key: String, name: String)]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT fiscal_year, evaluator_key, evaluator FROM evaluation_sheets ORDER BY evaluator_key") {
                sent[row[0], default: []].append((row[1], row[2]))
            }
            var returned: [Int: [(key: String, name: String)]] = [:]
            var counts: [Int: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT e.fiscal_year, e.evaluator_key, MIN(e.evaluator), COUNT(*)
                FROM evaluations e JOIN submissions s ON s.id = e.submission_id
                WHERE s.superseded_by IS NULL AND s.withdrawn = 0
                GROUP BY e.fiscal_year, e.evaluator_key ORDER BY e.evaluator_key
                """) {
                returned[row[0], default: []].append((row[1], row[2]))
                counts[row[0], default: 0] += row[3] as Int
            }
            return Set(sent.keys).union(returned.keys).sorted().map { year in
                let back = Set((returned[year] ?? []).map(\.key))
                return EvaluationReturns(
                    fiscalYear: year, sent: (sent[year] ?? []).map(\.name), returned: (returned[year] ?? []).map(\.name),
                    notReturned: (sent[year] ?? []).filter { !back.contains($0.key) }.map(\.name),
                    evaluations: counts[year] ?? 0)
            }
        }
    }
}

extension AggregationOptions {
    /// The workspace's thresholds and phase setting.
    public init(settings: Settings) {
        self.init(lowScoreThreshold: settings.rules.lowScoreThreshold, scoreGap: settings.rules.scoreGap,
                  statisticsPhase: StatisticsPhase(rawValue: settings.rules.statisticsPhase) ?? .final)
    }
}

/// The projects of a fiscal year that evaluators score: the year's figures' rows (最終 reflections),
/// by 事業ID, read from the ledger's current submissions.
public struct EvaluationProjects {
    public var fiscalYear: Int
    /// The year's rows in the outputs' order.
    public var rows: [ProjectRow]
    /// The ledger's organisation codes (normalised name → code), so anonymised sheets match too.
    public var orgCodes: [String: String]

    public init(ledger: Ledger, fiscalYear: Int, settings: Settings) throws {
        self.fiscalYear = fiscalYear
        let files = try ledger.currentFiles(fiscalYear: fiscalYear)
        var records = RecordBuilder(defaultFiscalYear: fiscalYear).records(from: files)
        records = PersonalDataScrubber(files: files).scrub(records)
        rows = Aggregator(options: AggregationOptions(settings: settings))
            .summarize(year: fiscalYear, submissions: records.submissions, proposals: records.proposals).projects
        orgCodes = try ledger.orgCodes()
    }

    /// The 第三者評価票 issues of a validated file: a 事業ID that is not one of the year's projects,
    /// or a 団体名 / 事業名 that is not that project's (its code is accepted for the 団体名). Any
    /// error makes the file invalid.
    static func check(_ result: FileResult, validator: Validator, projects: (Int) throws -> EvaluationProjects?,
                      fallbackYear: Int) rethrows -> FileResult {
        guard result.forms.contains(where: { $0.form.kind == .evaluation }) else { return result }
        var result = result
        for index in result.forms.indices where result.forms[index].form.kind == .evaluation {
            let form = result.forms[index].form
            // Errors in the facts themselves (a blank 事業ID) have been reported already.
            guard !result.forms[index].issues.contains(where: { ["project_id", "org_name", "project_name"].contains($0.field) })
            else { continue }
            let year = SubmissionIdentity.fiscalYear(of: form) ?? fallbackYear
            let id = NameNormalizer.normalize(SubmissionIdentity.text(form["project_id"]?.value)).uppercased()
            var found: [ValidationIssue?] = []
            if let known = try projects(year), let row = known.rows.first(where: { $0.projectID == id }) {
                let org = NameNormalizer.normalize(SubmissionIdentity.text(form["org_name"]?.value))
                let expectedOrg = NameNormalizer.normalize(row.submission.orgName)
                if org != expectedOrg && org != known.orgCodes[expectedOrg].map(NameNormalizer.normalize) {
                    found.append(validator.issue(.evaluationProjectMismatch(
                        shown: SubmissionIdentity.text(form["org_name"]?.value), expected: row.submission.orgName,
                        projectID: id), on: form, key: "org_name", file: result.path))
                }
                let project = NameNormalizer.normalize(SubmissionIdentity.text(form["project_name"]?.value))
                if project != NameNormalizer.normalize(row.submission.projectName) {
                    found.append(validator.issue(.evaluationProjectMismatch(
                        shown: SubmissionIdentity.text(form["project_name"]?.value),
                        expected: row.submission.projectName, projectID: id), on: form, key: "project_name",
                        file: result.path))
                }
            } else {
                found.append(validator.issue(.evaluationProjectUnknown(projectID: id, year: year), on: form,
                                             key: "project_id", file: result.path))
            }
            result.forms[index].issues += found.compactMap { $0 }
        }
        if result.status == .valid,
           result.forms.contains(where: { $0.issues.contains { $0.severity == .error } }) {
            result.status = .invalid
        }
        return result
    }
}
