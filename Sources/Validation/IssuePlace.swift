import Core
import Forms

/// Where an issue is, for its message: the file, the sheet, the cell and the field with its label.
public struct IssuePlace: Hashable, Sendable {
    /// The file's name as staff see it in the folder, such as `ひまわり会.xlsx`.
    public var file: String
    /// The sheet's name; empty for file-level issues.
    public var sheet: String
    /// The A1 reference, or nil when the field's label was not found on the sheet.
    public var cell: String?
    /// The field's key path; empty for file-level issues.
    public var key: String
    /// The label as printed on the form, when the field was found.
    public var printedLabel: String?

    public init(file: String, sheet: String = "", cell: String? = nil, key: String = "", printedLabel: String? = nil) {
        self.file = file
        self.sheet = sheet
        self.cell = cell
        self.key = key
        self.printedLabel = printedLabel
    }

    /// The viewpoint's label for a `scores.`/`city_scores.`/`comments.` key: the printed one when it
    /// names the viewpoint (a header such as 評価 does not), else the seed's.
    var viewpointLabel: (family: String, viewpoint: Viewpoint, label: String)? {
        guard let (family, viewpoint) = FieldCatalog.viewpointKey(key) else { return nil }
        // The extractor may print `⑥受益者の満足度 団体のコメント`: keep the viewpoint's part.
        if let printed = printedLabel {
            var label = TextChecks.trim(printed)
            // Drop trailing words that do not name the viewpoint (a column header), keeping
            // retyped labels such as `④ 目的の達成度` whole.
            while let space = label.unicodeScalars.lastIndex(where: { LabelText.isWhitespace($0) }) {
                let after = String(label.unicodeScalars[label.unicodeScalars.index(after: space)...])
                let before = TextChecks.trim(String(label.unicodeScalars[..<space]))
                guard !after.contains(viewpoint.name), before.contains(viewpoint.name) else { break }
                label = before
            }
            if label.contains(viewpoint.name) { return (family, viewpoint, label) }
        }
        return (family, viewpoint, viewpoint.label)
    }

    /// The label for a top-level key: as printed, else the template's.
    var fieldLabel: String {
        if let printed = printedLabel, !TextChecks.isBlank(printed) { return TextChecks.trim(printed) }
        return FieldCatalog.japaneseLabel(key)
    }
}

/// Renders problems into messages, one implementation per language.
public enum MessageRenderer {
    /// The message for a problem at a place, in the language asked for.
    public static func message(_ problem: Problem, at place: IssuePlace, language: Language) -> String {
        switch language {
        case .ja: return JapaneseMessages.message(problem, at: place)
        case .en: return EnglishMessages.message(problem, at: place)
        }
    }

    /// A 和暦 spelling for a Western fiscal year, such as 令和6 for 2024; nil before 平成.
    static func japaneseEra(_ year: Int) -> String? {
        if year >= 2019 { return year == 2019 ? "令和元" : "令和\(year - 2018)" }
        if year >= 1989 { return year == 1989 ? "平成元" : "平成\(year - 1988)" }
        return nil
    }
}
