import Testing
import Forms
@testable import Aggregation

private func summary2024() -> YearSummary {
    Aggregator().summarize(SampleRecords.records).first { $0.fiscalYear == 2024 }!
}

@Test func yearsAreSummarisedSeparatelyInOrder() {
    let summaries = Aggregator().summarize(SampleRecords.records)
    #expect(summaries.map(\.fiscalYear) == [2023, 2024])
    #expect(summaries[0].projects.count == 1)
    #expect(summaries[1].projects.count == 2)            // みどり and 子育て: まちづくり has only a 中間
    #expect(summaries[1].interimReflections.count == 1)
}

@Test func viewpointStatisticsMatchHandComputation() {
    let s = summary2024()
    // ①協働の有効性: 5 (みどり), 2 (子育て); まちづくり's 中間 is not in the figures.
    let effectiveness = s.viewpointStatistics[.effectiveness]!
    #expect(effectiveness.n == 2)
    #expect(effectiveness.mean == 3.5)
    #expect(effectiveness.counts == [0, 1, 0, 0, 1])
    // ③目的の共有 city scores: only みどり has them (2).
    #expect(s.cityStatistics[.goalSharing]!.n == 1)
    #expect(s.cityStatistics[.goalSharing]!.mean == 2)
    // All 14 scores of the two 最終: 29 + 20 = 49.
    #expect(s.allScores.n == 14)
    #expect(s.allScores.mean == 3.5)
}

@Test func projectRowsCarryMeansLowestViewpointsAndFlags() {
    let s = summary2024()
    let kosodate = s.projects.first { $0.submission.projectName == "親子広場" }!
    #expect(abs(kosodate.mean! - 20.0 / 7.0) < 1e-12)
    #expect(kosodate.lowestViewpoints == [.effectiveness, .achievement])
    #expect(kosodate.hasLowScore && !kosodate.hasScoreGap)
    let midori = s.projects.first { $0.submission.projectName == "公園清掃" }!
    #expect(abs(midori.mean! - 29.0 / 7.0) < 1e-12)
    #expect(midori.lowestViewpoints == [.achievement])
    #expect(!midori.hasLowScore)
    #expect(midori.gapViewpoints == [.goalSharing])
    #expect(midori.cityMean! == 27.0 / 7.0)
}

@Test func reflectionsLinkToProposalsByNormalisedNames() {
    let s = summary2024()
    let midori = s.projects.first { $0.submission.projectName == "公園清掃" }!
    #expect(midori.proposal?.collaborationForm == "委託")   // proposal spells it 「公園 清掃」
    let machi = s.interimReflections.first { $0.submission.projectName == "防災訓練" }!
    #expect(machi.proposal?.category == "継続ステップアップ部門")  // full-width ＮＰＯ and 全角 space
    #expect(machi.department == "危機管理課")  // taken from the proposal when the sheet has none
    #expect(s.unlinkedReflections.map(\.submission.projectName) == ["親子広場"])
}

@Test func proposalsWithoutAFinalReflectionAreListedAsMissing() {
    let s = summary2024()
    #expect(s.missingReflections.map(\.projectName).sorted() == ["読み聞かせ", "防災訓練"])
    #expect(s.missingReflections.first { $0.projectName == "防災訓練" }!.hasInterim)
    #expect(!s.missingReflections.first { $0.projectName == "読み聞かせ" }!.hasInterim)
}

@Test func breakdownsGroupByProposalFieldsAndPhase() {
    let s = summary2024()
    let forms = s.breakdown(.collaborationForm)!.groups
    #expect(forms.map(\.label) == ["(提案書なし)", "委託"])
    #expect(forms.map(\.count) == [1, 1])
    let phases = s.breakdown(.phase)!.groups
    #expect(phases.map(\.label) == ["最終"])
    #expect(phases.last!.count == 2)
    // 最終: みどり 5 and 子育て 2 on ①.
    #expect(phases.last!.means[.effectiveness] == 3.5)
    #expect(abs(phases.last!.overallMean! - (29.0 / 7.0 + 20.0 / 7.0) / 2) < 1e-12)
    let departments = s.breakdown(.department)!.groups.map(\.label)
    #expect(departments == ["みどり公園課", "児童青少年課"].sorted())
}

@Test func projectIDsDependOnlyOnTheProjectItself() {
    let before = summary2024().projects.first { $0.submission.projectName == "公園清掃" }!.projectID
    var records = SampleRecords.records
    records.submissions.append(Submission(
        fiscalYear: 2024, phase: .final, orgName: "別の団体", projectName: "別の事業",
        scores: SampleRecords.scores([3, 3, 3, 3, 3, 3, 3]), source: .init(file: "z.xlsx", sheet: "S")))
    let after = Aggregator().summarize(records).last!.projects.first { $0.submission.projectName == "公園清掃" }!.projectID
    #expect(before == after)
    #expect(before.hasPrefix("R6-") && before.count == 11)
    // Same names in another year give another ID.
    let machi = Aggregator().summarize(records).map {
        ($0.projects + $0.interimReflections).first { $0.submission.projectName == "防災訓練" }!.projectID
    }
    #expect(machi[0] != machi[1] && machi[0].hasPrefix("R5-"))
}

@Test func crossYearComparisonUsesTheFinalReflectionsOnly() {
    let cross = CrossYearSummary(summaries: Aggregator().summarize(SampleRecords.records))
    #expect(cross.years == [2023, 2024])
    #expect(cross.viewpointMeans[.effectiveness]![2024] == 3.5)   // みどり 5, 子育て 2
    #expect(cross.reflectionCounts[2024] == 2)
    // まちづくり has a 最終 in 2023 and only a 中間 in 2024: one year of 最終, no path.
    #expect(cross.paths.isEmpty)
}

@Test func crossYearComparisonFollowsMultiYearProjectsWithTheLatestPhaseSetting() {
    let cross = CrossYearSummary(summaries: Aggregator(options: AggregationOptions(statisticsPhase: .latest))
        .summarize(SampleRecords.records))
    #expect(cross.years == [2023, 2024])
    #expect(cross.viewpointMeans[.effectiveness]![2023] == 3)
    #expect(abs(cross.viewpointMeans[.effectiveness]![2024]! - 11.0 / 3.0) < 1e-12)
    #expect(cross.paths.count == 1)
    let path = cross.paths[0]
    #expect(path.steps.map(\.fiscalYear) == [2023, 2024])
    #expect(path.steps.map(\.yearNumber) == [1, 2])
    #expect(path.steps[1].phase == .interim)
    #expect(abs(path.steps[0].mean! - 24.0 / 7.0) < 1e-12)
}

@Test func anonymizerReplacesNamesEverywhereAndKeepsLinks() {
    var records = SampleRecords.records
    records.submissions[0].cityComment = "みどりの会はよく頑張った"
    let anonymizer = Anonymizer(records: records)
    let anonymous = anonymizer.anonymize(records)
    #expect(anonymous.submissions[0].orgName == anonymizer.code(for: "みどりの会"))
    #expect(!anonymous.submissions[0].cityComment.contains("みどりの会"))
    #expect(anonymous.submissions.allSatisfy { $0.orgName.hasPrefix("団体") })
    // Names that normalise alike share one code, so links survive.
    #expect(anonymizer.code(for: "ＮＰＯ法人　まちづくり") == anonymizer.code(for: "NPO法人まちづくり"))
    let s = Aggregator().summarize(anonymous).last!
    #expect(s.unlinkedReflections.count == 1)
}

@Test func aSecondSheetForTheSameProjectAndPhaseIsListedApartNotCounted() {
    var records = SampleRecords.records
    var again = SampleRecords.midori
    again.scores = SampleRecords.scores([1, 1, 1, 1, 1, 1, 1])
    again.source = .init(file: "z.xlsx", sheet: "Sheet1")
    records.submissions.append(again)
    let s = Aggregator().summarize(records).last!
    #expect(s.projects.count == 2 && s.allScores.mean == 3.5)
    #expect(s.duplicateReflections.map(\.submission.source.file) == ["z.xlsx"])
    #expect(s.duplicateReflections[0].projectID == s.projects.first { $0.submission.projectName == "公園清掃" }!.projectID)
}

@Test func projectIDsAreTheSameAnonymisedOrNot() {
    let plain = Aggregator().summarize(SampleRecords.records)
    let anonymous = Aggregator().summarize(Anonymizer(records: SampleRecords.records).anonymize(SampleRecords.records))
    for (a, b) in zip(plain, anonymous) {
        #expect(a.projects.map(\.projectID).sorted() == b.projects.map(\.projectID).sorted())
        #expect(a.missingReflections.map(\.projectID).sorted() == b.missingReflections.map(\.projectID).sorted())
    }
}
