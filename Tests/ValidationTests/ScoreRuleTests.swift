import Forms
import Settings
import Testing
import XLSX
@testable import Validation

@Suite struct ScoreRuleTests {
    let validator = Validator()

    @Test func cleanReflectionSheetHasNoIssues() {
        #expect(validator.validate(Build.reflection(), file: "a.xlsx").isEmpty)
    }

    @Test func blankScoreIsMissingOnItsCell() {
        let issues = validator.validate(Build.reflection(scores: [.achievement: .blank]), file: "a.xlsx")
        #expect(issues.codes == ["score.missing"])
        #expect(issues[0].cell == "D10")
        #expect(issues[0].field == "scores.achievement")
        #expect(issues[0].severity == .error)
    }

    @Test func scoreRowNotFoundIsMissingWithoutCell() {
        let form = Build.reflection { $0["scores.cooperation"] = nil }
        let issues = validator.validate(form, file: "a.xlsx")
        #expect(issues.codes == ["score.missing"])
        #expect(issues[0].cell == "")
        #expect(issues[0].message.contains("見つかりません"))
    }

    @Test(arguments: [0, 6, 10, -1])
    func wholeNumberOutsideOneToFiveIsOutOfRange(_ n: Int) {
        let issues = validator.validate(Build.reflection(scores: [.achievement: .integer(n)]), file: "a.xlsx")
        #expect(issues.codes == ["score.out_of_range"])
        #expect(issues[0].cell == "D10")
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func wholeNumbersOneToFiveAreAccepted(_ n: Int) {
        let form = Build.reflection(scores: [.achievement: .integer(n)]) {
            $0["comments.achievement"] = Build.text("comments.achievement", "団体のコメント", "E10", "理由を書きました")
        }
        #expect(validator.validate(form, file: "a.xlsx").isEmpty)
    }

    @Test func fractionIsNotInteger() {
        let issues = validator.validate(Build.reflection(scores: [.goalSetting: .decimal(3.5)]), file: "a.xlsx")
        #expect(issues.codes == ["score.not_integer"])
        #expect(issues[0].message.contains("3.5"))
    }

    @Test func wholeDecimalIsAcceptedAsAScore() {
        #expect(validator.validate(Build.reflection(scores: [.goalSetting: .decimal(4)]), file: "a.xlsx").isEmpty)
    }

    @Test func fractionWrittenAsTextIsNotInteger() {
        let issues = validator.validate(Build.reflection(scores: [.goalSetting: .unreadable("3.5")]), file: "a.xlsx")
        #expect(issues.codes == ["score.not_integer"])
    }

    @Test func lettersAreUnreadable() {
        let issues = validator.validate(Build.reflection(scores: [.cooperation: .unreadable("A")]), file: "a.xlsx")
        #expect(issues.codes == ["score.unreadable"])
        #expect(issues[0].cell == "D11")
        #expect(issues[0].message.contains("「A」"))
    }

    @Test func scoreNormalisedByTheExtractorIsAWarning() {
        let form = Build.reflection(scores: [.effectiveness: .integer(4)]) {
            $0["scores.effectiveness"] = Build.score(.effectiveness, .integer(4), raw: .text("４点"), normalisation: "全角の数字と「点」を読みました")
        }
        let issues = validator.validate(form, file: "a.xlsx")
        #expect(issues.codes == ["score.normalised"])
        #expect(issues[0].severity == .warning)
        #expect(issues[0].message.contains("４点"))
    }

    @Test func scoreLeftAsTextIsNormalisedHere() {
        let issues = validator.validate(Build.reflection(scores: [.effectiveness: .text("4")]), file: "a.xlsx")
        #expect(issues.codes == ["score.normalised"])
    }

    @Test func normalisedTextOutsideRangeIsOutOfRange() {
        let issues = validator.validate(Build.reflection(scores: [.effectiveness: .unreadable("６")]), file: "a.xlsx")
        #expect(issues.codes == ["score.out_of_range"])
    }

    @Test func lowScoreWithoutCommentIsAnErrorOnTheCommentCell() {
        let issues = validator.validate(Build.reflection(scores: [.goalSharing: .integer(2)]), file: "a.xlsx")
        #expect(issues.codes == ["score.low_without_comment"])
        #expect(issues[0].cell == "E9")
        #expect(issues[0].field == "comments.goal_sharing")
        #expect(issues[0].severity == .error)
    }

    @Test func lowScoreWithCommentPasses() {
        let form = Build.reflection(scores: [.goalSharing: .integer(1)]) {
            $0["comments.goal_sharing"] = Build.text("comments.goal_sharing", "団体のコメント", "E9", "共有の場が少なかった")
        }
        #expect(validator.validate(form, file: "a.xlsx").isEmpty)
    }

    @Test func scoreAboveThresholdNeedsNoComment() {
        #expect(validator.validate(Build.reflection(scores: [.goalSharing: .integer(3)]), file: "a.xlsx").isEmpty)
    }

    @Test func lowScoreWithoutCommentColumnPointsAtTheScore() {
        let form = Build.reflection(scores: [.goalSharing: .integer(2)]) { $0["comments.goal_sharing"] = nil }
        let issues = validator.validate(form, file: "a.xlsx")
        #expect(issues.codes == ["score.low_without_comment"])
        #expect(issues[0].cell == "D9")
    }

    @Test func lowScoreThresholdAndSeverityComeFromSettings() {
        var settings = Settings.defaults
        settings.rules.lowScoreThreshold = 3
        settings.rules.lowScoreCommentIsError = false
        let issues = Validator(settings: settings).validate(Build.reflection(scores: [.goalSharing: .integer(3)]), file: "a.xlsx")
        #expect(issues.codes == ["score.low_without_comment"])
        #expect(issues[0].severity == .warning)
    }

    @Test func placeholderCommentUnderLowScoreIsAPlaceholderError() {
        let form = Build.reflection(scores: [.goalSharing: .integer(2)]) {
            $0["comments.goal_sharing"] = Build.text("comments.goal_sharing", "団体のコメント", "E9", "特になし")
        }
        let issues = validator.validate(form, file: "a.xlsx")
        #expect(issues.codes == ["comment.placeholder"])
        #expect(issues[0].severity == .error)
    }

    @Test func gapOfTwoBetweenOrgAndCityIsAWarning() {
        let form = Build.reflection(scores: [.cooperation: .integer(5)]) {
            $0["city_scores.cooperation"] = Build.score(.cooperation, .integer(3), family: "city_scores", column: "F")
        }
        let issues = validator.validate(form, file: "a.xlsx")
        #expect(issues.codes == ["score.gap"])
        #expect(issues[0].severity == .warning)
        #expect(issues[0].cell == "F11")
        #expect(issues[0].field == "city_scores.cooperation")
        #expect(issues[0].message.contains("D11"))
    }

    @Test func gapOfOneIsNotReported() {
        let form = Build.reflection(scores: [.cooperation: .integer(5)]) {
            $0["city_scores.cooperation"] = Build.score(.cooperation, .integer(4), family: "city_scores", column: "F")
        }
        #expect(validator.validate(form, file: "a.xlsx").isEmpty)
    }

    @Test func blankCityScoreIsMissingWhereTheColumnIsUnlessTheSettingsAllowIt() {
        let blank = Build.reflection { $0["city_scores.cooperation"] = Build.score(.cooperation, .blank, family: "city_scores", column: "F") }
        let missing = validator.validate(blank, file: "a.xlsx")
        #expect(missing.codes == ["score.missing"])
        #expect(missing.first?.field == "city_scores.cooperation")
        #expect(missing.first?.cell == "F11")
        var settings = Settings.defaults
        settings.rules.cityScoresRequired = false
        #expect(Validator(settings: settings).validate(blank, file: "a.xlsx").isEmpty)
        let bad = Build.reflection { $0["city_scores.cooperation"] = Build.score(.cooperation, .integer(7), family: "city_scores", column: "F") }
        let issues = validator.validate(bad, file: "a.xlsx")
        #expect(issues.codes == ["score.out_of_range"])
        #expect(issues[0].field == "city_scores.cooperation")
        #expect(issues[0].cell == "F11")
    }

    @Test func disabledRuleIsNotReported() {
        var settings = Settings.defaults
        settings.rules.disabled = ["score.low_without_comment"]
        let issues = Validator(settings: settings).validate(Build.reflection(scores: [.goalSharing: .integer(1)]), file: "a.xlsx")
        #expect(issues.isEmpty)
    }
}
