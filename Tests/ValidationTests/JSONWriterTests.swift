import Forms
import Testing
@testable import Validation

/// `writeJSON` must give exactly the bytes of encoding `jsonObject()`, whatever the result holds.
@Suite struct JSONWriterTests {
    func expectSameBytes(_ result: FileResult, sourceLocation: SourceLocation = #_sourceLocation) {
        var written: [UInt8] = [], encoded: [UInt8] = []
        result.writeJSON(into: &written)
        result.jsonObject().encode(into: &encoded)
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: encoded, as: UTF8.self),
                sourceLocation: sourceLocation)
    }

    func validated(_ form: ExtractedForm) -> ValidatedForm {
        ValidatedForm(form: form, issues: Validator().validate(form, file: "a.xlsx"))
    }

    @Test func reflectionAndProposalFormsAreWrittenAsEncoded() {
        let reflection = Build.reflection(scores: [.achievement: .integer(6), .cooperation: .unreadable("A"),
                                                   .goalSetting: .decimal(3.5), .effectiveness: .blank]) {
            $0["city_scores.cooperation"] = Build.score(.cooperation, .integer(3), family: "city_scores", column: "F")
            $0["comments.effectiveness"] = Build.text("comments.effectiveness", "団体のコメント", "E7", "引用\"と\\改行\nと\u{2028}")
            $0["fiscal_year"] = Build.reading("fiscal_year", "実施年度", "C3", raw: .text("令和6年度"), value: .fiscalYear(2024))
            $0["city_comment"] = nil
        }
        let proposal = Build.proposal {
            $0["year_number"] = Build.reading("year_number", "継続年数", "C12", raw: .number(1.5), value: .decimal(1.5))
            $0["total_cost"] = Build.reading("total_cost", "総事業費", "C20", raw: .number(1_200_000), value: .yen(1_200_000))
        }
        expectSameBytes(FileResult(path: "in/a \"b\".xlsx", sha256: String(repeating: "a", count: 64), status: .invalid,
                                   issues: [], forms: [validated(reflection), validated(proposal)]))
    }

    @Test func formsWithKeysBeyondTheCatalogAreWrittenAsEncoded() {
        let extra = Build.reflection {
            $0["custom_note"] = Build.text("custom_note", "備考", "C30", "独自の欄")
            $0["scores.extra_view"] = Build.text("scores.extra_view", "独自の視点", "D31", "3")
            $0["outlook.detail"] = Build.text("outlook.detail", "詳細", "C32", "x")
        }
        let proposalWithScore = Build.proposal { $0["scores.achievement"] = Build.score(.achievement, .integer(2)) }
        expectSameBytes(FileResult(path: "b.xlsx", sha256: "", status: .valid, issues: [],
                                   forms: [validated(extra), validated(proposalWithScore)]))
    }

    @Test func fileLevelIssuesAreWrittenAsEncoded() {
        let issue = ValidationIssue(severity: .error, code: "reader.not_a_zip", field: "", sheet: "", cell: "",
                                    message: "「a.xlsx」は Excel ファイルではありません。")
        expectSameBytes(FileResult(path: "a.xlsx", sha256: "", status: .unreadable, issues: [issue], forms: []))
        expectSameBytes(FileResult(path: "", sha256: "00", status: .valid, issues: [], forms: []))
    }
}
