import Foundation
import Testing
import XLSX
@testable import Forms

/// What a generator script (scripts/formlib.py) says each sheet of a workbook holds: the form kind
/// and every field's cell and typed value, or nil for a sheet that is not a form.
struct SheetExpectation {
    var kind: FormKind
    var fields: [String: (cell: String, value: FieldValue)]
}

enum FixtureExpectations {
    /// Loads an expectations file: workbook file name → sheet name → expectation (nil: not a form).
    static func load(_ url: URL) throws -> [String: [String: SheetExpectation?]] {
        let data = try Data(contentsOf: url)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
        var out: [String: [String: SheetExpectation?]] = [:]
        for (file, sheets) in root {
            var bySheet: [String: SheetExpectation?] = [:]
            for (sheet, value) in sheets {
                guard let object = value as? [String: Any], let kindText = object["kind"] as? String,
                      let kind = FormKind(rawValue: kindText) else {
                    bySheet[sheet] = .some(nil)
                    continue
                }
                var fields: [String: (cell: String, value: FieldValue)] = [:]
                for (key, field) in object["fields"] as? [String: [String: Any]] ?? [:] {
                    let value = field["value"] as? [String: Any] ?? [:]
                    fields[key] = (field["cell"] as? String ?? "", decode(value))
                }
                bySheet[sheet] = SheetExpectation(kind: kind, fields: fields)
            }
            out[file] = bySheet
        }
        return out
    }

    static func decode(_ value: [String: Any]) -> FieldValue {
        let v = value["v"]
        switch value["type"] as? String {
        case "blank": return .blank
        case "text": return .text(v as? String ?? "")
        case "integer": return .integer((v as? NSNumber)?.intValue ?? Int.min)
        case "decimal": return .decimal((v as? NSNumber)?.doubleValue ?? .nan)
        case "fiscalYear": return .fiscalYear((v as? NSNumber)?.intValue ?? Int.min)
        case "yen": return .yen((v as? NSNumber)?.intValue ?? Int.min)
        case "unreadable": return .unreadable(v as? String ?? "")
        default: return .unreadable("unknown expectation \(value)")
        }
    }

    /// Checks forms extracted from one workbook against its expectations: every form sheet found with
    /// its kind, every expected field at its cell with its value, no unexpected field, non-forms skipped.
    static func check(file: String, forms: [ExtractedForm], sheetNames: [String],
                      expected: [String: SheetExpectation?], sourceLocation: SourceLocation = #_sourceLocation) {
        let bySheet = Dictionary(forms.map { ($0.sheet, $0) }, uniquingKeysWith: { first, _ in first })
        for name in sheetNames {
            guard let expectation = expected[name] else {
                Issue.record("\(file): sheet \(name) has no expectation", sourceLocation: sourceLocation)
                continue
            }
            guard let expectation else {
                #expect(bySheet[name] == nil, "\(file) / \(name) is not a form", sourceLocation: sourceLocation)
                continue
            }
            guard let form = bySheet[name] else {
                Issue.record("\(file) / \(name): no form found", sourceLocation: sourceLocation)
                continue
            }
            #expect(form.kind == expectation.kind, "\(file) / \(name)", sourceLocation: sourceLocation)
            for (key, want) in expectation.fields.sorted(by: { $0.key < $1.key }) {
                guard let reading = form[key] else {
                    Issue.record("\(file) / \(name): \(key) missing", sourceLocation: sourceLocation)
                    continue
                }
                #expect(reading.cell.a1 == want.cell, "\(file) / \(name): \(key) cell", sourceLocation: sourceLocation)
                #expect(reading.value == want.value, "\(file) / \(name): \(key) value", sourceLocation: sourceLocation)
            }
            let unexpected = Set(form.fields.keys).subtracting(expectation.fields.keys)
            #expect(unexpected.isEmpty, "\(file) / \(name): unexpected fields \(unexpected.sorted())",
                    sourceLocation: sourceLocation)
        }
    }
}
