import Settings
import Testing
@testable import Validation

@Suite struct ValidationSettingsTests {
    @Test func emptyFileMeansDefaults() throws {
        #expect(try Settings.parse(yaml: "") == Settings.defaults)
    }

    @Test func ruleKeysAreReadInSnakeCase() throws {
        let settings = try Settings.parse(yaml: """
        departments: [文化振興課]
        fiscal_years: {from: 2020, to: 2026}
        rules:
          low_score_threshold: 1
          low_score_comment_is_error: false
          score_gap: 3
          placeholders: [同上]
          disabled: [contact.phone_format]
          severity:
            department.unknown: error
            comment.placeholder: error
          required_fields:
            proposal: [org_name]
          year_numbers: {from: 1, to: 5}
        """)
        #expect(settings.departments == ["文化振興課"])
        #expect(settings.fiscalYears == 2020...2026)
        #expect(settings.rules.lowScoreThreshold == 1)
        #expect(settings.rules.lowScoreCommentIsError == false)
        #expect(settings.rules.scoreGap == 3)
        #expect(settings.rules.placeholders == ["同上"])
        #expect(settings.rules.disabled == ["contact.phone_format"])
        #expect(settings.rules.severity == ["department.unknown": "error", "comment.placeholder": "error"])
        #expect(settings.rules.requiredFields["proposal"] == ["org_name"])
        #expect(settings.rules.requiredFields["reflection"] == Settings.Rules.defaultRequiredFields["reflection"])
        #expect(settings.rules.yearNumbers == 1...5)
    }

    @Test func settingsChangeWhatTheValidatorReports() throws {
        let settings = try Settings.parse(yaml: """
        rules:
          severity: {comment.placeholder: error}
          year_numbers: {to: 5}
        """)
        let validator = Validator(settings: settings)
        let placeholder = Build.reflection { $0["org_comment"] = Build.text("org_comment", "*団体のコメント", "C15", "なし") }
        #expect(validator.validate(placeholder, file: "a.xlsx").first?.severity == .error)
        let fiveYears = Build.proposal { $0["year_number"] = Build.reading("year_number", "継続年数", "C12", raw: .number(5), value: .integer(5)) }
        #expect(validator.validate(fiveYears, file: "p.xlsx").isEmpty)
    }

    @Test(arguments: [
        "rules: {severity: {department.unknown: fatal}}",
        "rules: {severity: [a]}",
        "rules: {required_fields: {memo: [a]}}",
        "rules: {year_numbers: {from: 3, to: 1}}",
    ])
    func badRuleSettingsAreRefusedWithAMessage(_ yaml: String) {
        #expect(throws: SettingsError.self) { try Settings.parse(yaml: yaml) }
    }
}
