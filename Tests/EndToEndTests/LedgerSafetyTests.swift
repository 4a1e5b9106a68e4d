import Foundation
import Testing
import TestSupport

/// The ledger is precious: `run` refuses a lost ledger instead of starting afresh, keeps rotating
/// backups, and `furikaeri ledger restore` / `rebuild` put it back.
@Suite(.serialized) struct LedgerSafetyTests {
    /// How many rows of `table` the SQLite file at `path` holds, read by Python's sqlite3.
    func rows(_ table: String, in path: String) throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM \(table)').fetchone()[0])", path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    func removeLedger(_ f: IntakeFixture) {
        for suffix in ["", "-wal", "-shm"] { unlink(f.workspace + "/.furikaeri/ledger.sqlite" + suffix) }
    }

    @Test func aMissingOrEmptiedLedgerIsRefusedWithExitFourAndNothingIsRemoved() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.make([.init(name: "a.xlsx", org: "会A", project: "事業A"), .init(name: "b.xlsx", org: "会B", project: "事業B"),
                    .init(name: "c.xlsx", org: "会C", project: "事業C")])
        try f.drop("a.xlsx")
        try f.drop("b.xlsx")
        #expect(try f.furikaeri(["run"]).status == 0)
        let archived = f.files(under: "archive")
        #expect(archived.count == 2)
        // Deleted: refused, in either language, and neither archive/ nor the inbox is touched.
        removeLedger(f)
        try f.drop("c.xlsx")
        try f.drop("a.xlsx", as: "a again.xlsx")
        let refused = try f.furikaeri(["run"])
        #expect(refused.status == 4)
        #expect(refused.stderr.contains("furikaeri ledger restore") && refused.stderr.contains("2 件"))
        #expect(f.files(under: "archive") == archived)
        #expect(f.files(under: "inbox") == ["inbox/a again.xlsx", "inbox/c.xlsx"])
        #expect(!FileManager.default.fileExists(atPath: f.workspace + "/.furikaeri/ledger.sqlite"))
        let english = try f.furikaeri(["run", "--lang", "en"])
        #expect(english.status == 4 && english.stderr.contains("missing or empty"))
        #expect(try f.furikaeri(["status"]).status == 4)
        // Emptied (a file of no bytes): the same.
        _ = FileManager.default.createFile(atPath: f.workspace + "/.furikaeri/ledger.sqlite", contents: Data())
        #expect(try f.furikaeri(["run"]).status == 4)
        #expect(f.files(under: "archive") == archived)
        // A fresh workspace, ledger not made yet and nothing stored: runs as always.
        let fresh = try IntakeFixture()
        defer { fresh.remove() }
        #expect(try fresh.furikaeri(["run"]).status == 0)
    }

    @Test func eachRunThatChangesTheLedgerKeepsABackupTheLastSevenAndRestorePutsOneBack() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        let sheets = (0..<9).map { IntakeFixture.Sheet(name: "s\($0).xlsx", org: "団体\($0)", project: "事業\($0)", seed: $0) }
        try f.make(sheets)
        let backups = f.workspace + "/.furikaeri/backup"
        for (index, sheet) in sheets.enumerated() {
            try f.drop(sheet.path)
            #expect(try f.furikaeri(["run"]).status == 0)
            // The first run found an empty ledger: nothing to keep. Each later one kept the ledger before it.
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: backups)) ?? []).sorted()
            #expect(names.count == min(index, 7))
            if let newest = names.last { #expect(try rows("files", in: backups + "/" + newest) == index) }
        }
        // A run with nothing to take changes nothing and keeps nothing more.
        let before = try FileManager.default.contentsOfDirectory(atPath: backups).sorted()
        #expect(try f.furikaeri(["run"]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: backups).sorted() == before)

        removeLedger(f)
        let listed = try f.furikaeri(["ledger", "backups"])
        #expect(listed.stdout.split(separator: "\n").map(String.init) == before)
        let restored = try f.furikaeri(["ledger", "restore"])
        #expect(restored.status == 0)
        #expect(restored.stdout.contains(before.last!) && restored.stdout.contains("1 件はこの控えに載っていません"))
        #expect(try f.furikaeri(["run"]).status == 0)
        #expect(try f.furikaeri(["status"]).stdout.contains("ふりかえりシート 8件"))
        // An older one by name; the ledger it replaces is kept as a backup.
        let older = try f.furikaeri(["ledger", "restore", before[0], "--lang", "en"])
        #expect(older.status == 0 && older.stdout.contains("was kept as"))
        #expect(try f.furikaeri(["status"]).stdout.contains("ふりかえりシート 2件"))
        let missing = try f.furikaeri(["ledger", "restore", "ledger-nothing.sqlite"])
        #expect(missing.status == 1 && missing.stderr.contains("ありません"))
    }

    @Test func rebuildRecordsArchiveAndRejectedAgainAndTheOutputsComeBackTheSame() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.make([
            .init(name: "a.xlsx", org: "みどりの会", project: "公園清掃"),
            .init(name: "old.xlsx", org: "ひかり", project: "子ども食堂", year: "令和5年度"),
            .init(name: "bad.xlsx", org: "そら", project: "見守り", valid: false),
            .init(name: "fix.xlsx", org: "みどりの会", project: "公園清掃", scores: [5, 5, 5, 5, 5, 5, 5], seed: 7),
        ])
        try f.makeFile("memo.csv", "a,b\n")
        for name in ["a.xlsx", "old.xlsx", "bad.xlsx", "memo.csv"] { try f.drop(name) }
        try f.drop("a.xlsx", as: "a のコピー.xlsx")
        #expect(try f.furikaeri(["run"]).status == 0)
        try f.drop("fix.xlsx")
        #expect(try f.furikaeri(["run"]).status == 0)
        let outputs = f.outputCSVs()
        let status = try f.furikaeri(["status"]).stdout
        #expect(!outputs.isEmpty)

        removeLedger(f)
        let rebuilt = try f.furikaeri(["ledger", "rebuild"])
        #expect(rebuilt.status == 0)
        #expect(rebuilt.stdout.contains("受付 3件、差戻 2件、重複 1件"))
        #expect(try rows("files", in: f.workspace + "/.furikaeri/ledger.sqlite") == 6)
        for name in try FileManager.default.contentsOfDirectory(atPath: f.workspace + "/output") {
            try FileManager.default.removeItem(atPath: f.workspace + "/output/" + name)
        }
        #expect(try f.furikaeri(["run"]).status == 0)
        #expect(try f.furikaeri(["status"]).stdout == status)
        #expect(f.outputCSVs() == outputs)
        // Rebuilding a ledger that records files keeps it as a backup first.
        let again = try f.furikaeri(["ledger", "rebuild", "--lang", "en"])
        #expect(again.status == 0 && again.stdout.contains("was kept as"))
    }
}
