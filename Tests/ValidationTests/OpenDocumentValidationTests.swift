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
