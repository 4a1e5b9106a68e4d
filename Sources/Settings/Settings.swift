import Core
import Foundation
import Yams

/// The office's settings: what an office can adjust without code.
///
/// Read from YAML (`furikaeri.yml` in a workspace, or `--config`). Every key is optional: what the
/// file leaves out keeps its default, so an empty file means the defaults.
public struct Settings: Hashable, Sendable {
    /// 担当課: the departments offered in the templates' dropdown and accepted by the validator.
    public var departments: [String]
    /// Allowed values of the choice fields, by field key (`category`, `proposal_type`, `collaboration_form`).
    public var choices: [String: [String]]
    /// Extra label variants by field key, added to the built-in ones: `org_name: [団体名称]`.
    public var labels: [String: [String]]
    public var rules: Rules
    /// Fiscal years (Western year of April) that the validator accepts.
    public var fiscalYears: ClosedRange<Int>
    public var intake: Intake
    /// What is made for publication.
    public var publish = Publish()

    /// What is made for publication (the city's website).
    public struct Publish: Hashable, Sendable {
        /// Whether `run` and `watch` also write the anonymised 事例集 (`output/事例集_公開用/`).
        public var anonymizedSite = false

        public init(anonymizedSite: Bool = false) { self.anonymizedSite = anonymizedSite }
    }

    /// Rule switches and thresholds.
    public struct Rules: Hashable, Sendable {
        /// A score at or below this needs the viewpoint's comment.
        public var lowScoreThreshold: Int
        /// Whether a missing comment under a low score is an error (default) or a warning.
        public var lowScoreCommentIsError: Bool
        /// An org/city score difference at or above this is `score.gap`.
        public var scoreGap: Int
        /// Texts that count as a placeholder in a required comment.
        public var placeholders: [String]
        /// Rule codes switched off, such as `contact.phone_format`.
        public var disabled: [String]
        /// Severity overrides by rule code: `"department.unknown": "error"`. Values are `error` or `warning`.
        public var severity: [String: String] = [:]
        /// Fields that must be filled in, by form kind (`reflection`, `proposal`). Scores and the two
        /// required comments of the reflection sheet have rules of their own and are not listed here.
        public var requiredFields: [String: [String]] = Rules.defaultRequiredFields
        /// 継続年数 accepted for a proposal: a project can continue for at most three years.
        public var yearNumbers: ClosedRange<Int> = 1...3
        /// Whether each 市の評価 must be filled in when the form has a 市の評価 column (`score.missing`).
        public var cityScoresRequired = true
        /// Which reflection the year's figures use: `final` (only 最終, the default) or `latest`
        /// (最終, else the 中間).
        public var statisticsPhase: String = "final"

        public static let defaultRequiredFields: [String: [String]] = [
            "reflection": ["org_name", "project_name"],
            "evaluation": ["project_id", "org_name", "project_name", "evaluator"],
            "proposal": [
                "org_name", "project_name", "category", "proposal_type", "collaboration_form",
                "local_issue", "purpose", "description", "total_cost", "requested_amount",
            ],
        ]

        public static let defaults = Rules(
            lowScoreThreshold: 2, lowScoreCommentIsError: true, scoreGap: 2,
            placeholders: ["特になし", "特に無し", "とくになし", "なし", "無し", "ナシ", "-", "ー", "－", "―", "‐", "なし。", "特になし。", "N/A", "n/a", "未記入"],
            disabled: [])

        public init(lowScoreThreshold: Int, lowScoreCommentIsError: Bool, scoreGap: Int,
                    placeholders: [String], disabled: [String], severity: [String: String] = [:],
                    requiredFields: [String: [String]] = Rules.defaultRequiredFields,
                    yearNumbers: ClosedRange<Int> = 1...3) {
            self.lowScoreThreshold = lowScoreThreshold
            self.lowScoreCommentIsError = lowScoreCommentIsError
            self.scoreGap = scoreGap
            self.placeholders = placeholders
            self.disabled = disabled
            self.severity = severity
            self.requiredFields = requiredFields
            self.yearNumbers = yearNumbers
        }

        public func isEnabled(_ code: String) -> Bool { !disabled.contains(code) }
    }

    /// How the workspace's inbox is watched.
    public struct Intake: Hashable, Sendable {
        /// A file younger than this many seconds is left for the next run: it may still be copying.
        public var settleSeconds: Double
        /// Seconds between two looks at the inbox in `watch`.
        public var watchIntervalSeconds: Double
        /// The fiscal year being collected: given to a sheet that names no year on the form, in its
        /// title, file name or folder (before the fiscal year of receipt).
        public var fiscalYear: Int? = nil

        public static let defaults = Intake(settleSeconds: 2, watchIntervalSeconds: 5)
    }

    public static let defaultDepartments = [
        "協働コミュニティ課", "文化振興課", "児童青少年課", "みどり公園課", "高齢者支援課",
        "環境保全課", "危機管理課", "健康課", "障害福祉課", "社会教育課",
    ]

    public static let defaultChoices: [String: [String]] = [
        "category": ["新規チャレンジ部門", "継続ステップアップ部門"],
        "proposal_type": ["自由テーマ型", "テーマ設定型"],
        "collaboration_form": ["委託", "共催", "事業協力", "補助・助成", "その他"],
        "phase": ["中間", "最終"],
    ]

    public static let defaults = Settings(
        departments: defaultDepartments, choices: defaultChoices, labels: [:],
        rules: .defaults, fiscalYears: 2004...2040, intake: .defaults)

    public init(departments: [String], choices: [String: [String]], labels: [String: [String]],
                rules: Rules, fiscalYears: ClosedRange<Int>, intake: Intake) {
        self.departments = departments
        self.choices = choices
        self.labels = labels
        self.rules = rules
        self.fiscalYears = fiscalYears
        self.intake = intake
    }
}

/// Why a settings file could not be used.
public enum SettingsError: Error, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The YAML is malformed or a value has the wrong type.
    case invalid(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "設定ファイル「\(path)」を読めません（\(reason)）。ファイルの場所を確かめてください。"
        case .invalid(let path, let reason):
            return "設定ファイル「\(path)」の書き方に誤りがあります（\(reason)）。furikaeri init で作られた見本と見比べてください。"
        }
    }

    /// The same message in English, for `--lang en`.
    public var englishMessage: String {
        switch self {
        case .unreadable(let path, let reason):
            return "Cannot read the settings file \"\(path)\" (\(reason)). Check where the file is."
        case .invalid(let path, let reason):
            return "The settings file \"\(path)\" is not written correctly (\(reason)). "
                + "Compare it with the sample that furikaeri init makes."
        }
    }
}

extension Settings {
    /// Loads settings from a YAML file; keys it leaves out keep their defaults.
    public static func load(path: String) throws -> Settings {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SettingsError.unreadable(path: path, reason: error.localizedDescription)
        }
        return try parse(yaml: text, path: path)
    }

    /// Parses settings from YAML text.
    public static func parse(yaml: String, path: String = "<settings>") throws -> Settings {
        let node: Any?
        do {
            node = try Yams.load(yaml: yaml)
        } catch {
            throw SettingsError.invalid(path: path, reason: "\(error)")
        }
        var settings = Settings.defaults
        guard let root = node else { return settings }
        guard let map = root as? [String: Any] else {
            throw SettingsError.invalid(path: path, reason: "最上位は「キー: 値」の形にしてください")
        }
        func fail(_ key: String, _ want: String) -> SettingsError {
            .invalid(path: path, reason: "\(key) は\(want)で書いてください")
        }
        func strings(_ value: Any, _ key: String) throws -> [String] {
            guard let list = value as? [Any] else { throw fail(key, "文字列のリスト") }
            return try list.map { item in
                if let s = item as? String { return s }
                if let n = item as? Int { return String(n) }
                throw fail(key, "文字列のリスト")
            }
        }
        func number(_ value: Any, _ key: String) throws -> Double {
            if let d = value as? Double { return d }
            if let i = value as? Int { return Double(i) }
            throw fail(key, "数値")
        }
        func integer(_ value: Any, _ key: String) throws -> Int {
            guard let i = value as? Int else { throw fail(key, "整数") }
            return i
        }
        if let v = map["departments"] { settings.departments = try strings(v, "departments") }
        if let v = map["choices"] {
            guard let m = v as? [String: Any] else { throw fail("choices", "「項目: [選択肢…]」の形") }
            for (key, list) in m { settings.choices[key] = try strings(list, "choices.\(key)") }
        }
        if let v = map["labels"] {
            guard let m = v as? [String: Any] else { throw fail("labels", "「項目: [ラベル…]」の形") }
            for (key, list) in m { settings.labels[key] = try strings(list, "labels.\(key)") }
        }
        if let v = map["rules"] {
            guard let m = v as? [String: Any] else { throw fail("rules", "「キー: 値」の形") }
            if let t = m["low_score_threshold"] { settings.rules.lowScoreThreshold = try integer(t, "rules.low_score_threshold") }
            if let t = m["low_score_comment_is_error"] {
                guard let b = t as? Bool else { throw fail("rules.low_score_comment_is_error", "true か false") }
                settings.rules.lowScoreCommentIsError = b
            }
            if let t = m["city_scores_required"] {
                guard let b = t as? Bool else { throw fail("rules.city_scores_required", "true か false") }
                settings.rules.cityScoresRequired = b
            }
            if let t = m["score_gap"] { settings.rules.scoreGap = try integer(t, "rules.score_gap") }
            if let t = m["statistics_phase"] {
                guard let p = t as? String, p == "final" || p == "latest" else { throw fail("rules.statistics_phase", "final か latest") }
                settings.rules.statisticsPhase = p
            }
            if let t = m["placeholders"] { settings.rules.placeholders = try strings(t, "rules.placeholders") }
            if let t = m["disabled"] { settings.rules.disabled = try strings(t, "rules.disabled") }
            if let t = m["severity"] {
                guard let sm = t as? [String: Any] else { throw fail("rules.severity", "「コード: error か warning」の形") }
                for (code, level) in sm {
                    guard let l = level as? String, l == "error" || l == "warning" else {
                        throw fail("rules.severity.\(code)", "error か warning")
                    }
                    settings.rules.severity[code] = l
                }
            }
            if let t = m["required_fields"] {
                guard let rm = t as? [String: Any] else { throw fail("rules.required_fields", "「reflection か proposal: [項目…]」の形") }
                for (kind, list) in rm {
                    guard kind == "reflection" || kind == "proposal" || kind == "evaluation" else {
                        throw fail("rules.required_fields", "reflection、proposal か evaluation のキー")
                    }
                    settings.rules.requiredFields[kind] = try strings(list, "rules.required_fields.\(kind)")
                }
            }
            if let t = m["year_numbers"] {
                guard let ym = t as? [String: Any] else { throw fail("rules.year_numbers", "from と to") }
                let from = try ym["from"].map { try integer($0, "rules.year_numbers.from") } ?? settings.rules.yearNumbers.lowerBound
                let to = try ym["to"].map { try integer($0, "rules.year_numbers.to") } ?? settings.rules.yearNumbers.upperBound
                guard from <= to else { throw fail("rules.year_numbers", "from ≦ to") }
                settings.rules.yearNumbers = from...to
            }
        }
        if let v = map["fiscal_years"] {
            guard let m = v as? [String: Any] else { throw fail("fiscal_years", "from と to") }
            let from = try m["from"].map { try integer($0, "fiscal_years.from") } ?? settings.fiscalYears.lowerBound
            let to = try m["to"].map { try integer($0, "fiscal_years.to") } ?? settings.fiscalYears.upperBound
            guard from <= to else { throw fail("fiscal_years", "from ≦ to") }
            settings.fiscalYears = from...to
        }
        if let v = map["intake"] {
            guard let m = v as? [String: Any] else { throw fail("intake", "「キー: 値」の形") }
            if let t = m["settle_seconds"] { settings.intake.settleSeconds = try number(t, "intake.settle_seconds") }
            if let t = m["watch_interval_seconds"] { settings.intake.watchIntervalSeconds = try number(t, "intake.watch_interval_seconds") }
            if let t = m["fiscal_year"], !(t is NSNull) {
                guard let year = FiscalYearText.parse("\(t)") else {
                    throw fail("intake.fiscal_year", "令和6年度・R6・2024 のような年度")
                }
                settings.intake.fiscalYear = year
            }
        }
        if let v = map["publish"] {
            guard let m = v as? [String: Any] else { throw fail("publish", "「キー: 値」の形") }
            if let t = m["anonymized_site"] {
                guard let b = t as? Bool else { throw fail("publish.anonymized_site", "true か false") }
                settings.publish.anonymizedSite = b
            }
        }
        return settings
    }
}
