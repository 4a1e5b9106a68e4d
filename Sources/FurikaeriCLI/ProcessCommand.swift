import Core
import Forms
import Aggregation
import ArgumentParser
import Foundation
import Intake
import Reports
import Settings
import Validation
import XLSX

/// `furikaeri process PATH... --output DIR`: validate, aggregate and write the evaluators' reports.
struct ProcessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: HelpText.text("ふりかえりシート・企画提案書を検証・集計し、第三者評価用の集計ブックと CSV を書き出します。"),
        discussion: HelpText.text("""
        PATH にはファイルかフォルダを指定します（フォルダは中の .xlsx をすべて読みます）。
        エラーのないファイルだけを集計し、エラーのあるファイルは「検証結果」にだけ載せます。
        年度の集計・グラフ・経年比較は各事業の「最終」のふりかえりだけを使い、「中間」は別のシートと
        CSV に載せます（設定 rules.statistics_phase: latest で、最終がない事業は中間を使います）。
        中間だけの事業は「最終未提出」です。
        元のファイルは変更しません。

        書き出すファイル（年度ごと。年度は和暦で表記します）:
          ふりかえり集計_令和6年度.xlsx    概要・視点別・事業別・中間ふりかえり・担当課別・協働形態別・
                                          部門別・コメント一覧・未提出・未照合・検証結果・経年比較
          ふりかえり_事業別_令和6年度.csv  1事業1行（最終のふりかえり。7視点の評価・平均・コメント）
          ふりかえり_中間_令和6年度.csv    中間のふりかえり（1事業1行、事業別と同じ列）
          ふりかえり_視点別_令和6年度.csv  1事業×1視点で1行（最終のふりかえり）
          ふりかえり_コメント_令和6年度.csv 1コメント1行
          ふりかえり_検証結果_令和6年度.csv その年度のファイル（受理・要修正とも）の検証結果
                                          （年度の読めないファイルは ふりかえり_検証結果_年度不明.csv）
          ふりかえり_経年比較.csv          視点別平均の年度比較
          事例集/index.html                事業の一覧・検索・事業ごとのページ（ブラウザでダブルクリックして開きます。
                                          サーバーもネットワークも使いません）
        ファイル名は日本語です（Windows・macOS・Linux でそのまま扱えます）。
        各ファイルは一時ファイルに書いてから名前を変えるので、途中の状態のファイルは残りません。
        ファイルが見つからないとき、--year の年度に受理できた様式がないときは、何も書かずに
        終了コード 4 で終わります。--year が設定の年度の範囲外なら終了コード 2 です。
        furikaeri が書き出した集計ブックが入力に混ざっていても、読み飛ばします。

        CSV は既定で UTF-8（BOM 付き）・改行 CRLF・RFC 4180 形式です。--encoding cp932 では
        Shift_JIS（CP932）で書き、CP932 にない文字（𠮷 など）があるとファイルとセルを示して
        失敗します。--replace を付けるとその文字を「〓」に置き換えて続けます。
        = + - @ タブ・CR（全角の ＝＋－＠ も）で始まる文字の欄は、Excel が数式として実行しない
        よう先頭に ' を付けます。数値の欄（評価・平均）はそのままです。

        代表者・所在地・電話・メールは、どの出力にも書きません。--anonymize では団体名を
        「団体A01」のような記号に、ファイル名を提出ID（提出-とSHA-256の先頭10桁）に、シート名を
        「シート1」などに置き換えます。記号は一度決めたら変えません: 団体コード表
        （既定は書き出し先フォルダの隣の 団体コード表_非公開.tsv、--codes で指定）に記録し、
        次の実行で読んで足します。団体コード表は団体名を含むので、第三者に渡さないでください。
        事業ID（例 R6-1A2B3C4D）は年度と正規化した団体名・事業名から決まり、他のファイルを
        追加しても、--anonymize でも変わりません。
        """))

    @Argument(help: HelpText.argument("検証・集計するファイルまたはフォルダ。"))
    var paths: [String] = []

    @Option(name: .long, help: HelpText.argument("書き出し先のフォルダ（なければ作ります。必須）。"))
    var output: String

    @Option(name: .long, help: HelpText.argument("設定ファイル（YAML）。"))
    var config: String?

    @Option(name: .long, help: HelpText.argument("この年度だけを書き出します（令和6年度・R6・2024 など）。年度のない様式はこの年度とみなします。"))
    var year: String?

    @Flag(name: .long, help: HelpText.argument("団体名を記号（団体A01 など）に置き換えます。"))
    var anonymize = false

    @Option(name: .long, help: HelpText.argument("団体コード表（--anonymize で読み、新しい団体の記号を足します）。既定は書き出し先フォルダの隣の 団体コード表_非公開.tsv。"))
    var codes: String?

    @Option(name: .long, help: HelpText.argument("CSV の文字コード: utf8（既定、BOM 付き）または cp932。"))
    var encoding: String = "utf8"

    @Flag(name: .long, help: HelpText.argument("CP932 にない文字を「〓」に置き換えて続けます。"))
    var replace = false

    @OptionGroup var lang: LanguageOptions

    func run() throws {
        let language = lang.language
        let text = ProcessMessages(language: language)
        guard let csvEncoding = CSVEncoding(rawValue: encoding.lowercased()) else { throw ValidationError(text.badEncoding(encoding)) }
        if replace && csvEncoding != .cp932 { throw ValidationError(text.replaceWithoutCP932) }
        guard !paths.isEmpty else { throw ValidationError(text.noPaths) }
        guard !output.isEmpty else { throw ValidationError(text.noOutput) }
        for path in paths where !FileManager.default.fileExists(atPath: path) { throw ValidationError(text.missingPath(path)) }
        let settings: Settings
        do {
            settings = try config.map { try Settings.load(path: $0) } ?? .defaults
        } catch let error as SettingsError {
            throw error.usageExit(language)
        }
        var fiscalYear: Int?
        if let year {
            guard let parsed = FiscalYearText.parse(year) else { throw ValidationError(text.badYear(year)) }
            guard settings.fiscalYears.contains(parsed) else {
                throw ValidationError(text.yearOutOfRange(parsed, settings.fiscalYears))
            }
            fiscalYear = parsed
        }

        // Outputs name files relative to the folder given (a file given by itself by its name), never
        // by an absolute path that says whose computer and folders they came from.
        let validated = FileValidator.forWorkbooks(settings: settings, language: language).validate(paths: paths)
        // Summary workbooks furikaeri wrote (an earlier run's output folder among the inputs) are
        // not forms: skipped with a note rather than reported as 30 errors.
        let ours = Set(validated.filter { $0.status != .valid && OwnOutputs.isSummaryWorkbook(path: $0.path) }.map(\.path))
        for path in ours.sorted() { FileHandle.standardError.write(Data((text.skippedOwnOutput(path) + "\n").utf8)) }
        let files = validated.filter { !ours.contains($0.path) }.map { file in
            var file = file
            file.path = InputPaths.relative(file.path, to: paths)
            return file
        }
        guard !files.isEmpty else {
            FileHandle.standardError.write(Data((text.noWorkbooks + "\n").utf8))
            throw ExitCode(ExitStatus.nothingToReport)
        }
        let codesPath = codes ?? OrgCodesFile.defaultPath(outputDirectory: output)
        var knownCodes: [String: String] = [:]
        if anonymize {
            do {
                knownCodes = try OrgCodesFile.read(codesPath)
            } catch let error as OrgCodesFile.ReadError {
                throw ValidationError(text.badCodesFile(error))
            }
        }
        var options = ReportOptions(
            encoding: csvEncoding, replaceUnencodable: replace, anonymize: anonymize,
            defaultFiscalYear: fiscalYear, onlyYear: fiscalYear,
            aggregation: AggregationOptions(lowScoreThreshold: settings.rules.lowScoreThreshold, scoreGap: settings.rules.scoreGap,
                                            statisticsPhase: StatisticsPhase(rawValue: settings.rules.statisticsPhase) ?? .final))
        options.knownCodes = knownCodes
        let report: SummaryReport
        do {
            report = try SummaryReport(files: files, options: options)
            if let fiscalYear, report.summaries.isEmpty {
                FileHandle.standardError.write(Data((text.emptyYear(fiscalYear, files: files.count) + "\n").utf8))
                throw ExitCode(ExitStatus.nothingToReport)
            }
            // The codes are kept before any output uses them: a failed write leaves codes unused,
            // never outputs with codes that a later run would give to someone else.
            if let anonymizer = report.redactor.anonymizer,
               !anonymizer.newCodes.isEmpty || !FileManager.default.fileExists(atPath: codesPath) {
                try OrgCodesFile.write(anonymizer.codes, to: codesPath)
            }
        } catch let error as ReportError {
            FileHandle.standardError.write(Data((text.describe(error) + "\n").utf8))
            throw ExitCode(1)
        }
        var outcome: SummaryReport.Outcome
        do {
            outcome = try report.writeAll(to: output)
            // The 事例集 of the years written, anonymised with the rest under --anonymize.
            try CaseSiteFolder.write(CaseSite(report: report, language: language),
                                     to: (output as NSString).appendingPathComponent(CaseSite.folderName))
            outcome.written.append(CaseSite.folderName + "/index.html")
        } catch let error as ReportError {
            FileHandle.standardError.write(Data((text.describe(error) + "\n").utf8))
            throw ExitCode(1)
        } catch {
            FileHandle.standardError.write(Data((IntakeErrorText.message(error, language: language) + "\n").utf8))
            throw ExitCode(1)
        }
        print(text.summary(files: files, report: report, outcome: outcome, output: output))
    }
}

/// The command's messages in Japanese and English.
struct ProcessMessages {
    var language: Language

    private func t(_ ja: String, _ en: String) -> String { language == .en ? en : ja }

    var noOutput: String { t("書き出し先のフォルダを --output で指定してください。", "Give the output folder with --output.") }
    var noPaths: String { t("検証するファイルかフォルダを指定してください。", "Give at least one file or folder to process.") }
    func missingPath(_ p: String) -> String {
        t("「\(p)」が見つかりません。パスを確かめてください。", "\"\(p)\" does not exist. Check the path.")
    }
    func badYear(_ y: String) -> String {
        t("年度「\(y)」を読めません。令和6年度・R6・2024 のように書いてください。",
          "Cannot read the fiscal year \"\(y)\". Write it like 令和6年度, R6 or 2024.")
    }
    func badEncoding(_ e: String) -> String {
        t("文字コード「\(e)」は使えません。utf8 か cp932 を指定してください。", "Unknown encoding \"\(e)\". Use utf8 or cp932.")
    }
    var replaceWithoutCP932: String {
        t("--replace は --encoding cp932 と一緒に指定してください（UTF-8 ではどの文字も書けるので置き換えは要りません）。",
          "Give --replace together with --encoding cp932 (UTF-8 holds every character, so nothing needs replacing).")
    }

    var noWorkbooks: String {
        t("指定した場所に .xlsx / .xlsm ファイルが見つかりませんでした。何も書き出していません。フォルダを確かめてください。",
          "No .xlsx or .xlsm files were found at the given paths; nothing was written. Check the folder.")
    }
    func emptyYear(_ year: Int, files: Int) -> String {
        t("\(FiscalYearLabel.japanese(year))の受理できたふりかえりシート・企画提案書がありません（読んだファイル \(files) 件）。何も書き出していません。年度とフォルダを確かめてください。",
          "No accepted reflection sheet or proposal for FY\(year) (\(files) files read); nothing was written. Check the year and the folder.")
    }
    func yearOutOfRange(_ year: Int, _ range: ClosedRange<Int>) -> String {
        t("年度 \(FiscalYearLabel.japanese(year)) は設定の範囲（\(FiscalYearLabel.japanese(range.lowerBound))〜\(FiscalYearLabel.japanese(range.upperBound))）の外です。年度を確かめるか、設定の fiscal_years を変えてください。",
          "FY\(year) is outside the configured range (\(range.lowerBound)–\(range.upperBound)). Check the year, or change fiscal_years in the settings.")
    }
    func skippedOwnOutput(_ path: String) -> String {
        t("「\(path)」は furikaeri が書き出した集計ブックなので、読み飛ばしました。", "Skipped \"\(path)\": a summary workbook written by furikaeri.")
    }

    func badCodesFile(_ error: OrgCodesFile.ReadError) -> String {
        t("団体コード表「\(error.path)」の \(error.line) 行目が読めません。「団体A01<タブ>団体名」の形にしてください。",
          "Cannot read line \(error.line) of the codes file \"\(error.path)\". Each line is 団体A01<tab>name.")
    }

    func describe(_ error: ReportError) -> String {
        switch error {
        case .unencodable(let list):
            let lines = UnencodableCharacterPlaces.grouping(list).map { "  " + $0.description }.joined(separator: "\n")
            return t("CP932（Shift_JIS）で書けない文字があるため、何も書き出していません:\n\(lines)\n元のファイルで別の字に直すか、--replace を付けて「〓」に置き換えてください。",
                     "Some characters cannot be written in CP932 (Shift_JIS), so nothing was written:\n\(lines)\nChange them in the source file, or add --replace to write 〓 instead.")
        case .cp932Unavailable:
            return t("この環境の iconv は CP932 に対応していません。--encoding utf8 を使ってください。",
                     "This system's iconv has no CP932 converter. Use --encoding utf8.")
        case .writeFailed(let failure):
            return failure.message(japanese: language == .ja)
        }
    }

    /// One line per form whose fiscal year is not written on it, saying where it was taken from
    /// (the same rule as `validate` and `run`: title, file name, folder, intake.fiscal_year).
    func yearSourceLines(_ files: [FileResult]) -> [String] {
        var lines: [String] = []
        for file in files where file.status == .valid {
            for validated in file.forms {
                guard let reading = validated.form["fiscal_year"], reading.origin != .form,
                      case .fiscalYear(let year) = reading.value else { continue }
                let source: String
                switch reading.origin {
                case .title: source = t("表題", "its title")
                case .fileName: source = t("ファイル名", "the file name")
                case .folderName: source = t("フォルダー名", "the folder name")
                case .setting: source = t("設定 intake.fiscal_year", "intake.fiscal_year in the settings")
                case .form, .receipt: continue
                }
                lines.append(t("  \(file.path) シート「\(validated.form.sheet)」: 実施年度の欄がないため、\(source)から\(FiscalYearText.japanese(year))としました。",
                               "  \(file.path) sheet \"\(validated.form.sheet)\": no fiscal year on the form; FY\(year) taken from \(source)."))
            }
        }
        guard !lines.isEmpty else { return [] }
        return [t("様式に実施年度がなく、ほかから年度を取った様式 \(lines.count) 件:", "\(lines.count) forms with the fiscal year taken from elsewhere:")] + lines
    }

    func summary(files: [FileResult], report: SummaryReport, outcome: SummaryReport.Outcome, output: String) -> String {
        let valid = files.filter { $0.status == .valid }.count
        let invalid = files.filter { $0.status == .invalid }.count
        let unreadable = files.filter { $0.status == .unreadable }.count
        var lines: [String] = []
        lines += [t("ファイル \(files.count) 件（受理 \(valid)・要修正 \(invalid)・読み取り不可 \(unreadable)）",
                       "\(files.count) files (\(valid) valid, \(invalid) invalid, \(unreadable) unreadable)")]
        for s in report.summaries {
            lines.append(t("\(FiscalYearLabel.japanese(s.fiscalYear)): ふりかえり \(s.projects.count) 件（中間 \(s.interimReflections.count) 件は別掲）・提案書 \(s.proposals.count) 件・未提出 \(s.missingReflections.count) 件・未照合 \(s.unlinkedReflections.count) 件",
                           "FY\(s.fiscalYear): \(s.projects.count) reflections (\(s.interimReflections.count) interim listed apart), \(s.proposals.count) proposals, \(s.missingReflections.count) missing, \(s.unlinkedReflections.count) unlinked"))
        }
        lines += yearSourceLines(files)
        if !report.records.undated.isEmpty {
            lines.append(t("実施年度が分からず集計しなかった様式 \(report.records.undated.count) 件（--year で年度を指定できます）:",
                           "\(report.records.undated.count) forms without a fiscal year were left out (use --year):"))
            lines += report.records.undated.sorted().map { t("  \($0.file) シート「\($0.sheet)」", "  \($0.file) sheet \"\($0.sheet)\"") }
        }
        if !outcome.unencodable.isEmpty {
            lines.append(t("CP932 にない文字を「〓」に置き換えました:", "Replaced characters CP932 lacks with 〓:"))
            lines += UnencodableCharacterPlaces.grouping(outcome.unencodable).map { "  " + $0.description }
        }
        if invalid + unreadable > 0 {
            lines.append(t("要修正・読み取り不可のファイルは集計に含めていません。「検証結果」を見て直してください。",
                           "Invalid and unreadable files are not in the figures; see 検証結果 to fix them."))
        }
        lines.append(t("\(output) に書き出しました:", "Written to \(output):"))
        lines += outcome.written.map { "  " + $0 }
        return lines.joined(separator: "\n")
    }
}

/// Paths as outputs show them: relative to the input folder they were found in.
enum InputPaths {
    /// `path` relative to the longest folder of `arguments` that holds it; a file given by itself
    /// is shown by its name.
    static func relative(_ path: String, to arguments: [String]) -> String {
        var best: String?
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            let base = argument.hasSuffix("/") ? String(argument.dropLast()) : argument
            if path.hasPrefix(base + "/"), base.count > (best?.count ?? -1) { best = base }
        }
        if let best { return String(path.dropFirst(best.count + 1)) }
        return (path as NSString).lastPathComponent
    }
}

/// Recognises the workbooks furikaeri writes, so that they are never read as input.
enum OwnOutputs {
    /// Whether the file is a summary workbook: its sheets are exactly those of one (this version's or
    /// the previous one's). Its document properties carry the mark too (`SummaryWorkbook.keywords`),
    /// for other tools; our reader does not read document properties.
    static func isSummaryWorkbook(path: String) -> Bool {
        guard let workbook = try? Workbook.open(path: path) else { return false }
        let names = workbook.sheets.map(\.name)
        return SummaryWorkbook.allSheetNameLists.contains(names)
            || ProjectChartWorkbook.isOwn(fileName: (path as NSString).lastPathComponent, sheetNames: names)
    }
}
