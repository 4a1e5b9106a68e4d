import XLSX

/// Builds a `SheetGrid` from A1 references: strings become text, numbers become numbers.
func makeGrid(_ name: String = "Sheet1", _ cells: [String: Any], merged: [String] = []) -> SheetGrid {
    var grid = SheetGrid(name: name)
    for (a1, value) in cells {
        guard let ref = CellReference(a1: a1) else { continue }
        switch value {
        case let s as String: grid.cells[ref] = .text(s)
        case let i as Int: grid.cells[ref] = .number(Double(i))
        case let d as Double: grid.cells[ref] = .number(d)
        case let v as CellValue: grid.cells[ref] = v
        default: continue
        }
    }
    grid.merged = merged.compactMap { CellRange(a1: $0) }
    return grid
}

/// Moves every cell and merge of `grid` by `rows` and `columns`: a title row or column inserted.
func shifted(_ grid: SheetGrid, rows: Int, columns: Int) -> SheetGrid {
    var out = SheetGrid(name: grid.name)
    for (ref, value) in grid.cells {
        out.cells[CellReference(row: ref.row + rows, column: ref.column + columns)] = value
    }
    out.merged = grid.merged.map {
        CellRange(start: CellReference(row: $0.start.row + rows, column: $0.start.column + columns),
                  end: CellReference(row: $0.end.row + rows, column: $0.end.column + columns))
    }
    return out
}

/// The seed's table: 団体名/事業名 merged down beside the viewpoints, a two-row header.
func seedTableGrid(scores: [Any] = [4, 3, 5, 4, 3, 4, 5], orgName: Any = "NPO法人にしとうきょう多文化ネット") -> SheetGrid {
    var cells: [String: Any] = [
        "A1": "団体名", "B1": "事業名", "C1": "ふりかえりの視点(5段階評価)", "E1": "団体のコメント",
        "D2": "評価",
        "A3": orgName, "B3": "多言語情報提供事業",
        "C3": "①協働の有効性 事業を協働で行うことで、大きな効果がありましたか？ 協働の選択は正しかったですか？",
        "C4": "②目的の設定 地域課題の解決に向けた具体策として、事業の目的・内容は適切なものでしたか？",
        "C5": "③目的の共有 事業目的を団体内や市と共有し、効果的な事業実施ができましたか？",
        "C6": "④目的の達成度 当初の事業目的や目標は、達成できましたか？",
        "C7": "⑤協力体制 事業を実施する際の団体内・他の団体・市との協力体制・連携は十分でしたか？",
        "C8": "⑥受益者の満足度 事前のニーズ把握や事後の満足度調査など、事業効果は十分なものでしたか？",
        "C9": "⑦団体の満足度 事業の満足度はいかがですか？ また協働事業を実施したいと思えますか？",
        "E3": "翻訳ボランティアとの連携で発行が安定した",
        "C10": "*団体のコメント(今後に向けての課題・改善策・要望など)", "D10": "翻訳者の確保が課題です。",
        "C11": "*市のコメント", "D11": "引き続き協働で進めます。",
        "C12": "今後の展望", "D12": "対応言語を増やす予定",
    ]
    for (offset, score) in scores.enumerated() { cells["D\(3 + offset)"] = score }
    return makeGrid("ふりかえり", cells,
                    merged: ["A1:A2", "B1:B2", "C1:D1", "E1:E2", "A3:A9", "B3:B9", "D10:E10", "D11:E11", "D12:E12"])
}
