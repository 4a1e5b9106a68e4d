import XLSX

/// Which form a sheet holds.
public enum FormKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// ふりかえりシート: seven 5-level scores and comments.
    case reflection
    /// 企画提案書: an NPO's proposal.
    case proposal
    /// 第三者評価票: a third-party evaluator's scores and findings for one project, on a sheet made
    /// by `furikaeri evaluation-sheets`.
    case evaluation
}

/// The seven viewpoints (ふりかえりの視点) of the reflection sheet, in the seed's order.
public enum Viewpoint: String, Codable, Hashable, Sendable, CaseIterable {
    case effectiveness
    case goalSetting = "goal_setting"
    case goalSharing = "goal_sharing"
    case achievement
    case cooperation
    case beneficiarySatisfaction = "beneficiary_satisfaction"
    case orgSatisfaction = "org_satisfaction"

    /// 1 to 7, the circled number printed before the name.
    public var number: Int {
        switch self {
        case .effectiveness: return 1
        case .goalSetting: return 2
        case .goalSharing: return 3
        case .achievement: return 4
        case .cooperation: return 5
        case .beneficiarySatisfaction: return 6
        case .orgSatisfaction: return 7
        }
    }

    /// The circled number, ① to ⑦.
    public var circledNumber: String { String(Unicode.Scalar(0x2460 + UInt32(number - 1))!) }

    /// The viewpoint's name without its number, such as 協働の有効性.
    public var name: String {
        switch self {
        case .effectiveness: return "協働の有効性"
        case .goalSetting: return "目的の設定"
        case .goalSharing: return "目的の共有"
        case .achievement: return "目的の達成度"
        case .cooperation: return "協力体制"
        case .beneficiarySatisfaction: return "受益者の満足度"
        case .orgSatisfaction: return "団体の満足度"
        }
    }

    /// The label as the seed prints it, such as ①協働の有効性.
    public var label: String { circledNumber + name }

    /// English name for `--lang en`.
    public var englishName: String {
        switch self {
        case .effectiveness: return "Effectiveness of collaboration"
        case .goalSetting: return "Goal setting"
        case .goalSharing: return "Goal sharing"
        case .achievement: return "Achievement of goals"
        case .cooperation: return "Cooperation"
        case .beneficiarySatisfaction: return "Beneficiary satisfaction"
        case .orgSatisfaction: return "Organisation satisfaction"
        }
    }
}

/// A value as read from its cell and interpreted by the field's type.
public enum FieldValue: Hashable, Sendable {
    /// The cell is empty or holds only spaces.
    case blank
    /// Text, trimmed.
    case text(String)
    /// A whole number: a score, 継続年数.
    case integer(Int)
    /// A number that is not whole, such as a score of 3.5.
    case decimal(Double)
    /// The Western year in which the Japanese fiscal year starts: 令和6年度 → 2024.
    case fiscalYear(Int)
    /// An amount of money in yen.
    case yen(Int)
    /// Present, but not readable as the field's type; the cell's text is kept.
    case unreadable(String)
}

/// Why a value found on the sheet was not taken: a person reading the printed form could not
/// agree with any single reading. The field's value is then blank.
public enum ReadingDoubt: Hashable, Sendable {
    /// Several marks (○, ✓ …) in one row of a 5-4-3-2-1 grid: the cells marked, in reading order.
    case severalMarks([CellReference])
    /// Something other than a mark in a 5-4-3-2-1 grid (a digit typed into a column, say): what it says.
    case notAMark(String)
    /// Several options ticked in a check-box choice (☑A ☑B): the options as printed.
    case severalChoices([String])
    /// A check-box choice with no option ticked (□A □B).
    case noChoice
    /// The cell holds a formula whose result was never stored (the file was written by a program
    /// and not recalculated by a spreadsheet).
    case formulaNotCalculated
}

/// Where a value came from when it is not the field's own cell.
public enum FieldOrigin: String, Hashable, Sendable, CaseIterable {
    /// The cell beside (or below) the field's label: the usual case.
    case form
    /// The sheet's title rows (`令和6年度 … ふりかえりシート（最終）`): the form has no such field.
    case title
    /// The file's name (`R6_…xlsx`).
    case fileName = "file_name"
    /// A folder the file sits in (`令和6年度/…`).
    case folderName = "folder_name"
    /// The settings: the fiscal year being collected (`intake.fiscal_year`).
    case setting
    /// The fiscal year in which the file was received.
    case receipt
}

/// One field of a form, with where it came from.
public struct FieldReading: Hashable, Sendable {
    /// The key path, such as `org_comment`, `scores.achievement` or `city_scores.achievement`.
    public var key: String
    /// The label as printed on the form, for messages.
    public var label: String
    /// Where the label was found.
    public var labelCell: CellReference?
    /// Where the value is, or where it should be typed when it is blank.
    public var cell: CellReference
    /// The cell's value as stored.
    public var raw: CellValue
    /// The value interpreted by the field's type.
    public var value: FieldValue
    /// Set when the value had to be normalised to be read (full-width digits, `4点`, a number stored
    /// as text…): says what was done, in Japanese.
    public var normalisation: String?
    /// Set when a value was there but could not be taken; `value` is then blank.
    public var doubt: ReadingDoubt?
    /// Where the value came from: the form itself unless the form has no such field.
    public var origin: FieldOrigin

    public init(key: String, label: String, labelCell: CellReference?, cell: CellReference,
                raw: CellValue, value: FieldValue, normalisation: String? = nil, doubt: ReadingDoubt? = nil,
                origin: FieldOrigin = .form) {
        self.key = key
        self.label = label
        self.labelCell = labelCell
        self.cell = cell
        self.raw = raw
        self.value = value
        self.normalisation = normalisation
        self.doubt = doubt
        self.origin = origin
    }
}

/// A form found on one sheet: its fields, each with provenance.
public struct ExtractedForm: Hashable, Sendable {
    /// The sheet's name.
    public var sheet: String
    public var kind: FormKind
    /// Fields by key path. A key whose label was not found on the sheet is absent.
    public var fields: [String: FieldReading]

    public init(sheet: String, kind: FormKind, fields: [String: FieldReading]) {
        self.sheet = sheet
        self.kind = kind
        self.fields = fields
    }

    public subscript(_ key: String) -> FieldReading? { fields[key] }
}

extension Viewpoint {
    /// The question the seed's table prints after the viewpoint's name.
    public var question: String {
        switch self {
        case .effectiveness: return "事業を協働で行うことで、大きな効果がありましたか？ 協働の選択は正しかったですか？"
        case .goalSetting: return "地域課題の解決に向けた具体策として、事業の目的・内容は適切なものでしたか？"
        case .goalSharing: return "事業目的を団体内や市と共有し、効果的な事業実施ができましたか？"
        case .achievement: return "当初の事業目的や目標は、達成できましたか？"
        case .cooperation: return "事業を実施する際の団体内・他の団体・市との協力体制・連携は十分でしたか？"
        case .beneficiarySatisfaction: return "事前のニーズ把握や事後の満足度調査など、事業効果は十分なものでしたか？"
        case .orgSatisfaction: return "事業の満足度はいかがですか？ また協働事業を実施したいと思えますか？"
        }
    }
}
