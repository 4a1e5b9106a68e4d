import Foundation
import Intake
import Testing

@Test func scannerLeavesHiddenLockAndYoungFilesAlone() throws {
    let t = try TestWorkspace()
    defer { t.remove() }
    try t.drop("a.xlsx", "x")
    try t.drop("sub/b.xlsx", "x")
    try t.drop(".hidden.xlsx", "x")
    try t.drop("~$a.xlsx", "x")
    try t.drop(".~lock.a.xlsx#", "x")
    try t.drop("Thumbs.db", "x")
    try t.drop(".git/c.xlsx", "x")
    try t.drop("copying.xlsx", "x", age: 0)
    let scan = InboxScanner(inbox: t.workspace.inbox, settleSeconds: 5).scan()
    #expect(scan.ready.map(\.relativePath).sorted() == ["a.xlsx", "sub/b.xlsx"])
    #expect(scan.settling.map(\.relativePath) == ["copying.xlsx"])
}

@Test func scannerWaitsForAFileWhoseSizeChangedSinceTheLastLook() throws {
    let t = try TestWorkspace()
    defer { t.remove() }
    let path = try t.drop("growing.xlsx", "part", age: 60)
    let scanner = InboxScanner(inbox: t.workspace.inbox, settleSeconds: 1)
    let first = scanner.scan(previous: [:])
    #expect(first.ready.isEmpty)  // never seen before: look again next time
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    handle.seekToEndOfFile()
    handle.write(Data("more".utf8))
    try handle.close()
    try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-30)], ofItemAtPath: path)
    let previous = Dictionary(uniqueKeysWithValues: first.settling.map { ($0.relativePath, $0.snapshot) })
    #expect(scanner.scan(previous: previous).ready.isEmpty)
    let second = scanner.scan(previous: previous)
    let now = Dictionary(uniqueKeysWithValues: second.settling.map { ($0.relativePath, $0.snapshot) })
    #expect(scanner.scan(previous: now).ready.map(\.relativePath) == ["growing.xlsx"])
}

@Test func aFileThatChangesWhileBeingTakenStaysInTheInbox() throws {
    let t = try TestWorkspace()
    defer { t.remove() }
    let path = try t.drop("a.xlsx", "valid;2024;会;事業;最終")
    var file = InboxScanner(inbox: t.workspace.inbox, settleSeconds: 1).scan().ready[0]
    file.snapshot.size -= 1  // as if it grew after we looked
    let runID = try t.ledger.beginRun(command: "run")
    let counts = try t.runner.process([file], runID: runID)
    try t.runner.finishInboxRemovals(runID: runID)
    #expect(counts.waiting == 1 && counts.accepted == 0)
    #expect(FileManager.default.fileExists(atPath: path))
    #expect(t.files(under: "archive").isEmpty)
}

@Test func aFileThatVanishesBeforeItIsTakenIsSkippedWithoutStoppingTheRun() throws {
    let t = try TestWorkspace()
    defer { t.remove() }
    let gone = try t.drop("gone.csv", "x")
    try t.drop("kept.csv", "y")
    let files = InboxScanner(inbox: t.workspace.inbox, settleSeconds: 1).scan().ready
    try FileManager.default.removeItem(atPath: gone)
    var events: [IntakeEvent] = []
    let runID = try t.ledger.beginRun(command: "run")
    let counts = try t.runner.process(files, runID: runID, onEvent: { events.append($0) })
    try t.runner.finishInboxRemovals(runID: runID)
    // Said as it is: gone, not left for later nor "still being written".
    #expect(counts.waiting == 0 && counts.rejected == 1)
    #expect(events.first { $0.relativePath == "gone.csv" }?.line.contains("なくなりました") == true)
    #expect(t.files(under: "rejected") == ["rejected/kept.csv", "rejected/kept.csv.エラー.txt"])
}
