import Foundation
import Testing
import TestSupport

/// Settings typos are never silent: every section's misspelt key, rule code or field key is named
/// with the nearest valid one, in the run's language, and every command stops with exit status 2.
@Suite struct SettingsCheckTests {
    /// A misspelling in each section, with the line it is on and what must be suggested.
    static let misspellings: [(yaml: String, line: Int, ja: String, en: String)] = [
        ("departmets: [文化振興課]", 1, "departmets は使えません。departments ですか？", "departmets cannot be used. Did you mean departments?"),
        ("choices:\n  categry: [a]", 2, "choices の中の categry は使えません。category ですか？", "categry cannot be used in choices. Did you mean category?"),
        ("labels:\n  org_nam: [団体名称]", 2, "labels の org_nam という項目はありません。org_name ですか？", "there is no field org_nam (in labels). Did you mean org_name?"),
        ("rules:\n  low_scor_threshold: 3", 2, "rules の中の low_scor_threshold は使えません。low_score_threshold ですか？",
         "low_scor_threshold cannot be used in rules. Did you mean low_score_threshold?"),
        ("rules:\n  severity:\n    department.unknwn: error", 3, "rules.severity の department.unknwn という規則はありません。department.unknown ですか？",
         "there is no rule department.unknwn (in rules.severity). Did you mean department.unknown?"),
        ("rules:\n  disabled: [contact.phone_fromat]", 2, "rules.disabled の contact.phone_fromat という規則はありません。contact.phone_format ですか？",
         "there is no rule contact.phone_fromat (in rules.disabled). Did you mean contact.phone_format?"),
        ("rules:\n  required_fields:\n    proposl: [org_name]", 3, "rules.required_fields の中の proposl は使えません。proposal ですか？",
         "proposl cannot be used in rules.required_fields. Did you mean proposal?"),
        ("rules:\n  required_fields:\n    proposal: [org_nme]", 3, "rules.required_fields.proposal の org_nme という項目はありません。org_name ですか？",
         "there is no field org_nme (in rules.required_fields.proposal). Did you mean org_name?"),
        ("rules:\n  year_numbers: {from: 1, ot: 3}", 2, "rules.year_numbers の中の ot は使えません。to ですか？",
         "ot cannot be used in rules.year_numbers. Did you mean to?"),
        ("fiscal_years:\n  form: 2020", 2, "fiscal_years の中の form は使えません。from ですか？", "form cannot be used in fiscal_years. Did you mean from?"),
        ("intake:\n  setle_seconds: 3", 2, "intake の中の setle_seconds は使えません。settle_seconds ですか？",
         "setle_seconds cannot be used in intake. Did you mean settle_seconds?"),
        ("publish:\n  anonymised_site: true", 2, "publish の中の anonymised_site は使えません。anonymized_site ですか？",
         "anonymised_site cannot be used in publish. Did you mean anonymized_site?"),
        ("pubish:\n  anonymized_site: true", 1, "pubish は使えません。publish ですか？", "pubish cannot be used. Did you mean publish?"),
    ]

    @Test func everySectionsMisspeltKeyIsNamedWithTheNearestOne() throws {
        let root = try makeTemporaryDirectory("settings-typos")
        defer { try? FileManager.default.removeItem(at: root) }
        let sheet = TestPaths.samples.appendingPathComponent("R06_多言語情報提供事業_最終.xlsx").path
        for (index, case_) in Self.misspellings.enumerated() {
            let path = root.appendingPathComponent("s\(index).yml").path
            try case_.yaml.write(toFile: path, atomically: true, encoding: .utf8)
            let ja = try FurikaeriBinary.run(["validate", "--config", path, sheet])
            #expect(ja.status == 2, "\(case_.yaml)")
            #expect(ja.stderr.contains("設定ファイル「\(path)」の\(case_.line)行目: \(case_.ja)"), "\(ja.stderr)")
            let en = try FurikaeriBinary.run(["validate", "--config", path, sheet, "--lang", "en"])
            #expect(en.status == 2)
            #expect(en.stderr.contains("Settings file \"\(path)\", line \(case_.line): \(case_.en)"), "\(en.stderr)")
            #expect(!HelpLanguageTests.hasJapanese(en.stderr.replacingOccurrences(of: "文化振興課", with: "")), "\(en.stderr)")
        }
    }

    @Test func everyMistakeOfAFileIsListedOnItsOwnLine() throws {
        let root = try makeTemporaryDirectory("settings-typos")
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("furikaeri.yml").path
        try "departmets: []\nrules:\n  low_scor_threshold: 3\nintake: {setle_seconds: 1}\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try FurikaeriBinary.run(["validate", "--config", path, TestPaths.samples.path])
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 3, "\(result.stderr)")
        #expect(lines.map { $0.contains("departments ですか？") || $0.contains("low_score_threshold ですか？") || $0.contains("settle_seconds ですか？") }
            == [true, true, true])
    }

    @Test func wrongValuesSayWhatTheKeyHolds() throws {
        let root = try makeTemporaryDirectory("settings-values")
        defer { try? FileManager.default.removeItem(at: root) }
        let cases: [(String, String, String)] = [
            ("rules:\n  low_score_threshold: abc", "rules.low_score_threshold は整数で書いてください。", "write rules.low_score_threshold as a whole number."),
            ("rules:\n  statistics_phase: last", "rules.statistics_phase はfinal か latestで書いてください。", "write rules.statistics_phase as final or latest."),
            ("intake:\n  watch_interval_seconds: -1", "intake.watch_interval_seconds は0 より大きい数値で書いてください。",
             "write intake.watch_interval_seconds as a number above 0."),
            ("rules: [oops", "YAML として読めません。", "not valid YAML"),
            ("fiscal_years: {from: 2030, to: 2020}", "fiscal_years の from が to より後です。", "fiscal_years: from is after to."),
        ]
        for (index, (yaml, ja, en)) in cases.enumerated() {
            let path = root.appendingPathComponent("v\(index).yml").path
            try yaml.write(toFile: path, atomically: true, encoding: .utf8)
            let jaRun = try FurikaeriBinary.run(["validate", "--config", path, TestPaths.samples.path])
            #expect(jaRun.status == 2 && jaRun.stderr.contains(ja), "\(jaRun.stderr)")
            let enRun = try FurikaeriBinary.run(["validate", "--config", path, TestPaths.samples.path, "--lang", "en"])
            #expect(enRun.status == 2 && enRun.stderr.contains(en), "\(enRun.stderr)")
        }
    }

    /// A broken settings file is a usage error (2) in every command that reads one, with the message.
    @Test func brokenSettingsAreAUsageErrorInEveryCommand() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        let settings = f.workspace + "/furikaeri.yml"
        try "rules:\n  low_scor_threshold: 3\n".write(toFile: settings, atomically: true, encoding: .utf8)
        let sheet = TestPaths.samples.appendingPathComponent("R06_多言語情報提供事業_最終.xlsx").path
        let out = f.root.appendingPathComponent("out").path
        let commands: [[String]] = [
            ["validate", "--config", settings, sheet],
            ["inspect", "--fields", "--config", settings, sheet],
            ["process", sheet, "--output", out, "--config", settings],
            ["template", "reflection", "-o", f.root.appendingPathComponent("t.xlsx").path, "--config", settings],
            ["init", f.workspace],
            ["run", "--workspace", f.workspace],
            ["watch", "--workspace", f.workspace, "--interval", "0.2"],
            ["status", "--workspace", f.workspace],
            ["report", "--workspace", f.workspace, "--year", "2024"],
            ["ledger", "rebuild", "--workspace", f.workspace],
        ]
        for command in commands {
            for lang in ["ja", "en"] {
                let result = try FurikaeriBinary.run(command + ["--lang", lang], timeout: 60)
                #expect(result.status == 2, "\(command) \(lang): \(result.stderr)")
                let expected = lang == "ja" ? "low_score_threshold ですか？" : "Did you mean low_score_threshold?"
                #expect((result.stderr + result.stdout).contains(expected), "\(command) \(lang): \(result.stderr)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        // doctor reports it as a finding to fix (1), each mistake on an indented line of its own.
        let doctor = try FurikaeriBinary.run(["doctor", "--workspace", f.workspace])
        #expect(doctor.status == 1)
        #expect(doctor.stdout.contains("[エラー] settings.invalid:") && doctor.stdout.contains("low_score_threshold ですか？"), "\(doctor.stdout)")
    }

    @Test func theSettingsFileThatInitWritesPassesTheChecks() throws {
        let root = try makeTemporaryDirectory("settings-init")
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = root.appendingPathComponent("ws").path
        #expect(try FurikaeriBinary.run(["init", dir]).status == 0)
        let sheet = TestPaths.samples.appendingPathComponent("R06_多言語情報提供事業_最終.xlsx").path
        let result = try FurikaeriBinary.run(["validate", "--config", dir + "/furikaeri.yml", sheet])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FurikaeriBinary.run(["status", "--workspace", dir]).status == 0)
    }
}
