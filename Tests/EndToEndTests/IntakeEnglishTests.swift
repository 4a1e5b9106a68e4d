import Foundation
import Testing
import TestSupport

/// `--lang en` on the workspace commands: every message in English, only names of files, folders,
/// organisations and projects (which staff typed) left in Japanese.
@Suite(.serialized) struct IntakeEnglishTests {
    /// Whether `text` holds kana or kanji once the given names are taken out.
    static func hasJapanese(_ text: String, besides names: [String]) -> Bool {
        var rest = text
        for name in names { rest = rest.replacingOccurrences(of: name, with: "") }
        return rest.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) }
    }

    @Test func initRunStatusAndReportSpeakEnglishWithLangEn() throws {
        let root = try makeTemporaryDirectory("intake-en")
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = root.appendingPathComponent("ws").path
        let made = try FurikaeriBinary.run(["init", workspace, "--lang", "en"])
        #expect(made.status == 0)
        #expect(made.stdout.contains("The workspace is ready") && made.stdout.contains("created: inbox"))
        let templateNames = ["ふりかえりシート_様式.xlsx", "企画提案書_様式.xlsx"]
        #expect(!Self.hasJapanese(made.stdout, besides: templateNames))

        // The same workspace, through the fixture's helpers for sheets.
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.make([
            .init(name: "good.xlsx", org: "みどりの会", project: "公園清掃"),
            .init(name: "bad.xlsx", org: "そら", project: "見守り", valid: false),
        ])
        try f.makeFile("report.xls", "not really xls")
        for name in ["good.xlsx", "bad.xlsx", "report.xls"] { try f.drop(name) }
        let run = try f.furikaeri(["run", "--lang", "en", "--verbose"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("accepted good.xlsx → archive/2024/good.xlsx (FY2024)"))
        #expect(lines.contains { $0.hasPrefix("rejected bad.xlsx → rejected/bad.xlsx (") && $0.contains("error") })
        #expect(lines.contains("rejected report.xls → rejected/report.xls (not an .xlsx file; see rejected/report.xls.エラー.txt)"))
        #expect(lines.last == "Done: 1 accepted, 2 rejected, 0 duplicates. Outputs updated for FY2024")
        #expect(!Self.hasJapanese(run.stdout + run.stderr, besides: [".エラー.txt"]))

        let status = try f.furikaeri(["status", "--lang", "en"])
        #expect(status.status == 0)
        #expect(status.stdout.hasPrefix("Inbox: 0 waiting\n"))
        #expect(status.stdout.contains("FY2024 (令和6年度)") && status.stdout.contains("1 reflection sheet(s), 0 proposal(s)"))
        #expect(status.stdout.contains("2 rejected") || status.stdout.contains("Rejected without a known fiscal year"))
        // Names from the forms (the 未照合 list) are data, not words of the program.
        #expect(status.stdout.contains("  - みどりの会 \"公園清掃\" (archive/2024/good.xlsx, final)"))
        #expect(!Self.hasJapanese(status.stdout, besides: ["令和6年度", ".エラー.txt", "みどりの会", "公園清掃"]))

        let report = try f.furikaeri(["report", "--year", "2024", "--lang", "en"])
        #expect(report.status == 0)
        #expect(report.stdout.contains("FY2024: 1 sheet(s), 0 reflection(s) not yet received."))
        // The files made are named in Japanese for the office; the sentence around them is English.
        let sentences = report.stdout.split(separator: "\n").filter { !$0.hasPrefix("created: ") }.joined(separator: "\n")
        #expect(!Self.hasJapanese(sentences, besides: ["年次レビュー_令和6年度"]))
    }

    @Test func workspaceErrorsAreInEnglishWithLangEn() throws {
        let root = try makeTemporaryDirectory("intake-en-errors")
        defer { try? FileManager.default.removeItem(at: root) }
        for command in [["status"], ["run"], ["report", "--year", "2024"]] {
            let result = try FurikaeriBinary.run(command + ["--workspace", root.path, "--lang", "en"])
            #expect(result.status == 2, "\(command)")
            #expect(result.stderr.contains("is not a workspace") && result.stderr.contains("furikaeri init"), "\(command)")
            #expect(!Self.hasJapanese(result.stderr, besides: []), "\(command)")
        }
        let japanese = try FurikaeriBinary.run(["status", "--workspace", root.path])
        #expect(japanese.status == 2 && japanese.stderr.contains("作業フォルダではありません"))
        let wrong = try FurikaeriBinary.run(["status", "--workspace", root.path, "--lang", "fr"])
        #expect(wrong.status == 2 && wrong.stderr.contains("--lang must be ja or en"))
    }
}
