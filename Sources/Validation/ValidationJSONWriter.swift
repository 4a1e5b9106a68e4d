import Core
import Forms

/// Writes a file's `validate --json` object straight into bytes, without building a `JSONValue`
/// tree: the same bytes `jsonObject().encode(into:)` gives, at a fraction of the cost, which
/// matters when thousands of files are written. Keys are written in the encoder's order (UTF-8
/// byte order), spelled out below.
extension FileResult {
    /// Appends this file's JSON object to `out`.
    public func writeJSON(into out: inout [UInt8]) {
        // forms, issues, path, sha256, status
        out.append(contentsOf: #"{"forms":["#.utf8)
        for (i, form) in forms.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            form.writeJSON(into: &out)
        }
        out.append(contentsOf: #"],"issues":"#.utf8)
        ValidationIssue.writeJSON(issues, into: &out)
        out.append(contentsOf: #","path":"#.utf8)
        JSONValue.encodeString(path, into: &out)
        out.append(contentsOf: #","sha256":"#.utf8)
        if sha256.isEmpty { out.append(contentsOf: "null".utf8) } else { JSONValue.encodeString(sha256, into: &out) }
        out.append(contentsOf: #","status":"#.utf8)
        JSONValue.encodeString(status.rawValue, into: &out)
        out.append(UInt8(ascii: "}"))
    }
}

extension ValidatedForm {
    /// Appends this form's JSON object to `out`.
    public func writeJSON(into out: inout [UInt8]) {
        // cells, fields, fiscal_year_source, issues, kind, sheet. `cells` comes first but is found
        // while walking the fields, so the fields are written aside first.
        var fields: [UInt8] = []
        fields.reserveCapacity(2048)
        var cells: [(key: String, cell: String)] = []
        cells.reserveCapacity(form.fields.count)
        ValidationJSON.writeFields(of: form, into: &fields, cells: &cells)
        out.append(contentsOf: #"{"cells":{"#.utf8)
        for (i, entry) in cells.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.encodeString(entry.key, into: &out)
            out.append(UInt8(ascii: ":"))
            JSONValue.encodeString(entry.cell, into: &out)
        }
        out.append(contentsOf: #"},"fields":"#.utf8)
        out.append(contentsOf: fields)
        out.append(contentsOf: #","fiscal_year_source":"#.utf8)
        JSONValue.encodeString(ValidationJSON.fiscalYearSource(of: form), into: &out)
        out.append(contentsOf: #","issues":"#.utf8)
        ValidationIssue.writeJSON(issues, into: &out)
        out.append(contentsOf: #","kind":"#.utf8)
        JSONValue.encodeString(form.kind.rawValue, into: &out)
        out.append(contentsOf: #","sheet":"#.utf8)
        JSONValue.encodeString(form.sheet, into: &out)
        out.append(UInt8(ascii: "}"))
    }
}

extension ValidationIssue {
    /// Appends a JSON array of issues to `out`.
    static func writeJSON(_ issues: [ValidationIssue], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (i, issue) in issues.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            // cell, code, field, message, severity
            out.append(contentsOf: #"{"cell":"#.utf8)
            writeOptional(issue.cell, into: &out)
            out.append(contentsOf: #","code":"#.utf8)
            JSONValue.encodeString(issue.code, into: &out)
            out.append(contentsOf: #","field":"#.utf8)
            writeOptional(issue.field, into: &out)
            out.append(contentsOf: #","message":"#.utf8)
            JSONValue.encodeString(issue.message, into: &out)
            out.append(contentsOf: #","severity":"#.utf8)
            JSONValue.encodeString(issue.severity.rawValue, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }

    /// A string, or null when it is empty (file-level issues have no field or cell).
    private static func writeOptional(_ text: String, into out: inout [UInt8]) {
        if text.isEmpty { out.append(contentsOf: "null".utf8) } else { JSONValue.encodeString(text, into: &out) }
    }
}

extension ValidationJSON {
    /// Appends `fields(of: form)` encoded. A form holding only the catalog's keys (every form the
    /// built-in definitions find) is written from key lists sorted once; one with other keys
    /// (labels an office added for keys of its own) goes through the general `fields(of:)`.
    ///
    /// `cells` receives `cells(of: form)` on the way, in the same order: the flat key paths
    /// (`scores.achievement`) sort as the nested objects are written.
    static func writeFields(of form: ExtractedForm, into out: inout [UInt8], cells: inout [(key: String, cell: String)]) {
        let layout: FieldsLayout
        switch form.kind {
        case .reflection: layout = .reflection
        case .proposal: layout = .proposal
        case .evaluation: layout = .evaluation
        }
        guard form.fields.keys.allSatisfy(layout.known.contains) else {
            fields(of: form).encode(into: &out)
            cells = ValidationJSON.cells(of: form)
            return
        }
        func value(_ keyPath: String) -> JSONValue {
            let reading = form[keyPath]
            if let reading, reading.origin == .form || reading.origin == .title { cells.append((keyPath, reading.cell.a1)) }
            return fieldValue(reading)
        }
        out.append(UInt8(ascii: "{"))
        for (i, entry) in layout.entries.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.encodeString(entry.name, into: &out)
            out.append(UInt8(ascii: ":"))
            if let nested = entry.nested {
                out.append(UInt8(ascii: "{"))
                for (j, member) in nested.enumerated() {
                    if j > 0 { out.append(UInt8(ascii: ",")) }
                    JSONValue.encodeString(member.name, into: &out)
                    out.append(UInt8(ascii: ":"))
                    value(member.keyPath).encode(into: &out)
                }
                out.append(UInt8(ascii: "}"))
            } else {
                value(entry.name).encode(into: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
    }
}

/// The keys of a form kind's `fields` object in encoded order, worked out once.
struct FieldsLayout: Sendable {
    /// A top-level key; for a viewpoint family (`scores`), the viewpoints nested under it with
    /// the key path (`scores.achievement`) each value is read from, in encoded order.
    struct Entry: Sendable {
        var name: String
        var nested: [(name: String, keyPath: String)]?
    }

    var entries: [Entry]
    /// Every key path a form of this kind may hold for the fast path to apply.
    var known: Set<String>

    static let reflection = FieldsLayout(keys: FieldCatalog.reflectionKeys, families: FieldCatalog.viewpointFamilies)
    static let proposal = FieldsLayout(keys: FieldCatalog.proposalKeys, families: [])
    static let evaluation = FieldsLayout(keys: FieldCatalog.evaluationKeys, families: ["scores"])

    init(keys: [String], families: [String]) {
        let viewpoints = Viewpoint.allCases.map(\.rawValue).sorted(by: JSONValue.codePointOrder)
        let all = keys.map { Entry(name: $0, nested: nil) }
            + families.map { family in Entry(name: family, nested: viewpoints.map { ($0, family + "." + $0) }) }
        entries = all.sorted { JSONValue.codePointOrder($0.name, $1.name) }
        // A family's per-viewpoint key paths are expected; a bare family key is not (the general
        // path decides how such a key and the nested values combine).
        known = Set(keys).union(families.flatMap { family in Viewpoint.allCases.map { family + "." + $0.rawValue } })
    }
}
