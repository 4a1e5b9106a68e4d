import Foundation
import Testing
import TestSupport

/// `furikaeri doctor`: one test per condition it reports.
@Suite(.serialized) struct DoctorCommandTests {
    /// A workspace that has taken one valid and one invalid sheet.
    static func workspaceAfterARun() throws -> IntakeFixture {
        let f = try IntakeFixture()
        try f.make([.init(name: "a.xlsx", org: "会", project: "事業"), .init(name: "b.xlsx", org: "会", project: "事業2", valid: false)])
        try f.drop("a.xlsx")
        try f.drop("b.xlsx")
        #expect(try f.furikaeri(["run"]).status == 0)
        return f
    }

    /// The codes of the findings marked as errors / warnings in doctor's output.
    static func codes(_ output: String, _ mark: String) -> [String] {
        output.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("[\(mark)] ") else { return nil }
            return String(line.dropFirst(mark.count + 3).prefix { $0 != ":" })
        }
    }

    /// Python's sqlite3 on the ledger (test-time only).
    static func python(_ code: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", code] + arguments
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func aHealthyWorkspaceHasNothingToFixAndShowsTheLastRun() throws {
        let f = try Self.workspaceAfterARun()
        defer { f.remove() }
        let result = try f.furikaeri(["doctor"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(Self.codes(result.stdout, "エラー").isEmpty)
        #expect(result.stdout.contains("[OK] folders: 書き込めるフォルダ: inbox/ archive/ rejected/ output/ templates/ .furikaeri/"))
        #expect(result.stdout.contains("[OK] settings:"))
        #expect(result.stdout.contains("[OK] ledger: 台帳にある保管ファイル 3 件がすべてあります。"))
        #expect(result.stdout.contains("（run）受付 1・差戻 1・重複 0"))
        #expect(result.stdout.contains("直すべき点はありません"))
        // Looking changed nothing: no probe left behind.
        #expect(IntakeFixture.files(under: f.workspace, includeHidden: true).allSatisfy { !$0.contains(".furikaeri-doctor-") })
    }

    @Test func aMissingWorkspaceSaysToInitIt() throws {
        let root = try makeTemporaryDirectory("doctor")
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try FurikaeriBinary.run(["doctor", "--workspace", root.appendingPathComponent("none").path])
        #expect(result.status == 1)
        #expect(Self.codes(result.stdout, "エラー") == ["workspace.missing"])
        #expect(result.stdout.contains("furikaeri init '\(root.appendingPathComponent("none").path)'"))
    }

    @Test func aMissingFolderIsNamed() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try FileManager.default.removeItem(atPath: f.workspace + "/rejected")
        let result = try f.furikaeri(["doctor"])
        #expect(result.status == 1)
        #expect(Self.codes(result.stdout, "エラー") == ["folder.missing"])
        #expect(result.stdout.contains("フォルダ rejected/ がありません。"))
    }

    /// As root (who writes anywhere) the check runs as `nobody`, the way the service's user would.
    @Test func aFolderTheUserCannotWriteIsNamed() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        let asRoot = geteuid() == 0
        for folder in ["", "/inbox", "/archive", "/templates", "/.furikaeri"] {
            chmod(f.workspace + folder, asRoot ? 0o777 : 0o755)
        }
        chmod(f.root.path, 0o755)
        chmod(f.workspace + "/rejected", 0o555)
        chmod(f.workspace + "/output", 0o555)
        defer { chmod(f.workspace + "/rejected", 0o755); chmod(f.workspace + "/output", 0o755) }
        let command = (asRoot ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : [])
            + [FurikaeriBinary.path, "doctor", "--workspace", f.workspace]
        let result = try InstallTests.run(command)
        #expect(result.status == 1, "\(result.output)")
        // Both folders in one finding, with one fix.
        #expect(Self.codes(result.output, "エラー") == ["folder.not_writable"])
        #expect(result.output.contains("フォルダ rejected/ output/ に書き込めません（権限がありません）"))
        #expect(result.output.contains("sudo chown -R furikaeri:"))
    }

    @Test func settingsThatCannotBeUsedAreReported() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try "intake:\n  settle_seconds: [oops\n".write(toFile: f.workspace + "/furikaeri.yml", atomically: true, encoding: .utf8)
        let result = try f.furikaeri(["doctor"])
        #expect(result.status == 1)
        #expect(Self.codes(result.stdout, "エラー") == ["settings.invalid"])
    }

    @Test func aLedgerThatIsNotADatabaseIsReported() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: f.workspace + "/.furikaeri/ledger.sqlite"))
        let result = try f.furikaeri(["doctor"])
        #expect(result.status == 1)
        #expect(Self.codes(result.stdout, "エラー") == ["ledger.unreadable"])
    }

    /// A damaged page of a table doctor does not read itself: only `quick_check` can see it.
    @Test func aDamagedLedgerIsReported() throws {
        let f = try Self.workspaceAfterARun()
        defer { f.remove() }
        try Self.python("""
            import sqlite3, sys
            path = sys.argv[1]
            db = sqlite3.connect(path)
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            size = db.execute("PRAGMA page_size").fetchone()[0]
            root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'issues'").fetchone()[0]
            db.close()
            with open(path, "r+b") as f:
                f.seek((root - 1) * size)
                f.write(b"\\xff" * 8)
            """, [f.workspace + "/.furikaeri/ledger.sqlite"])
        let result = try f.furikaeri(["doctor"])
        #expect(result.status == 1, "\(result.stdout)")
        #expect(Self.codes(result.stdout, "エラー") == ["ledger.corrupt"])
    }

    @Test func aStoredFileMissingFromTheDiskIsNamed() throws {
        let f = try Self.workspaceAfterARun()
        defer { f.remove() }
        try FileManager.default.removeItem(atPath: f.workspace + "/archive/2024/a.xlsx")
        let result = try f.furikaeri(["doctor", "--lang", "en"])
        #expect(result.status == 1)
        #expect(Self.codes(result.stdout, "ERROR") == ["ledger.missing_files"])
        #expect(result.stdout.contains("1 file(s) the ledger records are not on disk: archive/2024/a.xlsx"))
        #expect(!result.stdout.contains("台帳"))
    }

    @Test func lowFreeSpaceIsAWarning() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        let result = try f.furikaeri(["doctor", "--min-free-mb", "1000000000"])
        #expect(result.status == 0)
        #expect(Self.codes(result.stdout, "注意").contains("disk.low"))
        #expect(Self.codes(result.stdout, "エラー").isEmpty)
    }

    @Test func anUnfinishedLastRunIsAWarning() throws {
        let f = try Self.workspaceAfterARun()
        defer { f.remove() }
        try Self.python("""
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("UPDATE runs SET finished_at = NULL")
            db.commit()
            """, [f.workspace + "/.furikaeri/ledger.sqlite"])
        let result = try f.furikaeri(["doctor"])
        #expect(result.status == 0)
        #expect(Self.codes(result.stdout, "注意").contains("run.unfinished"))
    }

    @Test func anUnusedWorkspaceSaysThereIsNoLedgerYet() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        let result = try f.furikaeri(["doctor"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("[OK] ledger.none:"))
    }
}
