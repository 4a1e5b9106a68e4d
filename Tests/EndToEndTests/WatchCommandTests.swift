import Foundation
import Testing
import TestSupport

@Suite(.serialized) struct WatchCommandTests {
    @Test func watchTakesArrivalsPrintsOneLinePerFileAndStopsCleanlyOnSignal() throws {
        for signal in [SIGTERM, SIGINT] {
            let f = try IntakeFixture()
            defer { f.remove() }
            try f.make([.init(name: "a.xlsx", org: "会", project: "事業"), .init(name: "b.xlsx", org: "会", project: "事業2", valid: false)])
            let out = f.root.appendingPathComponent("out")
            let watch = try FurikaeriBinary.start(["watch", "--workspace", f.workspace, "--interval", "0.2"], stdout: out)
            try f.drop("a.xlsx")
            try f.drop("b.xlsx")
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline && !f.files(under: "inbox").isEmpty { usleep(100_000) }
            #expect(f.files(under: "inbox").isEmpty)
            usleep(300_000)
            kill(watch.processIdentifier, signal)
            watch.waitUntilExit()
            #expect(watch.terminationReason == .exit && watch.terminationStatus == 0)
            let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
            let lines = text.split(separator: "\n").map(String.init)
            #expect(lines.allSatisfy { $0.contains(LocalTimeStamp.pattern) }, "\(lines)")
            let messages = lines.map(LocalTimeStamp.strip)
            #expect(messages.filter { $0.hasPrefix("受付 a.xlsx") }.count == 1)
            #expect(messages.filter { $0.hasPrefix("差戻 b.xlsx") }.count == 1)
            #expect(text.contains("監視を終了しました"))
            #expect(f.files(under: "archive") == ["archive/2024/a.xlsx"])
        }
    }

    @Test func watchStopsAfterTheFileAtHandWhenSignalledMidBatch() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        let sheets = (0..<30).map { IntakeFixture.Sheet(name: "s\($0).xlsx", org: "団体\($0)", project: "事業", seed: $0) }
        try f.make(sheets)
        for sheet in sheets { try f.drop(sheet.path) }
        let watch = try FurikaeriBinary.start(["watch", "--workspace", f.workspace, "--interval", "0.2"])
        usleep(400_000)
        kill(watch.processIdentifier, SIGTERM)
        watch.waitUntilExit()
        #expect(watch.terminationStatus == 0)
        // Every file is exactly once; the rest waits in the inbox for the next run.
        for sheet in sheets {
            let data = try Data(contentsOf: URL(fileURLWithPath: f.pool + "/" + sheet.path))
            #expect(f.copies(of: data) == 1)
        }
        let result = try f.furikaeri(["run"])
        #expect(result.status == 0)
        #expect(f.files(under: "archive").count == 30 && f.files(under: "inbox").isEmpty)
    }
}
