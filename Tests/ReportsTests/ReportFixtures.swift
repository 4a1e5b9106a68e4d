import Aggregation
import Forms
import Validation
import XLSX

/// A small fixed run whose figures were worked out by hand, with injection strings, a character
/// CP932 lacks, personal data and an invalid file.
enum ReportFixtures {
    static let personal = ["山田太郎", "東京都三鷹市下連雀1-2-3", "0422-11-2222", "yamada@example.jp",
                           "佐藤花子", "090-9999-8888", "sato@example.jp", "鈴木一郎"]

    static func scores(_ prefix: String, _ list: [Int]) -> [String: FieldValue] {
        var out: [String: FieldValue] = [:]
        for (v, s) in zip(Viewpoint.allCases, list) { out["\(prefix).\(v.rawValue)"] = .integer(s) }
        return out
    }

    static let midori = form(.reflection, [
        "org_name": .text("みどりの会"), "project_name": .text("公園清掃"), "fiscal_year": .fiscalYear(2024),
        "phase": .text("最終"), "department": .text("みどり公園課"),
        "comments.achievement": .text("参加者が予定より少なかった"),
        "org_comment": .text("=HYPERLINK(\"http://evil.example\",\"x\")"),
        "city_comment": .text("-特になし、+継続、@SUM(1)"),
        "outlook": .text("髙橋さんと協力, 来年は\"拡大\"\r\n二行目"),
    ].merging(scores("scores", [5, 4, 4, 3, 5, 4, 4])) { a, _ in a }
     .merging(scores("city_scores", [5, 4, 2, 3, 5, 4, 4])) { a, _ in a })

    static let kosodate = form(.reflection, [
        "org_name": .text("子育てネット"), "project_name": .text("親子広場"), "fiscal_year": .fiscalYear(2024),
        "phase": .text("最終"), "department": .text("児童青少年課"),
        "comments.effectiveness": .text("会場が狭い（山田太郎さん宅）"), "comments.achievement": .text("参加者が少ない"),
        "org_comment": .text("𠮷野家で打合せをした"), "city_comment": .text("周知を工夫する"),
    ].merging(scores("scores", [2, 3, 3, 2, 4, 3, 3])) { a, _ in a })

    static let midori2023 = form(.reflection, [
        "org_name": .text("みどりの会"), "project_name": .text("公園清掃"), "fiscal_year": .fiscalYear(2023),
        "phase": .text("最終"), "org_comment": .text("初年度"), "city_comment": .text("初年度"),
    ].merging(scores("scores", [3, 3, 3, 3, 3, 3, 3])) { a, _ in a })

    static let midoriProposal = form(.proposal, sheet: "企画提案書", [
        "org_name": .text("みどりの会"), "project_name": .text("公園 清掃"), "fiscal_year": .fiscalYear(2024),
        "category": .text("継続ステップアップ部門"), "proposal_type": .text("自由テーマ型"),
        "collaboration_form": .text("委託"), "department": .text("みどり公園課"), "year_number": .integer(2),
        "representative": .text("山田太郎"), "address": .text("東京都三鷹市下連雀1-2-3"),
        "phone": .text("0422-11-2222"), "email": .text("yamada@example.jp"),
    ])

    static let readingProposal = form(.proposal, sheet: "企画提案書", [
        "org_name": .text("読書サークル"), "project_name": .text("読み聞かせ"), "fiscal_year": .fiscalYear(2024),
        "category": .text("新規チャレンジ部門"), "proposal_type": .text("テーマ設定型"), "theme": .text("子ども"),
        "collaboration_form": .text("事業協力"), "department": .text("社会教育課"), "year_number": .integer(1),
        "representative": .text("佐藤花子"), "phone": .text("090-9999-8888"), "email": .text("sato@example.jp"),
    ])

    static let badProposal = form(.proposal, sheet: "企画提案書", [
        "org_name": .text("悪い例の会"), "project_name": .text("例"), "fiscal_year": .fiscalYear(2024),
        "representative": .text("鈴木一郎"), "phone": .text("090-9999-8888x"),
    ])

    static var files: [FileResult] {
        [
            valid("in/a.xlsx", midori), valid("in/b.xlsx", kosodate), valid("in/c_2023.xlsx", midori2023),
            valid("in/p1.xlsx", midoriProposal), valid("in/p2.xlsx", readingProposal),
            FileResult(path: "in/bad.xlsx", sha256: "00", status: .invalid, issues: [], forms: [
                ValidatedForm(form: badProposal, issues: [
                    ValidationIssue(severity: .error, code: "contact.phone_format", field: "phone", sheet: "企画提案書",
                                    cell: "C9", message: "電話番号「090-9999-8888x」の形が正しくありません。"),
                    ValidationIssue(severity: .error, code: "required.missing", field: "category", sheet: "企画提案書",
                                    cell: "C4", message: "募集区分が空欄です（代表者 鈴木一郎）。選んでください。"),
                ]),
            ]),
            FileResult(path: "in/broken.xlsx", sha256: "", status: .unreadable, issues: [
                ValidationIssue(severity: .error, code: "file.not_zip", field: "", sheet: "", cell: "",
                                message: "=ファイルがExcel形式ではありません。保存し直してください。"),
            ], forms: []),
        ]
    }

    static func valid(_ path: String, _ form: ExtractedForm) -> FileResult {
        FileResult(path: path, sha256: "ab", status: .valid, issues: [], forms: [ValidatedForm(form: form, issues: [])])
    }

    static func form(_ kind: FormKind, sheet: String = "ふりかえりシート", _ values: [String: FieldValue]) -> ExtractedForm {
        var fields: [String: FieldReading] = [:]
        for (index, key) in values.keys.sorted().enumerated() {
            let value = values[key]!
            let raw: CellValue
            switch value {
            case .text(let s), .unreadable(let s): raw = .text(s)
            case .integer(let n), .yen(let n), .fiscalYear(let n): raw = .number(Double(n))
            case .decimal(let d): raw = .number(d)
            case .blank: raw = .empty
            }
            fields[key] = FieldReading(key: key, label: key, labelCell: nil, cell: CellReference(row: index + 1, column: 3),
                                       raw: raw, value: value)
        }
        return ExtractedForm(sheet: sheet, kind: kind, fields: fields)
    }
}
