import Foundation
import Forms
import Validation

/// Replaces 団体名 with codes (`団体A01`, `団体A02` … `団体B01` …) for `--anonymize`.
///
/// Codes are given in the order of the normalised names of every organisation in the run, so the
/// same sheets always give the same codes; adding an organisation can shift later codes. The
/// organisation's name is also replaced wherever it appears in 事業名 and in the comments.
public struct Anonymizer: Sendable {
    /// Normalised 団体名 → code.
    public private(set) var codes: [String: String]
    /// Names as written → code, for replacing inside free text.
    private var replacer: PhraseReplacer

    public init(records: RecordSet) {
        let written = records.submissions.map(\.orgName) + records.proposals.map(\.orgName)
        let normalised = Set(written.map(NameNormalizer.normalize)).sorted(by: ByteOrder.less)
        var codes: [String: String] = [:]
        for (index, name) in normalised.enumerated() { codes[name] = Self.code(index) }
        self.codes = codes
        replacer = PhraseReplacer(Set(written).filter { !$0.isEmpty }
            .map { (phrase: $0, replacement: codes[NameNormalizer.normalize($0)]!) })
    }

    /// `0` → `団体A01`, `98` → `団体A99`, `99` → `団体B01`; after `Z`, `AA`, `AB`…
    public static func code(_ index: Int) -> String {
        var n = index / 99 + 1
        var letters = ""
        while n > 0 {
            letters = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + letters
            n = (n - 1) / 26
        }
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
        replacer = PhraseReplacer(found.map { (phrase: $0, replacement: Self.mask) })
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
        replacer = PhraseReplacer(Set(values).map { (phrase: $0, replacement: Self.mask) })
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
