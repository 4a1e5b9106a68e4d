import Core
import Foundation
import Testing
import Validation
@testable import Intake
#if canImport(Glibc)
import Glibc
#endif

/// The lines and messages intake prints, in both languages.
@Suite struct IntakeTextTests {
    @Test func aFileLeftBecauseItCannotBeReadSaysSoInEitherLanguage() {
        var event = IntakeEvent(relativePath: "課/a.xlsx", outcome: nil, storedPath: nil, fiscalYear: nil,
                                errorCount: 0, superseded: 0)
        #expect(event.line(in: .ja) == "保留 課/a.xlsx（書き込み中または変更中のため、次回に回します）")
        #expect(event.line(in: .en) == "left 課/a.xlsx (still being written or changed; will try again next time)")
        event.unreadableErrno = EACCES
        // The system's reason in the line's language (strerror speaks only English).
        #expect(event.line(in: .ja) == "保留 課/a.xlsx（読み取れません: 権限がありません。ファイルとフォルダの権限を確かめてください。）")
        #expect(event.line(in: .en) == "left 課/a.xlsx (cannot be read: permission denied. Check the permissions of the file and its folder.)")
        #expect(event.line == event.line(in: .ja))
        // Removed meanwhile: said as such, not "still being written".
        event.unreadableErrno = ENOENT
        #expect(event.line(in: .ja) == "消失 課/a.xlsx（処理の途中で inbox からなくなりました。移されたか消されました）")
        #expect(!event.line(in: .en).contains("being written"))
        // A failure storing it: the operation, the system's reason, and what that reason means.
        event.unreadableErrno = nil
        event.failure = .system(operation: .save, path: "rejected/a.xlsx", errno: ENAMETOOLONG)
        #expect(event.line(in: .ja).hasPrefix("保留 課/a.xlsx（取り込めませんでした: 「rejected/a.xlsx」の保存に失敗しました（名前が長すぎます）。名前が長すぎます。"))
        #expect(!event.line(in: .ja).contains("ディスクの空き"))
    }

    @Test func acceptedAndRejectedLinesNameWhereTheFileWent() {
        var event = IntakeEvent(relativePath: "a.xlsx", outcome: .accepted, storedPath: "archive/2024/a.xlsx",
                                fiscalYear: 2024, errorCount: 0, superseded: 1)
        #expect(event.line(in: .ja) == "受付 a.xlsx → archive/2024/a.xlsx（令和6年度、再提出として前の版を置き換え）")
        #expect(event.line(in: .en) == "accepted a.xlsx → archive/2024/a.xlsx (FY2024, replaces the earlier version)")
        event.outcome = .rejected
        event.storedPath = "rejected/a.xlsx"
        event.errorCount = 1
        #expect(event.line(in: .en) == "rejected a.xlsx → rejected/a.xlsx (1 error; see rejected/a.xlsx.エラー.txt)")
    }

    @Test func fileErrorsNameTheOperationInEitherLanguage() {
        let error = FileError.system(operation: .rename, path: "archive/2024/a.xlsx", errno: ENOSPC)
        #expect(error.description == "「archive/2024/a.xlsx」の名前の変更に失敗しました（ディスクに空きがありません）。ディスクの空き（または容量の上限）を確かめてください。")
        #expect(error.message(in: .en) == "Renaming \"archive/2024/a.xlsx\" failed (no space left on the disk). Check the free disk space (or the quota).")
        // A permission error is not a full disk, and neither is an input/output error.
        let denied = FileError.system(operation: .createFolder, path: "rejected/課", errno: EACCES)
        #expect(denied.message(in: .en).contains("permission denied") && denied.message(in: .en).contains("permissions")
                && !denied.message(in: .en).contains("disk"))
        #expect(IntakeErrorText.message(error, language: .en) == error.message(in: .en))
    }

    @Test func theSummaryLineCountsEachOutcome() {
        var counts = RunCounts()
        counts.accepted = 3
        counts.rejected = 1
        counts.duplicates = 1
        counts.waiting = 2
        let result = IntakePassResult(counts: counts, recovery: RecoveryReport(), yearsWritten: [2023, 2024], settling: [:])
        #expect(result.summaryLine == "完了: 受付 3件、差戻 1件、重複 1件、保留 2件（書き込み中のため次回）。出力を更新した年度: 令和5年度、令和6年度")
        #expect(result.summaryLine(in: .en)
                == "Done: 3 accepted, 1 rejected, 1 duplicate, 2 left for next time (still being written). Outputs updated for FY2023, FY2024")
    }
}

@Test func namesAreShownWithTheirControlCharactersEscapedAndBytesThatAreNotUTF8AsHex() {
    #expect(NameText.shown("a\u{1B}[2J\u{7}b\u{85}.xlsx") == "a\\x1B[2J\\x07b\\u{85}.xlsx")
    #expect(NameText.shown("ふりかえり シート.xlsx") == "ふりかえり シート.xlsx")
    #expect(NameText.escaped([0x82, 0xA0] + Array(".xlsx".utf8)) == "\\x82\\xA0.xlsx")
    #expect(NameText.escaped(Array("が.xlsx".utf8)) == "が.xlsx")
    #expect(NameText.escaped([0xE3, 0x81] + Array("x".utf8)) == "\\xE3\\x81x")  // a character cut short
    let error = FileError.system(operation: .save, path: "rejected/a\u{1B}]0;x\u{7}.csv", errno: ENOSPC)
    #expect(!error.message(in: .ja).unicodeScalars.contains { $0.value < 0x20 })
}
