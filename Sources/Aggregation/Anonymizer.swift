import Core
import Foundation
import Forms
import Validation

/// Replaces 団体名 with codes (`団体A01`, `団体A02` … `団体B01` …) for `--anonymize`.
///
/// Codes already allocated (`known`: the workspace's ledger, or the codes file beside `process`'s
/// outputs) are kept; organisations without one get the first free codes, in the order of their
/// normalised names. So an organisation keeps its code across years, reports and reruns, and the
/// same sheets always give the same codes. The organisation's name is also replaced wherever it
/// appears in 事業名, the comments and any other text, whatever its width and spacing there.
public struct Anonymizer: Sendable {
    /// Normalised 団体名 → code: the known codes and those allocated now.
    public private(set) var codes: [String: String]
    /// The codes allocated now, which the caller stores for later runs.
    public private(set) var newCodes: [String: String]
    /// Normalised names → code, for replacing inside free text.
    private var replacer: PhraseReplacer

    /// Codes for every 団体名 of the records and of `otherNames` (such as those of invalid files,
    /// which may be quoted in messages), keeping the `known` ones (normalised name → code).
    public init(records: RecordSet, otherNames: [String] = [], known: [String: String] = [:]) {
        let written = records.submissions.map(\.orgName) + records.proposals.map(\.orgName) + otherNames
        let normalised = Set(written.map(NameNormalizer.normalize)).filter { !$0.isEmpty }.sorted(by: ByteOrder.less)
        var codes = known, newCodes: [String: String] = [:]
        var taken = Set(known.values), index = 0
        for name in normalised where codes[name] == nil {
            while taken.contains(Self.code(index)) { index += 1 }
            codes[name] = Self.code(index)
            newCodes[name] = Self.code(index)
            taken.insert(Self.code(index))
        }
        self.codes = codes
        self.newCodes = newCodes
        replacer = PhraseReplacer(codes.map { (phrase: $0.key, replacement: $0.value) }, ignoringWidthAndSpaces: true)
    }

    /// `0` → `団体A01`, `98` → `団体A99`, `99` → `団体B01`; after `Z`, `AA`, `AB`…
    public static func code(_ index: Int) -> String {
        let letters = A1Reference.columnLetters(index / 99)
        let number = index % 99 + 1
        return "団体" + letters + (number < 10 ? "0" : "") + String(number)
    }

    /// The code of a 団体名.
    public func code(for orgName: String) -> String {
        codes[NameNormalizer.normalize(orgName)] ?? "団体"
    }

    /// Free text with every written 団体名 replaced by its code.
    public func scrub(_ text: String) -> String {
        replacer.replace(in: text)
    }

    /// The records with every 団体名 replaced.
    public func anonymize(_ records: RecordSet) -> RecordSet {
        var out = records.mappingTexts(scrub)
        for i in out.submissions.indices { out.submissions[i].orgName = code(for: records.submissions[i].orgName) }
        for i in out.proposals.indices { out.proposals[i].orgName = code(for: records.proposals[i].orgName) }
        for i in out.evaluations.indices { out.evaluations[i].orgName = code(for: records.evaluations[i].orgName) }
        return out
    }
}

extension RecordSet {
    /// The records with `transform` applied to every free text and name (not to 団体名, which
    /// callers handle themselves, nor to choice fields such as 募集区分).
    public func mappingTexts(_ transform: (String) -> String, includingOrgNames: Bool = false) -> RecordSet {
        // Plain property code, no key paths (they are not specialised and cost at 10,000 forms);
        // assign only what changed, since setting a name recomputes the normalised project key.
        func changed(_ value: String) -> String? {
            let new = transform(value)
            return new == value ? nil : new
        }
        var out = self
        for i in out.submissions.indices {
            var s = out.submissions[i]
            if includingOrgNames, let v = changed(s.orgName) { s.orgName = v }
            if let v = changed(s.projectName) { s.projectName = v }
            s.department = transform(s.department)
            s.orgComment = transform(s.orgComment)
            s.cityComment = transform(s.cityComment)
            s.outlook = transform(s.outlook)
            if !s.viewpointComments.isEmpty { s.viewpointComments = s.viewpointComments.mapValues(transform) }
            out.submissions[i] = s
        }
        for i in out.proposals.indices {
            var p = out.proposals[i]
            if includingOrgNames, let v = changed(p.orgName) { p.orgName = v }
            if let v = changed(p.projectName) { p.projectName = v }
            p.department = transform(p.department)
            p.theme = transform(p.theme)
            p.localIssue = transform(p.localIssue)
            p.purpose = transform(p.purpose)
            p.description = transform(p.description)
            p.expectedEffect = transform(p.expectedEffect)
            p.orgRole = transform(p.orgRole)
            p.cityRole = transform(p.cityRole)
            out.proposals[i] = p
        }
        for i in out.evaluations.indices {
            var e = out.evaluations[i]
            if includingOrgNames { e.orgName = transform(e.orgName) }
            e.projectName = transform(e.projectName)
            e.findings = transform(e.findings)
            e.suggestions = transform(e.suggestions)
            out.evaluations[i] = e
        }
        return out
    }
}

/// Removes the personal values of the run's proposals (代表者, 所在地, 電話, メール) from any text
/// that goes to third parties, such as a validation message that quotes a cell.
public struct PersonalDataScrubber: Sendable {
    /// The mask written in place of personal data.
    public static let mask = "＊＊＊"
    private var replacer: PhraseReplacer

    /// Collects the personal values of every form of the given files, valid or not.
    public init(files: [FileResult]) {
        var found = Set<String>()
        for file in files {
            for validated in file.forms { found.formUnion(Self.personalValues(of: validated.form)) }
        }
        replacer = PhraseReplacer(found.map { (phrase: $0, replacement: Self.mask) }, ignoringWidthAndSpaces: true)
    }

    /// The 団体名 of one form as written, when it has one: for the anonymizer, which replaces the
    /// names of invalid files' forms too.
    /// A 第三者評価票 has none of its own: it names a project's 団体 (or its code) already coded.
    public static func orgName(of form: ExtractedForm) -> String? {
        guard form.kind != .evaluation, let reading = form["org_name"] else { return nil }
        let text = RecordBuilder.text(reading.value).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// The personal values of one form (value and cell text of 代表者, 所在地, 電話, メール), for
    /// `init(values:)` when forms are read one at a time.
    public static func personalValues(of form: ExtractedForm) -> [String] {
        var found: [String] = []
        for key in RecordBuilder.personalKeys {
            guard let reading = form[key] else { continue }
            let text = RecordBuilder.text(reading.value).trimmingCharacters(in: .whitespacesAndNewlines)
            if text.count >= 2 { found.append(text) }
            if case .text(let raw) = reading.raw, raw.count >= 2 { found.append(raw) }
        }
        return found
    }

    public init(values: [String]) {
        replacer = PhraseReplacer(Set(values).map { (phrase: $0, replacement: Self.mask) }, ignoringWidthAndSpaces: true)
    }

    /// Whether a field key path is personal.
    public static func isPersonal(field: String) -> Bool {
        RecordBuilder.personalKeys.contains(field)
    }

    /// The records with every personal value masked in every text, names included. Done once,
    /// before aggregation, so nothing built from the records can carry personal data.
    public func scrub(_ records: RecordSet) -> RecordSet {
        replacer.isEmpty ? records : records.mappingTexts(scrub, includingOrgNames: true)
    }

    /// The text with every personal value masked.
    public func scrub(_ text: String) -> String {
        replacer.replace(in: text)
    }
}
