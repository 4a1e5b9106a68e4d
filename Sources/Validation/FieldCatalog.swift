import Forms

/// The fields each form has, with the labels the blank templates print and English names.
///
/// Used for messages when a field's label was not found on the sheet (so the reading cannot say how
/// it was printed), and for the JSON output, which lists every field of the form's kind.
public enum FieldCatalog {
    /// Top-level field keys of a reflection sheet, in the form's order (viewpoint families aside).
    public static let reflectionKeys = [
        "org_name", "project_name", "fiscal_year", "phase", "department", "org_comment", "city_comment", "outlook",
    ]

    /// Field keys of a proposal form, in the form's order.
    public static let proposalKeys = [
        "org_name", "project_name", "fiscal_year", "category", "proposal_type", "theme", "collaboration_form",
        "department", "year_number", "local_issue", "purpose", "description", "expected_effect", "org_role",
        "city_role", "total_cost", "requested_amount", "representative", "address", "phone", "email",
    ]

    /// Field keys of a 第三者評価票, in the form's order (the evaluator's `scores.<viewpoint>` aside).
    public static let evaluationKeys = [
        "project_id", "fiscal_year", "org_name", "project_name", "department", "collaboration_form", "category",
        "local_issue", "purpose", "expected_effect", "org_comment", "city_comment", "overall", "findings",
        "suggestions", "evaluator", "evaluated_on",
    ]

    /// The per-viewpoint families of the reflection sheet: `scores.<viewpoint>` and so on.
    public static let viewpointFamilies = ["scores", "city_scores", "comments"]

    /// The key paths of one viewpoint, built once: `scores.achievement` and so on.
    public struct ViewpointKeys: Sendable {
        public let viewpoint: Viewpoint
        public let score: String
        public let cityScore: String
        public let comment: String
    }

    /// Key paths for each viewpoint, in the seed's order.
    public static let viewpointKeys: [ViewpointKeys] = Viewpoint.allCases.map {
        ViewpointKeys(viewpoint: $0, score: "scores.\($0.rawValue)", cityScore: "city_scores.\($0.rawValue)",
                      comment: "comments.\($0.rawValue)")
    }

    /// Every per-viewpoint key path.
    public static let allViewpointKeyPaths: Set<String> = Set(viewpointKeys.flatMap { [$0.score, $0.cityScore, $0.comment] })

    /// The label the templates print for a top-level key, such as `*市のコメント` for `city_comment`.
    public static func japaneseLabel(_ key: String) -> String { japaneseLabels[key] ?? key }

    /// The field's name in English, such as `city's comment`.
    public static func englishName(_ key: String) -> String { englishNames[key] ?? key }

    /// Splits `scores.achievement` into its family and viewpoint; nil for other keys.
    public static func viewpointKey(_ key: String) -> (family: String, viewpoint: Viewpoint)? {
        guard let dot = key.firstIndex(of: ".") else { return nil }
        let family = String(key[..<dot])
        guard viewpointFamilies.contains(family),
              let viewpoint = Viewpoint(rawValue: String(key[key.index(after: dot)...])) else { return nil }
        return (family, viewpoint)
    }

    static let japaneseLabels: [String: String] = [
        "org_name": "団体名", "project_name": "事業名", "fiscal_year": "実施年度", "phase": "ふりかえりの時期（中間・最終）",
        "department": "担当課", "org_comment": "*団体のコメント(今後に向けての課題・改善策・要望など)",
        "city_comment": "*市のコメント", "outlook": "今後の展望",
        "category": "募集区分", "proposal_type": "募集の種類", "theme": "テーマ", "collaboration_form": "協働の形態",
        "year_number": "継続年数", "local_issue": "地域課題", "purpose": "事業の目的", "description": "事業内容",
        "expected_effect": "期待される効果", "org_role": "団体の役割", "city_role": "市の役割",
        "total_cost": "総事業費(円)", "requested_amount": "補助金申請額(円)", "representative": "代表者氏名",
        "address": "所在地", "phone": "電話番号", "email": "メールアドレス",
        "project_id": "事業ID", "overall": "*総合評価", "findings": "*所見", "suggestions": "改善への提案",
        "evaluator": "*評価者（氏名またはコード）", "evaluated_on": "記入日",
    ]

    static let englishNames: [String: String] = [
        "org_name": "organisation name", "project_name": "project name", "fiscal_year": "fiscal year",
        "phase": "interim or final", "department": "department in charge",
        "org_comment": "organisation's comment", "city_comment": "city's comment", "outlook": "outlook",
        "category": "category", "proposal_type": "proposal type", "theme": "theme",
        "collaboration_form": "form of collaboration", "year_number": "year of continuation",
        "local_issue": "local issue", "purpose": "purpose", "description": "description",
        "expected_effect": "expected effect", "org_role": "organisation's role", "city_role": "city's role",
        "total_cost": "total cost", "requested_amount": "requested amount", "representative": "representative",
        "address": "address", "phone": "phone number", "email": "e-mail address",
        "project_id": "project ID", "overall": "overall score", "findings": "findings",
        "suggestions": "suggestions for improvement", "evaluator": "evaluator", "evaluated_on": "date",
    ]
}
