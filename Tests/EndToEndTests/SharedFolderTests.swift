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
}
