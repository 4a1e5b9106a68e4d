import Foundation
import Testing
import TestSupport

@Suite(.serialized) struct InitCommandTests {
    @Test func initMakesTheFoldersTheBlankFormsAndACommentedSettingsFile() throws {
        let root = try makeTemporaryDirectory("init")
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = root.appendingPathComponent("市民協働").path
        let result = try FurikaeriBinary.run(["init", dir])
        #expect(result.status == 0)
        for folder in ["inbox", "archive", "rejected", "output", "templates"] {
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: dir + "/" + folder, isDirectory: &isDirectory) && isDirectory.boolValue)
        }
        #expect(IntakeFixture.files(under: dir + "/templates") == ["ふりかえりシート_様式.xlsx", "企画提案書_様式.xlsx"])
        // The forms open in a reader we did not write.
        for name in ["ふりかえりシート_様式.xlsx", "企画提案書_様式.xlsx"] {
            try runOracle("dump_cells.py", [dir + "/templates/" + name])
        }
        let yaml = try String(contentsOfFile: dir + "/furikaeri.yml", encoding: .utf8)
        for key in ["departments:", "choices:", "labels:", "rules:", "low_score_threshold:", "fiscal_years:",
                    "intake:", "settle_seconds:", "watch_interval_seconds:", "required_fields:", "year_numbers:"] {
            #expect(yaml.contains(key), "\(key) missing")
        }
        // The settings file is what the workspace commands read: a broken one is reported, not ignored.
        #expect(try FurikaeriBinary.run(["run", "--workspace", dir]).status == 0)
        try "rules: [oops".write(toFile: dir + "/furikaeri.yml", atomically: true, encoding: .utf8)
        let broken = try FurikaeriBinary.run(["run", "--workspace", dir])
        #expect(broken.status == 2 && broken.stderr.contains("furikaeri.yml"), "\(broken.stderr)")
    }

    @Test func initAgainKeepsWhatIsThere() throws {
        let root = try makeTemporaryDirectory("init")
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = root.path + "/ws"
        try FurikaeriBinary.run(["init", dir])
        try "departments: [市民協働課]\n".write(toFile: dir + "/furikaeri.yml", atomically: true, encoding: .utf8)
        try Data("staff".utf8).write(to: URL(fileURLWithPath: dir + "/inbox/a.xlsx"))
        let again = try FurikaeriBinary.run(["init", dir])
        #expect(again.status == 0)
        #expect(try String(contentsOfFile: dir + "/furikaeri.yml", encoding: .utf8) == "departments: [市民協働課]\n")
        #expect(FileManager.default.contents(atPath: dir + "/inbox/a.xlsx") == Data("staff".utf8))
    }
}
