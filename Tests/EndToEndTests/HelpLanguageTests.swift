import Foundation
import Testing
import TestSupport

/// One language per run, help included: every command's `--help` in English with `--lang en` or an
/// English `LANG`, in Japanese otherwise, and the argument parser's own errors in the run's language.
@Suite struct HelpLanguageTests {
    /// Every command path (`run`, `ledger backups` …), read from the binary's own description of its
    /// commands, so that a new command is covered without listing it here.
    static func commandPaths() throws -> [[String]] {
        let dump = try FurikaeriBinary.run(["--experimental-dump-help"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var paths: [[String]] = [[]]
        func walk(_ command: [String: Any], _ path: [String]) {
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                guard let name = sub["commandName"] as? String, name != "help" else { continue }
                paths.append(path + [name])
                walk(sub, path + [name])
            }
        }
        walk(try #require(json["command"] as? [String: Any]), [])
        return paths
    }

    /// Names the English help keeps in Japanese: the forms, files, sheets and examples it names.
    static let japaneseNames = [
        "ふりかえりシート", "企画提案書", "協働事業", "検証結果", "最終未提出", "最終", "中間", "令和6年度", "団体A01",
        "シート1", "提出-", "募集区分", "協働の形態", "担当課", "〓", "𠮷", "＝＋－＠",
        "ファイル (files)", "シート (sheets)", "指摘 (issues)", "第三者評価票", "評価者01", "評価者02", "委員A", "委員B",
    ]

    static func hasJapanese(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value)
            || (0x20000...0x2FFFF).contains($0.value) || (0xFF01...0xFF60).contains($0.value) || $0.value == 0x3013 }
    }

    /// The English help with names (file and folder names, the listed form and sheet names) taken out.
    static func japaneseOutsideNames(_ help: String) -> [String] {
        help.split(separator: "\n").compactMap { line in
            var rest = String(line)
            // File and folder names: a word with an extension or a path.
            rest = rest.split(separator: " ").filter { word in
                !(word.contains(".xlsx") || word.contains(".csv") || word.contains(".tsv") || word.contains(".txt") || word.contains("/"))
            }.joined(separator: " ")
            for name in japaneseNames { rest = rest.replacingOccurrences(of: name, with: "") }
            return hasJapanese(rest) ? String(line) : nil
        }
    }

    /// English prose: the words an untranslated sentence or the parser's own headings would bring.
    static let englishWords: Set<String> = [
        "the", "and", "of", "to", "for", "is", "with", "or", "a", "an", "in", "Show", "information", "OVERVIEW",
        "USAGE", "OPTIONS", "ARGUMENTS", "SUBCOMMANDS", "default", "values", "See", "detailed", "Error", "Usage",
        "must", "Writes", "Reads",
    ]

    static func englishOutsideNames(_ help: String) -> [String] {
        help.split(separator: "\n").compactMap { line in
            let words = line.split { !($0.isASCII && $0.isLetter) }.map(String.init)
            return words.contains(where: englishWords.contains) ? String(line) : nil
        }
    }

    @Test(arguments: [["--lang", "en"], ["--lang=en"]])
    func everyHelpIsEnglishWithLangEn(_ lang: [String]) throws {
        for path in try Self.commandPaths() {
            let result = try FurikaeriBinary.run(path + ["--help"] + lang, environment: ["LANG": "ja_JP.UTF-8", "LC_ALL": ""])
            #expect(result.status == 0, "\(path)")
            #expect(result.stdout.contains("USAGE:"), "\(path)")
            #expect(Self.japaneseOutsideNames(result.stdout).isEmpty, "\(path): \(Self.japaneseOutsideNames(result.stdout))")
        }
    }

    @Test func everyHelpIsEnglishWhenLangStartsWithEn() throws {
        for path in try Self.commandPaths() {
            let result = try FurikaeriBinary.run(path + ["--help"], environment: ["LANG": "en_US.UTF-8", "LC_ALL": ""])
            #expect(result.status == 0)
            #expect(Self.japaneseOutsideNames(result.stdout).isEmpty, "\(path): \(Self.japaneseOutsideNames(result.stdout))")
        }
        // LC_ALL comes first, and --lang before everything.
        let overridden = try FurikaeriBinary.run(["run", "--help"], environment: ["LANG": "en_US.UTF-8", "LC_ALL": "ja_JP.UTF-8"])
        #expect(overridden.stdout.contains("使い方:"))
        let explicit = try FurikaeriBinary.run(["run", "--help", "--lang", "ja"], environment: ["LANG": "en_US.UTF-8", "LC_ALL": ""])
        #expect(explicit.stdout.contains("使い方:"))
    }

    @Test func everyHelpIsJapaneseByDefault() throws {
        for path in try Self.commandPaths() {
            for arguments in [path + ["--help"], ["help"] + path] where !(arguments == ["help"]) || path.isEmpty {
                let result = try FurikaeriBinary.run(arguments, environment: ["LANG": "C.UTF-8", "LC_ALL": ""])
                #expect(result.status == 0, "\(arguments)")
                #expect(result.stdout.contains("使い方:"), "\(arguments)")
                #expect(Self.englishOutsideNames(result.stdout).isEmpty, "\(arguments): \(Self.englishOutsideNames(result.stdout))")
            }
        }
    }

    /// The English help is the manual page's: its texts come from packaging/manpage-en.json.
    @Test func theManualPageAndTheHelpShareTheirEnglish() throws {
        func flat(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let ja = try FurikaeriBinary.run(["process", "--help"], environment: ["LANG": "C.UTF-8", "LC_ALL": ""]).stdout
        let en = flat(try FurikaeriBinary.run(["process", "--help", "--lang", "en"]).stdout)
        #expect(ja.contains("書き出し先のフォルダ（なければ作ります。必須）。"))
        #expect(en.contains("The folder to write into (made when missing; required)."))
    }

    @Test func usageLinesShowRequiredOptionsAsRequired() throws {
        let help = try FurikaeriBinary.run(["process", "--help", "--lang", "en"]).stdout
        let usage = try #require(help.split(separator: "\n").first { $0.hasPrefix("USAGE:") })
        #expect(usage.contains(" --output <output>") && !usage.contains("[--output <output>]"), "\(usage)")
    }

    @Test func theParsersOwnErrorsAreInTheRunsLanguage() throws {
        let workspace = try makeTemporaryDirectory("help-errors")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let ja = try FurikaeriBinary.run(["report", "--workspace", workspace.path])
        #expect(ja.status == 2)
        #expect(ja.stderr.contains("年度を --year で指定してください"), "\(ja.stderr)")
        #expect(!ja.stderr.contains("Missing") && !ja.stderr.contains("Usage") && !ja.stderr.contains("Error"), "\(ja.stderr)")
        let en = try FurikaeriBinary.run(["report", "--workspace", workspace.path, "--lang", "en"])
        #expect(en.status == 2)
        #expect(en.stderr.contains("Give the fiscal year with --year"), "\(en.stderr)")
        #expect(!Self.hasJapanese(en.stderr.replacingOccurrences(of: "令和6年度", with: "")), "\(en.stderr)")

        let unknown = try FurikaeriBinary.run(["run", "--workspace", workspace.path, "--verbos"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("「--verbos」というオプションはありません。--verbose ですか？"), "\(unknown.stderr)")
        let unknownEn = try FurikaeriBinary.run(["--lang", "en", "run", "--workspace", workspace.path, "--verbos"])
        #expect(unknownEn.status == 2)
        #expect(unknownEn.stderr.contains("Unknown option '--verbos'"), "\(unknownEn.stderr)")

        let interval = try FurikaeriBinary.run(["watch", "--workspace", workspace.path, "--interval", "-3"])
        #expect(interval.status == 2)
        #expect(interval.stderr.contains("--interval には 0 より大きい秒数を指定してください（指定された値: -3）"), "\(interval.stderr)")
        let intervalEn = try FurikaeriBinary.run(["watch", "--workspace", workspace.path, "--interval", "-3", "--lang", "en"])
        #expect(intervalEn.stderr.contains("--interval must be a number of seconds above 0 (got -3)"), "\(intervalEn.stderr)")

        let choice = try FurikaeriBinary.run(["watch", "--workspace", workspace.path, "--log-format", "json"])
        #expect(choice.status == 2)
        #expect(choice.stderr.contains("--log-format の値「json」は使えません。journal・plain のどれかを指定してください。"), "\(choice.stderr)")
        #expect(choice.stderr.contains("使い方: furikaeri watch --workspace <workspace>"), "\(choice.stderr)")

        // --lang before the command, and before a command that only groups others.
        let before = try FurikaeriBinary.run(["--lang", "en", "status", "--workspace", workspace.path])
        #expect(before.status == 2 && before.stderr.contains("is not a workspace"), "\(before.stderr)")
        let group = try FurikaeriBinary.run(["ledger", "--lang", "en"])
        #expect(group.status == 0 && group.stdout.contains("USAGE: furikaeri ledger"), "\(group.stdout)\(group.stderr)")
        let help = try FurikaeriBinary.run(["help", "ledger", "backups", "--lang", "en"])
        #expect(help.status == 0 && help.stdout.contains("USAGE: furikaeri ledger backups"), "\(help.stdout)\(help.stderr)")

        let badLang = try FurikaeriBinary.run(["status", "--workspace", workspace.path, "--lang", "fr"])
        #expect(badLang.status == 2)
        #expect(badLang.stderr.contains("--lang には ja か en を指定してください（指定された値: fr）"), "\(badLang.stderr)")
    }

    @Test func conflictingAndRepeatedOptionsAreUsageErrors() throws {
        let root = try makeTemporaryDirectory("help-conflicts")
        defer { try? FileManager.default.removeItem(at: root) }
        let samples = TestPaths.samples.path, out = root.appendingPathComponent("out").path
        let replace = try FurikaeriBinary.run(["process", samples, "--output", out, "--replace"])
        #expect(replace.status == 2)
        #expect(replace.stderr.contains("--replace は --encoding cp932 と一緒に指定してください"), "\(replace.stderr)")
        let replaceEn = try FurikaeriBinary.run(["report", "--workspace", root.path, "--year", "2024", "--replace", "--lang", "en"])
        #expect(replaceEn.status == 2)
        #expect(replaceEn.stderr.contains("Give --replace together with --encoding cp932"), "\(replaceEn.stderr)")
        let repeated = try FurikaeriBinary.run(["process", samples, "--output", out, "--year", "2024", "--year", "2023"])
        #expect(repeated.status == 2)
        #expect(repeated.stderr.contains("--year が2回指定されています"), "\(repeated.stderr)")
        #expect(repeated.stderr.contains("使い方: furikaeri process [<paths> ...] --output <output>"), "\(repeated.stderr)")
        let repeatedEn = try FurikaeriBinary.run(["process", samples, "--output", out, "--year=2024", "--year", "2023", "--lang", "en"])
        #expect(repeatedEn.stderr.contains("--year is given twice"), "\(repeatedEn.stderr)")
        let noOutput = try FurikaeriBinary.run(["process", samples])
        #expect(noOutput.status == 2)
        #expect(noOutput.stderr.contains("書き出し先のフォルダを --output で指定してください"), "\(noOutput.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
