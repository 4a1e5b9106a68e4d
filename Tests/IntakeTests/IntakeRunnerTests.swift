import Foundation
import Intake
import Testing

@Test func validInvalidAndNonWorkbookFilesEachGoWhereTheyBelong() throws {
    let t = try TestWorkspace()
    defer { t.remove() }
    try t.drop("good.xlsx", "valid;2024;みどりの会;公園清掃;最終")
    try t.drop("bad.xlsx", "invalid;2024;ひかり;子ども食堂;最終")
    try t.drop("old.xls", "binary")
    let (counts, events) = try t.runOnce()
    #expect(counts.accepted == 1 && counts.rejected == 2 && counts.duplicates == 0)
    #expect(t.files(under: "inbox").isEmpty)
    #expect(t.files(under: "archive") == ["archive/2024/good.xlsx"])
    #expect(t.files(under: "rejected") == ["rejected/bad.xlsx", "rejected/bad.xlsx.エラー.txt",
                                           "rejected/old.xls", "rejected/old.xls.エラー.txt"])
    let note = t.read("rejected/bad.xlsx.エラー.txt")
    // The validator's message names the sheet and cell; a blank 市のコメント is the department's to fill in.
    #expect(note.contains("B20") && note.contains("市のコメント") && note.contains("■ 担当課（市）が記入するところ"))
    #expect(t.read("rejected/old.xls.エラー.txt").contains("Excel ブック (*.xlsx)"))
    #expect(t.read("output/2024/listing.txt") == "good.xlsx|Sheet1|text(\"みどりの会\")|text(\"公園清掃\")\n")
    #expect(events.count == 3)
    #expect(events.first { $0.relativePath == "good.xlsx" }?.line.contains("令和6年度") == true)
}

@Test func anExactDuplicateIsArchivedAndRecordedButNotCountedAgain() throws {
    let t = try TestWorkspace()
    defer { t.remove() }
    try t.drop("a.xlsx", "valid;2023;会;事業;最終")
    try t.runOnce()
    try t.drop("copy of a.xlsx", "valid;2023;会;事業;最終")
    let (counts, _) = try t.runOnce()
    #expect(counts.accepted == 0 && counts.duplicates == 1)
    #expect(t.files(under: "archive") == ["archive/2023/a.xlsx", "archive/2023/copy of a.xlsx"])
    #expect(t.read("output/2023/listing.txt").split(separator: "\n").count == 1)
}

@Test func twoIdenticalFilesInOneRunCountOnce() throws {
    let t = try TestWorkspace()
    defer { t.remove() }
    try t.drop("x/a.xlsx", "valid;2024;会;事業;最終", age: 90)
    try t.drop("y/a.xlsx", "valid;2024;会;事業;最終", age: 60)
    let (counts, _) = try t.runOnce()
    #expect(counts.accepted == 1 && counts.duplicates == 1)
    #expect(t.files(under: "archive") == ["archive/2024/a (2).xlsx", "archive/2024/a.xlsx"])
}

@Test func aCorrectedResubmissionSupersedesTheEarlierOneAndKeepsHistory() throws {
    let t = try TestWorkspace()
    defer { t.remove() }
    try t.drop("first.xlsx", "valid;2024;ＮＰＯ法人　みどり;公園 清掃;最終")
    try t.runOnce()
    try t.drop("second.xlsx", "valid;2024;NPO法人みどり;公園清掃;最終\n")
    let (counts, events) = try t.runOnce()
    #expect(counts.accepted == 1 && counts.superseded == 1)
    #expect(events.first?.line.contains("置き換え") == true)
    #expect(t.files(under: "archive") == ["archive/2024/first.xlsx", "archive/2024/second.xlsx"])
    let listing = t.read("output/2024/listing.txt")
    #expect(listing.hasPrefix("second.xlsx|") && listing.split(separator: "\n").count == 1)
    // The interim sheet of the same project is a different submission.
    try t.drop("interim.xlsx", "valid;2024;NPO法人みどり;公園清掃;中間")
    let (again, _) = try t.runOnce()
    #expect(again.superseded == 0)
    #expect(t.read("output/2024/listing.txt").split(separator: "\n").count == 2)
}

@Test func nameClashesAreResolvedWithoutOverwriting() throws {
    let t = try TestWorkspace()
    defer { t.remove() }
    try t.drop("a.xlsx", "valid;2024;会1;事業;最終")
    try t.runOnce()
    try t.drop("a.xlsx", "valid;2024;会2;事業;最終")
    try t.drop("b.csv", "1,2")
    try t.runOnce()
    try t.drop("b.csv", "3,4")
    try t.runOnce()
    #expect(t.files(under: "archive") == ["archive/2024/a (2).xlsx", "archive/2024/a.xlsx"])
    #expect(t.files(under: "rejected") == ["rejected/b (2).csv", "rejected/b (2).csv.エラー.txt",
                                           "rejected/b.csv", "rejected/b.csv.エラー.txt"])
    #expect(t.read("rejected/b.csv") == "1,2" && t.read("rejected/b (2).csv") == "3,4")
}

@Test func rejectedFilesKeepTheirSubfolder() throws {
    let t = try TestWorkspace()
    defer { t.remove() }
    try t.drop("文化振興課/報告.pdf", "%PDF")
    try t.runOnce()
    #expect(t.files(under: "rejected") == ["rejected/文化振興課/報告.pdf", "rejected/文化振興課/報告.pdf.エラー.txt"])
    // Staff's subfolder stays, emptied.
    #expect(FileManager.default.fileExists(atPath: t.workspace.inbox + "/文化振興課"))
    #expect(FileManager.default.fileExists(atPath: t.workspace.inbox))
}

@Test func aSheetWithoutFiscalYearGoesToTheYearItWasReceivedIn() throws {
    let t = try TestWorkspace()
    defer { t.remove() }
    try t.drop("a.xlsx", "valid;;会;事業;")
    try t.runOnce()
    let year = FiscalYear.containing(Date())
    #expect(t.files(under: "archive") == ["archive/\(year)/a.xlsx"])
}

@Test func sameNamesInDifferentBatchesOfOneRunEachGetTheirOwnName() throws {
    let t = try TestWorkspace()
    defer { t.remove() }
    t.runner.batchSize = 1
    for (n, folder) in ["x", "y", "z"].enumerated() {
        try t.drop("\(folder)/a.xlsx", "valid;2024;会\(n);事業;最終", age: 90 - Double(n))
        try t.drop("\(folder)/b.csv", "\(n)", age: 90 - Double(n))
    }
    let (counts, _) = try t.runOnce()
    #expect(counts.accepted == 3 && counts.rejected == 3)
    #expect(t.files(under: "archive") == ["archive/2024/a (2).xlsx", "archive/2024/a (3).xlsx", "archive/2024/a.xlsx"])
    #expect(t.files(under: "rejected").filter { !$0.hasSuffix(".txt") }
            == ["rejected/x/b.csv", "rejected/y/b.csv", "rejected/z/b.csv"])
}

/// Identity keys: NFKC, no spaces of any kind, lower case; names already normal take a shortcut
/// that must give the same key.
@Test func identityKeysFoldWidthSpacesAndCaseTheSameWayWithOrWithoutTheShortcut() {
    let pairs = [("NPO法人みどり", "npo法人みどり"), ("ＮＰＯ法人　みどり", "npo法人みどり"), ("npo 法人\u{200B}みどり\u{FEFF}", "npo法人みどり"),
                 ("ｶﾌｪ・ﾐﾄﾞﾘ", "カフェ・ミドリ"), ("公園清掃", "公園清掃"), ("Park-Clean_2", "park-clean_2")]
    for (name, key) in pairs {
        #expect(SubmissionIdentity.normalise(name) == key, "\(name)")
        let slow = name.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars
            .filter { !$0.properties.isWhitespace && $0 != "\u{200B}" && $0 != "\u{FEFF}" }
        #expect(SubmissionIdentity.normalise(name) == String(String.UnicodeScalarView(slow)))
    }
}
