import Forms
import Settings
import Testing
import XLSX
@testable import Validation

@Suite struct CommentAndCommonRuleTests {
    let validator = Validator()

    @Test(arguments: ["", "   ", "　　", " 　 "])
    func blankRequiredCommentIsMissing(_ text: String) {
        let form = Build.reflection { $0["city_comment"] = Build.text("city_comment", "*市のコメント", "C16", text) }
        let issues = validator.validate(form, file: "a.xlsx")
        #expect(issues.codes == ["comment.missing"])
        #expect(issues[0].cell == "C16")
        #expect(issues[0].field == "city_comment")
        #expect(issues[0].severity == .error)
    }

    @Test func requiredCommentWhoseLabelIsAbsentIsMissing() {
        let form = Build.reflection { $0["org_comment"] = nil }
        let issues = validator.validate(form, file: "a.xlsx")
        #expect(issues.codes == ["comment.missing"])
        #expect(issues[0].field == "org_comment")
        #expect(issues[0].cell == "")
    }

    @Test(arguments: ["特になし", "なし", "-", "－", "特になし。", "　なし　", "N/A"])
    func placeholderInRequiredCommentIsAnErrorByDefault(_ text: String) {
        let form = Build.reflection { $0["org_comment"] = Build.text("org_comment", "*団体のコメント", "C15", text) }
        let issues = validator.validate(form, file: "a.xlsx")
        #expect(issues.codes == ["comment.placeholder"])
        #expect(issues[0].severity == .error)
    }

    @Test func placeholderCheckRejectsLongTextAndAcceptsSpacedPlaceholders() {
        let set = TextChecks.PlaceholderSet(["特になし", "なし"])
        #expect(set.contains("　特に　なし。 "))
        #expect(!set.contains(String(repeating: "課題があります。", count: 50)))
        #expect(!set.contains("なしなしなしなし"))
    }

    @Test func commentThatMerelyContainsAPlaceholderWordPasses() {
        let form = Build.reflection { $0["org_comment"] = Build.text("org_comment", "*団体のコメント", "C15", "特になし、と言いたいところですが人手不足です") }
        #expect(validator.validate(form, file: "a.xlsx").isEmpty)
    }

    @Test func outlookIsOptional() {
        let form = Build.reflection { $0["outlook"] = nil }
        #expect(validator.validate(form, file: "a.xlsx").isEmpty)
    }

    @Test func requiredHeaderFieldBlankIsFieldMissing() {
        let form = Build.reflection { $0["org_name"] = Build.text("org_name", "団体名", "B5", "") }
        let issues = validator.validate(form, file: "a.xlsx")
        #expect(issues.codes == ["field.missing"])
        #expect(issues[0].cell == "B5")
    }

    @Test func requiredFieldsComeFromSettings() {
        var settings = Settings.defaults
        settings.rules.requiredFields["reflection"] = ["org_name", "project_name", "outlook"]
        let issues = Validator(settings: settings).validate(Build.reflection(), file: "a.xlsx")
        #expect(issues.codes == ["field.missing"])
        #expect(issues[0].field == "outlook")
    }

    @Test func fiscalYearInRangePasses() {
        let form = Build.reflection { $0["fiscal_year"] = Build.reading("fiscal_year", "実施年度", "C3", raw: .text("R6"), value: .fiscalYear(2024)) }
        #expect(validator.validate(form, file: "a.xlsx").isEmpty)
    }

    @Test func fiscalYearOutsideRangeIsAnError() {
        let form = Build.reflection { $0["fiscal_year"] = Build.reading("fiscal_year", "実施年度", "C3", raw: .text("令和60年度"), value: .fiscalYear(2078)) }
        let issues = validator.validate(form, file: "a.xlsx")
        #expect(issues.codes == ["fiscal_year.out_of_range"])
        #expect(issues[0].cell == "C3")
        #expect(issues[0].message.contains("2078年度（令和60年度）"))
    }

    @Test func fiscalYearRangeComesFromSettings() {
        var settings = Settings.defaults
        settings.fiscalYears = 2025...2030
        let form = Build.reflection { $0["fiscal_year"] = Build.reading("fiscal_year", "実施年度", "C3", raw: .number(2024), value: .fiscalYear(2024)) }
        #expect(Validator(settings: settings).validate(form, file: "a.xlsx").codes == ["fiscal_year.out_of_range"])
    }

    @Test func unreadableFiscalYearIsAnError() {
        let form = Build.reflection { $0["fiscal_year"] = Build.reading("fiscal_year", "実施年度", "C3", raw: .text("来年"), value: .unreadable("来年")) }
        let issues = validator.validate(form, file: "a.xlsx")
        #expect(issues.codes == ["fiscal_year.unreadable"])
        #expect(issues[0].message.contains("「来年」"))
    }

    @Test func phaseMustBeInterimOrFinal() {
        let good = Build.reflection { $0["phase"] = Build.text("phase", "中間・最終", "C4", "最終") }
        #expect(validator.validate(good, file: "a.xlsx").isEmpty)
        let bad = Build.reflection { $0["phase"] = Build.text("phase", "中間・最終", "C4", "途中") }
        let issues = validator.validate(bad, file: "a.xlsx")
        #expect(issues.codes == ["choice.invalid"])
        #expect(issues[0].message.contains("中間、最終"))
    }

    @Test func unknownDepartmentIsAWarning() {
        let form = Build.reflection { $0["department"] = Build.text("department", "担当課", "C2", "宇宙開発課") }
        let issues = validator.validate(form, file: "a.xlsx")
        #expect(issues.codes == ["department.unknown"])
        #expect(issues[0].severity == .warning)
        #expect(issues[0].cell == "C2")
    }

    @Test func knownDepartmentWithStraySpacesPasses() {
        let form = Build.reflection { $0["department"] = Build.text("department", "担当課", "C2", "協働　コミュニティ課 ") }
        #expect(validator.validate(form, file: "a.xlsx").isEmpty)
    }

    @Test func severityOverrideMakesUnknownDepartmentAnError() {
        var settings = Settings.defaults
        settings.rules.severity = ["department.unknown": "error"]
        let form = Build.reflection { $0["department"] = Build.text("department", "担当課", "C2", "宇宙開発課") }
        #expect(Validator(settings: settings).validate(form, file: "a.xlsx").first?.severity == .error)
    }
}

@Suite struct ChoiceCanonicalisationTests {
    @Test func departmentMatchedByTheExtractorInsideLongerTextPasses() {
        let form = Build.reflection {
            $0["department"] = Build.reading("department", "担当課", "C2", raw: .text("生活文化スポーツ部文化振興課"),
                                             value: .text("文化振興課"), normalisation: "「生活文化スポーツ部文化振興課」を「文化振興課」として読みました。")
        }
        #expect(Validator().validate(form, file: "a.xlsx").isEmpty)
    }
}
