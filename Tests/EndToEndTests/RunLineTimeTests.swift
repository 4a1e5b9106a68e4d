import Foundation
import Testing
import TestSupport

/// The local time at the start of a `run` or `watch` line: `2026-12-07 11:02:03 `.
enum LocalTimeStamp {
    nonisolated(unsafe) static let pattern = #/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /#

    /// The line without its time.
    static func strip(_ line: String) -> String { line.replacing(pattern, with: "") }
}

/// `run` and `watch` lines carry the local time; `run` shows a progress line on a terminal when it
/// has more than 200 files.
@Suite(.serialized) struct RunLineTimeTests {
    @Test(arguments: ["ja", "en"])
    func runLinesStartWithTheLocalTime(_ language: String) throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.make([.init(name: "a.xlsx", org: "会", project: "事業"), .init(name: "b.xlsx", org: "会", project: "事業2", valid: false)])
        try f.drop("a.xlsx")
        try f.drop("b.xlsx")
        let before = Date()
        let run = try f.furikaeri(["run", "--verbose", "--lang", language])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.allSatisfy { $0.contains(LocalTimeStamp.pattern) }, "\(lines)")
        // The stamp is this run's local time, to the second.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        let stamped = try #require(formatter.date(from: String(lines[0].prefix(19))))
        #expect(stamped.timeIntervalSince(before) > -2 && stamped.timeIntervalSince(Date()) < 2)
        let messages = lines.map(LocalTimeStamp.strip)
        #expect(messages.first?.hasPrefix(language == "ja" ? "受付 a.xlsx" : "accepted a.xlsx") == true, "\(messages)")
        #expect(messages.last?.hasPrefix(language == "ja" ? "完了: 受付 1件、差戻 1件" : "Done: 1 accepted, 1 rejected") == true, "\(messages)")
    }

    /// Runs `furikaeri run` under `script`, whose pseudo-terminal makes standard error a terminal.
    static func runOnATerminal(_ f: IntakeFixture) throws -> String {
        let log = f.root.appendingPathComponent("typescript").path
        let command = "\(FurikaeriBinary.path) run --workspace '\(f.workspace)'"
        let result = try InstallTests.run(["script", "-qec", command, log])
        #expect(result.status == 0, "\(result.output)")
        return (try? String(contentsOfFile: log, encoding: .utf8)) ?? result.output
    }

    @Test(.enabled(if: InstallTests.tool("script") != nil, "needs script (util-linux) for a terminal"))
    func runShowsProgressOnATerminalAboveTwoHundredFiles() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        // Files that are not workbooks are quick to take (each is rejected with a note); each has
        // bytes of its own (the same rejected bytes dropped again are not taken a second time).
        for index in 0..<200 { try f.makeFile("memo\(index).csv", "memo,\(index)\n") }
        for index in 0..<200 { try f.drop("memo\(index).csv") }
        let few = try Self.runOnATerminal(f)
        #expect(few.contains("差戻 200件") && !few.contains("処理中"), "\(few)")
        for index in 0..<201 { try f.makeFile("note\(index).csv", "note,\(index)\n") }
        for index in 0..<201 { try f.drop("note\(index).csv") }
        let many = try Self.runOnATerminal(f)
        #expect(many.contains("処理中") && many.contains("201/201"), "\(many)")
        #expect(many.contains("差戻 201件"))
        // Without a terminal (a pipe or a log file), no progress line.
        for index in 0..<201 { try f.makeFile("more\(index).csv", "more,\(index)\n") }
        for index in 0..<201 { try f.drop("more\(index).csv") }
        let piped = try f.furikaeri(["run"])
        #expect(!piped.stderr.contains("処理中") && piped.stdout.contains("差戻 201件"))
    }
}
