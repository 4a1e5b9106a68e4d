import Forms

/// One year of a multi-year project.
public struct PathStep: Hashable, Sendable {
    public var fiscalYear: Int
    /// 継続年数 from that year's proposal, when stated.
    public var yearNumber: Int?
    public var projectID: String
    public var phase: Phase
    public var scores: [Viewpoint: Int]
    public var mean: Double?
}

/// A project followed across years (linked by normalised 団体名 and 事業名).
public struct ProjectPath: Hashable, Sendable {
    public var key: ProjectKey
    /// Names as written in the latest year.
    public var orgName: String
    public var projectName: String
    /// In order of 継続年数 when every step states it, else of fiscal year.
    public var steps: [PathStep]
}

/// The comparison across every year of the run.
public struct CrossYearSummary: Hashable, Sendable {
    /// Years with at least one reflection, ascending (a year of proposals only has no trend point).
    public var years: [Int]
    /// Each viewpoint's mean by fiscal year (years without scores are absent).
    public var viewpointMeans: [Viewpoint: [Int: Double]]
    /// Number of reflections the figures use (one per project) by fiscal year.
    public var reflectionCounts: [Int: Int]
    /// Projects with reflections in two or more years, or whose proposal says year 2 or 3.
    public var paths: [ProjectPath]

    /// Builds the comparison from the yearly summaries.
    public init(summaries: [YearSummary]) {
        years = summaries.filter { !$0.projects.isEmpty }.map(\.fiscalYear).sorted()
        var means: [Viewpoint: [Int: Double]] = [:]
        var counts: [Int: Int] = [:]
        for s in summaries {
            counts[s.fiscalYear] = s.projects.count
            for v in Viewpoint.allCases {
                if let m = s.viewpointStatistics[v]?.mean { means[v, default: [:]][s.fiscalYear] = m }
            }
        }
        viewpointMeans = means
        reflectionCounts = counts

        var steps: [ProjectKey: [PathStep]] = [:]
        var names: [ProjectKey: (Int, String, String)] = [:]
        for s in summaries {
            // One step per year: the row the year's figures use (one per project).
            for row in s.projects {
                let key = row.submission.projectKey
                steps[key, default: []].append(PathStep(
                    fiscalYear: s.fiscalYear, yearNumber: row.yearNumber, projectID: row.projectID,
                    phase: row.submission.phase, scores: row.submission.scores, mean: row.mean))
                if (names[key]?.0 ?? Int.min) < s.fiscalYear {
                    names[key] = (s.fiscalYear, row.submission.orgName, row.submission.projectName)
                }
            }
        }
        paths = steps.keys.sorted().compactMap { key in
            var list = steps[key]!
            let multiYear = Set(list.map(\.fiscalYear)).count > 1 || list.contains { ($0.yearNumber ?? 1) > 1 }
            guard multiYear else { return nil }
            if list.allSatisfy({ $0.yearNumber != nil }) {
                list.sort { ($0.yearNumber!, $0.fiscalYear) < ($1.yearNumber!, $1.fiscalYear) }
            } else {
                list.sort { $0.fiscalYear < $1.fiscalYear }
            }
            let name = names[key]!
            return ProjectPath(key: key, orgName: name.1, projectName: name.2, steps: list)
        }
    }
}
