import Foundation
import Testing
import TestSupport

/// The `.エラー.txt` notes `run` writes beside rejected files, read as the sender reads them, and
/// what `run` does with a rejected file dropped again and with staff's own inbox subfolders.
@Suite(.serialized) struct SubmitterNoteTests {
    /// A sheet with a score out of range (the group's) and a blank 市のコメント (the department's).
    private func dropMistakenSheet(_ f: IntakeFixture, as name: String = "報告.xlsx") throws {
        try f.make([.init(name: "bad.xlsx", org: "そら", project: "見守り", scores: [4, 4, 3, 9, 5, 4, 3], valid: false)])
        try f.drop("bad.xlsx", as: name)
    }

    private func note(_ f: IntakeFixture, _ stored: String) throws -> String {
        try String(contentsOfFile: f.workspace + "/rejected/" + stored + ".エラー.txt", encoding: .utf8)
    }

    @Test func aJapaneseNoteSaysWhoFixesEachItemInCellOrderWithValidatesWords() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try dropMistakenSheet(f, as: "課/報告.xlsx")
        #expect(try f.furikaeri(["run"]).status == 0)
        let text = try note(f, "課/報告.xlsx")
        // Named by its own name (not the inbox subfolder staff filed it in), no staff-directed advice.
        #expect(text.hasPrefix("ファイル「報告.xlsx」は受け付けられませんでした。"))
        #expect(!text.contains("inbox") && !text.contains("提出者") && !text.contains("[注意]"))
        let group = try #require(text.range(of: "■ 団体が直すところ"))
        let department = try #require(text.range(of: "■ 担当課（市）が記入するところ"))
        #expect(group.upperBound < department.lowerBound)
        // The score is the group's, the blank 市のコメント the department's; each place said once.
        let score = try #require(text.range(of: "「④目的の達成度」の評価（シート「ふりかえりシート」D11）が 9 です。"))
        let city = try #require(text.range(of: "「*市のコメント」（シート「ふりかえりシート」D16）が空欄です。"))
        #expect(score.lowerBound < department.lowerBound && department.upperBound < city.lowerBound)
        #expect(text.components(separatedBy: "D11").count == 2 && text.components(separatedBy: "D16").count == 2)
        #expect(text.contains("1. [エラー] ") && text.contains("2. [エラー] "))
        // validate says the same words.
        let validate = try FurikaeriBinary.run(["validate", f.pool + "/bad.xlsx"])
        #expect(validate.stdout.contains("[エラー] score.out_of_range"))
    }

    @Test func anEnglishRunWritesAnEnglishNote() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try dropMistakenSheet(f)
        try f.makeFile("broken.xlsx", "not a workbook")
        try f.drop("broken.xlsx")
        try f.makeFile("list.csv", "a,b\n")
        try f.drop("list.csv")
        #expect(try f.furikaeri(["run", "--lang", "en"]).status == 0)
        let text = try note(f, "報告.xlsx")
        #expect(text.hasPrefix("The file \"報告.xlsx\" was not accepted."))
        #expect(text.contains("■ To be corrected by the organisation (団体)"))
        #expect(text.contains("■ To be filled in by the city department (担当課)"))
        #expect(text.contains("3. [error] Sheet \"ふりかえりシート\" cell D16: the city's comment (*市のコメント) is blank."))
        #expect(text.contains("1. [error] Sheet \"ふりかえりシート\" cell D11: the score for ④目的の達成度 (Achievement of goals) is 9."))
        // Japanese only in names and labels as printed on the form.
        for word in ["受け付けられません", "直すところ", "エラー", "もう一度", "空欄"] { #expect(!text.contains(word)) }
        let broken = try note(f, "broken.xlsx")
        #expect(broken.contains("The file is damaged. Open it again in Excel, save it and send it again."))
        #expect(!broken.contains("zip") && !broken.contains("ファイル"))
        let csv = try note(f, "list.csv")
        #expect(csv.contains("Then send the saved .xlsx file again.") && !csv.contains("inbox") && !csv.contains("templates"))
        #expect(!csv.contains("ください"))
    }

    @Test func anUnreadableFileGetsPlainAdviceInJapanese() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.makeFile("broken.xlsx", "not a workbook")
        try f.drop("broken.xlsx")
        try f.furikaeri(["run"])
        let text = try note(f, "broken.xlsx")
        #expect(text.contains("1. [エラー] ファイルが壊れています。Excel で開き直して保存し、もう一度送ってください。"))
        #expect(!text.contains("Not a zip") && !text.contains("inbox") && !text.contains("提出者"))
    }

    @Test func theSameRejectedFileDroppedAgainGetsNoSecondCopyOrNote() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try dropMistakenSheet(f)
        try f.makeFile("broken.txt", "x")
        try f.drop("broken.txt")
        try f.furikaeri(["run"])
        let before = f.files(under: "rejected")
        #expect(before == ["rejected/broken.txt", "rejected/broken.txt.エラー.txt", "rejected/報告.xlsx", "rejected/報告.xlsx.エラー.txt"])
        try f.drop("bad.xlsx", as: "報告（再送）.xlsx")
        try f.drop("broken.txt", as: "別の課/broken.txt")
        let again = try f.furikaeri(["run", "--verbose"])
        #expect(again.status == 0)
        #expect(f.files(under: "rejected") == before)
        #expect(f.files(under: "inbox").isEmpty)
        #expect(again.stdout.contains("差戻済 報告（再送）.xlsx（差し戻した rejected/報告.xlsx と同じ内容です。"))
        #expect(again.stdout.contains("完了: 受付 0件、差戻 0件、重複 0件、差戻し済みと同じ 2件"))
        // Counted once in status.
        let status = try f.furikaeri(["status"])
        #expect(status.stdout.contains("差戻し（訂正待ち） 1件\n    - rejected/報告.xlsx（報告.xlsx、"))
        #expect(status.stdout.contains("年度の分からない差戻し（訂正待ち）: 1件"))
        // In English too.
        try f.drop("bad.xlsx", as: "third.xlsx")
        let english = try f.furikaeri(["run", "--verbose", "--lang", "en"])
        #expect(english.stdout.contains("rejected again third.xlsx (the same as rejected/報告.xlsx, already rejected;"))
        #expect(english.stdout.contains("Done: 0 accepted, 0 rejected, 0 duplicates, 1 the same as a file already rejected"))
    }

    @Test func staffsOwnInboxSubfoldersStayAfterARun() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.make([.init(name: "a.xlsx", org: "みどりの会", project: "公園清掃")])
        try f.drop("a.xlsx", as: "文化振興課/2024/a.xlsx")
        try FileManager.default.createDirectory(atPath: f.inbox + "/まだ空", withIntermediateDirectories: true)
        #expect(try f.furikaeri(["run"]).status == 0)
        #expect(f.files(under: "inbox").isEmpty)
        var isFolder: ObjCBool = false
        for folder in ["文化振興課", "文化振興課/2024", "まだ空"] {
            #expect(FileManager.default.fileExists(atPath: f.inbox + "/" + folder, isDirectory: &isFolder) && isFolder.boolValue)
        }
    }
}
