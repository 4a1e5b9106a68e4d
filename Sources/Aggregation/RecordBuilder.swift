import Core
import Forms
import Validation

/// The accepted records of one run, ready to aggregate.
public struct RecordSet: Hashable, Sendable {
    public var submissions: [Submission]
    public var proposals: [ProposalRecord]
    /// Forms left out because no fiscal year could be found for them (none on the sheet, no `--year`,
    /// no proposal with the same names).
    public var undated: [SourceLocation]
    /// Accepted 第三者評価票, one per evaluator and project sheet.
    public var evaluations: [EvaluationRecord]

    public init(submissions: [Submission] = [], proposals: [ProposalRecord] = [], undated: [SourceLocation] = [],
                evaluations: [EvaluationRecord] = []) {
        self.submissions = submissions
        self.proposals = proposals
        self.undated = undated
        self.evaluations = evaluations
    }

    /// The records of forms built one at a time (each with `RecordBuilder.records(from:)` over that one
    /// form), joined in the given order as `records(from:)` over all of them would: proposals, then
    /// reflections, then the undated proposals before the undated reflections. Only equal when
    /// no reflection needs its proposal's year, which a `defaultFiscalYear` guarantees.
    public init(joining parts: [(kind: FormKind, records: RecordSet)]) {
        self.init()
        for (kind, part) in parts where kind == .proposal {
            proposals += part.proposals
            undated += part.undated
        }
        for (kind, part) in parts where kind == .reflection {
            submissions += part.submissions
            undated += part.undated
        }
        for (kind, part) in parts where kind == .evaluation {
            evaluations += part.evaluations
            undated += part.undated
        }
    }

    /// Every fiscal year that has a reflection or a proposal, ascending.
    public var fiscalYears: [Int] {
        Set(submissions.map(\.fiscalYear) + proposals.map(\.fiscalYear)).sorted()
    }
}

/// Builds plain records from validated forms. Only forms the caller hands in are used: the caller
/// decides which files are valid and which reflection is current.
public struct RecordBuilder: Sendable {
    /// The fiscal year for forms that do not state one (`--year`).
    public var defaultFiscalYear: Int?

    public init(defaultFiscalYear: Int? = nil) {
        self.defaultFiscalYear = defaultFiscalYear
    }

    /// Records from the valid files' forms; invalid and unreadable files are skipped.
    public func records(from files: [FileResult]) -> RecordSet {
        let forms = files.filter { $0.status == .valid }.flatMap { file in
            file.forms.map { (file.path, $0.form) }
        }
        return records(from: forms)
    }

    /// Records from `(file path, form)` pairs, in the given order.
    public func records(from forms: [(String, ExtractedForm)]) -> RecordSet {
        var set = RecordSet()
        for (path, form) in forms where form.kind == .proposal {
            let source = SourceLocation(file: path, sheet: form.sheet)
            if let year = Self.fiscalYear(form) ?? defaultFiscalYear {
                set.proposals.append(proposal(form, year: year, source: source))
            } else {
                set.undated.append(source)
            }
        }
        // A reflection without a year takes its proposal's year when exactly one proposal matches.
        var proposalYears: [ProjectKey: Set<Int>] = [:]
        for p in set.proposals { proposalYears[p.projectKey, default: []].insert(p.fiscalYear) }
        // Each reflection's record depends only on its form and the proposals' years, so they are
        // built in parallel (in chunks, in order) and appended in the given order.
        let reflections = forms.filter { $0.1.kind == .reflection }
        let chunkSize = 512
        let yearsByProject = proposalYears
        let chunks = Parallel.map(count: (reflections.count + chunkSize - 1) / chunkSize) { chunk in
            reflections[chunk * chunkSize..<min(reflections.count, (chunk + 1) * chunkSize)].map { path, form in
                reflectionRecord(form, path: path, proposalYears: yearsByProject)
            }
        }
        for chunk in chunks {
            for record in chunk {
                switch record {
                case .dated(let submission): set.submissions.append(submission)
                case .undated(let source): set.undated.append(source)
                }
            }
        }
        for (path, form) in forms where form.kind == .evaluation {
            let source = SourceLocation(file: path, sheet: form.sheet)
            if let year = Self.fiscalYear(form) ?? defaultFiscalYear {
                set.evaluations.append(evaluation(form, year: year, source: source))
            } else {
                set.undated.append(source)
            }
        }
        return set
    }

    /// The record of one 第三者評価票.
    func evaluation(_ form: ExtractedForm, year: Int, source: SourceLocation) -> EvaluationRecord {
        var scores: [Viewpoint: Int] = [:]
        for (viewpoint, keys) in Self.viewpointKeys { scores[viewpoint] = Self.score(form, keys.score) }
        return EvaluationRecord(
            fiscalYear: year, projectID: NameNormalizer.normalize(Self.text(form, "project_id")).uppercased(),
            orgName: Self.text(form, "org_name"), projectName: Self.text(form, "project_name"),
            evaluator: Self.text(form, "evaluator"), scores: scores, overall: Self.score(form, "overall"),
            findings: Self.text(form, "findings"), suggestions: Self.text(form, "suggestions"), source: source)
    }

    /// A reflection's record, or its location when no fiscal year can be found for it.
    private enum ReflectionRecord {
        case dated(Submission)
        case undated(SourceLocation)
    }

    /// The record of one reflection. A reflection without a year takes its proposal's year when
    /// exactly one proposal matches.
    private func reflectionRecord(_ form: ExtractedForm, path: String,
                                  proposalYears: [ProjectKey: Set<Int>]) -> ReflectionRecord {
        let source = SourceLocation(file: path, sheet: form.sheet)
        let key = ProjectKey(orgName: Self.text(form, "org_name"), projectName: Self.text(form, "project_name"))
        let linkedYear = proposalYears[key].flatMap { $0.count == 1 ? $0.first : nil }
        guard let year = Self.fiscalYear(form) ?? defaultFiscalYear ?? linkedYear else { return .undated(source) }
        return .dated(submission(form, year: year, source: source))
    }

    func submission(_ form: ExtractedForm, year: Int, source: SourceLocation) -> Submission {
        var scores: [Viewpoint: Int] = [:], city: [Viewpoint: Int] = [:], comments: [Viewpoint: String] = [:]
        var cells: [String: String] = [:]
        for (viewpoint, keys) in Self.viewpointKeys {
            scores[viewpoint] = Self.score(form, keys.score)
            city[viewpoint] = Self.score(form, keys.city)
            let comment = Self.text(form, keys.comment)
            if !comment.isEmpty { comments[viewpoint] = comment }
        }
        for key in Self.textKeys {
            if let cell = form[key]?.cell { cells[key] = cell.a1 }
        }
        return Submission(
            fiscalYear: year, phase: Phase(text: form["phase"].map { Self.text($0.value) }),
            orgName: Self.text(form, "org_name"), projectName: Self.text(form, "project_name"),
            department: Self.text(form, "department"), scores: scores, cityScores: city,
            viewpointComments: comments, orgComment: Self.text(form, "org_comment"),
            cityComment: Self.text(form, "city_comment"), outlook: Self.text(form, "outlook"),
            source: source, cells: cells)
    }

    func proposal(_ form: ExtractedForm, year: Int, source: SourceLocation) -> ProposalRecord {
        var yearNumber: Int?
        if case .integer(let n)? = form["year_number"]?.value, (1...3).contains(n) { yearNumber = n }
        return ProposalRecord(
            fiscalYear: year, orgName: Self.text(form, "org_name"), projectName: Self.text(form, "project_name"),
            category: Self.text(form, "category"), proposalType: Self.text(form, "proposal_type"),
            theme: Self.text(form, "theme"), collaborationForm: Self.text(form, "collaboration_form"),
            department: Self.text(form, "department"), yearNumber: yearNumber,
            localIssue: Self.text(form, "local_issue"), purpose: Self.text(form, "purpose"),
            description: Self.text(form, "description"), expectedEffect: Self.text(form, "expected_effect"),
            orgRole: Self.text(form, "org_role"), cityRole: Self.text(form, "city_role"),
            totalCost: Self.yen(form, "total_cost"), requestedAmount: Self.yen(form, "requested_amount"),
            source: source)
    }

    /// Field keys per viewpoint, built once: string interpolation per form adds up at 10,000 forms.
    static let viewpointKeys: [(Viewpoint, (score: String, city: String, comment: String))] = Viewpoint.allCases.map {
        ($0, ("scores.\($0.rawValue)", "city_scores.\($0.rawValue)", "comments.\($0.rawValue)"))
    }
    /// The text fields whose cells are kept for messages.
    static let textKeys = ["org_name", "project_name", "department", "org_comment", "city_comment", "outlook"]
        + Viewpoint.allCases.map { "comments.\($0.rawValue)" }

    /// The personal fields of a proposal: never copied into a record.
    public static let personalKeys: Set<String> = ["representative", "address", "phone", "email"]

    /// The fiscal year a form states, if any.
    public static func statedFiscalYear(of form: ExtractedForm) -> Int? { fiscalYear(form) }

    static func fiscalYear(_ form: ExtractedForm) -> Int? {
        if case .fiscalYear(let y)? = form["fiscal_year"]?.value { return y }
        if case .integer(let y)? = form["fiscal_year"]?.value, (1900...2200).contains(y) { return y }
        return nil
    }

    static func score(_ form: ExtractedForm, _ key: String) -> Int? {
        if case .integer(let n)? = form[key]?.value, (1...5).contains(n) { return n }
        return nil
    }

    static func yen(_ form: ExtractedForm, _ key: String) -> Int? {
        switch form[key]?.value {
        case .yen(let n)?, .integer(let n)?: return n
        default: return nil
        }
    }

    static func text(_ form: ExtractedForm, _ key: String) -> String {
        form[key].map { text($0.value) } ?? ""
    }

    /// A field's value as display text.
    public static func text(_ value: FieldValue) -> String {
        switch value {
        case .blank: return ""
        case .text(let s), .unreadable(let s): return s
        case .integer(let n), .yen(let n): return String(n)
        case .decimal(let d): return String(d)
        case .fiscalYear(let y): return FiscalYearLabel.japanese(y)
        }
    }
}
