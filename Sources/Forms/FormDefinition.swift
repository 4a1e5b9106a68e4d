import Settings

/// How a field's value is read.
public enum FieldType: String, Sendable, Hashable {
    /// Free text, trimmed.
    case text
    /// A 5-level score: whole numbers 1–5 (range checked by the validator).
    case score
    /// A fiscal year: 令和6年度, R6, 2024年度, 2024.
    case year
    /// An amount in yen: 1,200,000円, ¥1,200,000, 120万円.
    case money
    /// One of a list (`FieldDefinition.choices`).
    case choice
    /// A whole number, such as 継続年数 (`2年目` reads as 2).
    case integer
}

/// Where a field's value sits relative to its label.
public enum ValueDirection: String, Sendable, Hashable {
    /// In the same row, after the label's merged span and any empty cells.
    case right
    /// In the same column, below the label's merged span and any empty cells.
    case below
}

/// One field of a form, as data: its key, the labels it is printed with, where its value sits.
public struct FieldDefinition: Sendable, Hashable {
    /// The key path in `ExtractedForm.fields`, such as `org_name`.
    public var key: String
    /// The label the project's template prints, such as `*団体のコメント(今後に向けての課題・改善策・要望など)`.
    public var label: String
    /// Other spellings found on real sheets, plus the office's own from `Settings.labels`.
    public var variants: [String]
    /// Where to look for the value, in order of preference.
    public var directions: [ValueDirection]
    public var required: Bool
    public var type: FieldType
    /// Allowed values for `.choice` fields (from settings).
    public var choices: [String]
    /// 代表者氏名, 所在地, 電話番号, メールアドレス: never leave the office.
    public var isPersonal: Bool
    /// A short Japanese hint shown by the template when the cell is selected.
    public var inputMessage: String

    public init(key: String, label: String, variants: [String] = [], directions: [ValueDirection] = [.right, .below],
                required: Bool = false, type: FieldType = .text, choices: [String] = [],
                isPersonal: Bool = false, inputMessage: String = "") {
        self.key = key
        self.label = label
        self.variants = variants
        self.directions = directions
        self.required = required
        self.type = type
        self.choices = choices
        self.isPersonal = isPersonal
        self.inputMessage = inputMessage
    }

    /// The label and all its variants.
    public var allLabels: [String] { [label] + variants }
}

/// The table of the seven viewpoints: rows found by circled number and/or name, columns by header.
public struct ViewpointTableDefinition: Sendable, Hashable {
    /// Names each viewpoint row may be printed with (the built-in name first).
    public var names: [Viewpoint: [String]]
    /// Headers of the organisation's score column.
    public var scoreHeaders: [String]
    /// Headers of the optional city score column.
    public var cityScoreHeaders: [String]
    /// Headers of the per-viewpoint comment column.
    public var commentHeaders: [String]
    /// The header above the viewpoint names in the template.
    public var viewpointHeader: String
}

/// One form kind as data: its fields and, for the reflection sheet, the viewpoint table.
public struct FormDefinition: Sendable, Hashable {
    public var kind: FormKind
    /// The title the template prints, such as 協働事業ふりかえりシート.
    public var title: String
    public var fields: [FieldDefinition]
    public var viewpointTable: ViewpointTableDefinition?
    /// Keys whose labels only this kind has: enough of them on a sheet says which form it is.
    public var signatureKeys: [String]

    public func field(_ key: String) -> FieldDefinition? { fields.first { $0.key == key } }

    /// Every definition, adjusted by the office's settings.
    public static func all(settings: Settings) -> [FormDefinition] {
        [reflection(settings: settings), proposal(settings: settings), evaluation(settings: settings)]
    }

    /// Adds the office's extra labels (`Settings.labels`) to the built-in variants.
    func adjusted(by settings: Settings) -> FormDefinition {
        var copy = self
        for index in copy.fields.indices {
            copy.fields[index].variants += settings.labels[copy.fields[index].key] ?? []
        }
        if var table = copy.viewpointTable {
            for viewpoint in Viewpoint.allCases {
                table.names[viewpoint, default: []] += settings.labels["scores.\(viewpoint.rawValue)"] ?? []
            }
            table.scoreHeaders += settings.labels["scores"] ?? []
            table.cityScoreHeaders += settings.labels["city_scores"] ?? []
            table.commentHeaders += settings.labels["comments"] ?? []
            copy.viewpointTable = table
        }
        return copy
    }
}
