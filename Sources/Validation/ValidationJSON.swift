import Core
import Forms

/// The `validate --json` shape of docs/contracts.md:
/// `{"files": [...], "summary": {"files", "valid", "invalid", "unreadable"}}`.
public enum ValidationJSON {
    /// The whole document for a run.
    public static func document(_ results: [FileResult]) -> JSONValue {
        .object([
            "files": .array(results.map { $0.jsonObject() }),
            "summary": summary(results),
        ])
    }

    /// `{"files", "valid", "invalid", "unreadable"}` counts.
    public static func summary(_ results: [FileResult]) -> JSONValue {
        summary(ValidationTally(results))
    }

    /// `{"files", "valid", "invalid", "unreadable"}` counts from a running tally.
    public static func summary(_ tally: ValidationTally) -> JSONValue {
        .object([
            "files": .int(tally.files),
            "valid": .int(tally.valid),
            "invalid": .int(tally.invalid),
            "unreadable": .int(tally.unreadable),
        ])
    }

    /// The JSON value of one field: text as strings, scores, years and money as integers, null when
    /// blank, absent or unreadable.
    public static func fieldValue(_ reading: FieldReading?) -> JSONValue {
        guard let reading else { return .null }
        if reading.key.hasPrefix("scores.") || reading.key.hasPrefix("city_scores.") {
            return ScoreInterpretation(reading).integer.map(JSONValue.int) ?? .null
        }
        if Validator.isBlank(reading) { return .null }
        switch reading.value {
        case .blank, .unreadable: return .null
        case .text(let s): return .string(s)
        case .integer(let n), .fiscalYear(let n), .yen(let n): return .int(n)
        case .decimal(let d): return reading.key == "year_number" ? .null : .double(d)
        }
    }

    /// `fields` of a form: every key of its kind (null when absent), viewpoint families nested.
    public static func fields(of form: ExtractedForm) -> JSONValue {
        var object: [String: JSONValue] = [:]
        let keys: [String]
        switch form.kind {
        case .reflection: keys = FieldCatalog.reflectionKeys
        case .proposal: keys = FieldCatalog.proposalKeys
        case .evaluation: keys = FieldCatalog.evaluationKeys
        }
        for key in keys { object[key] = fieldValue(form[key]) }
        if form.kind == .evaluation {
            var scores: [String: JSONValue] = [:]
            for keys in FieldCatalog.viewpointKeys { scores[keys.viewpoint.rawValue] = fieldValue(form[keys.score]) }
            object["scores"] = .object(scores)
        }
        if form.kind == .reflection {
            var scores: [String: JSONValue] = [:], cityScores: [String: JSONValue] = [:], comments: [String: JSONValue] = [:]
            for keys in FieldCatalog.viewpointKeys {
                let name = keys.viewpoint.rawValue
                scores[name] = fieldValue(form[keys.score])
                cityScores[name] = fieldValue(form[keys.cityScore])
                comments[name] = fieldValue(form[keys.comment])
            }
            object["scores"] = .object(scores)
            object["city_scores"] = .object(cityScores)
            object["comments"] = .object(comments)
        }
        // Fields the extractor found beyond the catalog (say, a label variant an office added).
        for (key, reading) in form.fields where object[key] == nil && !FieldCatalog.allViewpointKeyPaths.contains(key) {
            if let dot = key.firstIndex(of: ".") {
                let head = String(key[..<dot]), tail = String(key[key.index(after: dot)...])
                if case .object(var nested)? = object[head] {
                    if nested[tail] == nil { nested[tail] = fieldValue(reading) }
                    object[head] = .object(nested)
                } else if object[head] == nil {
                    object[head] = .object([tail: fieldValue(reading)])
                }
            } else {
                object[key] = fieldValue(reading)
            }
        }
        return .object(object)
    }
}

extension ValidationJSON {
    /// `cells` of a form: each field's key path → the A1 cell its value came from, in encoded order.
    /// Values not taken from a cell of the sheet (a year from the file name, say) have none.
    public static func cells(of form: ExtractedForm) -> [(key: String, cell: String)] {
        form.fields.values
            .filter { $0.origin == .form || $0.origin == .title }
            .map { ($0.key, $0.cell.a1) }
            .sorted { JSONValue.codePointOrder($0.key, $1.key) }
    }

    /// Where the form's fiscal year came from: `form`, `title`, `file_name`, `folder_name`, `setting`,
    /// or `receipt` (the fiscal year in which the file is received) when nothing names it.
    public static func fiscalYearSource(of form: ExtractedForm) -> String {
        (form["fiscal_year"]?.origin ?? .receipt).rawValue
    }
}

extension ValidationIssue {
    /// `{"severity", "code", "field", "cell", "message"}`; `field` and `cell` are null for file-level issues.
    public func jsonObject() -> JSONValue {
        .object([
            "severity": .string(severity.rawValue),
            "code": .string(code),
            "field": field.isEmpty ? .null : .string(field),
            "cell": cell.isEmpty ? .null : .string(cell),
            "message": .string(message),
        ])
    }
}

extension ValidatedForm {
    /// `{"sheet", "kind", "fields", "cells", "fiscal_year_source", "issues"}`.
    public func jsonObject() -> JSONValue {
        .object([
            "sheet": .string(form.sheet),
            "kind": .string(form.kind.rawValue),
            "fields": ValidationJSON.fields(of: form),
            "cells": .object(Dictionary(uniqueKeysWithValues: ValidationJSON.cells(of: form).map { ($0.key, JSONValue.string($0.cell)) })),
            "fiscal_year_source": .string(ValidationJSON.fiscalYearSource(of: form)),
            "issues": .array(issues.map { $0.jsonObject() }),
        ])
    }
}

extension FileResult {
    /// `{"path", "sha256", "status", "issues", "forms"}`; `sha256` is null when the bytes could not be read.
    public func jsonObject() -> JSONValue {
        .object([
            "path": .string(path),
            "sha256": sha256.isEmpty ? .null : .string(sha256),
            "status": .string(status.rawValue),
            "issues": .array(issues.map { $0.jsonObject() }),
            "forms": .array(forms.map { $0.jsonObject() }),
        ])
    }
}
