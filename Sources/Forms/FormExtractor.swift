import Settings
import XLSX

/// Finds ふりかえりシート, 企画提案書 and 第三者評価票 on sheets by their labels and reads their fields.
public struct FormExtractor: Sendable {
    public let settings: Settings
    public let reflection: FormDefinition
    public let proposal: FormDefinition
    public let evaluation: FormDefinition
    /// Each field's labels folded once: kind → field key → label keys.
    let fieldKeys: [FormKind: [String: [String]]]
    let tableKeys: ViewpointTableKeys?
    let evaluationTableKeys: ViewpointTableKeys?
    let vocabulary: LabelVocabulary

    /// Viewpoint rows needed to call a sheet a ふりかえりシート.
    static let reflectionMinimumRows = 4
    /// Proposal-only labels needed to call a sheet a 企画提案書.
    static let proposalMinimumLabels = 3
    /// Evaluation-only labels (事業ID, 総合評価, 所見, 評価者) needed to call a sheet a 第三者評価票.
    static let evaluationMinimumLabels = 3
    /// How far a value may sit from its label, in cells (merged blocks count once).
    static let maxStepsRight = 6
    static let maxStepsBelow = 3

    public init(settings: Settings = .defaults) {
        self.settings = settings
        reflection = .reflection(settings: settings)
        proposal = .proposal(settings: settings)
        evaluation = .evaluation(settings: settings)
        var keys = Set<String>()
        for definition in [reflection, proposal, evaluation] {
            for field in definition.fields {
                for label in field.allLabels { keys.insert(LabelText(label).keyWithoutParentheses) }
            }
            if let table = definition.viewpointTable {
                for label in table.scoreHeaders + table.cityScoreHeaders + table.commentHeaders + [table.viewpointHeader] {
                    keys.insert(LabelText(label).keyWithoutParentheses)
                }
            }
        }
        keys.remove("")
        var fieldKeys: [FormKind: [String: [String]]] = [:]
        for definition in [reflection, proposal, evaluation] {
            for field in definition.fields { fieldKeys[definition.kind, default: [:]][field.key] = uniqueKeys(field.allLabels) }
        }
        self.fieldKeys = fieldKeys
        tableKeys = reflection.viewpointTable.map(ViewpointTableKeys.init)
        evaluationTableKeys = evaluation.viewpointTable.map(ViewpointTableKeys.init)
        var firstScalars = Set(keys.compactMap { $0.unicodeScalars.first })
        for (_, names) in tableKeys?.names ?? [] { firstScalars.formUnion(names.compactMap { $0.unicodeScalars.first }) }
        vocabulary = LabelVocabulary(labelKeys: Set(keys.map(LabelKey.init)), firstScalars: ScalarSet(firstScalars))
    }

    /// The form on `grid`, or nil when the sheet holds neither form.
    public func extract(_ grid: SheetGrid) -> ExtractedForm? {
        let index = SheetIndex(grid: grid, vocabulary: vocabulary)
        // An evaluator's sheet prints the viewpoints too: its own labels are looked for first.
        if has(evaluation, minimum: Self.evaluationMinimumLabels, in: index) {
            return extractEvaluation(grid: grid, index: index)
        }
        if let tableKeys,
           let table = LocatedViewpointTable(index: index, keys: tableKeys, minimumRows: Self.reflectionMinimumRows) {
            var sheet = SheetReading(index: index, viewpointCells: Set(table.rows.values))
            var fields = sheet.readTable(table)
            sheet.consumed.formUnion(table.headerCells)
            sheet.consumed.formUnion(table.rows.values)
            for field in reflection.fields {
                if let reading = sheet.read(field, keys: fieldKeys[.reflection]?[field.key] ?? []) {
                    fields[field.key] = reading
                }
            }
            let tableRows = table.headerCells.map(\.row) + table.rows.values.map(\.row)
            addTitleFacts(to: &fields, index: index, formRows: tableRows, phase: true)
            return ExtractedForm(sheet: grid.name, kind: .reflection, fields: fields)
        }
        guard has(proposal, minimum: Self.proposalMinimumLabels, in: index) else { return nil }
        var sheet = SheetReading(index: index, viewpointCells: [])
        var fields: [String: FieldReading] = [:]
        for field in proposal.fields {
            if let reading = sheet.read(field, keys: fieldKeys[.proposal]?[field.key] ?? []) {
                fields[field.key] = reading
            }
        }
        addTitleFacts(to: &fields, index: index, formRows: [], phase: false)
        return ExtractedForm(sheet: grid.name, kind: .proposal, fields: fields)
    }

    /// Whether at least `minimum` of the definition's signature labels are on the sheet.
    func has(_ definition: FormDefinition, minimum: Int, in index: SheetIndex) -> Bool {
        var found = 0
        for key in definition.signatureKeys {
            let present = (fieldKeys[definition.kind]?[key] ?? []).contains { label in
                !index.cells(forKey: label).isEmpty || !index.inline(forKey: label).isEmpty
            }
            if present { found += 1 }
            if found >= minimum { return true }
        }
        return false
    }

    /// The 第三者評価票 on an indexed sheet: the viewpoint table's evaluator column, then the fields.
    func extractEvaluation(grid: SheetGrid, index: SheetIndex) -> ExtractedForm {
        var fields: [String: FieldReading] = [:]
        var sheet = SheetReading(index: index, viewpointCells: [])
        if let evaluationTableKeys,
           let table = LocatedViewpointTable(index: index, keys: evaluationTableKeys, minimumRows: Self.reflectionMinimumRows) {
            sheet = SheetReading(index: index, viewpointCells: Set(table.rows.values))
            fields = sheet.readTable(table)
            sheet.consumed.formUnion(table.headerCells)
            sheet.consumed.formUnion(table.rows.values)
        }
        for field in evaluation.fields {
            if let reading = sheet.read(field, keys: fieldKeys[.evaluation]?[field.key] ?? []) {
                fields[field.key] = reading
            }
        }
        return ExtractedForm(sheet: grid.name, kind: .evaluation, fields: fields)
    }

    /// 実施年度 (and for reflections ふりかえりの時期) from the title rows, when the form has no such field.
    func addTitleFacts(to fields: inout [String: FieldReading], index: SheetIndex, formRows: [Int], phase: Bool) {
        guard fields["fiscal_year"] == nil || (phase && fields["phase"] == nil) else { return }
        var firstRow = formRows.min() ?? Int.max
        for reading in fields.values { if let row = reading.labelCell?.row, row < firstRow { firstRow = row } }
        guard firstRow != Int.max, firstRow > 0 else { return }
        let title = TitleFacts(index: index, above: firstRow)
        if fields["fiscal_year"] == nil, let year = title.fiscalYear {
            fields["fiscal_year"] = FieldReading(key: "fiscal_year", label: "表題", labelCell: nil, cell: year.cell,
                                                 raw: .text(year.text), value: .fiscalYear(year.year), origin: .title)
        }
        if phase, fields["phase"] == nil, let found = title.phase {
            fields["phase"] = FieldReading(key: "phase", label: "表題", labelCell: nil, cell: found.cell,
                                           raw: .text(found.text), value: .text(found.phase), origin: .title)
        }
    }
}
