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
