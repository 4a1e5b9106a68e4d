import Forms

/// One reflection in the year's summary, with its proposal when linked and what stands out.
public struct ProjectRow: Hashable, Sendable {
    /// Stable ID such as `R6-1A2B3C4D`; see `ProjectIDs`.
    public var projectID: String
    public var submission: Submission {
        _read { yield records.submission }
    }
    /// The proposal of the same fiscal year, 団体名 and 事業名, when one was given.
    public var proposal: ProposalRecord? {
        _read { yield records.proposal }
    }
    /// The two records behind one reference: rows are copied often (grouping, sorting, writing)
    /// and a row's records hold dozens of strings.
    private let records: RecordPair
    /// Mean of the group's scores that are present; nil when none is.
    public var mean: Double?
    /// Mean of the city's scores that are present.
    public var cityMean: Double?
    /// The viewpoints with the lowest score (several when tied), in viewpoint order.
    public var lowestViewpoints: [Viewpoint]
    /// The viewpoints scored at or below the low-score threshold (2).
    public var lowViewpoints: [Viewpoint]
    /// The viewpoints where the group's and the city's scores differ by the gap threshold (2) or more.
    public var gapViewpoints: [Viewpoint]

    public init(projectID: String, submission: Submission, proposal: ProposalRecord?, options: AggregationOptions) {
        self.projectID = projectID
        records = RecordPair(submission: submission, proposal: proposal)
        let present = Viewpoint.allCases.compactMap { submission.scores[$0] }
        mean = present.isEmpty ? nil : Double(present.reduce(0, +)) / Double(present.count)
        let city = Viewpoint.allCases.compactMap { submission.cityScores[$0] }
        cityMean = city.isEmpty ? nil : Double(city.reduce(0, +)) / Double(city.count)
        let lowest = present.min()
        lowestViewpoints = Viewpoint.allCases.filter { lowest != nil && submission.scores[$0] == lowest }
        lowViewpoints = Viewpoint.allCases.filter { (submission.scores[$0] ?? Int.max) <= options.lowScoreThreshold }
        gapViewpoints = Viewpoint.allCases.filter { v in
            guard let a = submission.scores[v], let b = submission.cityScores[v] else { return false }
            return abs(a - b) >= options.scoreGap
        }
    }

    /// Flag: some score is at or below the threshold.
    public var hasLowScore: Bool { !lowViewpoints.isEmpty }
    /// Flag: the group and the city differ by the gap or more on some viewpoint.
    public var hasScoreGap: Bool { !gapViewpoints.isEmpty }

    /// 担当課: the reflection's, else the proposal's.
    public var department: String {
        submission.department.isEmpty ? (proposal?.department ?? "") : submission.department
    }
    /// 協働の形態, from the proposal.
    public var collaborationForm: String { proposal?.collaborationForm ?? "" }
    /// 募集区分, from the proposal.
    public var category: String { proposal?.category ?? "" }
    /// 募集の種類, from the proposal.
    public var proposalType: String { proposal?.proposalType ?? "" }
    /// 継続年数, from the proposal.
    public var yearNumber: Int? { proposal?.yearNumber }
}

/// An immutable pair of records shared by copies of a row.
final class RecordPair: Hashable, Sendable {
    let submission: Submission
    let proposal: ProposalRecord?

    init(submission: Submission, proposal: ProposalRecord?) {
        self.submission = submission
        self.proposal = proposal
    }

    static func == (lhs: RecordPair, rhs: RecordPair) -> Bool {
        lhs === rhs || (lhs.submission == rhs.submission && lhs.proposal == rhs.proposal)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(submission)
        hasher.combine(proposal)
    }
}

/// Thresholds for the flags; the defaults match the settings' defaults.
public struct AggregationOptions: Hashable, Sendable {
    /// A score at or below this is flagged.
    public var lowScoreThreshold: Int
    /// An org/city difference at or above this is flagged.
    public var scoreGap: Int
    /// Which reflection stands for a project's year in the statistics, charts, flags and 経年比較.
    public var statisticsPhase: StatisticsPhase

    public init(lowScoreThreshold: Int = 2, scoreGap: Int = 2, statisticsPhase: StatisticsPhase = .final) {
        self.lowScoreThreshold = lowScoreThreshold
        self.scoreGap = scoreGap
        self.statisticsPhase = statisticsPhase
    }
}

/// Which reflection of a project's year the year's figures use.
public enum StatisticsPhase: String, Hashable, Sendable, CaseIterable {
    /// Only the closing reflection (最終, or a sheet that names no phase): a project with only a
    /// 中間 is left out of the figures and listed as 最終未提出.
    case final
    /// The closing reflection when given, else the 中間 (still listed as 最終未提出).
    case latest
}

/// 事業ID: `R6-` and 8 hexadecimal digits of a hash of the fiscal year and the normalised names.
///
/// The ID depends only on the project itself, so adding other sheets does not change it. When two
/// projects of one year share the 8 digits, both get the full 16. Callers pass the names as read
/// (`identityKey`), so that anonymising does not change the ID.
public enum ProjectIDs {
    public static func assign(fiscalYear: Int, keys: Set<ProjectKey>) -> [ProjectKey: String] {
        var full: [ProjectKey: String] = [:]
        var prefixCount: [Substring: Int] = [:]
        for key in keys {
            let hex = StableHash.hex("\(fiscalYear)\u{1F}\(key.org)\u{1F}\(key.project)")
            full[key] = hex
            prefixCount[hex.prefix(8), default: 0] += 1
        }
        let era = FiscalYearLabel.short(fiscalYear)
        return full.mapValues { hex in
            era + "-" + (prefixCount[hex.prefix(8)]! > 1 ? hex : String(hex.prefix(8)))
        }
    }
}
