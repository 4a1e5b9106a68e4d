import Testing
import Forms
import Validation
@testable import Aggregation

private let reflection = FormFactory.form(.reflection, [
    "org_name": .text("みどりの会"), "project_name": .text("公園清掃"), "phase": .text("最終"),
    "scores.effectiveness": .integer(4), "scores.goal_setting": .unreadable("よい"),
    "city_scores.effectiveness": .integer(2), "comments.achievement": .text("少なかった"),
    "org_comment": .text("続けたい"), "city_comment": .text("進んだ"),
])
private let proposal = FormFactory.form(.proposal, sheet: "提案書", [
    "org_name": .text("みどりの会"), "project_name": .text("公園 清掃"), "fiscal_year": .fiscalYear(2024),
    "category": .text("新規チャレンジ部門"), "collaboration_form": .text("委託"), "year_number": .integer(2),
    "representative": .text("山田太郎"), "address": .text("東京都千代田区1-1"),
    "phone": .text("03-1234-5678"), "email": .text("taro@example.jp"), "total_cost": .yen(500000),
])

@Test func reflectionWithoutAYearTakesItsProposalsYear() {
    let set = RecordBuilder().records(from: [("r.xlsx", reflection), ("p.xlsx", proposal)])
    #expect(set.submissions.count == 1 && set.proposals.count == 1 && set.undated.isEmpty)
    let s = set.submissions[0]
    #expect(s.fiscalYear == 2024 && s.phase == .final)
    #expect(s.scores == [.effectiveness: 4])
    #expect(s.cityScores == [.effectiveness: 2])
    #expect(s.viewpointComments == [.achievement: "少なかった"])
    #expect(s.cells["org_comment"] != nil)
    #expect(set.proposals[0].yearNumber == 2 && set.proposals[0].totalCost == 500000)
}

@Test func formsWithoutAnyYearAreSetAsideOrTakeTheDefault() {
    let alone = RecordBuilder().records(from: [("r.xlsx", reflection)])
    #expect(alone.submissions.isEmpty && alone.undated == [SourceLocation(file: "r.xlsx", sheet: "Sheet1")])
    let withDefault = RecordBuilder(defaultFiscalYear: 2025).records(from: [("r.xlsx", reflection)])
    #expect(withDefault.submissions.first?.fiscalYear == 2025)
}

@Test func recordsNeverCarryPersonalData() {
    let set = RecordBuilder().records(from: [("p.xlsx", proposal)])
    let dump = String(reflecting: set)
    for personal in ["山田太郎", "東京都千代田区", "03-1234-5678", "taro@example.jp"] {
        #expect(!dump.contains(personal))
    }
}

@Test func onlyValidFilesBecomeRecords() {
    let valid = FileResult(path: "ok.xlsx", sha256: "", status: .valid, issues: [],
                           forms: [ValidatedForm(form: proposal, issues: [])])
    let invalid = FileResult(path: "bad.xlsx", sha256: "", status: .invalid, issues: [],
                             forms: [ValidatedForm(form: reflection, issues: [])])
    let set = RecordBuilder().records(from: [valid, invalid])
    #expect(set.proposals.count == 1 && set.submissions.isEmpty)
}

@Test func personalDataScrubberMasksEveryPersonalValue() {
    let file = FileResult(path: "p.xlsx", sha256: "", status: .invalid, issues: [],
                          forms: [ValidatedForm(form: proposal, issues: [])])
    let scrubber = PersonalDataScrubber(files: [file])
    let text = scrubber.scrub("電話番号「03-1234-5678」と taro@example.jp（山田太郎）")
    #expect(text == "電話番号「＊＊＊」と ＊＊＊（＊＊＊）")
}
