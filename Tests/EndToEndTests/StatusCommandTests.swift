import Foundation
import Testing
import TestSupport

@Suite(.serialized) struct StatusCommandTests {
    @Test func statusShowsCountsRejectionsPendingAndMissingReflectionsPerYear() throws {
        let f = try IntakeFixture(settleSeconds: 30)
        defer { f.remove() }
        // The samples: reflections for R5 and R6, proposals for R6 and R7, some with mistakes.
        try f.dropSamples(age: 120)
        #expect(try f.furikaeri(["run"]).status == 0)
        try f.makeFile("new.xlsx", "still copying")
        try f.drop("new.xlsx", age: 0)
        let status = try f.furikaeri(["status"])
        #expect(status.status == 0)
        let text = status.stdout
        #expect(text.contains("書き込み中 1件"))
        #expect(text.contains("令和5年度（2023）") && text.contains("令和6年度（2024）") && text.contains("令和7年度（2025）"))
        // R7: four accepted proposals, none with a reflection yet; two proposals rejected.
        let r7 = text.components(separatedBy: "令和7年度（2025）").last ?? ""
        #expect(r7.contains("企画提案書 4件") && r7.contains("差戻し（訂正待ち） 2件") && r7.contains("未提出のふりかえりシート: 4件"))
        #expect(r7.contains("防災まち歩きワークショップ"))
    }

    @Test func statusOfAFolderThatIsNotAWorkspaceSaysHowToMakeOne() throws {
        let root = try makeTemporaryDirectory("status")
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try FurikaeriBinary.run(["status", "--workspace", root.path])
        #expect(result.status == 2 && result.stderr.contains("furikaeri init"))
    }
}
