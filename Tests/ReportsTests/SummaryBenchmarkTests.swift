import Foundation
import Testing
import TestSupport
@testable import Reports
@testable import SummaryBench

@Test func benchmarkWritesEveryProjectAndNoPersonalData() throws {
    let dir = try makeTemporaryDirectory("bench")
    defer { try? FileManager.default.removeItem(at: dir) }
    let timing = try SummaryBenchmark.run(projects: 300, outputDirectory: dir.path)
    #expect(timing.files.contains("ふりかえり集計_令和6年度.xlsx"))
    let result = try PythonOracle.run("summary_oracle.py", ["csv", dir.appendingPathComponent("ふりかえり_事業別_令和6年度.csv").path, "utf-8-sig"]) as! [String: Any]
    #expect((result["rows"] as! [[String]]).count == 301)
    let text = (try PythonOracle.run("summary_oracle.py", ["text", dir.appendingPathComponent("ふりかえり集計_令和6年度.xlsx").path]) as! [String: Any])["text"] as! String
    #expect(!text.contains("代表者12") && !text.contains("rep7@example.jp"))
    #expect(text.contains("NPO法人テスト団体12"))
}
