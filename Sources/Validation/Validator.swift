import Core
import Forms
import Settings
import XLSX

/// Checks one extracted form against the rules and the office's settings.
///
/// Pure: no I/O. Everything derived from the settings (folded placeholder and department lists,
/// choice tables) is computed once in `init`, so validating a form costs a few dictionary look-ups.
public struct Validator: Sendable {
    public let settings: Settings
    public let language: Language
    let placeholders: TextChecks.PlaceholderSet
    /// Departments with spaces squeezed and width folded.
    let departments: Set<String>
    /// For each choice field: squeezed spelling → the spelling in the settings.
    let choices: [String: [String: String]]
    /// Severity by code after the office's overrides.
    let severityOverrides: [String: Severity]

    public init(settings: Settings = .defaults, language: Language = .ja) {
        self.settings = settings
        self.language = language
        placeholders = TextChecks.PlaceholderSet(settings.rules.placeholders)
        departments = Set(settings.departments.map(TextChecks.squeeze))
        var choices: [String: [String: String]] = [:]
        for (key, allowed) in settings.choices {
            var table: [String: String] = [:]
            for value in allowed { table[TextChecks.squeeze(value)] = value }
            choices[key] = table
        }
        self.choices = choices
        severityOverrides = settings.rules.severity.compactMapValues(Severity.init(rawValue:))
    }

    /// Every issue found in the form, in the form's order. `file` is the file's path or name.
    public func validate(_ form: ExtractedForm, file: String) -> [ValidationIssue] {
        var sink = IssueSink(validator: self, form: form, fileName: Self.displayName(of: file))
        checkDoubts(form, &sink)
        if form.kind == .reflection {
            checkScores(form, &sink)
            checkRequiredComment("org_comment", form, &sink)
            checkRequiredComment("city_comment", form, &sink)
        }
        checkRequiredFields(form, &sink)
        checkFiscalYear(form, &sink)
        checkChoices(form, &sink)
        checkDepartment(form, &sink)
        if form.kind == .proposal {
            checkProposal(form, &sink)
        }
        if form.kind == .evaluation {
            checkEvaluation(form, &sink)
        }
        return sink.issues
    }

    /// A problem found outside the form itself (intake's check of a 第三者評価票 against the ledger),
    /// as an issue of `form`, rendered like the others; nil when the office switched the rule off.
    public func issue(_ problem: Problem, on form: ExtractedForm, key: String, file: String) -> ValidationIssue? {
        var sink = IssueSink(validator: self, form: form, fileName: Self.displayName(of: file))
        if let reading = form[key] { sink.add(problem, reading) } else { sink.add(problem, key: key) }
        return sink.issues.first
    }

    // MARK: Evaluation sheet

    /// The evaluator's inputs: a score 1–5 for every viewpoint and 総合評価, and 所見.
    func checkEvaluation(_ form: ExtractedForm, _ sink: inout IssueSink) {
        for keys in FieldCatalog.viewpointKeys {
            guard let reading = form[keys.score] else {
                sink.add(.scoreMissing, key: keys.score)
                continue
            }
            _ = readScore(reading, required: true, &sink)
        }
        if let overall = form["overall"] { _ = readScore(overall, required: true, &sink) } else {
            sink.add(.scoreMissing, key: "overall")
        }
        checkRequiredComment("findings", form, &sink)
    }

    /// The severity a problem gets under these settings.
    func severity(of problem: Problem) -> Severity {
        if let override = severityOverrides[problem.code] { return override }
        if case .scoreLowWithoutComment = problem {
            return settings.rules.lowScoreCommentIsError ? .error : .warning
        }
        return problem.defaultSeverity
    }

    /// The last path component: staff know their files by name.
    static func displayName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        let name = path[path.index(after: slash)...]
        return name.isEmpty ? path : String(name)
    }

    // MARK: Both forms

    /// Values on the sheet that could not be taken (several ○, no box ticked, a formula never
    /// calculated): each is reported here, and the other rules leave the field alone.
    func checkDoubts(_ form: ExtractedForm, _ sink: inout IssueSink) {
        guard form.fields.values.contains(where: { $0.doubt != nil }) else { return }
        for reading in form.fields.values.sorted(by: { ($0.cell, $0.key) < ($1.cell, $1.key) }) {
            guard let doubt = reading.doubt else { continue }
            let allowed = settings.choices[reading.key] ?? []
            switch doubt {
            case .severalMarks(let cells): sink.add(.scoreSeveralMarks(cells: cells.map(\.a1)), reading)
            case .notAMark(let shown): sink.add(.scoreNotAMark(shown: shown), reading)
            case .severalChoices(let options): sink.add(.choiceSeveralTicked(options: options, allowed: allowed), reading)
            case .noChoice: sink.add(.choiceNoneTicked(allowed: allowed), reading)
            case .formulaNotCalculated: sink.add(.formulaNotCalculated, reading)
            }
        }
    }

    func checkRequiredFields(_ form: ExtractedForm, _ sink: inout IssueSink) {
        for key in settings.rules.requiredFields[form.kind.rawValue] ?? [] {
            guard let reading = form[key] else {
                sink.add(.fieldMissing, key: key)
                continue
            }
            if Self.isBlank(reading), reading.doubt == nil { sink.add(.fieldMissing, reading) }
        }
    }

    func checkFiscalYear(_ form: ExtractedForm, _ sink: inout IssueSink) {
        guard let reading = form["fiscal_year"] else {
            sink.add(.fiscalYearMissing(origin: .receipt, shown: "", year: nil), key: "fiscal_year")
            return
        }
        switch reading.origin {
        case .form: break
        case .title:
            sink.add(.fiscalYearMissing(origin: .title, shown: Self.shown(reading), year: Self.year(reading)), reading)
        case .fileName, .folderName, .setting, .receipt:
            sink.add(.fiscalYearMissing(origin: reading.origin, shown: Self.shown(reading), year: Self.year(reading)),
                     key: "fiscal_year")
        }
        guard !Self.isBlank(reading), reading.doubt == nil else { return }
        let range = settings.fiscalYears
        switch reading.value {
        case .fiscalYear(let year), .integer(let year):
            if !range.contains(year) { sink.add(.fiscalYearOutOfRange(year: year, range: range), reading) }
        default:
            sink.add(.fiscalYearUnreadable(shown: Self.shown(reading)), reading)
        }
    }

    /// The year a reading holds, if any.
    static func year(_ reading: FieldReading) -> Int? {
        switch reading.value {
        case .fiscalYear(let year), .integer(let year): return year
        default: return nil
        }
    }

    func checkChoices(_ form: ExtractedForm, _ sink: inout IssueSink) {
        for key in choices.keys.sorted() {
            guard let reading = form[key], !Self.isBlank(reading), reading.doubt == nil, let table = choices[key] else { continue }
            if table[TextChecks.squeeze(Self.valueText(reading))] == nil {
                let shown = Self.shown(reading)
                sink.add(.choiceInvalid(shown: shown, allowed: settings.choices[key] ?? []), reading)
            }
        }
    }

    func checkDepartment(_ form: ExtractedForm, _ sink: inout IssueSink) {
        guard !departments.isEmpty, let reading = form["department"], !Self.isBlank(reading), reading.doubt == nil else { return }
        if !departments.contains(TextChecks.squeeze(Self.valueText(reading))) {
            sink.add(.departmentUnknown(shown: Self.shown(reading)), reading)
        }
    }

    // MARK: Reflection sheet

    func checkScores(_ form: ExtractedForm, _ sink: inout IssueSink) {
        let threshold = settings.rules.lowScoreThreshold
        for keys in FieldCatalog.viewpointKeys {
            guard let reading = form[keys.score] else {
                sink.add(.scoreMissing, key: keys.score)
                continue
            }
            let orgScore = readScore(reading, required: true, &sink)
            let cityReading = form[keys.cityScore]
            let cityScore = cityReading.flatMap { readScore($0, required: settings.rules.cityScoresRequired, &sink) }
            if let score = orgScore, score <= threshold {
                checkLowScoreComment(score: score, threshold: threshold, scoreReading: reading,
                                     comment: form[keys.comment], &sink)
            }
            if let org = orgScore, let city = cityScore, let cityReading,
               abs(org - city) >= settings.rules.scoreGap {
                sink.add(.scoreGap(orgScore: org, cityScore: city, orgCell: reading.cell.a1), cityReading)
            }
        }
    }

    /// The score in 1…5, or nil after reporting why it cannot be used. `required`: whether a blank is
    /// `score.missing` (always for the organisation's scores; for the city's, `rules.city_scores_required`).
    func readScore(_ reading: FieldReading, required: Bool, _ sink: inout IssueSink) -> Int? {
        // A doubt (several marks, a formula never calculated) has been reported already.
        guard reading.doubt == nil else { return nil }
        // What was typed is only spelled out when there is something to say about it.
        switch ScoreInterpretation(reading) {
        case .blank:
            if required { sink.add(.scoreMissing, reading) }
            return nil
        case .score(let n, let normalised):
            if normalised { sink.add(.scoreNormalised(shown: Self.shown(reading), score: n), reading) }
            return n
        case .outOfRange:
            sink.add(.scoreOutOfRange(shown: Self.shown(reading)), reading)
        case .notInteger:
            sink.add(.scoreNotInteger(shown: Self.shown(reading)), reading)
        case .unreadable:
            sink.add(.scoreUnreadable(shown: Self.shown(reading)), reading)
        }
        return nil
    }

    func checkLowScoreComment(score: Int, threshold: Int, scoreReading: FieldReading,
                              comment: FieldReading?, _ sink: inout IssueSink) {
        guard let comment else {
            sink.add(.scoreLowWithoutComment(score: score, threshold: threshold, commentCell: nil), scoreReading)
            return
        }
        if Self.isBlank(comment) {
            sink.add(.scoreLowWithoutComment(score: score, threshold: threshold, commentCell: comment.cell.a1), comment)
        } else if placeholders.contains(Self.shown(comment)) {
            sink.add(.commentPlaceholder(shown: Self.shown(comment)), comment)
        }
    }

    func checkRequiredComment(_ key: String, _ form: ExtractedForm, _ sink: inout IssueSink) {
        guard let reading = form[key] else {
            sink.add(.commentMissing, key: key)
            return
        }
        if reading.doubt != nil { return }
        if Self.isBlank(reading) {
            sink.add(.commentMissing, reading)
        } else if placeholders.contains(Self.shown(reading)) {
            sink.add(.commentPlaceholder(shown: Self.shown(reading)), reading)
        }
    }

    // MARK: Helpers

    /// Blank: no value, or only spaces of either width.
    static func isBlank(_ reading: FieldReading) -> Bool {
        switch reading.value {
        case .blank: return true
        case .text(let s), .unreadable(let s): return TextChecks.isBlank(s) && reading.raw.isBlank
        default: return false
        }
    }

    /// The value as staff typed it, for messages: `6`, `3.5`, `よい`.
    static func shown(_ reading: FieldReading) -> String {
        switch reading.raw {
        case .text(let s): return TextChecks.trim(s)
        case .number(let d): return formatNumber(d)
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .dateTime(let dt): return dt.isoText ?? formatNumber(dt.serial)
        case .error(let e): return e
        case .empty:
            switch reading.value {
            case .blank: return ""
            case .text(let s), .unreadable(let s): return TextChecks.trim(s)
            case .integer(let n), .fiscalYear(let n), .yen(let n): return String(n)
            case .decimal(let d): return formatNumber(d)
            }
        }
    }

    /// The value as the extractor read it: for a choice, the canonical spelling it matched
    /// (`生活文化スポーツ部文化振興課` → `文化振興課`); otherwise what was typed.
    static func valueText(_ reading: FieldReading) -> String {
        if case .text(let s) = reading.value { return s }
        return shown(reading)
    }

    /// `6.0` → `6`, `3.5` → `3.5`.
    static func formatNumber(_ d: Double) -> String {
        if d.rounded() == d, abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }
}
