import Foundation
import Testing
import TestSupport
@testable import Validation

/// A folder holding a reflection sheet as `.xlsx` and as `.ods` (saved by LibreOffice) yields both,
/// and both validate with the same readings.
@Test func folderWalkFindsODSAndItValidatesAsTheXLSXDoes() throws {
    let dir = try makeTemporaryDirectory("ods-validate")
    defer { try? FileManager.default.removeItem(at: dir) }
    for (source, name) in [("forms/seed_table_openpyxl.xlsx", "seed.xlsx"), ("ods/seed_table_openpyxl.ods", "sub/seed.ods")] {
        let target = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestPaths.fixtures.appendingPathComponent(source), to: target)
    }
    let results = FileValidator.forWorkbooks().validate(paths: [dir.path])
    #expect(results.map { String($0.path.dropFirst(dir.path.count + 1)) } == ["seed.xlsx", "sub/seed.ods"])
    #expect(results.map(\.status) == [.valid, .valid])
    #expect(results.count == 2 && results[0].forms.map(\.form) == results[1].forms.map(\.form))
}

/// A damaged `.ods` gets the reader's own message (what is wrong with it), not "not a workbook".
@Test func damagedODSGetsTheReadersMessage() throws {
    let dir = try makeTemporaryDirectory("ods-damaged")
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("壊れた.ods")
    try ZipWriter.write([.init("mimetype", "application/vnd.oasis.opendocument.spreadsheet", stored: true),
                         .init("META-INF/manifest.xml", "<manifest/>")], to: url)
    let result = FileValidator.forWorkbooks().validateFile(at: url.path)
    #expect(result.status == .unreadable)
    #expect(result.issues.codes == ["reader.open_document_spreadsheet"])
    #expect(result.issues.first?.message.contains("content.xml") == true)
}
