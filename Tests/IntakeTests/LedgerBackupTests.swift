import Foundation
import Intake
import Settings
import Testing

/// Backups are kept before a pass changes a ledger that records files: every run, every so often for watch.
@Suite struct LedgerBackupTests {
    func session(_ t: TestWorkspace, secondsBetweenBackups: Double) throws -> IntakeSession {
        var settings = Settings.defaults
        settings.intake.settleSeconds = 1
        var session = try IntakeSession(workspace: t.workspace, settings: settings, checker: TextFormChecker(),
                                        outputs: ListingOutputWriter(), lockTimeout: 0)
        session.minimumSecondsBetweenBackups = secondsBetweenBackups
        return session
    }

    @Test func runKeepsOneBeforeEveryChangeAndWatchAtMostOneAnInterval() throws {
        let t = try TestWorkspace()
        defer { t.remove() }
        let run = try session(t, secondsBetweenBackups: 0)
        let watch = try session(t, secondsBetweenBackups: 600)
        try t.drop("a.xlsx", "valid;2024;会;事業A;最終")
        _ = try run.pass(command: "run")
        #expect(LedgerBackups.list(t.workspace).isEmpty)  // the ledger recorded nothing before
        try t.drop("b.xlsx", "valid;2024;会;事業B;最終")
        _ = try watch.pass(command: "watch")
        #expect(LedgerBackups.list(t.workspace).count == 1)
        try t.drop("c.xlsx", "valid;2024;会;事業C;最終")
        _ = try watch.pass(command: "watch")
        #expect(LedgerBackups.list(t.workspace).count == 1)  // the newest is younger than 600 s
        _ = try watch.pass(command: "watch")  // nothing to take: nothing kept either
        try t.drop("d.xlsx", "valid;2024;会;事業D;最終")
        _ = try run.pass(command: "run")
        #expect(LedgerBackups.list(t.workspace).count == 2)
    }
}
