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

/// A proposal whose 最終 reflection was not given (未提出).
public struct MissingReflection: Hashable, Sendable {
    public var projectID: String
    public var proposal: ProposalRecord
    /// Whether an interim (中間) reflection was given.
    public var hasInterim: Bool
}

/// Everything evaluators see for one fiscal year.
public struct YearSummary: Hashable, Sendable {
    public var fiscalYear: Int
    /// One row per reflection, ordered by normalised 団体名, 事業名 and phase.
    public var projects: [ProjectRow]
    public var proposals: [ProposalRecord]
    /// The group's scores, per viewpoint.
    public var viewpointStatistics: [Viewpoint: ScoreStatistics]
    /// The city's scores, per viewpoint.
    public var cityStatistics: [Viewpoint: ScoreStatistics]
    /// All the group's scores of the year together.
    public var allScores: ScoreStatistics
    public var breakdowns: [Breakdown]
    /// Reflections with no proposal of the same year and names.
    public var unlinkedReflections: [ProjectRow]
    /// Proposals without a closing reflection.
    public var missingReflections: [MissingReflection]

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
        let keys = Set(submissions.map(\.projectKey)).union(proposalByKey.keys)
        let ids = ProjectIDs.assign(fiscalYear: year, keys: keys)

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
        let rows = Parallel.map(count: (order.count + chunkSize - 1) / chunkSize) { chunk in
            order[chunk * chunkSize..<min(order.count, (chunk + 1) * chunkSize)].map { i in
                let s = submissions[i]
                return ProjectRow(projectID: ids[s.projectKey]!, submission: s, proposal: proposalByKey[s.projectKey],
                                  options: options)
            }
        }.flatMap { $0 }

        // One pass over the rows gathers every viewpoint's scores (index = position in allCases).
        let viewpoints = Viewpoint.allCases
        var groupScores = [[Int]](repeating: [], count: viewpoints.count)
        var cityScores = [[Int]](repeating: [], count: viewpoints.count)
        var allScores: [Int] = []
        for row in rows {
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

        var phasesByKey: [ProjectKey: [Phase]] = [:]
        for row in rows { phasesByKey[row.submission.projectKey, default: []].append(row.submission.phase) }
        let missing = proposalByKey.keys.sorted().compactMap { key -> MissingReflection? in
            let phases = phasesByKey[key] ?? []
            guard !phases.contains(where: \.closesYear) else { return nil }
            return MissingReflection(projectID: ids[key]!, proposal: proposalByKey[key]!, hasInterim: phases.contains(.interim))
        }
        return YearSummary(
            fiscalYear: year, projects: rows, proposals: orderedProposals,
            viewpointStatistics: viewpointStats, cityStatistics: cityStats, allScores: all,
            breakdowns: Parallel.map(count: BreakdownDimension.allCases.count) { breakdown(BreakdownDimension.allCases[$0], rows) },
            unlinkedReflections: rows.filter { $0.proposal == nil }, missingReflections: missing)
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
