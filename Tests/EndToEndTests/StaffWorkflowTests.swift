import Foundation
import Testing
import TestSupport

/// What staff use to keep track: `status` naming files (and `--json`), `withdraw` and its undoing,
/// files gone from archive/, and `export`; through the built binary, in both languages.
@Suite(.serialized) struct StaffWorkflowTests {
    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func projects(_ f: IntakeFixture) -> String {
        String(decoding: f.outputCSVs()["2024/ふりかえり_事業別_令和6年度.csv"] ?? Data(), as: UTF8.self)
    }

    @Test func statusNamesRejectedFilesUntilACorrectionIsAcceptedAndListsUnlinkedSheetsAndTheInbox() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.make([
            .init(name: "good.xlsx", org: "みどりの会", project: "公園清掃"),
            .init(name: "bad.xlsx", org: "そら", project: "見守り", valid: false),
            .init(name: "fixed.xlsx", org: "そら", project: "見守り", seed: 2),
        ])
        try f.drop("good.xlsx")
        try f.drop("bad.xlsx")
        #expect(try f.furikaeri(["run"]).status == 0)
        try FileManager.default.createSymbolicLink(atPath: f.inbox + "/link.xlsx", withDestinationPath: f.pool + "/good.xlsx")
        var status = try f.furikaeri(["status"])
        #expect(status.status == 0)
        #expect(status.stdout.contains("  差戻し（訂正待ち） 1件\n    - rejected/bad.xlsx（bad.xlsx、エラー 1件、"))
        #expect(status.stdout.contains("企画提案書と照合できないふりかえりシート（未照合）: 1件\n    - みどりの会「公園清掃」（archive/2024/good.xlsx・最終）"))
        #expect(status.stdout.contains("  - link.xlsx（シンボリックリンクは受け付けません。元のファイルを入れてください）"))
        // The corrected sheet (same 団体, 事業, year and phase) is accepted: the rejection no longer counts.
        try f.drop("fixed.xlsx", as: "見守り_訂正.xlsx")
        #expect(try f.furikaeri(["run"]).status == 0)
        status = try f.furikaeri(["status"])
        #expect(status.stdout.contains("  差戻し（訂正待ち） 0件（ほかに訂正を受付済み 1件）"))
        #expect(!status.stdout.contains("- rejected/bad.xlsx"))
        let english = try f.furikaeri(["status", "--lang", "en"])
        #expect(english.stdout.contains("  0 rejected, waiting for a correction (1 more corrected since)"))
        #expect(english.stdout.contains("  - link.xlsx (symbolic links are not taken; put the file itself into the inbox)"))
        for word in ["差戻し", "未照合", "受付フォルダ", "件（"] { #expect(!english.stdout.contains(word)) }
        // --json: the same facts, for scripts.
        let document = try json(try f.furikaeri(["status", "--json"]).stdout)
        let rejected = try #require(document["rejected"] as? [[String: Any]])
        #expect(rejected.count == 1 && rejected[0]["stored_path"] as? String == "rejected/bad.xlsx")
        #expect(rejected[0]["corrected_by"] as? String == "見守り_訂正.xlsx")
        let inbox = try #require(document["inbox"] as? [[String: Any]])
        #expect(inbox.count == 1 && inbox[0]["name"] as? String == "link.xlsx" && inbox[0]["state"] as? String == "link")
        let years = try #require(document["years"] as? [[String: Any]])
        #expect(years.first?["rejected_waiting"] as? Int == 0 && years.first?["rejected_corrected"] as? Int == 1)
        #expect((document["unlinked"] as? [[String: Any]])?.count == 2)
    }

    @Test func theMissingListSaysAnInterimArrivedAndTheFinalWaitsInRejected() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.make([
            .init(name: "interim.xlsx", org: "ひかり", project: "子ども食堂", phase: "中間"),
            .init(name: "final.xlsx", org: "ひかり", project: "子ども食堂", valid: false),
        ])
        try f.drop("interim.xlsx")
        try f.drop("final.xlsx")
        #expect(try f.furikaeri(["run"]).status == 0)
        let status = try f.furikaeri(["status"])
        #expect(status.stdout.contains("    - ひかり「子ども食堂」（中間ふりかえりシートあり・最終ふりかえりシートは差戻し中で訂正待ち: rejected/final.xlsx）"))
        #expect(!status.stdout.contains("企画提案書あり"))
        let english = try f.furikaeri(["status", "--lang", "en"])
        #expect(english.stdout.contains("(the interim reflection was received; the final reflection was sent back and awaits its correction: rejected/final.xlsx)"))
        #expect(try f.furikaeri(["report", "--year", "令和6年度"]).status == 0)
        let list = try String(contentsOfFile: f.workspace + "/output/年次レビュー_令和6年度/未提出一覧_令和6年度.csv", encoding: .utf8)
        // The list may leave the office: it says what is there without naming files.
        #expect(list.contains(",中間ふりかえりシートあり・最終ふりかえりシートは差戻し中で訂正待ち\r\n"))
        #expect(!list.contains("企画提案書あり") && !list.contains("rejected/"))
    }

    @Test func aWithdrawnSheetLeavesTheOutputsAndTheVersionItReplacedComesBackUntilUndone() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.make([
            .init(name: "first/報告.xlsx", org: "みどりの会", project: "公園清掃", scores: [2, 2, 2, 2, 2, 2, 2], seed: 1),
            .init(name: "second/報告.xlsx", org: "みどりの会", project: "公園清掃", scores: [5, 5, 5, 5, 5, 5, 5], seed: 2),
        ])
        try f.drop("first/報告.xlsx", as: "報告.xlsx")
        try f.furikaeri(["run"])
        try f.drop("second/報告.xlsx", as: "報告_直し.xlsx")
        try f.furikaeri(["run"])
        #expect(projects(f).contains("5,5,5,5,5,5,5"))
        // Usage errors: no reason; a name nobody dropped; --undo with a reason.
        #expect(try f.furikaeri(["withdraw", "報告_直し.xlsx"]).status == 2)
        let unknown = try f.furikaeri(["withdraw", "ない.xlsx", "--reason", "x"])
        #expect(unknown.status == 2 && unknown.stderr.contains("「ない.xlsx」という受付済みのファイルはありません。"))
        #expect(try f.furikaeri(["withdraw", "--undo", "報告_直し.xlsx", "--reason", "x"]).status == 2)

        let withdrawn = try f.furikaeri(["withdraw", "報告_直し.xlsx", "--reason", "別の年度のシートを誤って受付"])
        #expect(withdrawn.status == 0)
        #expect(withdrawn.stdout.contains("取り下げました: 提出-") && withdrawn.stdout.contains("（archive/2024/報告_直し.xlsx → archive/取り下げ/報告_直し.xlsx）"))
        #expect(f.files(under: "archive") == ["archive/2024/報告.xlsx", "archive/取り下げ/報告_直し.xlsx"])
        // Out of the outputs; the sheet it had replaced counts again.
        #expect(projects(f).contains("2,2,2,2,2,2,2") && !projects(f).contains("5,5,5,5,5,5,5"))
        let status = try f.furikaeri(["status"])
        #expect(status.stdout.contains("取り下げ 1件") && status.stdout.contains("理由: 別の年度のシートを誤って受付"))
        let document = try json(try f.furikaeri(["status", "--json"]).stdout)
        let record = try #require((document["withdrawn"] as? [[String: Any]])?.first)
        #expect(record["stored_path"] as? String == "archive/取り下げ/報告_直し.xlsx")
        #expect(record["archived_path"] as? String == "archive/2024/報告_直し.xlsx")
        let id = try #require(record["submission_id"] as? String)
        #expect(try f.furikaeri(["withdraw", "報告_直し.xlsx", "--reason", "again"]).status == 2)
        // The next run neither takes it back nor reports it missing.
        let run = try f.furikaeri(["run"])
        #expect(run.status == 0 && !run.stdout.contains("archive から消えた"))
        // A ledger rebuilt from the folders keeps it withdrawn.
        #expect(try f.furikaeri(["ledger", "rebuild"]).status == 0)
        #expect(try f.furikaeri(["run"]).status == 0)
        #expect(try f.furikaeri(["status"]).stdout.contains("  - \(id) archive/取り下げ/報告_直し.xlsx（元 archive/2024/報告_直し.xlsx、"))
        #expect(projects(f).contains("2,2,2,2,2,2,2") && !projects(f).contains("5,5,5,5,5,5,5"))

        let undone = try f.furikaeri(["withdraw", "--undo", id, "--lang", "en"])
        #expect(undone.status == 0)
        #expect(undone.stdout.contains("Withdrawal undone: \(id) 報告_直し.xlsx (archive/取り下げ/報告_直し.xlsx → archive/2024/報告_直し.xlsx)"))
        #expect(f.files(under: "archive") == ["archive/2024/報告.xlsx", "archive/2024/報告_直し.xlsx"])
        #expect(projects(f).contains("5,5,5,5,5,5,5") && !projects(f).contains("2,2,2,2,2,2,2"))
        #expect(try f.furikaeri(["doctor"]).stdout.contains("ledger.missing_files") == false)
    }

    @Test func aFileRemovedFromArchiveByHandIsReportedByRunAndStatus() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.make([.init(name: "a.xlsx", org: "みどりの会", project: "公園清掃"),
                    .init(name: "b.xlsx", org: "ひかり", project: "子ども食堂")])
        try f.drop("a.xlsx")
        try f.drop("b.xlsx")
        try f.furikaeri(["run"])
        let before = f.outputCSVs()
        try FileManager.default.moveItem(atPath: f.workspace + "/archive/2024/a.xlsx", toPath: f.root.path + "/a.xlsx")
        let run = try f.furikaeri(["run"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("archive から消えたファイル: 1件"))
        #expect(run.stdout.contains("  - archive/2024/a.xlsx（a.xlsx、台帳の内容で出力には含めたまま）"))
        #expect(f.outputCSVs() == before)
        let english = try f.furikaeri(["status", "--lang", "en"])
        #expect(english.stdout.contains("Files gone from archive/: 1"))
        #expect(english.stdout.contains("  - archive/2024/a.xlsx (a.xlsx; still in the outputs, from the ledger)"))
        let document = try json(try f.furikaeri(["status", "--json"]).stdout)
        #expect((document["missing_from_archive"] as? [[String: Any]])?.first?["in_outputs"] as? Bool == true)
        // Withdrawing it takes it out of the outputs and says nothing was moved.
        let withdrawn = try f.furikaeri(["withdraw", "a.xlsx", "--reason", "紛失"])
        #expect(withdrawn.status == 0 && withdrawn.stdout.contains("archive/2024/a.xlsx はありませんでした"))
        #expect(!projects(f).contains("みどりの会") && projects(f).contains("ひかり"))
    }

    @Test func exportWritesTheLedgersListsAsAWorkbookOpenpyxlReadsAndAsGuardedCSV() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.make([
            .init(name: "good.xlsx", org: "@みどりの会", project: "公園清掃"),
            .init(name: "bad.xlsx", org: "そら", project: "見守り", valid: false),
        ])
        try f.drop("good.xlsx")
        try f.drop("bad.xlsx")
        try f.furikaeri(["run"])
        #expect(try f.furikaeri(["export", "-o", f.root.path + "/一覧.txt"]).status == 2)
        let xlsx = f.root.path + "/出力/一覧.xlsx"
        let written = try f.furikaeri(["export", "-o", xlsx])
        #expect(written.status == 0 && written.stdout.contains("ファイル 2件・シート 1件・指摘 1件を書き出しました。"))
        let dump = try OpenpyxlOracle.json("dump_cells.py", [xlsx])
        #expect(dump["error"] is NSNull)
        let sheets = try #require(dump["sheets"] as? [[String: Any]])
        #expect(sheets.map { $0["name"] as? String } == ["ファイル", "シート", "指摘"])
        func cells(_ index: Int) -> [String: [String: Any]] { sheets[index]["cells"] as? [String: [String: Any]] ?? [:] }
        #expect(cells(0)["C1"]?["v"] as? String == "元のファイル名" && cells(0)["D2"]?["v"] as? String == "受付")
        #expect(cells(0)["C3"]?["v"] as? String == "bad.xlsx" && cells(0)["D3"]?["v"] as? String == "差戻し")
        // Text that looks like a formula is a text cell, never a formula.
        #expect(cells(1)["D2"]?["t"] as? String == "s" && cells(1)["D2"]?["v"] as? String == "@みどりの会")
        #expect(cells(2)["G2"]?["v"] as? String == "comment.missing" && cells(2)["F2"]?["v"] as? String == "エラー")

        let csv = f.root.path + "/list.csv"
        let english = try f.furikaeri(["export", "-o", csv, "--lang", "en"])
        #expect(english.status == 0 && english.stdout.contains("Wrote 2 file(s), 1 sheet(s) and 1 issue(s)."))
        let sheetCSV = try #require(FileManager.default.contents(atPath: f.root.path + "/list_sheets.csv"))
        #expect(sheetCSV.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: sheetCSV.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("Submission ID,Fiscal year,Form,Organisation,Project,Phase,Sheet,State,Name as dropped\r\n"))
        #expect(text.contains(",'@みどりの会,公園清掃,final,") && text.contains(",current,good.xlsx\r\n"))
        let files = String(decoding: FileManager.default.contents(atPath: f.root.path + "/list_files.csv") ?? Data(), as: UTF8.self)
        #expect(files.contains(",bad.xlsx,rejected,FY2024,rejected/bad.xlsx,rejected/bad.xlsx.エラー.txt,"))
    }
}
