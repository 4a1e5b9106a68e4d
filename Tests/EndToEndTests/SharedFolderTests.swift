import Foundation
import Testing
import TestSupport

/// `run` on an inbox that behaves as a shared office folder does: odd names, files that cannot be
/// stored, links. Every file still ends up exactly once, and one bad file never blocks the others.
@Suite(.serialized) struct SharedFolderTests {
    @Test func a254ByteNameIsStoredUnderAShortenedNameAndBlocksNothing() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        let long = String(repeating: "あ", count: 83) + ".xlsx"
        try f.make([.init(name: "bad.xlsx", org: "そら", project: "見守り", valid: false),
                    .init(name: "bad2.xlsx", org: "そら", project: "見守り", valid: false, seed: 2),
                    .init(name: "good.xlsx", org: "みどりの会", project: "公園清掃")])
        try f.drop("bad.xlsx", as: long)
        try f.drop("good.xlsx")
        let first = try f.furikaeri(["run"])
        #expect(first.status == 0 && first.stdout.contains("受付 1件、差戻 1件"))
        // Another file (other bytes: the same bytes would be recognised as already rejected) under the same name.
        try f.drop("bad2.xlsx", as: long)
        let second = try f.furikaeri(["run", "--verbose"])
        #expect(second.status == 0 && second.stdout.contains("差戻 1件"))
        #expect(f.files(under: "inbox").isEmpty)
        let rejected = f.files(under: "rejected")
        #expect(rejected.count == 4)
        for path in rejected {
            let name = (path as NSString).lastPathComponent
            #expect(name.utf8.count <= 255 && name.contains("~"))
            #expect(name.hasSuffix(".xlsx") || name.hasSuffix(".xlsx.エラー.txt"))
        }
        // The note still names the file as it was dropped.
        let note = rejected.first { $0.hasSuffix(".エラー.txt") }!
        #expect(try String(contentsOfFile: f.workspace + "/" + note, encoding: .utf8).contains(long))
    }

    /// A copy to a slow share that pauses longer than the settle time: half a workbook, old enough,
    /// but still open for writing. It is left (a read lease cannot be taken), then taken once closed.
    @Test func aFileStillOpenForWritingIsLeftEvenWhenItLooksSettled() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.make([.init(name: "slow.xlsx", org: "会", project: "事業"), .init(name: "done.xlsx", org: "会2", project: "事業2")])
        try f.drop("done.xlsx")
        let whole = try Data(contentsOf: URL(fileURLWithPath: f.pool + "/slow.xlsx"))
        let path = f.inbox + "/slow.xlsx"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let writer = try #require(FileHandle(forWritingAtPath: path))
        writer.write(whole.prefix(whole.count / 2))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-600)], ofItemAtPath: path)
        let first = try f.furikaeri(["run"])
        #expect(first.status == 0 && first.stdout.contains("受付 1件") && first.stdout.contains("保留 1件"))
        #expect(f.files(under: "inbox") == ["inbox/slow.xlsx"])
        #expect(f.files(under: "rejected").isEmpty)
        // The copy ends: the rest written, the file closed, and it is taken whole.
        writer.write(whole.dropFirst(whole.count / 2))
        try writer.close()
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: path)
        let second = try f.furikaeri(["run"])
        #expect(second.status == 0 && second.stdout.contains("受付 1件") && !second.stdout.contains("保留"))
        #expect(f.files(under: "inbox").isEmpty && f.files(under: "archive").count == 2)
    }

    @Test func linksAreLeftInPlaceReportedByRunAndCountedByStatus() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.make([.init(name: "outside/secret.xlsx", org: "会", project: "事業"), .init(name: "mine.xlsx", org: "会2", project: "事業2")])
        try f.drop("mine.xlsx")
        symlink(f.pool + "/outside/secret.xlsx", f.inbox + "/link.xlsx")
        symlink(f.pool + "/outside", f.inbox + "/課")
        let result = try f.furikaeri(["run"])
        #expect(result.status == 0 && result.stdout.contains("受付 1件"))
        #expect(result.stdout.contains("リンク link.xlsx") && result.stdout.contains("リンク 課"))
        #expect(f.files(under: "archive") == ["archive/2024/mine.xlsx"] && f.files(under: "rejected").isEmpty)
        #expect(FileManager.default.fileExists(atPath: f.pool + "/outside/secret.xlsx"))
        var info = stat()
        #expect(lstat(f.inbox + "/link.xlsx", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
        let status = try f.furikaeri(["status"])
        #expect(status.stdout.contains("リンク（受け付けません） 2件"))
        #expect(try f.furikaeri(["status", "--lang", "en"]).stdout.contains("2 symbolic link(s) (not taken)"))
    }

    @Test func aNameThatIsNotUTF8IsTakenUnderItsEscapedNameAndNeverAliasesAnother() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.make([.init(name: "sjis.xlsx", org: "会", project: "事業"), .init(name: "literal.xlsx", org: "会2", project: "事業2")])
        // あ in Shift_JIS (0x82 0xA0), as an old Windows tool writes it; and a file already named as its escape.
        let raw = Array((f.inbox + "/").utf8) + [0x82, 0xA0] + Array(".xlsx".utf8)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: f.pool + "/sjis.xlsx"))
        let fd = open(raw.map { CChar(bitPattern: $0) } + [0], O_WRONLY | O_CREAT | O_EXCL, 0o644)
        #expect(fd >= 0)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        let old = timespec(tv_sec: time(nil) - 60, tv_nsec: 0)
        var times = [old, old]
        _ = utimensat(AT_FDCWD, raw.map { CChar(bitPattern: $0) } + [0], &times, 0)
        _ = old
        try f.drop("literal.xlsx", as: "\\x82\\xA0.xlsx")
        let status = try f.furikaeri(["status"])
        #expect(status.stdout.contains("処理待ち 2件"))
        let result = try f.furikaeri(["run"])
        #expect(result.status == 0 && result.stdout.contains("受付 2件"))
        #expect(result.stdout.contains("改名 \\x82\\xA0 (2).xlsx"))
        #expect(f.files(under: "inbox").isEmpty)
        #expect(f.files(under: "archive") == ["archive/2024/\\x82\\xA0 (2).xlsx", "archive/2024/\\x82\\xA0.xlsx"])
        #expect(FileManager.default.contents(atPath: f.workspace + "/archive/2024/\\x82\\xA0 (2).xlsx") == bytes)
    }

    @Test func controlCharactersInNamesAreShownEscapedInLinesAndNotes() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        let name = "a\u{1B}[2Jb.csv"
        try f.makeFile("memo.csv", "x,y\n")
        try f.drop("memo.csv", as: name)
        let result = try f.furikaeri(["run", "--verbose"])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("\u{1B}") && result.stdout.contains("a\\x1B[2Jb.csv"))
        let note = try String(contentsOfFile: f.workspace + "/rejected/" + name + ".エラー.txt", encoding: .utf8)
        #expect(!note.contains("\u{1B}") && note.contains("a\\x1B[2Jb.csv"))
        // The file itself keeps its name, byte for byte.
        #expect(FileManager.default.fileExists(atPath: f.workspace + "/rejected/" + name))
    }

    @Test func aFileThatCannotBeStoredIsLeftWithItsReasonRecordedAndShownByStatus() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.make([.init(name: "good.xlsx", org: "会", project: "事業")])
        try f.makeFile("memo.csv", "a,b\n")
        try f.make([.init(name: "first.xlsx", org: "会0", project: "事業0")])
        try f.drop("first.xlsx")
        #expect(try f.furikaeri(["run"]).status == 0)
        try f.drop("good.xlsx")
        try f.drop("memo.csv", as: "課/memo.csv")
        // rejected/課 is a file: nothing can be stored under rejected/課/.
        _ = FileManager.default.createFile(atPath: f.workspace + "/rejected/課", contents: Data("x".utf8))
        let result = try f.furikaeri(["run"])
        #expect(result.status == 0 && result.stdout.contains("受付 1件") && result.stdout.contains("保留 1件"))
        #expect(result.stdout.contains("保留 課/memo.csv（取り込めませんでした:") && result.stdout.contains("（途中の名前がフォルダではありません）"))
        #expect(f.files(under: "inbox") == ["inbox/課/memo.csv"])
        let status = try f.furikaeri(["status"])
        #expect(status.stdout.contains("前回の run で取り込めなかったファイル: 1件") && status.stdout.contains("保留 課/memo.csv"))
        #expect(try f.furikaeri(["status", "--lang", "en"]).stdout.contains("left 課/memo.csv (could not be taken:"))
        // Once the obstacle is gone the next run takes it, and status has nothing more to say about it.
        unlink(f.workspace + "/rejected/課")
        #expect(try f.furikaeri(["run"]).stdout.contains("差戻 1件"))
        #expect(!(try f.furikaeri(["status"]).stdout.contains("取り込めなかった")))
    }
}
