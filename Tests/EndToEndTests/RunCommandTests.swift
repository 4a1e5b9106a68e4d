import Foundation
import Testing
import TestSupport

/// `furikaeri run` on temporary workspaces, with sheets made by openpyxl.
@Suite(.serialized) struct RunCommandTests {
    @Test func validInvalidAndOtherFilesGoToArchiveOrRejectedWithANote() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.make([
            .init(name: "good.xlsx", org: "みどりの会", project: "公園清掃"),
            .init(name: "old.xlsx", org: "ひかり", project: "子ども食堂", year: "令和5年度"),
            .init(name: "bad.xlsx", org: "そら", project: "見守り", valid: false),
        ])
        try f.makeFile("report.xls", "not really xls")
        for name in ["good.xlsx", "old.xlsx", "bad.xlsx"] { try f.drop(name) }
        try f.drop("report.xls", as: "文化振興課/report.xls")
        let result = try f.furikaeri(["run"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("受付 2件、差戻 2件、重複 0件"))
        #expect(f.files(under: "inbox").isEmpty)
        #expect(f.files(under: "archive") == ["archive/2023/old.xlsx", "archive/2024/good.xlsx"])
        #expect(f.files(under: "rejected") == ["rejected/bad.xlsx", "rejected/bad.xlsx.エラー.txt",
                                               "rejected/文化振興課/report.xls", "rejected/文化振興課/report.xls.エラー.txt"])
        let note = try String(contentsOfFile: f.workspace + "/rejected/bad.xlsx.エラー.txt", encoding: .utf8)
        #expect(note.contains("D16") && note.contains("市のコメント"))
        let xlsNote = try String(contentsOfFile: f.workspace + "/rejected/文化振興課/report.xls.エラー.txt", encoding: .utf8)
        #expect(xlsNote.contains("名前を付けて保存") && xlsNote.contains("Excel ブック (*.xlsx)"))
        // Outputs for both years; the 2024 comparison includes 2023.
        let csvs = f.outputCSVs()
        #expect(csvs.keys.contains("2024/ふりかえり_事業別_令和6年度.csv"))
        #expect(csvs.keys.contains("2023/ふりかえり_事業別_令和5年度.csv"))
        let projects = String(decoding: csvs["2024/ふりかえり_事業別_令和6年度.csv"] ?? Data(), as: UTF8.self)
        #expect(projects.contains("みどりの会") && !projects.contains("そら"))
        let comparison = String(decoding: csvs["2024/ふりかえり_経年比較.csv"] ?? Data(), as: UTF8.self)
        #expect(comparison.contains("令和5年度") && comparison.contains("令和6年度"))
        // Nothing left half-written.
        #expect(IntakeFixture.files(under: f.workspace, includeHidden: true).allSatisfy { !$0.contains(".furikaeri-partial-") })
    }

    @Test func anExactDuplicateIsArchivedButNotCountedAgain() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.make([.init(name: "a.xlsx", org: "みどりの会", project: "公園清掃")])
        try f.drop("a.xlsx")
        try f.furikaeri(["run"])
        let before = f.outputCSVs()
        try f.drop("a.xlsx", as: "a のコピー.xlsx")
        try f.drop("a.xlsx", as: "別の課/a.xlsx")
        let result = try f.furikaeri(["run", "--verbose"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("受付 0件、差戻 0件、重複 2件"))
        #expect(result.stdout.contains("重複 a のコピー.xlsx"))
        #expect(f.files(under: "archive") == ["archive/2024/a (2).xlsx", "archive/2024/a のコピー.xlsx", "archive/2024/a.xlsx"])
        #expect(f.outputCSVs() == before)
        let status = try f.furikaeri(["status"])
        #expect(status.stdout.contains("ふりかえりシート 1件") && status.stdout.contains("重複 2件"))
    }

    @Test func aCorrectedResubmissionReplacesTheEarlierSheetAndKeepsIt() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.make([
            .init(name: "first/報告.xlsx", org: "ＮＰＯ法人　みどり", project: "公園清掃", scores: [1, 1, 1, 1, 1, 1, 1], seed: 1),
            .init(name: "second/報告.xlsx", org: "NPO法人みどり", project: "公園清掃", scores: [5, 5, 5, 5, 5, 5, 5], seed: 2),
        ])
        try f.drop("first/報告.xlsx", as: "報告.xlsx")
        try f.furikaeri(["run"])
        try f.drop("second/報告.xlsx", as: "報告.xlsx")
        let result = try f.furikaeri(["run", "--verbose"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("置き換え"))
        #expect(f.files(under: "archive") == ["archive/2024/報告 (2).xlsx", "archive/2024/報告.xlsx"])
        let projects = String(decoding: f.outputCSVs()["2024/ふりかえり_事業別_令和6年度.csv"] ?? Data(), as: UTF8.self)
        let rows = projects.components(separatedBy: .newlines).filter { !$0.isEmpty }.dropFirst()
        #expect(rows.count == 1)
        #expect(rows.first?.contains("5,5,5,5,5,5,5") == true)
        let status = try f.furikaeri(["status"])
        #expect(status.stdout.contains("ふりかえりシート 1件") && status.stdout.contains("再提出で置き換えた版 1件"))
    }

    @Test func officeLockFilesAndHiddenFilesAreLeftAlone() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.make([.init(name: "a.xlsx", org: "会", project: "事業")])
        try f.makeFile("~$a.xlsx", "owner")
        try f.makeFile(".~lock.a.xlsx#", "lock")
        try f.makeFile(".DS_Store", "finder")
        for name in ["a.xlsx", "~$a.xlsx", ".~lock.a.xlsx#", ".DS_Store"] { try f.drop(name) }
        let result = try f.furikaeri(["run"])
        #expect(result.status == 0 && result.stdout.contains("受付 1件、差戻 0件"))
        #expect(IntakeFixture.files(under: f.inbox, includeHidden: true) == [".DS_Store", ".~lock.a.xlsx#", "~$a.xlsx"])
        #expect(FileManager.default.contents(atPath: f.inbox + "/~$a.xlsx") == Data("owner".utf8))
    }

    @Test func aFileStillBeingCopiedIsLeftForTheNextRun() throws {
        let f = try IntakeFixture(settleSeconds: 30)
        defer { f.remove() }
        try f.make([.init(name: "done.xlsx", org: "会", project: "事業"), .init(name: "copying.xlsx", org: "会2", project: "事業2")])
        try f.drop("done.xlsx", age: 120)
        // Being written right now: a growing prefix of the workbook, modified a moment ago.
        let whole = try Data(contentsOf: URL(fileURLWithPath: f.pool + "/copying.xlsx"))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: f.inbox + "/copying.xlsx"))
        let result = try f.furikaeri(["run"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("受付 1件") && result.stdout.contains("保留 1件"))
        #expect(f.files(under: "inbox") == ["inbox/copying.xlsx"])
        #expect(f.files(under: "rejected").isEmpty)
        // Once the copy is complete and has settled, it is taken.
        try whole.write(to: URL(fileURLWithPath: f.inbox + "/copying.xlsx"))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-120)], ofItemAtPath: f.inbox + "/copying.xlsx")
        let again = try f.furikaeri(["run"])
        #expect(again.stdout.contains("受付 1件") && f.files(under: "inbox").isEmpty)
    }

    @Test func twoRunsAtOnceShareTheInboxWithoutLosingOrDoublingAFile() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        let sheets = (0..<24).map { IntakeFixture.Sheet(name: "s\($0).xlsx", org: "団体\($0)", project: "事業\($0)", seed: $0) }
        try f.make(sheets)
        for sheet in sheets { try f.drop(sheet.path) }
        let out1 = f.root.appendingPathComponent("out1"), out2 = f.root.appendingPathComponent("out2")
        let err2 = f.root.appendingPathComponent("err2")
        let first = try FurikaeriBinary.start(["run", "--workspace", f.workspace], stdout: out1)
        let second = try FurikaeriBinary.start(["run", "--workspace", f.workspace], stdout: out2, stderr: err2)
        first.waitUntilExit()
        second.waitUntilExit()
        #expect(first.terminationStatus == 0 && second.terminationStatus == 0)
        let summaries = [out1, out2].map { (try? String(contentsOf: $0, encoding: .utf8)) ?? "" }
        let accepted = summaries.compactMap { text -> Int? in
            guard let range = text.range(of: #"受付 (\d+)件"#, options: .regularExpression) else { return nil }
            return Int(text[range].dropFirst(3).dropLast(1))
        }
        #expect(accepted.reduce(0, +) == 24)
        for sheet in sheets {
            let data = try Data(contentsOf: URL(fileURLWithPath: f.pool + "/" + sheet.path))
            #expect(f.copies(of: data) == 1, "\(sheet.path)")
        }
        #expect(f.files(under: "archive").count == 24)
    }

    @Test func aSecondRunWaitsForTheLockOrSaysClearlyThatTheWorkspaceIsBusy() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.make([.init(name: "a.xlsx", org: "会", project: "事業")])
        try f.drop("a.xlsx")
        // Hold the workspace lock as another run would.
        let fd = open(f.workspace + "/.furikaeri/lock", O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
        let busy = try f.furikaeri(["run", "--wait", "0.5"])
        #expect(busy.status == 3)
        #expect(busy.stderr.contains("別の furikaeri") && busy.stderr.contains("--wait"))
        #expect(f.files(under: "inbox") == ["inbox/a.xlsx"])
        // A run that may wait goes ahead as soon as the lock is released.
        let err = f.root.appendingPathComponent("err"), out = f.root.appendingPathComponent("out")
        let waiting = try FurikaeriBinary.start(["run", "--workspace", f.workspace, "--wait", "30"], stdout: out, stderr: err)
        usleep(800_000)
        #expect(waiting.isRunning)
        flock(fd, LOCK_UN)
        close(fd)
        waiting.waitUntilExit()
        #expect(waiting.terminationStatus == 0)
        #expect(((try? String(contentsOf: err, encoding: .utf8)) ?? "").contains("待っています"))
        #expect(((try? String(contentsOf: out, encoding: .utf8)) ?? "").contains("受付 1件"))
    }

    @Test func runOutsideAWorkspaceSaysWhatToDo() throws {
        let root = try makeTemporaryDirectory("not-ws")
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try FurikaeriBinary.run(["run", "--workspace", root.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("furikaeri init"))
    }
}

/// Proposals usually arrive months before any reflection: a workspace holding only 企画提案書 must
/// still be taken in and get its outputs.
@Suite(.serialized) struct ProposalsFirstTests {
    @Test func aRunOnProposalsAloneCompletesAndWritesTheYearsOutputs() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        let proposals = try FileManager.default.contentsOfDirectory(atPath: TestPaths.samples.path)
            .filter { $0.hasSuffix("企画提案書.xlsx") }.sorted()
        #expect(proposals.count >= 5)
        for name in proposals {
            try FileManager.default.copyItem(atPath: TestPaths.samples.path + "/" + name, toPath: f.pool + "/" + name)
            try f.drop(name)
        }
        let result = try f.furikaeri(["run"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(f.files(under: "inbox").isEmpty)
        let workbooks = f.files(under: "output").filter { $0.hasSuffix(".xlsx") }
        #expect(!workbooks.isEmpty)
        for workbook in workbooks {
            // openpyxl reads every sheet; the comparison says why it has no chart yet.
            let grids = try OpenpyxlOracle.grids(of: f.workspace + "/" + workbook)
            let comparison = try #require(grids.first { $0.name == "経年比較" })
            #expect(comparison.cells.values.contains { $0 == .text("ふりかえりシートがまだないため、推移のグラフはありません。") })
        }
        let status = try f.furikaeri(["status"])
        #expect(status.status == 0 && status.stdout.contains("企画提案書"))
    }
}
