import Core
import Foundation
@testable import Intake
import Testing

@Test func recoveryRemovesHalfCopiesAndUncommittedCopiesButNotForeignFiles() throws {
    let t = try TestWorkspace()
    defer { t.remove() }
    try t.drop("a.xlsx", "valid;2024;会;事業;最終")
    // A kill after the copy, before the commit: a complete copy the ledger does not know.
    try FileManager.default.createDirectory(atPath: t.workspace.archive + "/2024", withIntermediateDirectories: true)
    try Data("valid;2024;会;事業;最終".utf8).write(to: URL(fileURLWithPath: t.workspace.archive + "/2024/a.xlsx"))
    try Data("half".utf8).write(to: URL(fileURLWithPath: t.workspace.archive + "/2024/" + DurableFiles.temporaryPrefix + "x"))
    try Data("a note".utf8).write(to: URL(fileURLWithPath: t.workspace.rejected + "/gone.xlsx" + RejectionNote.suffix))
    try Data("mine".utf8).write(to: URL(fileURLWithPath: t.workspace.archive + "/staff-notes.txt"))
    let report = try Recovery(workspace: t.workspace, ledger: t.ledger).run()
    #expect(report.uncommittedCopiesRemoved.sorted() == ["archive/2024/a.xlsx", "rejected/gone.xlsx.エラー.txt"])
    #expect(report.temporaryFilesRemoved.count == 1)
    #expect(t.files(under: "archive") == ["archive/staff-notes.txt"])
    try t.runOnce()
    #expect(t.files(under: "archive") == ["archive/2024/a.xlsx", "archive/staff-notes.txt"])
    #expect(t.files(under: "inbox").isEmpty)
}

@Test func recoveryRemovesTheInboxCopyOfACommittedFile() throws {
    let t = try TestWorkspace()
    defer { t.remove() }
    let path = try t.drop("a.xlsx", "valid;2024;会;事業;最終")
    let saved = try Data(contentsOf: URL(fileURLWithPath: path))
    try t.runOnce()
    // As if killed after the commit but before the inbox copy was removed.
    try saved.write(to: URL(fileURLWithPath: path))
    try t.ledger.markAllInboxStoredForTesting()
    let report = try Recovery(workspace: t.workspace, ledger: t.ledger).run()
    #expect(report.inboxCopiesRemoved == ["inbox/a.xlsx"])
    #expect(t.files(under: "inbox").isEmpty)
    #expect(t.files(under: "archive") == ["archive/2024/a.xlsx"])
}

@Test func recoveryKeepsANewFileDroppedUnderACommittedName() throws {
    let t = try TestWorkspace()
    defer { t.remove() }
    try t.drop("a.xlsx", "valid;2024;会;事業;最終")
    try t.runOnce()
    try t.drop("a.xlsx", "valid;2024;会;事業;中間")
    try t.ledger.markAllInboxStoredForTesting()
    let report = try Recovery(workspace: t.workspace, ledger: t.ledger).run()
    #expect(report.inboxCopiesRemoved.isEmpty)
    #expect(t.files(under: "inbox") == ["inbox/a.xlsx"])
}

@Test func outputsOfAYearLeftStaleByAKillAreRegeneratedNextTime() throws {
    let t = try TestWorkspace()
    defer { t.remove() }
    try t.drop("a.xlsx", "valid;2022;会;事業;最終")
    try t.runOnce()
    try FileManager.default.removeItem(atPath: t.workspace.output + "/2022/listing.txt")
    try t.ledger.markOutputsStale(2022)
    try t.runOnce()
    #expect(t.read("output/2022/listing.txt").hasPrefix("a.xlsx|"))
    #expect(try t.ledger.staleOutputYears().isEmpty)
}

@Test func recoveryKeepsAWithdrawnFileTheLedgerDoesNotKnowEvenWithItsBytesInTheInbox() throws {
    let t = try TestWorkspace()
    defer { t.remove() }
    // A withdraw killed between its move and its commit, then the same bytes dropped again.
    try t.drop("a.xlsx", "valid;2024;会;事業;最終")
    let folder = t.workspace.archive + "/" + Withdrawal.folderName
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try Data("valid;2024;会;事業;最終".utf8).write(to: URL(fileURLWithPath: folder + "/a.xlsx"))
    let report = try Recovery(workspace: t.workspace, ledger: t.ledger).run()
    #expect(report.uncommittedCopiesRemoved.isEmpty)
    #expect(t.files(under: "archive") == ["archive/取り下げ/a.xlsx"])
}
