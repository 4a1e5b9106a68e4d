import Core
import Foundation
import Forms
import Testing
import XLSX
@testable import Validation

@Suite struct JSONTests {
    func parse(_ value: JSONValue) throws -> [String: Any] {
        let data = Data(value.encoded().utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func encoderEscapesAndSortsKeys() {
        let value = JSONValue.object(["b": .array([.null, .bool(true), .int(-3), .double(2.5)]),
                                      "a": .string("引用\"\\\n\t\u{01}\u{2028}")])
        #expect(value.encoded() == #"{"a":"引用\"\\\n\t\u0001\u2028","b":[null,true,-3,2.5]}"#)
    }

    @Test func encoderIsDeterministic() {
        let value = JSONValue.object(Dictionary(uniqueKeysWithValues: (0..<50).map { ("k\($0)", JSONValue.int($0)) }))
        #expect(value.encoded() == value.encoded())
        #expect(value.encoded().hasPrefix(#"{"k0":0,"k1":1,"k10":10"#))
    }

    @Test func fileResultHasExactlyTheContractKeys() throws {
        let form = Build.reflection(scores: [.achievement: .integer(6)])
        let issues = Validator().validate(form, file: "a.xlsx")
        let result = FileResult(path: "in/a.xlsx", sha256: String(repeating: "0", count: 64), status: .invalid,
                                issues: [], forms: [ValidatedForm(form: form, issues: issues)])
        let document = try parse(ValidationJSON.document([result]))
        #expect(Set(document.keys) == ["files", "summary"])
        let summary = try #require(document["summary"] as? [String: Int])
        #expect(summary == ["files": 1, "valid": 0, "invalid": 1, "unreadable": 0])
        let file = try #require((document["files"] as? [[String: Any]])?.first)
        #expect(Set(file.keys) == ["path", "sha256", "status", "issues", "forms"])
        #expect(file["path"] as? String == "in/a.xlsx")
        #expect(file["status"] as? String == "invalid")
        #expect((file["issues"] as? [Any])?.isEmpty == true)
        let jsonForm = try #require((file["forms"] as? [[String: Any]])?.first)
        #expect(Set(jsonForm.keys) == ["sheet", "kind", "fields", "cells", "fiscal_year_source", "issues"])
        #expect(jsonForm["sheet"] as? String == "ふりかえり")
        #expect(jsonForm["kind"] as? String == "reflection")
        let issue = try #require((jsonForm["issues"] as? [[String: Any]])?.first)
        #expect(Set(issue.keys) == ["severity", "code", "field", "cell", "message"])
        #expect(issue["severity"] as? String == "error")
        #expect(issue["code"] as? String == "score.out_of_range")
        #expect(issue["field"] as? String == "scores.achievement")
        #expect(issue["cell"] as? String == "D10")
        #expect((issue["message"] as? String)?.contains("D10") == true)
    }

    @Test func reflectionFieldsNestScoresAsIntegersOrNull() throws {
        let form = Build.reflection(scores: [.achievement: .decimal(3.5), .cooperation: .unreadable("A"), .goalSetting: .blank]) {
            $0["city_scores.cooperation"] = Build.score(.cooperation, .integer(3), family: "city_scores", column: "F")
            $0["comments.effectiveness"] = Build.text("comments.effectiveness", "団体のコメント", "E7", "よかった")
            $0["fiscal_year"] = Build.reading("fiscal_year", "実施年度", "C3", raw: .text("令和6年度"), value: .fiscalYear(2024))
            $0["phase"] = Build.text("phase", "中間・最終", "C4", "最終")
        }
        let fields = try #require(try parse(ValidationJSON.fields(of: form)) as [String: Any]?)
        let scores = try #require(fields["scores"] as? [String: Any])
        #expect(Set(scores.keys) == Set(Viewpoint.allCases.map(\.rawValue)))
        #expect(scores["effectiveness"] as? Int == 4)
        #expect(scores["achievement"] is NSNull, "3.5 is not an integer score")
        #expect(scores["cooperation"] is NSNull)
        #expect(scores["goal_setting"] is NSNull)
        let city = try #require(fields["city_scores"] as? [String: Any])
        #expect(city["cooperation"] as? Int == 3)
        #expect(city["achievement"] is NSNull)
        let comments = try #require(fields["comments"] as? [String: Any])
        #expect(comments["effectiveness"] as? String == "よかった")
        #expect(comments["goal_setting"] is NSNull)
        #expect(fields["fiscal_year"] as? Int == 2024)
        #expect(fields["phase"] as? String == "最終")
        #expect(fields["org_name"] as? String == "NPO法人ひまわり会")
        #expect(fields["org_comment"] as? String == "ボランティアの確保が課題です。")
        #expect(fields["outlook"] is NSNull)
        #expect(fields["department"] is NSNull, "absent fields are null, not left out")
        #expect(Set(fields.keys) == Set(FieldCatalog.reflectionKeys + FieldCatalog.viewpointFamilies))
    }

    @Test func scoreNormalisedFromTextIsAnIntegerInJSON() throws {
        let form = Build.reflection(scores: [.achievement: .text("４点")])
        let scores = try #require(try parse(ValidationJSON.fields(of: form))["scores"] as? [String: Any])
        #expect(scores["achievement"] as? Int == 4)
    }

    @Test func proposalFieldsHaveMoneyAndYearsAsIntegers() throws {
        let fields = try parse(ValidationJSON.fields(of: Build.proposal()))
        #expect(Set(fields.keys) == Set(FieldCatalog.proposalKeys))
        #expect(fields["total_cost"] as? Int == 1_200_000)
        #expect(fields["requested_amount"] as? Int == 500_000)
        #expect(fields["year_number"] as? Int == 1)
        #expect(fields["fiscal_year"] as? Int == 2024)
        #expect(fields["category"] as? String == "新規チャレンジ部門")
        #expect(fields["email"] as? String == "info@himawari.example.jp")
        #expect(fields["theme"] is NSNull)
    }

    @Test func fileLevelIssueHasNullFieldAndCellAndNullShaWhenUnread() throws {
        let issue = ValidationIssue(severity: .error, code: "file.unreadable", field: "", sheet: "", cell: "", message: "m")
        let result = FileResult(path: "x.xlsx", sha256: "", status: .unreadable, issues: [issue], forms: [])
        let file = try parse(result.jsonObject())
        #expect(file["sha256"] is NSNull)
        #expect(file["status"] as? String == "unreadable")
        let json = try #require((file["issues"] as? [[String: Any]])?.first)
        #expect(json["field"] is NSNull)
        #expect(json["cell"] is NSNull)
    }
}
