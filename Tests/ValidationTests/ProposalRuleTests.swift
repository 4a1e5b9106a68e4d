import Forms
import Settings
import Testing
import XLSX
@testable import Validation

@Suite struct ProposalRuleTests {
    let validator = Validator()

    @Test func cleanProposalHasNoIssues() {
        #expect(validator.validate(Build.proposal(), file: "p.xlsx").isEmpty)
    }

    @Test func requiredProposalFieldBlankOrAbsentIsFieldMissing() {
        let blank = Build.proposal { $0["purpose"] = Build.text("purpose", "事業の目的", "C14", "") }
        let issues = validator.validate(blank, file: "p.xlsx")
        #expect(issues.codes == ["field.missing"])
        #expect(issues[0].cell == "C14")
        let absent = Build.proposal { $0["description"] = nil }
        #expect(validator.validate(absent, file: "p.xlsx").codes == ["field.missing"])
    }

    @Test(arguments: ["category", "proposal_type", "collaboration_form"])
    func choiceOutsideAllowedValuesIsInvalid(_ key: String) {
        let form = Build.proposal { $0[key] = Build.text(key, key, "C30", "その他いろいろ") }
        let issues = validator.validate(form, file: "p.xlsx")
        #expect(issues.codes == ["choice.invalid"])
        #expect(issues[0].field == key)
    }

    @Test(arguments: ["委託", "共催", "事業協力", "補助・助成", "その他", " 共催　"])
    func everyAllowedCollaborationFormPasses(_ value: String) {
        let form = Build.proposal { $0["collaboration_form"] = Build.text("collaboration_form", "協働の形態", "C10", value) }
        #expect(validator.validate(form, file: "p.xlsx").isEmpty)
    }

    @Test func setThemeTypeWithoutThemeIsThemeMissing() {
        let form = Build.proposal { $0["proposal_type"] = Build.text("proposal_type", "募集の種類", "C8", "テーマ設定型") }
        let issues = validator.validate(form, file: "p.xlsx")
        #expect(issues.codes == ["theme.missing"])
        #expect(issues[0].cell == "C9")
    }

    @Test func setThemeTypeWithThemePasses() {
        let form = Build.proposal {
            $0["proposal_type"] = Build.text("proposal_type", "募集の種類", "C8", "テーマ設定型")
            $0["theme"] = Build.text("theme", "テーマ", "C9", "子どもの居場所")
        }
        #expect(validator.validate(form, file: "p.xlsx").isEmpty)
    }

    @Test(arguments: [0, 4, 10])
    func yearNumberOutsideOneToThreeIsOutOfRange(_ n: Int) {
        let form = Build.proposal { $0["year_number"] = Build.reading("year_number", "継続年数", "C12", raw: .number(Double(n)), value: .integer(n)) }
        let issues = validator.validate(form, file: "p.xlsx")
        #expect(issues.codes == ["year_number.out_of_range"])
        #expect(issues[0].cell == "C12")
    }

    @Test func yearNumberWrittenAsTextIsRead() {
        let form = Build.proposal { $0["year_number"] = Build.reading("year_number", "継続年数", "C12", raw: .text("2年目"), value: .unreadable("2年目")) }
        #expect(validator.validate(form, file: "p.xlsx").isEmpty)
    }

    @Test func yearNumberThatIsNotANumberIsUnreadable() {
        let form = Build.proposal { $0["year_number"] = Build.reading("year_number", "継続年数", "C12", raw: .text("初年度"), value: .unreadable("初年度")) }
        #expect(validator.validate(form, file: "p.xlsx").codes == ["year_number.unreadable"])
    }

    @Test func requestedAmountAboveTotalIsAnError() {
        let form = Build.proposal { $0["requested_amount"] = Build.reading("requested_amount", "補助金申請額", "C20", raw: .number(1_500_000), value: .yen(1_500_000)) }
        let issues = validator.validate(form, file: "p.xlsx")
        #expect(issues.codes == ["money.requested_exceeds_total"])
        #expect(issues[0].cell == "C20")
        #expect(issues[0].message.contains("1,500,000円"))
        #expect(issues[0].message.contains("C19"))
    }

    @Test func requestedAmountEqualToTotalPasses() {
        let form = Build.proposal { $0["requested_amount"] = Build.reading("requested_amount", "補助金申請額", "C20", raw: .number(1_200_000), value: .yen(1_200_000)) }
        #expect(validator.validate(form, file: "p.xlsx").isEmpty)
    }

    @Test func unreadableMoneyIsAnError() {
        let form = Build.proposal { $0["total_cost"] = Build.reading("total_cost", "総事業費", "C19", raw: .text("約百万円"), value: .unreadable("約百万円")) }
        let issues = validator.validate(form, file: "p.xlsx")
        #expect(issues.codes == ["money.unreadable"])
        #expect(issues[0].cell == "C19")
    }

    @Test func moneyWrittenAsTextIsReadWithAWarning() {
        let form = Build.proposal {
            $0["total_cost"] = Build.reading("total_cost", "総事業費(円)", "B22", raw: .text("１２０万円"), value: .yen(1_200_000),
                                             normalisation: "全角数字を半角に直して読みました。")
        }
        let issues = validator.validate(form, file: "p.xlsx")
        #expect(issues.codes == ["money.normalised"])
        #expect(issues[0].severity == .warning)
        #expect(issues[0].cell == "B22")
        #expect(issues[0].message.contains("1,200,000円"))
    }

    @Test func lowScoreMessageQuotesTheViewpointNotTheColumnHeader() {
        let form = Build.reflection(scores: [.beneficiarySatisfaction: .integer(2)]) {
            $0["comments.beneficiary_satisfaction"] = Build.text("comments.beneficiary_satisfaction", "⑥受益者の満足度 団体のコメント", "E12", "")
        }
        let message = validator.validate(form, file: "a.xlsx")[0].message
        #expect(message.contains("「⑥受益者の満足度」の評価が 2 ですが"))
    }

    @Test(arguments: ["850,000円", "¥600,000", "1200000"])
    func plainMoneyTextPassesQuietly(_ text: String) {
        let form = Build.proposal {
            $0["total_cost"] = Build.reading("total_cost", "総事業費(円)", "B22", raw: .text(text), value: .yen(1_200_000),
                                             normalisation: "文字として入力された数字を数値として読みました。")
        }
        #expect(validator.validate(form, file: "p.xlsx").isEmpty)
    }

    @Test func negativeMoneyIsAnError() {
        let form = Build.proposal { $0["total_cost"] = Build.reading("total_cost", "総事業費", "C19", raw: .number(-5), value: .yen(-5)) }
        #expect(validator.validate(form, file: "p.xlsx").codes == ["money.negative"])
    }

    @Test(arguments: ["info@@example.jp", "info example.jp", "info@example", "山田@例.jp"])
    func malformedEmailIsAWarning(_ email: String) {
        let form = Build.proposal { $0["email"] = Build.text("email", "メールアドレス", "C24", email) }
        let issues = validator.validate(form, file: "p.xlsx")
        #expect(issues.codes == ["contact.email_format"])
        #expect(issues[0].severity == .warning)
    }

    @Test(arguments: ["ｉｎｆｏ＠ｅｘａｍｐｌｅ．ｊｐ", "a.b+c@sub.example.co.jp"])
    func plausibleEmailsPass(_ email: String) {
        let form = Build.proposal { $0["email"] = Build.text("email", "メールアドレス", "C24", email) }
        #expect(validator.validate(form, file: "p.xlsx").isEmpty)
    }

    @Test(arguments: ["03-1234", "312345678", "電話なし", "03-1234-5678-9999"])
    func malformedPhoneIsAWarning(_ phone: String) {
        let form = Build.proposal { $0["phone"] = Build.text("phone", "電話番号", "C23", phone) }
        let issues = validator.validate(form, file: "p.xlsx")
        #expect(issues.codes == ["contact.phone_format"])
        #expect(issues[0].severity == .warning)
    }

    @Test(arguments: ["090-1234-5678", "０３（１２３４）５６７８", "0312345678", "+81-3-1234-5678", "042 123 4567"])
    func plausiblePhonesPass(_ phone: String) {
        let form = Build.proposal { $0["phone"] = Build.text("phone", "電話番号", "C23", phone) }
        #expect(validator.validate(form, file: "p.xlsx").isEmpty)
    }

    @Test func phoneStoredAsNumberLosesItsZeroAndIsReported() {
        let form = Build.proposal { $0["phone"] = Build.reading("phone", "電話番号", "C23", raw: .number(312345678), value: .text("312345678")) }
        #expect(validator.validate(form, file: "p.xlsx").codes == ["contact.phone_format"])
    }
}
