#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import XLSX

/// Reads fields off one indexed sheet; remembers which label cells are already taken.
struct SheetReading {
    let index: SheetIndex
    let viewpointCells: Set<CellReference>
    /// Cells already used as a label or header.
    var consumed: Set<CellReference> = []

    init(index: SheetIndex, viewpointCells: Set<CellReference>) {
        self.index = index
        self.viewpointCells = viewpointCells
    }

    /// Where a value was found in one direction from a label.
    struct Probe {
        var cell: CellReference
        var raw: CellValue
        /// The first cell in that direction is another label: there is no room for a value there.
        var blockedAtOnce: Bool
        /// Something is in the cell that cannot be taken (a formula never calculated).
        var doubt: ReadingDoubt? = nil
        var isBlank: Bool { raw.isBlank && doubt == nil }
    }

    /// Whether the cell prints a label of either form, `label：value` included (so it cannot be a value).
    func isLabel(_ cell: CellReference) -> Bool {
        viewpointCells.contains(cell) || index.labelCells.contains(cell) || index.inlineCells.contains(cell)
    }

    /// Whether a cell is a printed hint for the person filling in (`※正式名称で`, `例：令和6年度`),
    /// not a value: a blank field with a hint beside it stays blank.
    func isHint(_ value: CellValue) -> Bool {
        guard case .text(let text) = value else { return false }
        // The usual value starts with neither whitespace nor a character a hint's first character
        // can be canonically equivalent to (※, 例 or its compatibility ideograph U+F9B5, （, ():
        // no need to walk its characters.
        if let first = text.unicodeScalars.first, !LabelText.isWhitespace(first) {
            switch first.value {
            case 0x203B, 0x4F8B, 0xF9B5, 0xFF08, 0x28: break
            default: return false
            }
        }
        let start = text.drop { $0.isWhitespace }
        return start.hasPrefix("※") || start.hasPrefix("例：") || start.hasPrefix("例:") || start.hasPrefix("（例")
            || start.hasPrefix("(例")
    }

    /// Scans from the label in one direction, skipping its merged span and up to `limit` cells or
    /// merged blocks that are empty.
    func probe(from label: CellReference, _ direction: ValueDirection, limit: Int) -> Probe {
        let span = index.span(of: label)
        var position = direction == .right
            ? CellReference(row: span.start.row, column: span.end.column + 1)
            : CellReference(row: span.end.row + 1, column: span.start.column)
        var first: CellReference?
        for _ in 0..<limit {
            let block = index.span(of: position)
            let anchor = block.start
            // A block that starts outside this row (or column) belongs to something else.
            let foreign = direction == .right ? anchor.row != span.start.row : anchor.column != span.start.column
            if foreign { break }
            if first == nil { first = anchor }
            let value = index.cell(anchor)
            if value.isBlank, index.hasUncalculatedFormulas, index.grid.uncalculatedFormulas.contains(anchor) {
                return Probe(cell: anchor, raw: .empty, blockedAtOnce: false, doubt: .formulaNotCalculated)
            }
            if !value.isBlank {
                if isLabel(anchor) || isHint(value) {
                    return Probe(cell: first ?? anchor, raw: .empty, blockedAtOnce: anchor == first)
                }
                return Probe(cell: anchor, raw: value, blockedAtOnce: false)
            }
            position = direction == .right
                ? CellReference(row: span.start.row, column: block.end.column + 1)
                : CellReference(row: block.end.row + 1, column: span.start.column)
        }
        let cell = first ?? position
        return Probe(cell: cell, raw: .empty, blockedAtOnce: first == nil || !index.isInsideUsedArea(cell))
    }

    /// The value for a label: the first direction (in the field's order) holding a value; when all
    /// are blank, the first direction with room for one inside the sheet's used area.
    ///
    /// Below, empty cells are skipped only when the label has a label right beside it (a header row):
    /// otherwise the cell under a label is usually the next label's row or a note, not its value.
    /// A box under the label (a block starting in its column, at least as wide, as comment boxes are)
    /// is where the value goes, before the right.
    func resolve(label: CellReference, directions: [ValueDirection]) -> Probe {
        var directions = directions
        if directions.contains(.below), hasBoxBelow(label) {
            directions.removeAll { $0 == .below }
            directions.insert(.below, at: 0)
        }
        var probes: [Probe] = []
        var rightBlocked = false
        for direction in directions {
            let limit: Int
            switch direction {
            case .right: limit = FormExtractor.maxStepsRight
            case .below: limit = rightBlocked ? FormExtractor.maxStepsBelow : 1
            }
            let probe = probe(from: label, direction, limit: limit)
            if direction == .right { rightBlocked = probe.blockedAtOnce }
            probes.append(probe)
        }
        if let filled = probes.first(where: { !$0.isBlank }) { return filled }
        // `団体名：` with another label right after it: the value belongs after the colon, in the label's cell.
        if rightBlocked, endsWithColon(label) { return Probe(cell: label, raw: .empty, blockedAtOnce: false) }
        if let roomy = probes.first(where: { !$0.blockedAtOnce }) ?? probes.first { return roomy }
        // A definition without directions: the value would be typed right of the label.
        return probe(from: label, .right, limit: 1)
    }

    /// Whether the label's text ends with a colon of either width.
    func endsWithColon(_ label: CellReference) -> Bool {
        guard case .text(let text) = index.cell(label), let last = text.trimmedOfSpaces.last else { return false }
        return last == ":" || last == "："
    }

    /// Whether the block right under the label starts in its column, is at least as wide, and is a box
    /// (wider than one cell, or taller): the value area of a label printed above its text.
    func hasBoxBelow(_ label: CellReference) -> Bool {
        let span = index.span(of: label)
        let below = CellReference(row: span.end.row + 1, column: span.start.column)
        guard index.isInsideUsedArea(below) else { return false }
        let block = index.span(of: below)
        guard block.start == below, !isLabel(below) else { return false }
        let labelWidth = span.end.column - span.start.column + 1
        let blockWidth = block.end.column - block.start.column + 1
        let blockHeight = block.end.row - block.start.row + 1
        return blockWidth >= labelWidth && (blockWidth >= 2 && labelWidth >= 2 || blockHeight >= 2)
    }

    /// Reads one field whose labels fold to `keys`; nil when none of its labels is on the sheet.
    mutating func read(_ field: FieldDefinition, keys: [String]) -> FieldReading? {
        var candidates: [CellReference] = []
        var seen = Set<CellReference>()
        for key in keys {
            for cell in index.cells(forKey: key) where !consumed.contains(cell) && seen.insert(cell).inserted {
                candidates.append(cell)
            }
        }
        candidates.sort()
        if !candidates.isEmpty {
            let probes = candidates.map { (label: $0, probe: resolve(label: $0, directions: field.directions)) }
            let chosen = probes.first(where: { !$0.probe.isBlank }) ?? probes[0]
            consumed.insert(chosen.label)
            var reading = reading(field, label: index.printedText(at: chosen.label), labelCell: chosen.label,
                                  cell: chosen.probe.cell, raw: chosen.probe.raw)
            reading.doubt = reading.doubt ?? chosen.probe.doubt
            return reading
        }
        for key in keys {
            guard let hit = index.inline(forKey: key).first(where: { !consumed.contains($0.cell) }) else { continue }
            consumed.insert(hit.cell)
            let printed = index.printedText(at: hit.cell)
            let label = printed.split(whereSeparator: { $0 == ":" || $0 == "：" || $0 == "\u{3000}" }).first
                .map(String.init) ?? printed
            return reading(field, label: label.trimmedOfSpaces, labelCell: hit.cell, cell: hit.cell,
                           raw: .text(hit.value), inline: true)
        }
        return nil
    }

    /// A field's value read from `cell` by the field's type; a choice made by ticking boxes is read
    /// from the ticks, over the cells of the row from `cell` on (one option per cell) unless `inline`.
    func reading(_ field: FieldDefinition, label: String, labelCell: CellReference, cell: CellReference,
                 raw: CellValue, inline: Bool = false) -> FieldReading {
        if field.type == .choice, case .text(let text) = raw {
            let cells = inline ? [(cell, text)] : optionCells(from: cell)
            if cells.contains(where: { MarkedChoices.looksMarked($0.text, choices: field.choices) }),
               let choice = MarkedChoices(cells: cells).reading(choices: field.choices) {
                return FieldReading(key: field.key, label: label, labelCell: labelCell, cell: choice.cell, raw: raw,
                                    value: choice.value, doubt: choice.doubt)
            }
        }
        var (value, note) = ValueReader.read(raw, as: field.type, choices: field.choices)
        // A score picked from the cell's own dropdown (`4`, `4：良い`) is what the form asked for.
        if note != nil, field.type == .score, case .text(let text) = raw, index.grid.listItems(at: cell).contains(text) {
            note = nil
        }
        return FieldReading(key: field.key, label: label, labelCell: labelCell, cell: cell, raw: raw, value: value,
                            normalisation: note)
    }

    /// The texts of the row's blocks from `start` rightwards, up to the next label: the options of a
    /// choice printed one per cell.
    func optionCells(from start: CellReference) -> [(cell: CellReference, text: String)] {
        var cells: [(cell: CellReference, text: String)] = []
        var position = start
        for _ in 0..<(2 * FormExtractor.maxStepsRight) {
            guard index.isInsideUsedArea(position) else { break }
            let block = index.span(of: position)
            if block.start.row != start.row || (block.start != start && isLabel(block.start)) { break }
            if case .text(let text) = index.cell(block.start), !text.trimmedOfSpaces.isEmpty {
                cells.append((block.start, text))
            }
            position = CellReference(row: start.row, column: block.end.column + 1)
        }
        return cells
    }

    /// Reads the viewpoint table: `scores.*`, `city_scores.*` and `comments.*`.
    func readTable(_ table: LocatedViewpointTable) -> [String: FieldReading] {
        // Room for the three viewpoint families and the other fields the form adds afterwards.
        var fields = [String: FieldReading](minimumCapacity: 3 * Viewpoint.allCases.count + 16)
        for (viewpoint, labelCell) in table.rows {
            let label = printedViewpointLabel(viewpoint, at: labelCell)
            func cell(_ column: Int) -> CellReference {
                index.anchor(of: CellReference(row: labelCell.row, column: column))
            }
            let keys = ViewpointKeyPaths.of(viewpoint)
            let labelSpan = index.span(of: labelCell)
            let rows = labelSpan.start.row...labelSpan.end.row
            if let grid = table.scoreGrid {
                fields[keys.score] = grid.reading(key: keys.score, label: label, labelCell: labelCell, rows: rows, index: index)
            } else if let column = table.scoreColumn {
                fields[keys.score] = reading(keys.score, label, labelCell, cell(column), .score)
            }
            if let grid = table.cityScoreGrid {
                fields[keys.cityScore] = grid.reading(key: keys.cityScore, label: label + " 市の評価", labelCell: labelCell,
                                                      rows: rows, index: index)
            } else if let column = table.cityScoreColumn {
                fields[keys.cityScore] = reading(keys.cityScore, label + " 市の評価", labelCell, cell(column), .score)
            }
            if let column = table.commentColumn {
                fields[keys.comment] = reading(keys.comment, label + " 団体のコメント", labelCell, cell(column), .text)
            }
        }
        return fields
    }

    private func reading(_ key: String, _ label: String, _ labelCell: CellReference, _ cell: CellReference,
                         _ type: FieldType) -> FieldReading {
        let raw = index.cell(cell)
        var (value, note) = ValueReader.read(raw, as: type)
        // `4：良い` picked from the cell's own dropdown is what the form asked for: nothing to note.
        if note != nil, case .text(let text) = raw, index.grid.listItems(at: cell).contains(text) { note = nil }
        let doubt: ReadingDoubt? = raw.isBlank && index.hasUncalculatedFormulas && index.grid.uncalculatedFormulas.contains(cell)
            ? .formulaNotCalculated : nil
        if doubt != nil { value = .blank }
        return FieldReading(key: key, label: label, labelCell: labelCell, cell: cell, raw: raw, value: value,
                            normalisation: note, doubt: doubt)
    }

    /// The viewpoint's label as printed, without the question that follows it in the seed's table:
    /// the printed text up to the end of the viewpoint's name, or the standard label when the name
    /// is not printed as such.
    func printedViewpointLabel(_ viewpoint: Viewpoint, at cell: CellReference) -> String {
        var printed = index.printedText(at: cell)
        var name = viewpoint.name
        let end: Int? = printed.withUTF8 { bytes in
            name.withUTF8 { needle in
                guard bytes.count >= needle.count else { return nil }
                for start in 0...(bytes.count - needle.count)
                where needle.isEmpty || memcmp(bytes.baseAddress! + start, needle.baseAddress!, needle.count) == 0 {
                    return start + needle.count
                }
                return nil
            }
        }
        guard let end else { return viewpoint.label }
        return String(decoding: printed.utf8.prefix(end), as: UTF8.self)
    }
}

/// The key paths of one viewpoint's fields (`scores.achievement` and so on), built once rather
/// than for every sheet.
struct ViewpointKeyPaths: Sendable {
    let score: String
    let cityScore: String
    let comment: String

    private static let all: [ViewpointKeyPaths] = Viewpoint.allCases.map {
        ViewpointKeyPaths(score: "scores.\($0.rawValue)", cityScore: "city_scores.\($0.rawValue)",
                          comment: "comments.\($0.rawValue)")
    }

    static func of(_ viewpoint: Viewpoint) -> ViewpointKeyPaths { all[viewpoint.number - 1] }
}
