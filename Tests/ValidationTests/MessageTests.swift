import Core
import Forms
import Settings
import Testing
import XLSX
@testable import Validation

@Suite struct MessageTests {
    @Test func japaneseScoreMessageNamesFileSheetCellLabelProblemAndFix() {
        let issues = Validator().validate(Build.reflection(scores: [.achievement: .integer(6)]), file: "/inbox/ひまわり会.xlsx")
        #expect(issues[0].message == "ファイル「ひまわり会.xlsx」の「④目的の達成度」の評価（シート「ふりかえり」D10）が 6 です。1〜5の整数を入力してください。")
    }

    @Test func englishScoreMessageNamesFileSheetCellLabelProblemAndFix() {
        let issues = Validator(language: .en).validate(Build.reflection(scores: [.achievement: .integer(6)]), file: "/inbox/ひまわり会.xlsx")
        #expect(issues[0].message == "ひまわり会.xlsx, sheet \"ふりかえり\" cell D10: the score for ④目的の達成度 (Achievement of goals) is 6. Enter a whole number from 1 to 5.")
    }

    @Test func messageUsesTheLabelAsPrintedOnTheForm() {
        let form = Build.reflection { $0["city_comment"] = Build.text("city_comment", "市のコメント ※必須", "C16", "") }
        let issue = Validator().validate(form, file: "a.xlsx")[0]
        #expect(issue.message.contains("「市のコメント ※必須」"))
        #expect(issue.message.contains("C16"))
    }

    @Test func retypedViewpointLabelIsQuotedAsPrinted() {
        let form = Build.reflection {
            $0["scores.achievement"] = Build.reading("scores.achievement", "④ 目的の達成度", "D10", raw: .number(0), value: .integer(0))
        }
        #expect(Validator().validate(form, file: "a.xlsx")[0].message.contains("「④ 目的の達成度」の評価"))
    }

    /// One form per rule that can fire on a form, so every template renders in both languages.
    static let formsForEveryRule: [ExtractedForm] = [
        Build.reflection(scores: [.effectiveness: .blank, .goalSetting: .integer(0), .goalSharing: .decimal(2.5),
                                  .achievement: .unreadable("x"), .cooperation: .text("４"), .beneficiarySatisfaction: .integer(1)]) {
            $0["scores.org_satisfaction"] = nil
            $0["city_scores.cooperation"] = Build.score(.cooperation, .integer(1), family: "city_scores", column: "F")
            $0["org_comment"] = nil
            $0["city_comment"] = Build.text("city_comment", "*市のコメント", "C16", "なし")
            $0["org_name"] = Build.text("org_name", "団体名", "B5", "")
            $0["fiscal_year"] = Build.reading("fiscal_year", "実施年度", "C3", raw: .text("?"), value: .unreadable("?"))
            $0["phase"] = Build.text("phase", "中間・最終", "C4", "途中")
            $0["department"] = Build.text("department", "担当課", "C2", "宇宙課")
        },
        Build.proposal {
            $0["proposal_type"] = Build.text("proposal_type", "募集の種類", "C8", "テーマ設定型")
            $0["year_number"] = Build.reading("year_number", "継続年数", "C12", raw: .number(5), value: .integer(5))
            $0["total_cost"] = Build.reading("total_cost", "総事業費", "C19", raw: .text("１００円"), value: .yen(100),
                                             normalisation: "全角数字を半角に直して読みました。")
            $0["phone"] = Build.text("phone", "電話番号", "C23", "12")
            $0["email"] = Build.text("email", "メールアドレス", "C24", "x")
            $0["fiscal_year"] = Build.reading("fiscal_year", "実施年度", "C6", raw: .number(1999), value: .fiscalYear(1999))
        },
        Build.proposal {
            $0["year_number"] = Build.reading("year_number", "継続年数", "C12", raw: .text("?"), value: .unreadable("?"))
            $0["total_cost"] = Build.reading("total_cost", "総事業費", "C19", raw: .text("?"), value: .unreadable("?"))
            $0["requested_amount"] = Build.reading("requested_amount", "補助金申請額", "C20", raw: .number(-1), value: .yen(-1))
        },
    ]

    static let everyFormCode: Set<String> = [
        "score.missing", "score.out_of_range", "score.not_integer", "score.unreadable", "score.normalised",
        "score.low_without_comment", "score.gap", "comment.missing", "comment.placeholder", "field.missing",
        "choice.invalid", "department.unknown", "theme.missing", "year_number.out_of_range", "year_number.unreadable",
        "money.unreadable", "money.normalised", "money.negative", "money.requested_exceeds_total", "contact.email_format",
        "contact.phone_format", "fiscal_year.unreadable", "fiscal_year.out_of_range",
    ]

    @Test(arguments: Language.allCases)
    func everyFormRuleHasAMessageThatNamesFileSheetAndCell(_ language: Language) {
        var seen = Set<String>()
        for form in Self.formsForEveryRule {
            for issue in Validator(language: language).validate(form, file: "dir/提出.xlsx") {
                seen.insert(issue.code)
                #expect(issue.message.contains("提出.xlsx"), "\(issue.code): \(issue.message)")
                #expect(issue.message.contains(form.sheet), "\(issue.code): \(issue.message)")
                if !issue.cell.isEmpty {
                    #expect(issue.message.contains(issue.cell), "\(issue.code): \(issue.message)")
                }
                #expect(!issue.message.contains("dir/"), "messages name the file, not the folder")
            }
        }
        #expect(seen == Self.everyFormCode)
    }

    @Test func japaneseAndEnglishMessagesDiffer() {
        let form = Self.formsForEveryRule[0]
        let ja = Validator(language: .ja).validate(form, file: "a.xlsx")
        let en = Validator(language: .en).validate(form, file: "a.xlsx")
        #expect(ja.codes == en.codes)
        for (j, e) in zip(ja, en) {
            #expect(j.message != e.message)
            #expect(j.message.unicodeScalars.contains { $0.value >= 0x3040 && $0.value <= 0x30FF }, "Japanese uses kana: \(j.message)")
            #expect(e.message.contains(" "), "English has words: \(e.message)")
        }
    }

    @Test func englishMessageHasNoJapaneseSentence() {
        let issue = Validator(language: .en).validate(Build.reflection(scores: [.achievement: .blank]), file: "a.xlsx")[0]
        #expect(!issue.message.contains("してください"))
        #expect(issue.message.hasSuffix("Enter a whole number from 1 to 5."))
    }

    @Test func japaneseEraIsGivenForReiwaAndHeisei() {
        #expect(MessageRenderer.japaneseEra(2024) == "令和6")
        #expect(MessageRenderer.japaneseEra(2019) == "令和元")
        #expect(MessageRenderer.japaneseEra(2018) == "平成30")
        #expect(MessageRenderer.japaneseEra(1980) == nil)
    }
}
