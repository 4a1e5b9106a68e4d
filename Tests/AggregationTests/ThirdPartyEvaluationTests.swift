import Aggregation
import Forms
import Foundation
import Testing
import TestSupport

/// Whether the `krippendorff` package (the oracle) can be imported.
private let krippendorffInstalled = (try? OpenpyxlOracle.run("krippendorff_alpha.py", ["--check"])) != nil

@Suite struct ThirdPartyEvaluationTests {
    /// Random rating matrices (evaluators × projects, 1–5, a quarter missing) against the `krippendorff`
    /// package from PyPI.
    @Test(.enabled(if: krippendorffInstalled, "needs the krippendorff package: python3 -m pip install krippendorff"))
    func ordinalAlphaAgreesWithTheKrippendorffPackage() throws {
        var generator = SeededRandom(seed: 20_241)
        var matrices: [[[Int?]]] = []
        for _ in 0..<60 {
            let coders = Int.random(in: 2...6, using: &generator), units = Int.random(in: 2...25, using: &generator)
            let spread = Int.random(in: 1...4, using: &generator)
            matrices.append((0..<coders).map { _ in
                (0..<units).map { _ in
                    Double.random(in: 0..<1, using: &generator) < 0.25 ? nil : Int.random(in: 1...(1 + spread), using: &generator)
                }
            })
        }
        // Hand-made edge cases: perfect agreement, one value only, no pairable unit.
        matrices.append([[1, 2, 3, 4, 5], [1, 2, 3, 4, 5]])
        matrices.append([[3, 3, nil], [3, 3, 3]])
        matrices.append([[1, nil, 5], [nil, 2, nil]])
        let file = try makeTemporaryDirectory("alpha").appendingPathComponent("matrices.json")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        try JSONSerialization.data(withJSONObject: matrices.map { $0.map { $0.map { $0 as Any? ?? NSNull() } } })
            .write(to: file)
        let expected = try #require(try PythonOracle.run("krippendorff_alpha.py", [file.path]) as? [Any])
        #expect(expected.count == matrices.count)
        var compared = 0
        for (matrix, oracle) in zip(matrices, expected) {
            // Units are the columns: the values the coders gave one project.
            let units = (0..<matrix[0].count).map { unit in matrix.compactMap { $0[unit] } }
            let ours = KrippendorffAlpha.ordinal(units: units)
            if let value = (oracle as? NSNumber)?.doubleValue {
                let mine = try #require(ours, "alpha nil where the package gives \(value) for \(matrix)")
                #expect(abs(mine - value) < 1e-9, "\(mine) vs \(value) for \(matrix)")
                compared += 1
            } else {
                #expect(ours == nil, "alpha \(String(describing: ours)) where the package gives none for \(matrix)")
            }
        }
        #expect(compared >= 55)
    }

    @Test func flagsAndStatisticsPerProjectAndViewpoint() {
        let own: [Viewpoint: Int] = Dictionary(uniqueKeysWithValues: Viewpoint.allCases.map { ($0, 4) })
        let submission = Submission(fiscalYear: 2024, phase: .final, orgName: "みどりの会", projectName: "公園清掃",
                                    scores: own, cityScores: own, source: SourceLocation(file: "a.xlsx", sheet: "s"))
        let year = Aggregator().summarize(year: 2024, submissions: [submission], proposals: [])
        let id = year.projects[0].projectID
        func record(_ evaluator: String, _ effectiveness: Int, _ achievement: Int, file: String) -> EvaluationRecord {
            var scores = own
            scores[.effectiveness] = effectiveness
            scores[.achievement] = achievement
            return EvaluationRecord(fiscalYear: 2024, projectID: id, orgName: "みどりの会", projectName: "公園清掃",
                                    evaluator: evaluator, scores: scores, overall: 3, findings: "所見",
                                    source: SourceLocation(file: file, sheet: id))
        }
        let evaluations = [record("委員Ｂ", 3, 5, file: "b.xlsx"), record("委員A", 2, 1, file: "a.xlsx"),
                           record("委員 B", 5, 5, file: "c.xlsx"),  // the same evaluator again: not counted twice
                           record("委員C", 3, 4, file: "d.xlsx")]
        let summary = ThirdPartySummary(year: year, evaluations: evaluations, anonymize: false)
        #expect(summary.evaluators == ["委員A", "委員Ｂ", "委員C"])
        let project = summary.projects[0]
        let effectiveness = project.viewpoints[0], achievement = project.viewpoints[3]
        #expect(effectiveness.evaluators.n == 3 && effectiveness.evaluators.median == 3)
        #expect(abs(effectiveness.evaluators.mean! - 8.0 / 3.0) < 1e-12)
        #expect(effectiveness.belowSelf && !effectiveness.wideDisagreement)  // 4 − 2.67 ≥ 1; range 1
        #expect(achievement.wideDisagreement && !achievement.belowSelf)       // 1…5; mean 3.33
        #expect(!project.viewpoints[1].belowSelf && !project.viewpoints[1].wideDisagreement)
        let anonymous = ThirdPartySummary(year: year, evaluations: evaluations, anonymize: true)
        #expect(anonymous.evaluators == ["評価者01", "評価者02", "評価者03"])
        #expect(anonymous.projects[0].findings.map(\.evaluator) == ["評価者01", "評価者02", "評価者03"])
        // One project only: alpha has one unit; with the single value domain of ② it is undefined.
        #expect(summary.agreement[1].alpha == nil && summary.agreement[1].evaluators == 3 && summary.agreement[1].n == 3)
    }
}
