import XLSX

/// Where the seven viewpoints sit on a sheet: one row per viewpoint, columns found by header.
struct LocatedViewpointTable {
    /// The cell printing each viewpoint's name (or its circled number).
    var rows: [Viewpoint: CellReference]
    /// Column of the organisation's score; nil when neither a header nor a fallback was found.
    var scoreColumn: Int?
    var cityScoreColumn: Int?
    var commentColumn: Int?
    /// The organisation's scores marked with ○ in a 5-4-3-2-1 grid, instead of a score column.
    var scoreGrid: MarkGrid?
    /// The city's scores marked in a grid of their own.
    var cityScoreGrid: MarkGrid?
    /// The header cells used, so that fields do not take them as their labels.
    var headerCells: [CellReference]
}

extension LocatedViewpointTable {
    /// Rows above the first viewpoint searched for column headers (two-row headers with merges).
    static let headerSearchRows = 4

    /// Finds the viewpoint rows and the table's columns; nil when fewer than `minimumRows` rows are found.
    init?(index: SheetIndex, keys: ViewpointTableKeys, minimumRows: Int = 4) {
        let nameKeys = keys.names
        // Rows found by name (with or without the circled number).
        var byName: [(viewpoint: Viewpoint, cell: CellReference)] = []
        for (cell, text) in index.prefixes {
            for (viewpoint, keys) in nameKeys where keys.contains(where: { text.key.hasUTF8Prefix($0) }) {
                if let number = text.number, number != viewpoint.number { continue }
                byName.append((viewpoint, cell))
                break
            }
        }
        // The column holding most distinct viewpoints is the table's.
        var perColumn: [Int: Set<Viewpoint>] = [:]
        for hit in byName { perColumn[hit.cell.column, default: []].insert(hit.viewpoint) }
        guard let column = perColumn.max(by: { ($0.value.count, -$0.key) < ($1.value.count, -$1.key) })?.key
        else { return nil }
        var rows: [Viewpoint: CellReference] = [:]
        for hit in byName where hit.cell.column == column && rows[hit.viewpoint] == nil {
            rows[hit.viewpoint] = hit.cell
        }
        // Rows printed with their circled number only (a renamed viewpoint), in the same column.
        if rows.count < Viewpoint.allCases.count {
            let used = Set(rows.values)
            for (cell, text) in index.prefixes where cell.column == column && !used.contains(cell) {
                guard let number = text.number, (1...7).contains(number) else { continue }
                let viewpoint = Viewpoint.allCases[number - 1]
                if rows[viewpoint] == nil { rows[viewpoint] = cell }
            }
        }
        guard rows.count >= minimumRows else { return nil }
        self.rows = rows

        let firstRow = rows.values.map(\.row).min() ?? 0
        let labelEnd = rows.values.map { index.span(of: $0).end.column }.max() ?? column
        func header(_ keys: [String]) -> CellReference? {
            var best: CellReference?
            for key in keys {
                for cell in index.cells(forKey: key)
                where cell.column > column && cell.row < firstRow && cell.row >= firstRow - Self.headerSearchRows {
                    if let current = best, (current.row, -current.column) >= (cell.row, -cell.column) { continue }
                    best = cell
                }
            }
            return best
        }
        let score = header(keys.scoreHeaders)
        let city = header(keys.cityScoreHeaders)
        let comment = header(keys.commentHeaders)
        headerCells = [score, city, comment].compactMap { $0 }
        scoreColumn = score?.column ?? (labelEnd + 1)
        cityScoreColumn = city?.column
        commentColumn = comment?.column
        if firstRow > 0 {
            let grids = MarkGrid.find(in: index, rows: max(0, firstRow - Self.headerSearchRows)...(firstRow - 1),
                                      rightOf: labelEnd)
            if !grids.isEmpty { assign(grids, index: index, keys: keys) }
        }
    }

    /// Says which grid holds whose scores: the one under a 市の評価 header is the city's, the one
    /// under 評価 / 団体の評価 the organisation's; a grid under neither is the organisation's first,
    /// then the city's.
    private mutating func assign(_ grids: [MarkGrid], index: SheetIndex, keys: ViewpointTableKeys) {
        func header(over grid: MarkGrid, _ headerKeys: [String]) -> CellReference? {
            for key in headerKeys {
                for cell in index.cells(forKey: key) where cell.row < grid.headerRow && cell.row >= grid.headerRow - 2 {
                    let span = index.span(of: cell)
                    if span.start.column <= grid.firstColumn && span.end.column >= grid.firstColumn { return cell }
                    if span.start.column >= grid.firstColumn && span.start.column <= grid.lastColumn { return cell }
                }
            }
            return nil
        }
        var unassigned: [MarkGrid] = []
        for grid in grids {
            headerCells += grid.headerCells
            if let cell = header(over: grid, keys.cityScoreHeaders), cityScoreGrid == nil {
                cityScoreGrid = grid
                headerCells.append(cell)
            } else if let cell = header(over: grid, keys.scoreHeaders), scoreGrid == nil {
                scoreGrid = grid
                headerCells.append(cell)
            } else {
                unassigned.append(grid)
            }
        }
        for grid in unassigned {
            if scoreGrid == nil { scoreGrid = grid } else if cityScoreGrid == nil { cityScoreGrid = grid }
        }
        func inside(_ column: Int?, _ grid: MarkGrid?) -> Bool {
            guard let column, let grid else { return false }
            return column >= grid.firstColumn && column <= grid.lastColumn
        }
        if scoreGrid != nil { scoreColumn = nil }
        if cityScoreGrid != nil { cityScoreColumn = nil }
        // A header found over a grid is the grid's, not a column of its own.
        if inside(scoreColumn, scoreGrid) || inside(scoreColumn, cityScoreGrid) { scoreColumn = nil }
        if inside(cityScoreColumn, scoreGrid) || inside(cityScoreColumn, cityScoreGrid) { cityScoreColumn = nil }
        if inside(commentColumn, scoreGrid) || inside(commentColumn, cityScoreGrid) { commentColumn = nil }
    }
}

/// A viewpoint table definition with its labels folded once, when the extractor is made.
struct ViewpointTableKeys: Sendable {
    var names: [(Viewpoint, [String])]
    var scoreHeaders: [String]
    var cityScoreHeaders: [String]
    var commentHeaders: [String]

    init(_ definition: ViewpointTableDefinition) {
        names = Viewpoint.allCases.map { viewpoint in
            (viewpoint, (definition.names[viewpoint] ?? [viewpoint.name]).map { LabelText($0).key }.filter { !$0.isEmpty })
        }
        func fold(_ labels: [String]) -> [String] { uniqueKeys(labels) }
        scoreHeaders = fold(definition.scoreHeaders)
        cityScoreHeaders = fold(definition.cityScoreHeaders)
        commentHeaders = fold(definition.commentHeaders)
    }
}

/// Labels folded to their keys without parentheses, without duplicates or empty keys, in order.
func uniqueKeys(_ labels: [String]) -> [String] {
    var keys: [String] = []
    for label in labels {
        let key = LabelText(label).keyWithoutParentheses
        if !key.isEmpty, !keys.contains(key) { keys.append(key) }
    }
    return keys
}
