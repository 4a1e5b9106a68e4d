import Core
import Foundation
import Testing
@testable import Templates
import TestSupport
import XLSXWriting

/// The one workbook error of XLSXWriting, as the templates tell it: a file that could not be
/// written is the user's WriteFailure message; a refused building step names the step and its reason.
@Test func templateErrorFromTheWorkbooksError() {
    let opening = XLSXWriteError(path: "様式.xlsx", stage: .opening, step: "open", errno: EACCES)
    #expect(TemplateError(opening) == .writeFailed(WriteFailure(path: "様式.xlsx", errno: EACCES)))
    let closing = XLSXWriteError(path: "様式.xlsx", stage: .closing, step: "workbook_close", code: 3, errno: ENOSPC)
    #expect(TemplateError(closing).japaneseMessage == WriteFailure(path: "様式.xlsx", errno: ENOSPC).message(japanese: true))
    let building = XLSXWriteError(path: "様式.xlsx", stage: .building, step: "worksheet_merge_range", code: 1)
    guard case .buildFailed(let path, let step) = TemplateError(building) else {
        Issue.record("a building step was told as a write failure")
        return
    }
    #expect(path == "様式.xlsx")
    #expect(step.hasPrefix("worksheet_merge_range: "))
    #expect(step.count > "worksheet_merge_range: ".count)
}

/// A template into a missing folder is a WriteFailure under the path asked for (not its temporary name).
@Test func templateIntoAMissingFolderIsAWriteFailure() throws {
    let folder = try makeTemporaryDirectory("template-error")
    let path = folder.appendingPathComponent("ない/様式.xlsx").path
    #expect(throws: TemplateError.writeFailed(WriteFailure(path: path, errno: ENOENT))) {
        try TemplateWriter.write(.reflection, to: path)
    }
}
