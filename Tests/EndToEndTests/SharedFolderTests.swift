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
                    .init(name: "good.xlsx", org: "みどりの会", project: "公園清掃")])
        try f.drop("bad.xlsx", as: long)
        try f.drop("good.xlsx")
        let first = try f.furikaeri(["run"])
        #expect(first.status == 0 && first.stdout.contains("受付 1件、差戻 1件"))
        try f.drop("bad.xlsx", as: long)
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
        FileManager.default.createFile(atPath: path, contents: nil)
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
}
