import ArgumentParser
import Core
import Foundation
import Settings
import Validation

/// `furikaeri validate [--json] [--lang ja|en] [--config FILE] PATH...`: checks filled-in forms and
/// says, cell by cell, what to fix.
///
/// Exit status: 0 when every file is valid (warnings allowed), 1 when any file is invalid or
/// unreadable, 2 for a usage error (no paths, a path that does not exist, a bad `--lang`, a settings
/// file that cannot be used).
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: HelpText.text("ふりかえりシート・企画提案書を検証し、直すべきセルを示します。"),
        discussion: HelpText.text("""
        ファイルまたはフォルダーを指定します（フォルダーは中の .xlsx をすべて検証）。
        終了コード: 0 すべて受付可（警告のみを含む）、1 不備あり・読み取れないファイルあり、2 指定の誤り、4 ブックが1つもない。
        JSON・終了コード・指摘のコードの仕様は docs/contracts.md にあります。
        設定ファイルは --config で指定します。省略すると、現在のフォルダーの furikaeri.yml があればそれを使います。
        """))

    @Flag(name: .long, help: HelpText.argument("docs/contracts.md の形の JSON で出力します。"))
    var json = false

    @OptionGroup var lang: LanguageOptions

    @Option(name: .long, help: HelpText.argument("設定ファイル（YAML）。"))
    var config: String?

    @Option(name: .long, help: HelpText.argument("同時に読むファイルの数（既定: CPU のコア数）。いくつにしてもメモリは一定の範囲に収まります。"))
    var jobs: Int?

    /// Many paths without the argument parser's per-argument cost: one path a line, `-` for stdin.
    @Option(name: .long, help: HelpText.argument("検証するパスを1行に1つ書いたファイル（- で標準入力）。"))
    var filesFrom: String?

    /// Unknown options land here too (`.allUnrecognized`), so they get exit status 2 and a message
    /// of ours rather than the argument parser's own status.
    @Argument(parsing: .allUnrecognized, help: HelpText.argument("検証する .xlsx ファイルまたはフォルダー。"))
    var paths: [String] = []

    /// The settings file used when `--config` is not given, if it exists in the current folder.
    static let defaultSettingsFile = "furikaeri.yml"

    func run() throws {
        let language = lang.language
        if let jobs, jobs < 1 {
            throw usageError("--jobs には 1 以上の数を指定してください（指定された値: \(jobs)）。",
                             "--jobs must be 1 or more (got \(jobs)).", language: language)
        }
        var paths = self.paths
        if let filesFrom {
            guard let listed = Self.readPathList(filesFrom) else {
                throw usageError("--files-from のファイル「\(filesFrom)」を読めません。",
                                 "Cannot read the --files-from list \"\(filesFrom)\".", language: language)
            }
            paths += listed
        }
        guard !paths.isEmpty else {
            throw usageError("検証するファイルまたはフォルダーを指定してください。例: furikaeri validate inbox/",
                             "Give the files or folders to validate, for example: furikaeri validate inbox/", language: language)
        }
        if let option = paths.first(where: { $0.hasPrefix("-") && !FileManager.default.fileExists(atPath: $0) }) {
            throw usageError("「\(option)」というオプションはありません。使えるのは --json、--lang ja|en、--config ファイル です。",
                             "There is no option \"\(option)\". Use --json, --lang ja|en or --config FILE.", language: language)
        }
        let settings = try loadSettings(language)
        let expansion = PathExpansion.expand(paths)
        if !expansion.missing.isEmpty {
            let list = expansion.missing.joined(separator: ", ")
            throw usageError("次のファイルまたはフォルダーが見つかりません: \(list)。パスを確かめてください。",
                             "These files or folders do not exist: \(list). Check the paths.", language: language)
        }
        var validator = FileValidator.forWorkbooks(settings: settings, language: language)
        validator.workers = jobs
        let tally = json ? Self.streamJSON(expansion.files, validator: validator)
                         : Self.streamHuman(expansion.files, validator: validator, language: language)
        if tally.files == 0 {
            // Nothing was checked: not a success. The human report has said so on stdout already.
            if json {
                FileHandle.standardError.write(Data((HumanReport.noFilesMessage(language: language) + "\n").utf8))
            }
            throw ExitCode(4)
        }
        if tally.exitStatus != 0 { throw ExitCode(tally.exitStatus) }
    }

    /// Files are validated and written a batch at a time, so memory stays flat however many files
    /// there are; the output is the same as for one batch, in the files' order.
    static let batchSize = 256

    /// Validates `files` batch by batch, calling `emit` with each batch's results in order.
    static func inBatches(_ files: [String], validator: FileValidator, _ emit: ([FileResult]) -> Void) -> ValidationTally {
        var tally = ValidationTally()
        for start in stride(from: 0, to: files.count, by: batchSize) {
            let results = validator.validate(files: Array(files[start..<min(files.count, start + batchSize)]))
            for result in results { tally.add(result) }
            emit(results)
        }
        return tally
    }

    /// Writes the `--json` document (`{"files":[...],"summary":{...}}`, keys in order) as files are
    /// validated, a batch at a time; each file's object is encoded (and its result counted and
    /// freed) on the worker core that validated it.
    static func streamJSON(_ files: [String], validator: FileValidator) -> ValidationTally {
        let out = FileHandle.standardOutput
        out.write(Data(#"{"files":["#.utf8))
        var tally = ValidationTally()
        var first = true
        for start in stride(from: 0, to: files.count, by: batchSize) {
            let batch = Array(files[start..<min(files.count, start + batchSize)])
            let encoded = validator.validate(files: batch) { result -> (tally: ValidationTally, json: [UInt8]) in
                var counted = ValidationTally()
                counted.add(result)
                var json: [UInt8] = []
                json.reserveCapacity(4096)  // a form's object is a few KiB: grown once, not step by step
                result.writeJSON(into: &json)
                return (counted, json)
            }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(encoded.reduce(encoded.count) { $0 + $1.json.count })
            for file in encoded {
                tally.add(file.tally)
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                bytes.append(contentsOf: file.json)
            }
            out.write(Data(bytes))
        }
        var closing = Array(#"],"summary":"#.utf8)
        ValidationJSON.summary(tally).encode(into: &closing)
        closing.append(contentsOf: "}\n".utf8)
        out.write(Data(closing))
        return tally
    }

    /// Writes the human report, grouped by file, as files are validated; the total comes last.
    static func streamHuman(_ files: [String], validator: FileValidator, language: Language) -> ValidationTally {
        let out = FileHandle.standardOutput
        let tally = inBatches(files, validator: validator) { results in
            let lines = results.flatMap { HumanReport.fileLines($0, language: language) }
            if !lines.isEmpty { out.write(Data((lines.joined(separator: "\n") + "\n").utf8)) }
        }
        out.write(Data((HumanReport.totalLines(tally, language: language) + "\n").utf8))
        return tally
    }

    /// Paths listed one a line (blank lines skipped); nil when the list cannot be read.
    static func readPathList(_ source: String) -> [String]? {
        let data = source == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: source)
        guard let data else { return nil }
        // An ASCII list (the usual) is split on its line-break bytes without walking characters;
        // "\r\n" leaves an empty piece, dropped like blank lines, so the lines are the same.
        if !data.contains(where: { $0 >= 0x80 }) {
            return data.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D || $0 == 0x0B || $0 == 0x0C })
                .map { String(decoding: $0, as: UTF8.self) }
        }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
    }

    /// `--config`, else `furikaeri.yml` in the current folder, else the defaults.
    func loadSettings(_ language: Language) throws -> Settings {
        let path = config ?? (FileManager.default.fileExists(atPath: Self.defaultSettingsFile) ? Self.defaultSettingsFile : nil)
        guard let path else { return .defaults }
        do {
            return try Settings.load(path: path)
        } catch let error as SettingsError {
            throw error.usageExit(language)
        }
    }

    /// A usage error (exit status 2), said like every command's: the message, the usage line and
    /// where the help is, in the run's language.
    func usageError(_ japanese: String, _ english: String, language: Language) -> ValidationError {
        ValidationError(language == .en ? english : japanese)
    }
}
