import XLSX

/// A choice made by ticking a box: `☑新規チャレンジ部門　□継続ステップアップ部門` in one cell, or one
/// option per cell (`■` / `□` before each option, or in a cell of its own before it).
struct MarkedChoices {
    /// One option as printed, with the cell it is in and whether it is ticked.
    struct Option: Equatable {
        var text: String
        var cell: CellReference
        var ticked: Bool
    }

    var options: [Option]

    var ticked: [Option] { options.filter(\.ticked) }

    /// Marks that tick an option.
    static func isTick(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "☑", "☒", "■", "●", "✓", "✔", "○", "◯", "〇", "◉", "◎", "✅": return true
        default: return false
        }
    }

    /// Empty boxes: an option not chosen.
    static func isEmptyBox(_ scalar: Unicode.Scalar) -> Bool { scalar == "□" || scalar == "☐" }

    /// Marks that can only be check boxes (a round ○ or ● may also start ordinary text, such as ●●課).
    static func isBoxMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "☑", "☒", "■", "✓", "✔", "✅", "□", "☐": return true
        default: return false
        }
    }

    /// Whether `text` is (part of) a check-box choice: it holds a box mark, or starts with a round
    /// mark followed by one of `choices`.
    static func looksMarked(_ text: String, choices: [String]) -> Bool {
        if text.unicodeScalars.contains(where: isBoxMark) { return true }
        let scalars = text.unicodeScalars.drop(while: LabelText.isWhitespace)
        guard let first = scalars.first, isTick(first) else { return false }
        let rest = String(String.UnicodeScalarView(scalars.dropFirst())).foldedForComparison
        // A tick alone in its cell, before the option's own cell.
        if rest.isEmpty { return true }
        return choices.contains { !$0.isEmpty && rest.hasPrefix($0.foldedForComparison) }
    }

    /// Splits the texts of one row's cells into options: a mark starts an option, whitespace ends
    /// one, and a mark alone in its cell (or followed by a space) belongs to the next text.
    init(cells: [(cell: CellReference, text: String)]) {
        var options: [Option] = []
        var pendingMark: Bool?
        for (cell, text) in cells {
            var current = String.UnicodeScalarView()
            var currentMark: Bool?
            func finish() {
                if !current.isEmpty {
                    options.append(Option(text: String(current), cell: cell, ticked: currentMark ?? false))
                    pendingMark = nil
                } else if let currentMark {
                    pendingMark = currentMark
                }
                current = String.UnicodeScalarView()
                currentMark = nil
            }
            for scalar in text.unicodeScalars {
                if Self.isTick(scalar) || Self.isEmptyBox(scalar) {
                    finish()
                    currentMark = Self.isTick(scalar)
                } else if LabelText.isWhitespace(scalar) {
                    finish()
                } else {
                    if current.isEmpty, currentMark == nil, let pending = pendingMark {
                        currentMark = pending
                        pendingMark = nil
                    }
                    current.append(scalar)
                }
            }
            finish()
        }
        self.options = options
    }

    /// The reading of a field whose value is chosen by ticking: exactly one ticked option is the
    /// value (spelled as in `choices` when it is one); none or several leave it blank, with a doubt.
    func reading(choices: [String]) -> (value: FieldValue, cell: CellReference, doubt: ReadingDoubt?)? {
        guard let first = options.first else { return nil }
        let ticked = self.ticked
        switch ticked.count {
        case 0:
            return (.blank, first.cell, .noChoice)
        case 1:
            let (value, _) = ValueReader.read(.text(ticked[0].text), as: .choice, choices: choices)
            return (value, ticked[0].cell, nil)
        default:
            return (.unreadable(ticked.map(\.text).joined(separator: "・")), ticked[0].cell,
                    .severalChoices(ticked.map(\.text)))
        }
    }
}
