import Foundation
import Forms
import XLSX
@testable import Validation

/// Hand-built forms for rule tests, laid out like the seed's table: labels in B, scores in D,
/// per-viewpoint comments in E, city scores in F, starting at row 7 for ①.
enum Build {
    static func reading(_ key: String, _ label: String, _ cell: String, raw: CellValue, value: FieldValue,
                        normalisation: String? = nil) -> FieldReading {
        let ref = CellReference(a1: cell)!
        return FieldReading(key: key, label: label, labelCell: CellReference(row: ref.row, column: 1), cell: ref,
                            raw: raw, value: value, normalisation: normalisation)
    }

    /// A text field; blank (or only spaces of either width) reads as `.blank`.
    static func text(_ key: String, _ label: String, _ cell: String, _ text: String) -> FieldReading {
        let blank = text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
        return reading(key, label, cell, raw: text.isEmpty ? .empty : .text(text),
                       value: blank ? .blank : .text(text.trimmingCharacters(in: .whitespaces)))
    }

    static func score(_ viewpoint: Viewpoint, _ value: FieldValue, raw: CellValue? = nil, family: String = "scores",
                      column: String = "D", normalisation: String? = nil) -> FieldReading {
        let row = 6 + viewpoint.number
        let rawValue: CellValue
        if let raw { rawValue = raw } else {
            switch value {
            case .integer(let n): rawValue = .number(Double(n))
            case .decimal(let d): rawValue = .number(d)
            case .text(let s), .unreadable(let s): rawValue = .text(s)
            default: rawValue = .empty
            }
        }
        return reading("\(family).\(viewpoint.rawValue)", viewpoint.label, "\(column)\(row)", raw: rawValue,
                       value: value, normalisation: normalisation)
    }

    /// A clean reflection sheet: every score 4, both comments written, no per-viewpoint comments needed.
    static func reflection(sheet: String = "ふりかえり", scores: [Viewpoint: FieldValue] = [:],
                           change: (inout [String: FieldReading]) -> Void = { _ in }) -> ExtractedForm {
        var fields: [String: FieldReading] = [:]
        func put(_ r: FieldReading) { fields[r.key] = r }
        put(text("org_name", "団体名", "B5", "NPO法人ひまわり会"))
        put(text("project_name", "事業名", "C5", "子ども食堂の運営"))
        put(reading("fiscal_year", "実施年度", "B3", raw: .text("令和6年度"), value: .fiscalYear(2024)))
        for viewpoint in Viewpoint.allCases {
            put(score(viewpoint, scores[viewpoint] ?? .integer(4)))
            put(text("comments.\(viewpoint.rawValue)", "団体のコメント", "E\(6 + viewpoint.number)", ""))
        }
        put(text("org_comment", "*団体のコメント(今後に向けての課題・改善策・要望など)", "C15", "ボランティアの確保が課題です。"))
        put(text("city_comment", "*市のコメント", "C16", "来年度も連携を続けます。"))
        put(text("outlook", "今後の展望", "C17", ""))
        change(&fields)
        return ExtractedForm(sheet: sheet, kind: .reflection, fields: fields)
    }

    /// A clean proposal form.
    static func proposal(sheet: String = "企画提案書", change: (inout [String: FieldReading]) -> Void = { _ in }) -> ExtractedForm {
        var fields: [String: FieldReading] = [:]
        func put(_ r: FieldReading) { fields[r.key] = r }
        put(text("org_name", "団体名", "C4", "NPO法人ひまわり会"))
        put(text("project_name", "事業名", "C5", "子ども食堂の運営"))
        put(reading("fiscal_year", "実施年度", "C6", raw: .text("令和6年度"), value: .fiscalYear(2024)))
        put(text("category", "募集区分", "C7", "新規チャレンジ部門"))
        put(text("proposal_type", "募集の種類", "C8", "自由テーマ型"))
        put(text("theme", "テーマ", "C9", ""))
        put(text("collaboration_form", "協働の形態", "C10", "委託"))
        put(text("department", "担当課", "C11", "児童青少年課"))
        put(reading("year_number", "継続年数", "C12", raw: .number(1), value: .integer(1)))
        put(text("local_issue", "地域課題", "C13", "孤食"))
        put(text("purpose", "事業の目的", "C14", "子どもの居場所づくり"))
        put(text("description", "事業内容", "C15", "週1回の食堂"))
        put(text("expected_effect", "期待される効果", "C16", "孤食の解消"))
        put(text("org_role", "団体の役割", "C17", "運営"))
        put(text("city_role", "市の役割", "C18", "広報"))
        put(reading("total_cost", "総事業費", "C19", raw: .number(1_200_000), value: .yen(1_200_000)))
        put(reading("requested_amount", "補助金申請額", "C20", raw: .number(500_000), value: .yen(500_000)))
        put(text("representative", "代表者氏名", "C21", "山田太郎"))
        put(text("address", "所在地", "C22", "東京都○○市1-2-3"))
        put(text("phone", "電話番号", "C23", "03-1234-5678"))
        put(text("email", "メールアドレス", "C24", "info@himawari.example.jp"))
        change(&fields)
        return ExtractedForm(sheet: sheet, kind: .proposal, fields: fields)
    }
}

extension Array where Element == ValidationIssue {
    /// The codes, for compact expectations.
    var codes: [String] { map(\.code) }
    func first(_ code: String) -> ValidationIssue? { first { $0.code == code } }
}
