import Core
import Foundation
import Forms
import Settings
import Testing
import TestSupport
@testable import Validation

/// A reader error shaped like the XLSX reader's: an enum with messages for staff.
private enum FakeReaderError: LocalizedReaderError {
    case notAZip
    case corruptArchive(detail: String)
    var japaneseMessage: String { "壊れています。保存し直してください。" }
    var englishMessage: String { "Damaged. Save it again." }
}

@Suite struct FileValidatorTests {
    /// A folder of files whose contents tell the fake reader what to return.
    func folder(_ files: [String: String]) throws -> URL {
        let dir = try makeTemporaryDirectory()
        for (name, content) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
        return dir
    }

    /// Reads the file's text: `clean`, `bad`, `none`, `zip`, `corrupt` choose what the workbook holds.
    static let fakeReader: FileValidator.FormReader = { path in
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        switch text {
        case "clean": return WorkbookForms(sheetNames: ["ふりかえり"], forms: [Build.reflection()])
        case "bad": return WorkbookForms(sheetNames: ["ふりかえり", "メモ"],
                                         forms: [Build.reflection(scores: [.achievement: .integer(9)])])
        case "warn": return WorkbookForms(sheetNames: ["提案"], forms: [Build.proposal {
            $0["phone"] = Build.text("phone", "電話番号", "C23", "12") }])
        case "none": return WorkbookForms(sheetNames: ["Sheet1", "メモ"], forms: [])
        case "corrupt": throw FakeReaderError.corruptArchive(detail: "CRC")
        default: throw FakeReaderError.notAZip
        }
    }

    let validator = FileValidator(readForms: FileValidatorTests.fakeReader)

    @Test func cleanFileIsValidWithItsHash() throws {
        let dir = try folder(["a.xlsx": "clean"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = validator.validateFile(at: dir.appendingPathComponent("a.xlsx").path)
        #expect(result.status == .valid)
        #expect(result.issues.isEmpty)
        #expect(result.forms.count == 1)
        #expect(result.sha256 == SHA256.hex(of: Array("clean".utf8)))
    }

    @Test func errorMakesFileInvalidAndWarningDoesNot() throws {
        let dir = try folder(["bad.xlsx": "bad", "warn.xlsx": "warn"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = validator.validateFile(at: dir.appendingPathComponent("bad.xlsx").path)
        #expect(bad.status == .invalid)
        #expect(bad.forms[0].issues.codes == ["score.out_of_range"])
        let warn = validator.validateFile(at: dir.appendingPathComponent("warn.xlsx").path)
        #expect(warn.status == .valid)
        #expect(warn.forms[0].issues.codes == ["contact.phone_format"])
    }

    @Test func workbookWithoutFormIsFormNotFoundAndInvalid() throws {
        let dir = try folder(["none.xlsx": "none"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = validator.validateFile(at: dir.appendingPathComponent("none.xlsx").path)
        #expect(result.status == .invalid)
        #expect(result.issues.codes == ["form.not_found"])
        #expect(result.issues[0].severity == .error)
        #expect(result.issues[0].message.contains("「Sheet1」、「メモ」"))
    }

    @Test func readerErrorBecomesReaderCaseIssueAndUnreadable() throws {
        let dir = try folder(["z.xlsx": "zip", "c.xlsx": "corrupt"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let z = validator.validateFile(at: dir.appendingPathComponent("z.xlsx").path)
        #expect(z.status == .unreadable)
        #expect(z.issues.codes == ["reader.not_a_zip"])
        #expect(z.issues[0].message == "ファイル「z.xlsx」を読めません。壊れています。保存し直してください。")
        #expect(!z.sha256.isEmpty)
        let c = validator.validateFile(at: dir.appendingPathComponent("c.xlsx").path)
        #expect(c.issues.codes == ["reader.corrupt_archive"])
        let en = FileValidator(language: .en, readForms: Self.fakeReader).validateFile(at: dir.appendingPathComponent("c.xlsx").path)
        #expect(en.issues[0].message == "c.xlsx cannot be read. Damaged. Save it again.")
    }

    @Test func fileNotNamedAsWorkbookThatCannotBeReadIsNotXLSX() throws {
        let dir = try folder(["memo.csv": "a,b", "old.xls": "x", "renamed.csv": "clean"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = validator.validateFile(at: dir.appendingPathComponent("memo.csv").path)
        #expect(csv.status == .unreadable)
        #expect(csv.issues.codes == ["file.not_xlsx"])
        let xls = validator.validateFile(at: dir.appendingPathComponent("old.xls").path)
        #expect(xls.issues[0].message.contains("名前を付けて保存"))
        // A workbook with the wrong name is still read.
        #expect(validator.validateFile(at: dir.appendingPathComponent("renamed.csv").path).status == .valid)
    }

    @Test func vanishedFileIsFileUnreadableWithoutHash() {
        let result = validator.validateFile(at: "/nonexistent/gone.xlsx")
        #expect(result.status == .unreadable)
        #expect(result.issues.codes == ["file.unreadable"])
        #expect(result.sha256 == "")
    }

    @Test func foldersAreExpandedRecursivelySkippingHiddenAndLockFiles() throws {
        let dir = try folder([
            "b.xlsx": "clean", "a.xlsx": "bad", "sub/c.xlsx": "clean", "sub/deeper/d.xlsm": "clean",
            ".hidden.xlsx": "clean", "~$a.xlsx": "clean", ".git/x.xlsx": "clean", "notes.txt": "x", "old.xls": "x",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let names = validator.validate(paths: [dir.path]).map { String($0.path.dropFirst(dir.path.count + 1)) }
        #expect(names == ["a.xlsx", "b.xlsx", "old.xls", "sub/c.xlsx", "sub/deeper/d.xlsm"])
    }

    @Test func explicitFileAndDuplicatesAreTakenOnceInSortedOrder() throws {
        let dir = try folder(["b.xlsx": "clean", "a.xlsx": "clean", "notes.txt": "x"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let b = dir.appendingPathComponent("b.xlsx").path, notes = dir.appendingPathComponent("notes.txt").path
        let paths = validator.validate(paths: [notes, b, dir.path]).map(\.path)
        #expect(paths == [dir.appendingPathComponent("a.xlsx").path, b, notes])
        #expect(PathExpansion.expand([dir.path + "/missing.xlsx"]).missing == [dir.path + "/missing.xlsx"])
    }

    @Test func parallelValidationKeepsOrderAndMatchesSerialResults() throws {
        var files: [String: String] = [:]
        for i in 0..<200 { files[String(format: "f%03d.xlsx", i)] = ["clean", "bad", "none", "zip"][i % 4] }
        let dir = try folder(files)
        defer { try? FileManager.default.removeItem(at: dir) }
        let parallel = validator.validate(paths: [dir.path])
        let serial = PathExpansion.expand([dir.path]).files.map(validator.validateFile(at:))
        #expect(parallel == serial)
        #expect(parallel.map(\.status).filter { $0 == .unreadable }.count == 50)
    }

    @Test func filesReadIntoMemoryGiveTheSameResultsAsFilesReadByPath() throws {
        let dir = try folder(["a.xlsx": "clean", "b.xlsx": "bad", "c.xlsx": "none", "d.xlsx": "corrupt",
                              "e.xlsx": "warn", "f.csv": "zip", "g.xlsm": "zip"])
        defer { try? FileManager.default.removeItem(at: dir) }
        // The in-memory reader sees only the bytes handed to it, never the file on disk.
        let inMemory = FileValidator(readForms: { _ in throw FakeReaderError.notAZip }, readFormsInMemory: { file, _ in
            let text = String(decoding: file.bytes, as: UTF8.self)
            let copy = dir.appendingPathComponent("copy-\(UUID().uuidString)")
            try Data(text.utf8).write(to: copy)
            defer { try? FileManager.default.removeItem(at: copy) }
            return try Self.fakeReader(copy.path)
        })
        let paths = [dir.path, "/nonexistent/gone.xlsx", dir.appendingPathComponent("sub-folder-as-file").path]
        try FileManager.default.createDirectory(atPath: paths[2], withIntermediateDirectories: true)
        let byPath = PathExpansion.expand(paths).files + [paths[1], paths[2], dir.appendingPathComponent("f.csv").path]
        #expect(inMemory.validate(files: byPath) == validator.validate(files: byPath))
        #expect(inMemory.validate(files: byPath).map(\.status).filter { $0 == .unreadable }.count == 5)
    }

    @Test func readerCaseNamesAreSnakeCase() {
        #expect(FileValidator.snakeCase("corruptArchive") == "corrupt_archive")
        #expect(FileValidator.snakeCase("legacyXLS") == "legacy_xls")
        #expect(FileValidator.snakeCase("notAZip") == "not_a_zip")
        #expect(FileValidator.snakeCase("unsafeXML") == "unsafe_xml")
    }
}

@Test func pathOrderIsCodePointOrder() {
    let paths = ["", "a", "a/b", "a/b.xlsx", "A", "ab", "é", "e\u{301}", "日本/a", "日本", "z", "\u{10000}", "\u{FFFF}",
                 "in/シート2.xlsx", "in/シート10.xlsx", "in/sheet.xlsx", "in/sheet.xlsx "]
    for a in paths {
        for b in paths {
            #expect(ByteOrder.less(a, b) == a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars),
                    "\(a) < \(b)")
        }
    }
}

/// `Parallel.map(count:workers:_:)` on more workers than cores: every index once, in order.
@Test func parallelMapOnManyWorkersKeepsTheOrder() {
    let squares = Parallel.map(count: 1_000, workers: 16) { $0 * $0 }
    #expect(squares == (0..<1_000).map { $0 * $0 })
    #expect(Parallel.map(count: 1, workers: 16) { $0 + 1 } == [1])
    #expect(Parallel.map(count: 0, workers: 16) { $0 } == [])
}
