import Forms

/// Collects a form's issues: skips switched-off rules, applies severities and renders messages.
struct IssueSink {
    let validator: Validator
    let form: ExtractedForm
    let fileName: String
    private(set) var issues: [ValidationIssue] = []

    init(validator: Validator, form: ExtractedForm, fileName: String) {
        self.validator = validator
        self.form = form
        self.fileName = fileName
    }

    /// An issue on a field that was found: the cell is the reading's.
    mutating func add(_ problem: Problem, _ reading: FieldReading) {
        append(problem, key: reading.key, cell: reading.cell.a1, printedLabel: reading.label)
    }

    /// An issue on a field whose label was not found on the sheet: no cell to point at.
    mutating func add(_ problem: Problem, key: String) {
        append(problem, key: key, cell: nil, printedLabel: nil)
    }

    private mutating func append(_ problem: Problem, key: String, cell: String?, printedLabel: String?) {
        guard validator.settings.rules.isEnabled(problem.code) else { return }
        let place = IssuePlace(file: fileName, sheet: form.sheet, cell: cell, key: key, printedLabel: printedLabel)
        issues.append(ValidationIssue(
            severity: validator.severity(of: problem), code: problem.code, field: key, sheet: form.sheet,
            cell: cell ?? "", message: MessageRenderer.message(problem, at: place, language: validator.language)))
    }
}
