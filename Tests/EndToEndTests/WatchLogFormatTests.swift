import Foundation
import Testing
import TestSupport

/// `watch --log-format plain`: a local time and a severity before each line, in the run's language.
@Suite(.serialized) struct WatchLogFormatTests {
    @Test func plainLinesCarryATimeAndASeverity() throws {
        for (language, info, warning) in [("ja", "情報", "警告"), ("en", "INFO", "WARNING")] {
            let f = try IntakeFixture()
            defer { f.remove() }
            try f.make([.init(name: "a.xlsx", org: "会", project: "事業"), .init(name: "b.xlsx", org: "会", project: "事業2", valid: false)])
            let out = f.root.appendingPathComponent("out")
            let watch = try FurikaeriBinary.start(["watch", "--workspace", f.workspace, "--interval", "0.2",
                                                   "--log-format", "plain", "--lang", language], stdout: out)
            try f.drop("a.xlsx")
            try f.drop("b.xlsx")
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline && !f.files(under: "inbox").isEmpty { usleep(100_000) }
            usleep(300_000)
            kill(watch.processIdentifier, SIGTERM)
            watch.waitUntilExit()
            #expect(watch.terminationStatus == 0)
            let lines = ((try? String(contentsOf: out, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            let stamp = #/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d) /#
            #expect(lines.count == 4, "\(lines)")
            #expect(lines.allSatisfy { $0.contains(stamp) }, "\(lines)")
            let accepted = language == "ja" ? "受付 a.xlsx" : "accepted a.xlsx"
            let rejected = language == "ja" ? "差戻 b.xlsx" : "rejected b.xlsx"
            #expect(lines.filter { $0.replacing(stamp, with: "").hasPrefix("\(info) \(accepted)") }.count == 1, "\(lines)")
            #expect(lines.filter { $0.replacing(stamp, with: "").hasPrefix("\(warning) \(rejected)") }.count == 1, "\(lines)")
        }
    }
}
