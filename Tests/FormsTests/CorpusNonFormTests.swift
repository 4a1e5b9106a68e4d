import Foundation
import TestSupport
import Testing
import XLSX
@testable import Forms

/// Real workbooks that are not forms (the vendored reference corpus, written by Excel and others)
/// give no form and never trap.
@Suite struct CorpusNonFormTests {
    @Test func workbooksThatAreNotFormsGiveNoForms() throws {
        let directory = TestPaths.fixtures.appendingPathComponent("shared/corpus/calamine")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".xlsx") }
        #expect(files.count > 20)
        var opened = 0
        for file in files.sorted() {
            // Some corpus files are deliberately broken; only the reader judges those.
            guard let workbook = try? Workbook.open(path: directory.appendingPathComponent(file).path) else { continue }
            opened += 1
            let forms = (try? FormExtractor().extractForms(from: workbook)) ?? []
            #expect(forms.isEmpty, "\(file): \(forms.map(\.sheet))")
        }
        #expect(opened > 20)
    }
}
