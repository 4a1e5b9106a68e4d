import Foundation
import Testing
@testable import FurikaeriCLI

/// The line formats of `watch --log-format`, as values.
struct LogLineTests {
    @Test func journalPutsThePriorityBeforeEveryLineOfAMessage() {
        let log = LogLine(format: .journal, language: .ja)
        #expect(log.text("受付 a.xlsx", .info) == "<6>受付 a.xlsx")
        #expect(log.text("一行目\n二行目", .error) == "<3>一行目\n<3>二行目")
        #expect(log.text("差戻 b.xlsx", .warning) == "<4>差戻 b.xlsx")
    }

    @Test func plainPutsTheLocalTimeAndTheSeverityWordInTheRunsLanguage() {
        let date = Date(timeIntervalSince1970: 1_765_099_805)  // 2025-12-07T09:30:05Z
        let stamp = LogLine.localTimestamp(date)
        #expect(stamp.hasPrefix("2025-12-0"))
        #expect(LogLine(format: .plain, language: .ja).text("受付 a.xlsx", .info, at: date) == "\(stamp) 情報 受付 a.xlsx")
        #expect(LogLine(format: .plain, language: .en).text("rejected b", .warning, at: date) == "\(stamp) WARNING rejected b")
    }

    @Test func withoutAFormatEachLineStartsWithTheLocalTime() {
        let date = Date(timeIntervalSince1970: 1_765_099_805)  // 2025-12-07T09:30:05Z
        let time = LogLine.localTime(date)
        #expect(time.contains(#/^2025-12-0\d \d\d:\d\d:05$/#), "\(time)")
        #expect(LogLine(format: nil, language: .ja).text("受付 a.xlsx\n次", .error, at: date) == "\(time) 受付 a.xlsx\n\(time) 次")
        // The same wall-clock reading as the ISO form, without the offset.
        #expect(LogLine.localTimestamp(date).hasPrefix(time.replacingOccurrences(of: " ", with: "T")))
    }
}
