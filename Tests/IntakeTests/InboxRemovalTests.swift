import Foundation
import Intake
import Testing

/// A taken file leaves the inbox only while its name still holds that very file.
@Suite struct InboxRemovalTests {
    @Test func aFileSavedAgainBetweenCommitAndRemovalStaysInTheInbox() throws {
        let t = try TestWorkspace()
        defer { t.remove() }
        try t.drop("a.xlsx", "valid;2024;会;事業;最終")
        try t.drop("b.xlsx", "valid;2024;会;別事業;最終")
        // As Excel saves: a new file renamed over the old name, right after the commit.
        t.runner.afterCommit = { files in
            guard let a = files.first(where: { $0.relativePath == "a.xlsx" }) else { return }
            let temporary = t.workspace.inbox + "/~tmp1234"
            try? Data("valid;2024;会;事業;最終\n修正".utf8).write(to: URL(fileURLWithPath: temporary))
            rename(temporary, a.path)
        }
        _ = try Recovery(workspace: t.workspace, ledger: t.ledger).run()
        let scan = InboxScanner(inbox: t.workspace.inbox, settleSeconds: 1).scan()
        let runID = try t.ledger.beginRun(command: "run")
        let counts = try t.runner.process(scan.ready, runID: runID)
        let kept = try t.runner.finishInboxRemovals(runID: runID)
        #expect(counts.accepted == 2)
        #expect(kept == ["a.xlsx"])
        #expect(t.files(under: "inbox") == ["inbox/a.xlsx"])
        #expect(t.read("inbox/a.xlsx") == "valid;2024;会;事業;最終\n修正")
        #expect(t.read("archive/2024/a.xlsx") == "valid;2024;会;事業;最終")
        // The next run takes the new version as a file of its own, and the recovery leaves it alone.
        t.runner.afterCommit = nil
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)],
                                              ofItemAtPath: t.workspace.inbox + "/a.xlsx")
        let (again, _) = try t.runOnce()
        #expect(again.accepted == 1)
        #expect(t.files(under: "inbox").isEmpty)
        #expect(t.files(under: "archive") == ["archive/2024/a (2).xlsx", "archive/2024/a.xlsx", "archive/2024/b.xlsx"])
    }

    @Test func aFileTouchedButWithTheSameBytesIsRemovedAndAVanishedOneIsNoFailure() throws {
        let t = try TestWorkspace()
        defer { t.remove() }
        try t.drop("a.xlsx", "valid;2024;会;事業;最終")
        try t.drop("b.xlsx", "valid;2024;会;別事業;最終")
        t.runner.afterCommit = { files in
            for file in files where file.relativePath == "a.xlsx" {
                // Same bytes, another inode and time (a copy over itself): still what was stored.
                let temporary = t.workspace.inbox + "/~tmp"
                try? FileManager.default.copyItem(atPath: file.path, toPath: temporary)
                rename(temporary, file.path)
            }
            for file in files where file.relativePath == "b.xlsx" { unlink(file.path) }
        }
        let (counts, _) = try t.runOnce()
        #expect(counts.accepted == 2)
        #expect(t.files(under: "inbox").isEmpty)
    }
}

/// Links are never followed, not even one that replaces a subfolder during a run.
@Suite struct NoFollowTests {
    @Test func aSubfolderSwappedForALinkBetweenCommitAndRemovalLeadsNothingOutsideToBeRemoved() throws {
        let t = try TestWorkspace()
        defer { t.remove() }
        let outside = t.workspace.root + "-outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try Data("valid;2024;会;事業;最終".utf8).write(to: URL(fileURLWithPath: outside + "/a.xlsx"))  // same bytes, another file
        try t.drop("sub/a.xlsx", "valid;2024;会;事業;最終")
        t.runner.afterCommit = { _ in
            rename(t.workspace.inbox + "/sub", t.workspace.inbox + "/moved")
            symlink(outside, t.workspace.inbox + "/sub")
        }
        _ = try Recovery(workspace: t.workspace, ledger: t.ledger).run()
        let scan = InboxScanner(inbox: t.workspace.inbox, settleSeconds: 1).scan()
        let runID = try t.ledger.beginRun(command: "run")
        let counts = try t.runner.process(scan.ready, runID: runID)
        let kept = try t.runner.finishInboxRemovals(runID: runID)
        #expect(counts.accepted == 1 && kept == ["sub/a.xlsx"])
        #expect(FileManager.default.fileExists(atPath: outside + "/a.xlsx"))
        #expect(t.files(under: "archive") == ["archive/2024/a.xlsx"])
        // The next look sees the link as a link: reported, not followed, not taken.
        let next = InboxScanner(inbox: t.workspace.inbox, settleSeconds: 1).scan()
        #expect(next.links == ["sub"] && next.ready.map(\.relativePath) == ["moved/a.xlsx"])
    }
}
