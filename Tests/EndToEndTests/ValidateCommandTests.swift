import Foundation
import TestSupport
import Testing

/// Runs the built `furikaeri` binary in `directory`; returns exit status, standard output and error.
private func furikaeri(_ arguments: [String], in directory: URL) throws -> (status: Int32, out: String, err: String) {
    let run = try runFurikaeri(arguments, in: directory)
    return (run.status, run.stdout, run.stderr)
}

/// The parsed `validate --json` output.
private func parse(_ json: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
}

/// Every issue of a file (file level and per form) as (code, cell, severity, field).
private func issues(of file: [String: Any]) -> [(code: String, cell: String?, severity: String, field: String?)] {
    var all = file["issues"] as? [[String: Any]] ?? []
    for form in file["forms"] as? [[String: Any]] ?? [] { all += form["issues"] as? [[String: Any]] ?? [] }
    return all.map { ($0["code"] as? String ?? "", $0["cell"] as? String, $0["severity"] as? String ?? "", $0["field"] as? String) }
}

/// Checks the output with Python's json module against the contract (Tests/oracles/check_validate_json.py).
private func pythonContractCheck(_ json: String, in directory: URL) throws -> String {
    let file = directory.appendingPathComponent("validate-output.json")
    try Data(json.utf8).write(to: file)
    return String(decoding: try OpenpyxlOracle.run("check_validate_json.py", [file.path]), as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)
}

/// A blank template written by `furikaeri template`, filled in with openpyxl as staff would in Excel.
private func filledTemplate(_ kind: String, _ cells: [String: Any], name: String, in directory: URL) throws -> String {
    let blank = directory.appendingPathComponent("blank-\(kind).xlsx")
    if !FileManager.default.fileExists(atPath: blank.path) {
        let made = try furikaeri(["template", kind, "-o", blank.path], in: directory)
        try #require(made.status == 0, "template: \(made.err)")
    }
    let sheet = kind == "reflection" ? "ふりかえりシート" : "企画提案書"
    let target = directory.appendingPathComponent(name).path
    try OpenpyxlOracle.fill(blank.path, to: target, sheet: sheet, cells: cells)
    return target
}

/// A clean ふりかえりシート in the template's layout: scores in D8:D14, city scores in E, comments in F.
private let cleanReflection: [String: any Sendable] = [
    "B3": "令和6年度", "D3": "最終", "B4": "文化振興課",
    "A8": "NPO法人にしとうきょう多文化ネット", "B8": "多言語情報提供事業",
    "D8": 5, "D9": 4, "D10": 4, "D11": 3, "D12": 5, "D13": 4, "D14": 5,
    "E8": 4, "E9": 4, "E10": 3, "E11": 3, "E12": 4, "E13": 4, "E14": 4,
    "F8": "市報の翻訳で外国籍市民に届いた",
    "D15": "翻訳ボランティアの高齢化が課題です。", "D16": "次年度も委託で継続します。", "D17": "やさしい日本語版を追加",
]

@Suite(.serialized) struct ValidateCommandTests {
    @Test func noPathIsAUsageError() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try furikaeri(["validate"], in: directory)
        #expect(result.status == 2)
        #expect(result.err.contains("指定してください"))
    }

    @Test func missingPathIsAUsageError() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try furikaeri(["validate", "nowhere.xlsx"], in: directory)
        #expect(result.status == 2)
        #expect(result.err.contains("nowhere.xlsx"))
        #expect(result.out.isEmpty)
    }

    @Test func badLanguageIsAUsageError() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try furikaeri(["validate", "--lang", "fr", "."], in: directory)
        #expect(result.status == 2)
        #expect(result.err.contains("--lang"))
    }

    @Test func optionWithoutItsValueIsAUsageError() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try furikaeri(["validate", "--lang"], in: directory)
        #expect(result.status == 2)
        #expect(result.err.contains("--lang"))
    }

    @Test func unknownOptionIsAUsageError() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try furikaeri(["validate", "--strict", "."], in: directory)
        #expect(result.status == 2)
        #expect(result.err.contains("--strict"))
        let english = try furikaeri(["validate", "--lang", "en", "-q", "."], in: directory)
        #expect(english.status == 2)
        #expect(english.err.contains("There is no option \"-q\""))
    }

    @Test func settingsFromConfigOrTheCurrentFolderChangeTheRules() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var cells = cleanReflection
        cells["D11"] = 6
        cells["D12"] = 2
        cells["E12"] = 2
        _ = try filledTemplate("reflection", cells, name: "a.xlsx", in: directory)
        let strict = try furikaeri(["validate", "--json", "a.xlsx"], in: directory)
        #expect(strict.status == 1)
        try Data("rules:\n  disabled: [score.out_of_range]\n  low_score_comment_is_error: false\n".utf8)
            .write(to: directory.appendingPathComponent("lenient.yml"))
        let lenient = try furikaeri(["validate", "--json", "--config", "lenient.yml", "a.xlsx"], in: directory)
        #expect(lenient.status == 0, "\(lenient.out)")
        let file = try #require((try parse(lenient.out)["files"] as? [[String: Any]])?.first)
        #expect(issues(of: file).map { "\($0.code)/\($0.severity)" } == ["score.low_without_comment/warning"])
        // The workspace's own furikaeri.yml in the current folder applies without --config.
        try FileManager.default.copyItem(at: directory.appendingPathComponent("lenient.yml"),
                                         to: directory.appendingPathComponent("furikaeri.yml"))
        #expect(try furikaeri(["validate", "a.xlsx"], in: directory).status == 0)
    }

    @Test func brokenSettingsFileIsAUsageError() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("rules: [oops".utf8).write(to: directory.appendingPathComponent("bad.yml"))
        let result = try furikaeri(["validate", "--config", "bad.yml", "."], in: directory)
        #expect(result.status == 2)
        #expect(result.err.contains("bad.yml"))
    }

    @Test func cleanFilledTemplateIsValidWithScoresAsIntegers() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try filledTemplate("reflection", cleanReflection, name: "clean.xlsx", in: directory)
        let result = try furikaeri(["validate", "--json", path], in: directory)
        #expect(result.status == 0, "\(result.out)\(result.err)")
        let json = try parse(result.out)
        #expect(json["summary"] as? [String: Int] == ["files": 1, "valid": 1, "invalid": 0, "unreadable": 0])
        let file = try #require((json["files"] as? [[String: Any]])?.first)
        #expect(file["path"] as? String == path)
        #expect(file["status"] as? String == "valid")
        #expect(issues(of: file).filter { $0.severity == "error" }.isEmpty)
        let form = try #require((file["forms"] as? [[String: Any]])?.first)
        #expect(form["sheet"] as? String == "ふりかえりシート")
        #expect(form["kind"] as? String == "reflection")
        let fields = try #require(form["fields"] as? [String: Any])
        let scores = try #require(fields["scores"] as? [String: Any])
        #expect(scores["effectiveness"] as? Int == 5)
        #expect(scores["cooperation"] as? Int == 5)
        #expect((fields["city_scores"] as? [String: Any])?["goal_sharing"] as? Int == 3)
        #expect((fields["comments"] as? [String: Any])?["effectiveness"] as? String == "市報の翻訳で外国籍市民に届いた")
        #expect(fields["fiscal_year"] as? Int == 2024)
        #expect(fields["phase"] as? String == "最終")
        #expect(fields["org_name"] as? String == "NPO法人にしとうきょう多文化ネット")
        #expect(try pythonContractCheck(result.out, in: directory) == "ok")
    }

    @Test func eachMistakeIsReportedOnItsCellWithItsCode() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var cells = cleanReflection
        cells["D9"] = "A"            // ②目的の設定: letters
        cells["D11"] = 6             // ④目的の達成度: out of range
        cells["D12"] = 2             // ⑤協力体制: low, and F12 is blank
        cells["E12"] = 2
        cells["D13"] = 3.5           // ⑥受益者の満足度: fraction
        cells["D14"] = "４"          // ⑦団体の満足度: full-width digit, read with a warning
        cells["E14"] = 4
        cells["E8"] = 2              // ① org 5 vs city 2: gap
        cells["D15"] = "特になし"    // placeholder
        cells["D16"] = "　"          // blank city comment (a full-width space)
        let path = try filledTemplate("reflection", cells, name: "mistakes.xlsx", in: directory)
        let result = try furikaeri(["validate", "--json", path], in: directory)
        #expect(result.status == 1)
        let file = try #require((try parse(result.out)["files"] as? [[String: Any]])?.first)
        #expect(file["status"] as? String == "invalid")
        let found = Set(issues(of: file).map { "\($0.code)@\($0.cell ?? "-")/\($0.severity)" })
        let expected: Set<String> = [
            "score.unreadable@D9/error", "score.out_of_range@D11/error", "score.low_without_comment@F12/error",
            "score.not_integer@D13/error", "score.normalised@D14/warning", "score.gap@E8/warning",
            "comment.placeholder@D15/error", "comment.missing@D16/error",
        ]
        #expect(found == expected)
        let scores = try #require(((file["forms"] as? [[String: Any]])?.first?["fields"] as? [String: Any])?["scores"] as? [String: Any])
        #expect(scores["goal_setting"] is NSNull)
        #expect(scores["beneficiary_satisfaction"] is NSNull)
        #expect(scores["org_satisfaction"] as? Int == 4)
        #expect(try pythonContractCheck(result.out, in: directory) == "ok")
    }

    @Test func humanOutputGroupsByFileInJapaneseAndEnglish() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var cells = cleanReflection
        cells["D11"] = 6
        _ = try filledTemplate("reflection", cells, name: "a.xlsx", in: directory)
        _ = try filledTemplate("reflection", cleanReflection, name: "b.xlsx", in: directory)
        try FileManager.default.removeItem(at: directory.appendingPathComponent("blank-reflection.xlsx"))
        let ja = try furikaeri(["validate", "."], in: directory)
        #expect(ja.status == 1)
        let lines = ja.out.split(separator: "\n").map(String.init)
        #expect(lines.first == "✗ ./a.xlsx（不備あり: エラー 1件・警告 0件）")
        #expect(lines.contains("  [エラー] score.out_of_range: ファイル「a.xlsx」の「④目的の達成度」の評価（シート「ふりかえりシート」D11）が 6 です。1〜5の整数を入力してください。"))
        #expect(lines.contains("✓ ./b.xlsx（問題なし）"))
        #expect(lines.last == "合計 2ファイル: 受付可 1・不備あり 1・読み取れない 0（エラー 1件・警告 0件）")
        let en = try furikaeri(["validate", "--lang", "en", "."], in: directory)
        #expect(en.status == 1)
        #expect(en.out.contains("a.xlsx, sheet \"ふりかえりシート\" cell D11: the score for ④目的の達成度 (Achievement of goals) is 6."))
        #expect(en.out.hasSuffix("Total 2 files: 1 valid, 1 invalid, 0 unreadable (1 error, 0 warnings)\n"))
    }

    @Test func folderIsWalkedSortedAndBrokenFilesAreUnreadable() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let inbox = directory.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let clean = try filledTemplate("reflection", cleanReflection, name: "inbox/sub/z.xlsx", in: directory)
        try Data("団体名,事業名\n".utf8).write(to: inbox.appendingPathComponent("a-renamed-csv.xlsx"))
        try Data("x".utf8).write(to: inbox.appendingPathComponent("~$z.xlsx"))
        try Data("x".utf8).write(to: inbox.appendingPathComponent(".hidden.xlsx"))
        try Data("memo".utf8).write(to: inbox.appendingPathComponent("memo.txt"))
        try FileManager.default.copyItem(atPath: directory.appendingPathComponent("blank-reflection.xlsx").path,
                                         toPath: inbox.appendingPathComponent("m-blank-form.xlsx").path)
        let result = try furikaeri(["validate", "--json", "inbox"], in: directory)
        #expect(result.status == 1)
        let json = try parse(result.out)
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files.map { $0["path"] as? String } == ["inbox/a-renamed-csv.xlsx", "inbox/m-blank-form.xlsx", "inbox/sub/z.xlsx"])
        #expect(files[0]["status"] as? String == "unreadable")
        #expect(issues(of: files[0]).map(\.code) == ["reader.not_a_zip"])
        #expect(files[1]["status"] as? String == "invalid")
        #expect(issues(of: files[1]).contains { $0.code == "score.missing" && $0.cell == "D8" })
        #expect(files[2]["status"] as? String == "valid")
        #expect(files[2]["sha256"] as? String == (try sha256sum(clean)))
        #expect(json["summary"] as? [String: Int] == ["files": 3, "valid": 1, "invalid": 1, "unreadable": 1])
        #expect(try pythonContractCheck(result.out, in: directory) == "ok")
    }

    @Test func pathsCanComeFromAListFile() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try filledTemplate("reflection", cleanReflection, name: "a.xlsx", in: directory)
        _ = try filledTemplate("reflection", cleanReflection, name: "b.xlsx", in: directory)
        try Data("b.xlsx\n\na.xlsx\n".utf8).write(to: directory.appendingPathComponent("list.txt"))
        let result = try furikaeri(["validate", "--json", "--files-from", "list.txt"], in: directory)
        #expect(result.status == 0, "\(result.err)")
        let files = try #require(try parse(result.out)["files"] as? [[String: Any]])
        #expect(files.map { $0["path"] as? String } == ["a.xlsx", "b.xlsx"])
        #expect(try furikaeri(["validate", "--files-from", "missing.txt"], in: directory).status == 2)
        // Windows line ends and other line breaks, in an ASCII list and in one naming a Japanese file.
        _ = try filledTemplate("reflection", cleanReflection, name: "シート.xlsx", in: directory)
        try Data("b.xlsx\r\n\r\na.xlsx\u{0C}b.xlsx\r".utf8).write(to: directory.appendingPathComponent("crlf.txt"))
        try Data("シート.xlsx\r\na.xlsx\u{2028}b.xlsx".utf8).write(to: directory.appendingPathComponent("ja.txt"))
        for (list, expected) in [("crlf.txt", ["a.xlsx", "b.xlsx"]), ("ja.txt", ["a.xlsx", "b.xlsx", "シート.xlsx"])] {
            let listed = try furikaeri(["validate", "--json", "--files-from", list], in: directory)
            #expect(listed.status == 0, "\(listed.err)")
            let paths = try #require(try parse(listed.out)["files"] as? [[String: Any]]).map { $0["path"] as? String }
            #expect(paths == expected, "\(list)")
        }
    }

    @Test func jsonOutputIsTheSameOnEveryRun() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for i in 0..<12 {
            var cells = cleanReflection
            cells["D\(8 + i % 7)"] = i % 3 == 0 ? 9 : 4
            _ = try filledTemplate("reflection", cells, name: "f\(i).xlsx", in: directory)
        }
        let first = try furikaeri(["validate", "--json", "."], in: directory)
        let second = try furikaeri(["validate", "--json", "."], in: directory)
        #expect(first.out == second.out)
        #expect(first.out.hasPrefix("{\"files\":[{"))
    }
}

private func sha256sum(_ path: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return String(output.prefix(64))
}

@Suite(.serialized) struct ValidateCommandFileLevelTests {
    @Test func workbookWithoutFormIsFormNotFound() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let book = WorkbookBuilder(sheets: [.init("メモ", "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>買い物リスト</t></is></c></row></sheetData>")])
        try book.write(to: directory.appendingPathComponent("memo.xlsx"))
        let result = try furikaeri(["validate", "--json", "memo.xlsx"], in: directory)
        #expect(result.status == 1)
        let file = try #require((try parse(result.out)["files"] as? [[String: Any]])?.first)
        #expect(file["status"] as? String == "invalid")
        #expect(issues(of: file).map(\.code) == ["form.not_found"])
        #expect(issues(of: file).first?.cell == nil)
    }

    @Test func hostileAndBrokenFilesBecomeReaderIssuesWithoutCrashing() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try ZipWriter.write(HostileFiles.billionLaughsBook(), to: directory.appendingPathComponent("laughs.xlsx"))
        try Data(HostileFiles.truncatedBook(keep: 200)).write(to: directory.appendingPathComponent("cut.xlsx"))
        try Data(HostileFiles.csv).write(to: directory.appendingPathComponent("list.xlsx"))
        try Data(HostileFiles.csv).write(to: directory.appendingPathComponent("list.csv"))
        let result = try furikaeri(["validate", "--json", "laughs.xlsx", "cut.xlsx", "list.xlsx", "list.csv"], in: directory)
        #expect(result.status == 1)
        let json = try parse(result.out)
        let files = try #require(json["files"] as? [[String: Any]])
        var codes: [String: String] = [:]
        for file in files {
            #expect(file["status"] as? String == "unreadable")
            codes[file["path"] as? String ?? ""] = issues(of: file).first?.code
        }
        #expect(codes["laughs.xlsx"] == "reader.unsafe_xml")
        #expect(codes["cut.xlsx"]?.hasPrefix("reader.") == true)
        #expect(codes["list.xlsx"] == "reader.not_a_zip")
        #expect(codes["list.csv"] == "file.not_xlsx")
        #expect(json["summary"] as? [String: Int] == ["files": 4, "valid": 0, "invalid": 0, "unreadable": 4])
        #expect(try pythonContractCheck(result.out, in: directory) == "ok")
    }
}

/// The mistakes samples/README.md lists, with the code each must be reported with.
/// Keyed by file and cell; `D11 (comment cell E11)` in the README is reported on the comment cell.
private let sampleMistakeCodes: [String: String] = [
    "R05_防災まち歩き_最終.xlsx D11": "score.out_of_range",
    "R05_防災まち歩き_最終.xlsx D16": "comment.missing",
    "R05_省エネ家計簿講座_最終.xlsx B18": "comment.placeholder",
    "R05_省エネ家計簿講座_最終.xlsx B10": "score.normalised",
    "R06_多言語情報提供事業_最終.xlsx C10": "score.gap",
    "R06_小規模公園・緑地活用事業_最終.xlsx B12": "score.missing",
    "R06_小規模公園・緑地活用事業_最終.xlsx B13": "score.not_integer",
    "R06_ケアラー支援_中間.xlsx E11": "score.low_without_comment",
    "R06_ケアラー支援_中間.xlsx D6": "score.normalised",
    "R06_アート展_最終.xlsx B16": "score.unreadable",
    "P07_ウォーキング_企画提案書.xlsx B23": "money.requested_exceeds_total",
    "P07_ウォーキング_企画提案書.xlsx B6": "theme.missing",
    "P07_多言語情報_企画提案書.xlsx B15": "year_number.out_of_range",
    "P07_多言語情報_企画提案書.xlsx B22": "money.normalised",
]

/// Rows of the README's mistakes table: (file, sheet, cell, field).
private func readmeMistakes() throws -> [(file: String, sheet: String, cell: String, field: String)] {
    let text = try String(contentsOf: TestPaths.samples.appendingPathComponent("README.md"), encoding: .utf8)
    guard let start = text.range(of: "## Mistakes") else { return [] }
    var rows: [(String, String, String, String)] = []
    for line in text[start.upperBound...].split(separator: "\n") where line.hasPrefix("| `") {
        let cols = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        guard cols.count >= 4 else { continue }
        let cellText = cols[2]
        // `D11 (comment cell E11)`: the cell to fix is the comment cell.
        let cell = cellText.range(of: "comment cell ").map { String(cellText[$0.upperBound...].prefix { $0.isLetter || $0.isNumber }) }
            ?? String(cellText.prefix { $0.isLetter || $0.isNumber })
        rows.append((cols[0].trimmingCharacters(in: CharacterSet(charactersIn: "`")), cols[1], cell,
                     cols[3].trimmingCharacters(in: CharacterSet(charactersIn: "`"))))
    }
    return rows
}

@Suite(.serialized) struct ValidateSamplesTests {
    @Test func everyMistakeInSamplesIsReportedOnItsCellAndNoCleanSheetGetsAnError() throws {
        let mistakes = try readmeMistakes()
        try #require(!mistakes.isEmpty, "samples/README.md lists the mistakes")
        #expect(Set(mistakes.map { "\($0.file) \($0.cell)" }) == Set(sampleMistakeCodes.keys),
                "every mistake the README lists has an expected code here")
        let result = try furikaeri(["validate", "--json", "samples"], in: TestPaths.repositoryRoot)
        #expect(result.status == 1)
        #expect(try pythonContractCheck(result.out, in: try makeTemporaryDirectory()) == "ok")
        let files = try #require(try parse(result.out)["files"] as? [[String: Any]])
        #expect(files.count == 33)  // 30 forms and proposals, 3 returned evaluator sheets
        var reported: [String: [(code: String, cell: String?, severity: String, field: String?, sheet: String)]] = [:]
        for file in files {
            let name = (file["path"] as? String ?? "").split(separator: "/").last.map(String.init) ?? ""
            for form in file["forms"] as? [[String: Any]] ?? [] {
                for issue in form["issues"] as? [[String: Any]] ?? [] {
                    reported[name, default: []].append((issue["code"] as? String ?? "", issue["cell"] as? String,
                                                        issue["severity"] as? String ?? "", issue["field"] as? String,
                                                        form["sheet"] as? String ?? ""))
                }
            }
            #expect((file["issues"] as? [Any])?.isEmpty == true, "\(name): no file-level issue")
        }
        for mistake in mistakes {
            let code = sampleMistakeCodes["\(mistake.file) \(mistake.cell)"]
            let match = reported[mistake.file, default: []].first { $0.cell == mistake.cell && $0.code == code && $0.sheet == mistake.sheet }
            #expect(match != nil, "\(mistake.file) \(mistake.sheet)!\(mistake.cell): expected \(code ?? "?")")
            if let match, !mistake.field.isEmpty, code != "score.low_without_comment" {
                #expect(match.field == mistake.field, "\(mistake.file) \(mistake.cell)")
            }
        }
        // No error anywhere that the README does not list: clean sheets stay clean.
        for (file, issues) in reported {
            for issue in issues where issue.severity == "error" {
                #expect(sampleMistakeCodes["\(file) \(issue.cell ?? "-")"] == issue.code,
                        "unexpected error \(issue.code) at \(file) \(issue.cell ?? "-")")
            }
        }
        let withErrors = Set(reported.filter { $0.value.contains { $0.severity == "error" } }.keys)
        for file in files {
            let name = (file["path"] as? String ?? "").split(separator: "/").last.map(String.init) ?? ""
            #expect((file["status"] as? String == "invalid") == withErrors.contains(name), "\(name) status")
        }
    }
}

extension ValidateCommandTests {
    /// More files than one batch (`ValidateCommand.batchSize`, 256): the streamed output is one
    /// document with every file once, in path order, and the totals of all batches.
    @Test func manyFilesStreamAsOneDocumentInPathOrder() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let valid = TestPaths.samples.appendingPathComponent("P05_こそだてフェスタ_企画提案書.xlsx")
        let invalid = TestPaths.samples.appendingPathComponent("R06_アート展_最終.xlsx")
        var names: [String] = []
        for i in 0..<600 {
            let name = String(format: "f%04d.xlsx", i)
            try FileManager.default.copyItem(at: i % 100 == 7 ? invalid : valid, to: directory.appendingPathComponent(name))
            names.append(name)
        }
        let result = try furikaeri(["validate", "--json", "."], in: directory)
        #expect(result.status == 1)
        let document = try parse(result.out)
        let files = try #require(document["files"] as? [[String: Any]])
        #expect(files.map { ($0["path"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } ?? "" } == names)
        let summary = try #require(document["summary"] as? [String: Int])
        #expect(summary == ["files": 600, "valid": 594, "invalid": 6, "unreadable": 0])

        let human = try furikaeri(["validate", "."], in: directory)
        #expect(human.status == 1)
        #expect(human.out.components(separatedBy: "\n").filter { $0.hasPrefix("✗") }.count == 6)
        #expect(human.out.hasSuffix("\n合計 600ファイル: 受付可 594・不備あり 6・読み取れない 0（エラー 6件・警告 0件）\n"))
    }
}

/// A folder without a single workbook is not a success: one line says so, exit 4 (docs/contracts.md).
@Test func aFolderWithoutWorkbooksSaysSoAndExitsFour() throws {
    let directory = try makeTemporaryDirectory("no-workbooks")
    defer { try? FileManager.default.removeItem(at: directory) }
    try "memo".write(to: directory.appendingPathComponent("メモ.txt"), atomically: true, encoding: .utf8)
    let human = try runFurikaeri(["validate", directory.path])
    #expect(human.status == 4)
    #expect(human.stdout.contains("検証するブック（.xlsx・.xlsm・.ods）が見つかりませんでした"))
    let json = try runFurikaeri(["validate", "--json", "--lang", "en", directory.path])
    #expect(json.status == 4)
    #expect(json.stdout == #"{"files":[],"summary":{"files":0,"invalid":0,"unreadable":0,"valid":0}}"# + "\n"
        || json.stdout == #"{"files":[],"summary":{"files":0,"invalid":0,"unreadable":0,"valid":0}}"#)
    #expect(json.stderr.contains("No workbooks (.xlsx, .xlsm or .ods) were found"))
}
