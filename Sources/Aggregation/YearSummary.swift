import Core
import Validation
import Forms

/// What a breakdown groups by.
public enum BreakdownDimension: String, Hashable, Sendable, CaseIterable {
    case department, collaborationForm, category, proposalType, phase

    /// The column title, such as 担当課.
    public var title: String {
        switch self {
        case .department: return "担当課"
        case .collaborationForm: return "協働の形態"
        case .category: return "募集区分"
        case .proposalType: return "募集の種類"
        case .phase: return "区分(中間/最終)"
        }
    }

    /// Label of the group a row belongs to; rows without a value go to `(記載なし)` or `(提案書なし)`.
    func label(of row: ProjectRow) -> String {
        let value: String
        switch self {
        case .department: value = row.department
        case .collaborationForm: value = row.collaborationForm
        case .category: value = row.category
        case .proposalType: value = row.proposalType
        case .phase: return row.submission.phase == .unspecified ? "(記載なし)" : row.submission.phase.rawValue
        }
        if !value.isEmpty { return value }
        return self != .department && row.proposal == nil ? "(提案書なし)" : "(記載なし)"
    }
}

/// One group of a breakdown: how many reflections, and the mean of each viewpoint.
public struct GroupSummary: Hashable, Sendable {
    public var label: String
    public var count: Int
    public var means: [Viewpoint: Double]
    /// Mean of the rows' means.
    public var overallMean: Double?
}

/// Reflections grouped by one dimension, groups in label order.
public struct Breakdown: Hashable, Sendable {
    public var dimension: BreakdownDimension
    public var groups: [GroupSummary]
}

/// A project whose 最終 reflection was not given (未提出): it has a proposal or a 中間 reflection.
public struct MissingReflection: Hashable, Sendable {
    public var projectID: String
    /// The year's proposal, when one was given.
    public var proposal: ProposalRecord?
    /// The 中間 reflection, when one was given.
    public var interim: ProjectRow?

    /// Whether an interim (中間) reflection was given.
    public var hasInterim: Bool { interim != nil }
    /// 団体名 as written on the proposal, else on the 中間.
    public var orgName: String { proposal?.orgName ?? interim?.submission.orgName ?? "" }
    /// 事業名 as written on the proposal, else on the 中間.
    public var projectName: String { proposal?.projectName ?? interim?.submission.projectName ?? "" }
    /// 担当課: the proposal's, else the 中間's.
    public var department: String { proposal?.department ?? interim?.department ?? "" }
}

/// Everything evaluators see for one fiscal year.
public struct YearSummary: Hashable, Sendable {
    public var fiscalYear: Int
    /// The reflections the year's figures use, one per project, ordered by normalised 団体名 and 事業名:
    /// the closing (最終) reflection, or with `StatisticsPhase.latest` the 中間 when no 最終 was given.
    public var projects: [ProjectRow]
    /// The 中間 reflections, one per project, in the same order; not in the figures.
    public var interimReflections: [ProjectRow]
    /// Further reflections of a project and phase already given (a second sheet for the same
    /// 中間 or 最終), left out of everything but this list; the first in file order is used.
    public var duplicateReflections: [ProjectRow]
    public var proposals: [ProposalRecord]
    /// The group's scores, per viewpoint.
    public var viewpointStatistics: [Viewpoint: ScoreStatistics]
    /// The city's scores, per viewpoint.
    public var cityStatistics: [Viewpoint: ScoreStatistics]
    /// All the group's scores of the year together.
    public var allScores: ScoreStatistics
    public var breakdowns: [Breakdown]
    /// Projects with reflections but no proposal of the same year and names, one row each (the
    /// row of `projects`, else the 中間).
    public var unlinkedReflections: [ProjectRow]
    /// Projects with a proposal or a 中間 but no closing reflection.
    public var missingReflections: [MissingReflection]

    /// The figures' rows and the 中間 rows, each once, by project then phase: what comment lists show.
    public var reflections: [ProjectRow] {
        let shown = Set(projects.map { [$0.submission.projectKey.org, $0.submission.projectKey.project, $0.submission.phase.rawValue] })
        return (projects + interimReflections.filter {
            !shown.contains([$0.submission.projectKey.org, $0.submission.projectKey.project, $0.submission.phase.rawValue])
        }).sorted {
            $0.submission.projectKey != $1.submission.projectKey
                ? $0.submission.projectKey < $1.submission.projectKey : $0.submission.phase < $1.submission.phase
        }
    }

    public func breakdown(_ dimension: BreakdownDimension) -> Breakdown? {
        breakdowns.first { $0.dimension == dimension }
    }
}

/// Builds the summaries from records. Pure: the same records give the same summary.
public struct Aggregator: Sendable {
    public var options: AggregationOptions

    public init(options: AggregationOptions = AggregationOptions()) {
        self.options = options
    }

    /// One summary per fiscal year that has a reflection or a proposal, ascending.
    public func summarize(_ records: RecordSet) -> [YearSummary] {
        let submissionsByYear = Dictionary(grouping: records.submissions, by: \.fiscalYear)
        let proposalsByYear = Dictionary(grouping: records.proposals, by: \.fiscalYear)
        return records.fiscalYears.map { year in
            summarize(year: year, submissions: submissionsByYear[year] ?? [], proposals: proposalsByYear[year] ?? [])
        }
    }

    /// The summary of one fiscal year.
    public func summarize(year: Int, submissions: [Submission], proposals: [ProposalRecord]) -> YearSummary {
        let orderedProposals = proposals.sorted {
            $0.projectKey != $1.projectKey ? $0.projectKey < $1.projectKey : $0.source < $1.source
        }
        var proposalByKey: [ProjectKey: ProposalRecord] = [:]
        for p in orderedProposals where proposalByKey[p.projectKey] == nil { proposalByKey[p.projectKey] = p }
        // 事業ID comes from the names as read, whatever masking or anonymising did to them since.
        var identities: [ProjectKey: ProjectKey] = [:]
        for p in orderedProposals where identities[p.projectKey] == nil { identities[p.projectKey] = p.identityKey }
        for s in submissions where proposalByKey[s.projectKey] == nil {
            // The smallest, so that the order the sheets came in does not matter.
            if let known = identities[s.projectKey], !(s.identityKey < known) { continue }
            identities[s.projectKey] = s.identityKey
        }
        let idsByIdentity = ProjectIDs.assign(fiscalYear: year, keys: Set(identities.values))
        let ids = identities.mapValues { idsByIdentity[$0]! }

        // Indices are sorted rather than the submissions themselves: a submission is large and
        // moving it costs retains and releases on every swap.
        let order = submissions.indices.sorted { i, j in
            let a = submissions[i], b = submissions[j]
            if a.projectKey != b.projectKey { return a.projectKey < b.projectKey }
            if a.phase != b.phase { return a.phase < b.phase }
            return a.source < b.source
        }
        // Rows are independent of each other: built in parallel chunks, joined in order.
        let chunkSize = 512
        let proposals = proposalByKey
        let rows = Parallel.map(count: (order.count + chunkSize - 1) / chunkSize) { chunk in
            order[chunk * chunkSize..<min(order.count, (chunk + 1) * chunkSize)].map { i in
                let s = submissions[i]
                return ProjectRow(projectID: ids[s.projectKey]!, submission: s, proposal: proposals[s.projectKey],
                                  options: options)
            }
        }.flatMap { $0 }
        let (projects, interims, duplicates) = Self.onePerPhase(rows, statisticsPhase: options.statisticsPhase)

        // One pass over the rows gathers every viewpoint's scores (index = position in allCases).
        let viewpoints = Viewpoint.allCases
        var groupScores = [[Int]](repeating: [], count: viewpoints.count)
        var cityScores = [[Int]](repeating: [], count: viewpoints.count)
        var allScores: [Int] = []
        for row in projects {
            let scores = row.submission.scores, city = row.submission.cityScores
            for (i, v) in viewpoints.enumerated() {
                if let score = scores[v] { groupScores[i].append(score); allScores.append(score) }
                if let score = city[v] { cityScores[i].append(score) }
            }
        }
        var viewpointStats: [Viewpoint: ScoreStatistics] = [:], cityStats: [Viewpoint: ScoreStatistics] = [:]
        for (i, v) in viewpoints.enumerated() {
            viewpointStats[v] = ScoreStatistics(scores: groupScores[i])
            cityStats[v] = ScoreStatistics(scores: cityScores[i])
        }
        let all = ScoreStatistics(scores: allScores)

        let closing = Set(projects.filter { $0.submission.phase.closesYear }.map(\.submission.projectKey))
        var interimByKey: [ProjectKey: ProjectRow] = [:]
        for row in interims { interimByKey[row.submission.projectKey] = row }
        let missing = Set(proposalByKey.keys).union(interimByKey.keys).subtracting(closing).sorted().map { key in
            MissingReflection(projectID: ids[key]!, proposal: proposalByKey[key], interim: interimByKey[key])
        }
        let standing = Set(projects.map(\.submission.projectKey))
        let unlinked = (projects + interims.filter { !standing.contains($0.submission.projectKey) })
            .filter { $0.proposal == nil }
            .sorted { $0.submission.projectKey < $1.submission.projectKey }
        return YearSummary(
            fiscalYear: year, projects: projects, interimReflections: interims, duplicateReflections: duplicates,
            proposals: orderedProposals,
            viewpointStatistics: viewpointStats, cityStatistics: cityStats, allScores: all,
            breakdowns: Parallel.map(count: BreakdownDimension.allCases.count) { breakdown(BreakdownDimension.allCases[$0], projects) },
            unlinkedReflections: unlinked, missingReflections: missing)
    }

    /// Splits rows sorted by project, phase and file into the rows the figures use, the 中間 rows
    /// and the duplicates: one closing (最終 or unstated) and one 中間 reflection per project, the
    /// first of each in that order (so 最終 wins over a sheet that states no phase).
    static func onePerPhase(_ rows: [ProjectRow], statisticsPhase: StatisticsPhase)
        -> (projects: [ProjectRow], interims: [ProjectRow], duplicates: [ProjectRow]) {
        var projects: [ProjectRow] = [], interims: [ProjectRow] = [], duplicates: [ProjectRow] = []
        var closingKeys = Set<ProjectKey>(), interimKeys = Set<ProjectKey>()
        for row in rows {
            let key = row.submission.projectKey
            if row.submission.phase.closesYear {
                if closingKeys.insert(key).inserted { projects.append(row) } else { duplicates.append(row) }
            } else {
                if interimKeys.insert(key).inserted { interims.append(row) } else { duplicates.append(row) }
            }
        }
        if statisticsPhase == .latest {
            projects += interims.filter { !closingKeys.contains($0.submission.projectKey) }
            projects.sort { $0.submission.projectKey < $1.submission.projectKey }
        }
        return (projects, interims, duplicates)
    }

    /// Running sums for one group; rows are not copied (a row holds many strings).
    private struct GroupTotals {
        var count = 0
        var sums = [Int](repeating: 0, count: Viewpoint.allCases.count)
        var counts = [Int](repeating: 0, count: Viewpoint.allCases.count)
        var meanSum = 0.0, meanCount = 0
    }

    /// Adds one row's scores and mean to a group's running sums.
    private static func add(_ row: ProjectRow, to t: inout GroupTotals) {
        t.count += 1
        let scores = row.submission.scores
        for (i, v) in Viewpoint.allCases.enumerated() {
            if let score = scores[v] { t.sums[i] += score; t.counts[i] += 1 }
        }
        if let mean = row.mean { t.meanSum += mean; t.meanCount += 1 }
    }

    func breakdown(_ dimension: BreakdownDimension, _ rows: [ProjectRow]) -> Breakdown {
        var totals: [String: GroupTotals] = [:]
        for row in rows {
            let label = dimension.label(of: row)
            // Updated in place with one lookup: copying the totals out and back would copy their arrays.
            Self.add(row, to: &totals[label, default: GroupTotals()])
        }
        let groups = totals.keys.sorted(by: ByteOrder.less).map { label -> GroupSummary in
            let t = totals[label]!
            var means: [Viewpoint: Double] = [:]
            for (i, v) in Viewpoint.allCases.enumerated() where t.counts[i] > 0 {
                means[v] = Double(t.sums[i]) / Double(t.counts[i])
            }
            return GroupSummary(label: label, count: t.count, means: means,
                                overallMean: t.meanCount == 0 ? nil : t.meanSum / Double(t.meanCount))
        }
        return Breakdown(dimension: dimension, groups: groups)
    }
}
