import Core
import Testing
import XLSX
@testable import Validation

@Suite struct ReaderErrorCodeTests {
    static let everyCase: [XLSXError] = [
        .cannotOpenFile(path: "a.xlsx", reason: "x"), .notAZip, .passwordProtected, .legacyXLS, .openDocumentSpreadsheet,
        .corruptArchive(detail: "x"), .noWorkbookPart, .limitExceeded(limit: .cellCount, detail: "x"), .unsafeXML(part: "x"),
        .malformedXML(part: "x", detail: "y"), .sheetIndexOutOfRange(index: 1, count: 1),
    ]

    @Test func everyReaderErrorHasItsOwnStableCode() {
        let codes = Self.everyCase.map { FileValidator.readerProblem($0).code }
        #expect(Set(codes).count == codes.count)
        #expect(codes.allSatisfy { $0.hasPrefix("reader.") && $0 == $0.lowercased() && !$0.contains(" ") })
        #expect(FileValidator.readerProblem(XLSXError.legacyXLS).code == "reader.legacy_xls")
        #expect(FileValidator.readerProblem(XLSXError.notAZip).code == "reader.not_a_zip")
        #expect(FileValidator.readerProblem(XLSXError.unsafeXML(part: "x")).code == "reader.unsafe_xml")
    }

    @Test(arguments: Language.allCases)
    func readerErrorMessageIsTheReadersOwnAfterTheFileName(_ language: Language) {
        let validator = FileValidator(language: language) { _ in throw XLSXError.passwordProtected }
        let result = validator.fileResult(path: "in/鍵付き.xlsx", sha256: "x", problem: FileValidator.readerProblem(XLSXError.passwordProtected))
        #expect(result.status == .unreadable)
        let expected = language == .ja ? XLSXError.passwordProtected.japaneseMessage : XLSXError.passwordProtected.englishMessage
        #expect(result.issues[0].message.hasSuffix(expected))
        #expect(result.issues[0].message.contains("鍵付き.xlsx"))
    }
}
