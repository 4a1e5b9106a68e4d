import Foundation
import Testing
@testable import Intake

/// `.ods` files in the inbox are workbooks: checked and filed like `.xlsx`, never rejected for
/// their type. A flat `.fods` still is, with a note on how to save it in a form that is read.
@Test func openDocumentSpreadsheetsInTheInboxAreCheckedLikeWorkbooks() throws {
    let t = try TestWorkspace()
    defer { t.remove() }
    try t.drop("みどり.ods", "valid;2024;みどりの会;公園清掃;最終")
    try t.drop("ひかり.ODS", "invalid;2024;ひかり;子ども食堂;最終")
    try t.drop("flat.fods", "<office:document/>")
    try t.runOnce()
    #expect(t.files(under: "archive") == ["archive/2024/みどり.ods"])
    #expect(t.files(under: "rejected") == ["rejected/flat.fods", "rejected/flat.fods.エラー.txt",
                                           "rejected/ひかり.ODS", "rejected/ひかり.ODS.エラー.txt"])
    #expect(t.read("rejected/flat.fods.エラー.txt").contains("(.ods)"))
    #expect(!t.read("rejected/ひかり.ODS.エラー.txt").contains("Excel ブック（.xlsx）ではありません"))
}
