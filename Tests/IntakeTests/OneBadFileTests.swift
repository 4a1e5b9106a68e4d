import Foundation
import Testing
import Validation
@testable import Intake

/// One file that cannot be stored never blocks the others.
@Suite struct OneBadFileTests {
    @Test func namesTooLongForTheirFolderAreShortenedKeepingTheExtensionAndACharacterBoundary() {
        let long = String(repeating: "あ", count: 83) + ".xlsx"  // 254 bytes
        #expect(long.utf8.count == 254)
        let short = StoredNames.fitting(long, maxBytes: StoredNames.storedNameLimit)
        #expect(short.utf8.count <= StoredNames.storedNameLimit && short.hasSuffix(".xlsx"))
        #expect(String(decoding: Array(short.utf8), as: UTF8.self) == short)  // whole characters only
        #expect(short.hasPrefix(String(repeating: "あ", count: 70)) && short.contains("~"))
        // Two long names that begin alike stay apart; a short name is kept as it is.
        let other = String(repeating: "あ", count: 82) + "い.xlsx"
        #expect(StoredNames.fitting(other, maxBytes: StoredNames.storedNameLimit) != short)
        #expect(StoredNames.fitting("a.xlsx", maxBytes: StoredNames.storedNameLimit) == "a.xlsx")
        // Its ` (2)` and its note fit too.
        let second = StoredNames.unusedName(for: long) { $0 == short }
        #expect(second != short && (second + RejectionNote.suffix).utf8.count <= 255)
        // Combining marks stay with their letter.
        let combining = String(repeating: "か\u{3099}", count: 60) + ".csv"
        let cut = StoredNames.fitting(combining, maxBytes: 100)
        #expect(cut.utf8.count <= 100 && cut.unicodeScalars.first(where: { $0 == "\u{3099}" }) != nil)
        #expect(!cut.hasPrefix("\u{3099}") && cut.components(separatedBy: "~").first!.unicodeScalars.last == "\u{3099}")
    }

    @Test func a254ByteNameIsStoredShortenedWithItsNoteAndTheBatchGoesOn() throws {
        let t = try TestWorkspace()
        defer { t.remove() }
        let long = String(repeating: "あ", count: 83) + ".xlsx"
        try t.drop(long, "invalid;2024;会;事業;最終")
        try t.drop("good.xlsx", "valid;2024;会;事業2;最終")
        let (counts, _) = try t.runOnce()
        #expect(counts.accepted == 1 && counts.rejected == 1 && counts.waiting == 0)
        #expect(t.files(under: "inbox").isEmpty)
        let rejected = t.files(under: "rejected")
        #expect(rejected.count == 2 && rejected.allSatisfy { $0.contains("~") })
        // The same name again: a second shortened name beside the first.
        try t.drop(long, "invalid;2024;会;事業;最終\n")
        let (again, _) = try t.runOnce()
        #expect(again.rejected == 1 && t.files(under: "rejected").count == 4 && t.files(under: "inbox").isEmpty)
    }

    @Test func aFileThatCannotBeStoredIsLeftWithTheSystemsReasonAndTheOthersAreTaken() throws {
        let t = try TestWorkspace()
        defer { t.remove() }
        // rejected/課 is a file, so nothing can be stored under rejected/課/.
        _ = FileManager.default.createFile(atPath: t.workspace.rejected + "/課", contents: Data("x".utf8))
        try t.drop("課/bad.xlsx", "invalid;2024;会;事業;最終")
        try t.drop("課/memo.csv", "a,b")
        try t.drop("good.xlsx", "valid;2024;会;事業;最終")
        try t.drop("other.csv", "c,d")
        let (counts, events) = try t.runOnce()
        #expect(counts.accepted == 1 && counts.rejected == 1 && counts.waiting == 2)
        #expect(t.files(under: "inbox") == ["inbox/課/bad.xlsx", "inbox/課/memo.csv"])
        #expect(t.files(under: "archive") == ["archive/2024/good.xlsx"])
        let left = events.filter { $0.outcome == nil }
        #expect(left.count == 2)
        for event in left {
            #expect(event.failure == .system(operation: .createFolder, path: t.workspace.rejected + "/課", errno: ENOTDIR))
            #expect(event.line(in: .ja).contains("フォルダのはずの場所にファイルがあります"))
        }
        // Once the obstacle is gone, the next run takes them.
        unlink(t.workspace.rejected + "/課")
        let (again, _) = try t.runOnce()
        #expect(again.rejected == 2 && t.files(under: "inbox").isEmpty)
    }
}

/// Names are bytes: two names that differ only in Unicode normalisation are two files.
@Suite struct NamesAreBytesTests {
    @Test func nfcAndNfdNamesOfTheSameWordAreTakenAsTwoFilesEachStoredOnce() throws {
        let t = try TestWorkspace()
        defer { t.remove() }
        let nfc = "が.xlsx"                 // U+304C
        let nfd = "か\u{3099}.xlsx"          // U+304B U+3099
        #expect(nfc == nfd && Array(nfc.utf8) != Array(nfd.utf8))  // equal as Swift strings, not as names
        // Same size, different content: the Windows copy and the Mac copy of two projects.
        try t.drop(nfc, "valid;2024;会;事業A;最終")
        try t.drop(nfd, "valid;2024;会;事業B;最終")
        #expect(try FileManager.default.contentsOfDirectory(atPath: t.workspace.inbox).count == 2)
        let (counts, _) = try t.runOnce()
        #expect(counts.accepted == 2 && counts.duplicates == 0 && counts.waiting == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: t.workspace.inbox).isEmpty)
        let archived = try FileManager.default.contentsOfDirectory(atPath: t.workspace.archive(fiscalYear: 2024))
        #expect(archived.count == 2)
        let contents = Set(archived.map { t.read("archive/2024/" + $0) })
        #expect(contents == ["valid;2024;会;事業A;最終", "valid;2024;会;事業B;最終"])
    }
}
