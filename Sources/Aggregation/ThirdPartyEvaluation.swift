import Core
import Forms

/// One accepted 第三者評価票: an evaluator's scores and findings for one project. Holds no personal
/// data beyond the evaluator's name, which anonymised outputs replace by a code.
public struct EvaluationRecord: Hashable, Sendable {
    public var fiscalYear: Int
    /// 事業ID as printed on the sheet (checked by intake against the year's projects).
    public var projectID: String
    public var orgName: String
    public var projectName: String
    /// The evaluator's name or code as written.
    public var evaluator: String
    /// The evaluator normalised (NFKC, spaces removed): one evaluator however the name was typed.
    public var evaluatorKey: String
    /// The evaluator's scores, 1 to 5, for the viewpoints that hold a readable score.
    public var scores: [Viewpoint: Int]
    /// 総合評価, 1 to 5.
    public var overall: Int?
    public var findings: String
    public var suggestions: String
    public var source: SourceLocation

    public init(fiscalYear: Int, projectID: String, orgName: String, projectName: String, evaluator: String,
                scores: [Viewpoint: Int], overall: Int?, findings: String = "", suggestions: String = "",
                source: SourceLocation) {
        self.fiscalYear = fiscalYear
        self.projectID = projectID
        self.orgName = orgName
        self.projectName = projectName
        self.evaluator = evaluator
        evaluatorKey = NameNormalizer.normalize(evaluator)
        self.scores = scores
        self.overall = overall
        self.findings = findings
        self.suggestions = suggestions
        self.source = source
    }
}

/// n, mean and median of some 1–5 scores; range for disagreement.
public struct RatingStatistics: Hashable, Sendable {
    public var n: Int
    public var mean: Double?
    public var median: Double?
    public var minimum: Int?
    public var maximum: Int?

    public init(_ values: [Int]) {
        n = values.count
        let sorted = values.sorted()
        minimum = sorted.first
        maximum = sorted.last
        guard !sorted.isEmpty else { return }
        mean = Double(sorted.reduce(0, +)) / Double(sorted.count)
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Largest minus smallest; nil without scores.
    public var range: Int? { maximum.flatMap { max in minimum.map { max - $0 } } }
}

/// One viewpoint of one project: the evaluators' figures beside the 団体's and the 市's scores.
public struct ViewpointEvaluation: Hashable, Sendable {
    public var viewpoint: Viewpoint
    public var evaluators: RatingStatistics
    /// 自己評価: the 団体's own score.
    public var orgScore: Int?
    public var cityScore: Int?
    /// 自己評価との乖離: the evaluators' mean is `ThirdPartyFlags.belowSelf` (1.0) or more below the 団体's score.
    public var belowSelf: Bool
    /// Evaluators disagree widely: their scores span `ThirdPartyFlags.wideRange` (3) or more.
    public var wideDisagreement: Bool
}

/// What one evaluator wrote about one project.
public struct EvaluatorFinding: Hashable, Sendable {
    /// The evaluator's name, or code in anonymised outputs.
    public var evaluator: String
    public var scores: [Viewpoint: Int]
    public var overall: Int?
    public var findings: String
    public var suggestions: String
}

/// One project's third-party evaluation.
public struct ProjectEvaluation: Hashable, Sendable {
    public var projectID: String
    public var orgName: String
    public var projectName: String
    public var department: String
    public var viewpoints: [ViewpointEvaluation]
    public var overall: RatingStatistics
    /// Per evaluator, in evaluator order.
    public var findings: [EvaluatorFinding]

    /// The evaluators' mean of a viewpoint.
    public func mean(_ viewpoint: Viewpoint) -> Double? { viewpoints.first { $0.viewpoint == viewpoint }?.evaluators.mean }
}

/// Inter-rater agreement of one viewpoint over a year's projects.
public struct ViewpointAgreement: Hashable, Sendable {
    public var viewpoint: Viewpoint
    /// Krippendorff's alpha (ordinal); nil with fewer than two evaluators or when undefined (one value only).
    public var alpha: Double?
    /// Evaluators who scored the viewpoint at least once.
    public var evaluators: Int
    /// Projects scored by at least two evaluators (the units alpha is computed from).
    public var projects: Int
    /// Pairable scores: those of projects scored by at least two evaluators.
    public var n: Int
}

/// The thresholds of the flags.
public enum ThirdPartyFlags {
    /// 自己評価との乖離: the evaluators' mean this much or more below the 団体's own score.
    public static let belowSelf = 1.0
    /// Wide disagreement: the evaluators' scores span this much or more.
    public static let wideRange = 3
}

/// A fiscal year's third-party evaluation: per project and viewpoint, and the agreement per viewpoint.
public struct ThirdPartySummary: Hashable, Sendable {
    public var fiscalYear: Int
    /// Projects of the year with at least one evaluation, in the year's project order.
    public var projects: [ProjectEvaluation]
    public var agreement: [ViewpointAgreement]
    /// Every evaluator of the year as shown (name, or code when anonymised), in order.
    public var evaluators: [String]
    /// Normalised evaluator → as shown.
    public var evaluatorNames: [String: String]
    /// Evaluations whose 事業ID is not one of the year's projects, or whose 事業名 is not that project's
    /// (never in the figures; listed so that they are not lost silently).
    public var unmatched: [EvaluationRecord]
    /// Whether there is nothing to show: no project evaluated and no evaluation left out.
    public var isEmpty: Bool { projects.isEmpty && unmatched.isEmpty }

    /// Builds the summary of `year` from its projects (`YearSummary`) and its evaluations.
    ///
    /// An evaluator counts once per project: of two evaluations with the same 事業ID and evaluator, the
    /// first in source order is used (intake keeps only the latest resubmission current). With
    /// `anonymize`, evaluators are shown as `評価者01`, `評価者02` … in the order of their normalised names.
    public init(year: YearSummary, evaluations: [EvaluationRecord], anonymize: Bool) {
        fiscalYear = year.fiscalYear
        // Most years of most runs have none: nothing to index.
        guard evaluations.contains(where: { $0.fiscalYear == year.fiscalYear }) else {
            (projects, agreement, evaluators, evaluatorNames, unmatched) = ([], [], [], [:], [])
            return
        }
        let rows = Dictionary(year.projects.map { ($0.projectID, $0) }, uniquingKeysWith: { a, _ in a })
        var byProject: [String: [EvaluationRecord]] = [:]
        var seen = Set<[String]>()
        var unmatched: [EvaluationRecord] = []
        for record in evaluations.filter({ $0.fiscalYear == year.fiscalYear }).sorted(by: { $0.source < $1.source }) {
            // The 事業名 went through the same masking and anonymising as the project's own.
            guard let row = rows[record.projectID],
                  NameNormalizer.normalize(row.submission.projectName) == NameNormalizer.normalize(record.projectName)
            else { unmatched.append(record); continue }
            guard seen.insert([record.projectID, record.evaluatorKey]).inserted else { continue }
            byProject[record.projectID, default: []].append(record)
        }
        self.unmatched = unmatched
        let keys = Set(byProject.values.flatMap { $0.map(\.evaluatorKey) }).sorted(by: ByteOrder.less)
        var shown: [String: String] = [:]
        for (index, key) in keys.enumerated() {
            shown[key] = anonymize ? Self.code(index) : byProject.values.lazy.flatMap { $0 }.first { $0.evaluatorKey == key }!.evaluator
        }
        evaluators = keys.map { shown[$0]! }
        evaluatorNames = shown
        let order = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        projects = year.projects.compactMap { row in
            guard var records = byProject[row.projectID] else { return nil }
            records.sort { order[$0.evaluatorKey]! < order[$1.evaluatorKey]! }
            let submission = row.submission
            let viewpoints = Viewpoint.allCases.map { viewpoint in
                let stats = RatingStatistics(records.compactMap { $0.scores[viewpoint] })
                let own = submission.scores[viewpoint]
                let below = own.flatMap { own in stats.mean.map { Double(own) - $0 >= ThirdPartyFlags.belowSelf - 1e-9 } } ?? false
                return ViewpointEvaluation(viewpoint: viewpoint, evaluators: stats, orgScore: own,
                                           cityScore: submission.cityScores[viewpoint], belowSelf: below,
                                           wideDisagreement: (stats.range ?? 0) >= ThirdPartyFlags.wideRange)
            }
            return ProjectEvaluation(
                projectID: row.projectID, orgName: submission.orgName, projectName: submission.projectName,
                department: row.department, viewpoints: viewpoints,
                overall: RatingStatistics(records.compactMap(\.overall)),
                findings: records.map {
                    EvaluatorFinding(evaluator: shown[$0.evaluatorKey]!, scores: $0.scores, overall: $0.overall,
                                     findings: $0.findings, suggestions: $0.suggestions)
                })
        }
        agreement = Viewpoint.allCases.map { viewpoint in
            var units: [[Int]] = []
            var raters = Set<String>()
            for project in byProject.values {
                let values = project.compactMap { $0.scores[viewpoint] }
                raters.formUnion(project.filter { $0.scores[viewpoint] != nil }.map(\.evaluatorKey))
                units.append(values)
            }
            let pairable = units.filter { $0.count >= 2 }
            return ViewpointAgreement(
                viewpoint: viewpoint,
                alpha: raters.count >= 2 ? KrippendorffAlpha.ordinal(units: units) : nil,
                evaluators: raters.count, projects: pairable.count, n: pairable.reduce(0) { $0 + $1.count })
        }
    }

    /// `評価者01` … `評価者99`, then `評価者100` ….
    public static func code(_ index: Int) -> String {
        index < 99 ? "評価者" + (index < 9 ? "0" : "") + String(index + 1) : "評価者" + String(index + 1)
    }
}

/// Krippendorff's alpha for ordinal data.
public enum KrippendorffAlpha {
    /// Alpha over `units` (each the values the coders gave one unit; missing values left out).
    /// Units with fewer than two values are not pairable and count for nothing. Nil when no unit is
    /// pairable or every pairable value is the same (the expected disagreement is zero).
    public static func ordinal(units: [[Int]]) -> Double? {
        let values = Set(units.filter { $0.count >= 2 }.flatMap { $0 }).sorted()
        guard values.count >= 2 else { return nil }
        let index = Dictionary(values.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let size = values.count
        // Coincidences: each ordered pair of values within a unit, weighted 1 / (m_u − 1).
        var o = [Double](repeating: 0, count: size * size)
        for unit in units where unit.count >= 2 {
            var counts = [Double](repeating: 0, count: size)
            for value in unit { counts[index[value]!] += 1 }
            let weight = 1 / Double(unit.count - 1)
            for c in 0..<size where counts[c] > 0 {
                for k in 0..<size where counts[k] > 0 {
                    o[c * size + k] += (c == k ? counts[c] * (counts[c] - 1) : counts[c] * counts[k]) * weight
                }
            }
        }
        var nc = [Double](repeating: 0, count: size)
        for c in 0..<size { for k in 0..<size { nc[c] += o[c * size + k] } }
        let n = nc.reduce(0, +)
        guard n > 1 else { return nil }
        // Ordinal distance: (sum of n_g from c to k − (n_c + n_k) / 2)².
        func delta(_ c: Int, _ k: Int) -> Double {
            let (low, high) = c <= k ? (c, k) : (k, c)
            var sum = 0.0
            for g in low...high { sum += nc[g] }
            let d = sum - (nc[c] + nc[k]) / 2
            return d * d
        }
        var observed = 0.0, expected = 0.0
        for c in 0..<size {
            for k in 0..<size where c != k {
                let d = delta(c, k)
                observed += o[c * size + k] * d
                expected += nc[c] * nc[k] * d
            }
        }
        guard expected > 0 else { return nil }
        return 1 - (n - 1) * observed / expected
    }
}
