import Forms
import Foundation
@testable import Intake
import Testing
import Validation

/// Reading a year's forms back in parallel parts gives what one reader gives, in the same order.
struct LedgerParallelReadTests {
    @Test func idRangesCoverEveryIdOnceInAboutEqualParts() {
        let ids: [Int64] = [9, 1, 4, 7, 2, 8, 3, 6, 5, 10]
        let ranges = Ledger.idRanges(of: ids, parts: 3)
        #expect(ranges.count == 3)
        for id in ids { #expect(ranges.filter { $0.contains(id) }.count == 1) }
        #expect(ranges.map { range in ids.filter(range.contains).count }.max()! <= 4)
        #expect(Ledger.idRanges(of: [], parts: 4) == [Int64.min...Int64.max])
        #expect(Ledger.idRanges(of: [5], parts: 4) == [Int64.min...Int64.max])
        #expect(Ledger.idRanges(of: [1, 2], parts: 1) == [Int64.min...Int64.max])
    }

    @Test func formsReadInPartsEqualFormsReadWhole() throws {
        let t = try TestWorkspace()
        defer { t.remove() }
        for n in 0..<11 {
            let year = n % 3 == 0 ? 2023 : 2024
            let lines = "valid;\(year);会\(n % 4);事業\(n);最終" + (n % 5 == 0 ? "\nvalid;\(year);会\(n % 4);事業\(n);;proposal" : "")
            try t.drop("s\(n).xlsx", lines, age: 100 - Double(n))
        }
        // A resubmission: its earlier version is no longer current.
        try t.runOnce()
        try t.drop("s1_fix.xlsx", "valid;2024;会1;事業1;最終\n")
        try t.runOnce()

        let whole = try t.ledger.currentFiles(throughYear: 2024)
        #expect(whole.reduce(0) { $0 + $1.forms.count } == 14)
        @Sendable func describe(_ path: String, _ form: ExtractedForm) -> String {
            "\(path)|\(form.sheet)|\(form.kind)|" + form.fields.keys.sorted().map { "\($0)=\(form.fields[$0]!)" }.joined(separator: ",")
        }
        let expected = whole.flatMap { file in file.forms.map { describe(file.path, $0.form) } }
        for parts in [1, 2, 3, 8] {
            let (files, values) = try t.ledger.mapCurrentForms(throughYear: 2024, parts: parts) { describe($0, $1) }
            #expect(values == expected, "parts: \(parts)")
            #expect(files.map(\.path) == whole.map(\.path))
            #expect(files.map { $0.forms.map(\.form.sheet) } == whole.map { $0.forms.map(\.form.sheet) })
            #expect(files.allSatisfy { $0.forms.allSatisfy { $0.form.fields.isEmpty } })
        }
    }
}
