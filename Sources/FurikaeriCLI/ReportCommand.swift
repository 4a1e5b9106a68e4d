import Core
import Aggregation
import ArgumentParser
import Foundation
import Intake
import Reports
import Settings
import Validation

/// `furikaeri report --workspace DIR --year FY`: the yearly review from the ledger.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: HelpText.text("年次レビュー: 指定した年度の集計ブックと CSV、過去の年度との比較、未提出一覧を作ります。"),
        discussion: HelpText.text("""
            受け付けて archive に保管したシート（再提出は最新の版）から作ります。
            出力先は既定で output/年次レビュー_<年度>/ です。--anonymize で団体名を記号に置き換えます。
            すべての年度の事例集（ブラウザで開く index.html）を output/事例集/ に、--anonymize では
            公開用として output/事例集_公開用/ に書き出します（--output では、その中の 事例集/）。
            """))

    @Option(name: .long, help: HelpText.argument("作業フォルダ（furikaeri init で作ったもの）"))
    var workspace: String

    @Option(name: .long, help: HelpText.argument("年度: 2024、令和6年度、R6 など"))
    var year: String

    @Flag(name: .long, help: HelpText.argument("団体名を 団体A01 のような記号に置き換えます"))
    var anonymize = false

    @Option(name: .long, help: HelpText.argument("CSV の文字コード: utf8（BOM 付き）または cp932（Shift_JIS）"))
    var encoding: String = "utf8"

    @Flag(name: .long, help: HelpText.argument("cp932 で表せない文字を 〓 に置き換えて書き出します"))
    var replace = false

    @Option(name: .long, help: HelpText.argument("出力先フォルダ（既定: output/年次レビュー_<年度>/）"))
    var output: String?

    @OptionGroup var waiting: WaitOption

    @OptionGroup var lang: LanguageOptions

    func validate() throws {
        let say = RunLanguage.current
        _ = try yearOption(year)
        guard let csvEncoding = CSVEncoding(rawValue: encoding) else {
            throw say.usage("--encoding には utf8 か cp932 を指定してください。", "--encoding must be utf8 or cp932.")
        }
        if replace && csvEncoding != .cp932 {
            throw say.usage("--replace は --encoding cp932 と一緒に指定してください（UTF-8 ではどの文字も書けるので置き換えは要りません）。",
                            "Give --replace together with --encoding cp932 (UTF-8 holds every character, so nothing needs replacing).")
        }
    }

    func run() throws {
        let language = lang.language
        let fiscalYear = try yearOption(year)
        let (workspace, settings) = try openWorkspace(self.workspace, language: language)
        let range = settings.fiscalYears
        if !range.contains(fiscalYear) {
            printError(language == .ja
                ? "年度 \(FiscalYear.japaneseName(fiscalYear)) は設定の範囲（\(FiscalYear.japaneseName(range.lowerBound))〜\(FiscalYear.japaneseName(range.upperBound))）の外です。年度を確かめるか、furikaeri.yml の fiscal_years を変えてください。"
                : "FY\(fiscalYear) is outside the configured range (\(range.lowerBound)–\(range.upperBound)). Check the year, or change fiscal_years in furikaeri.yml.")
            throw ExitCode(2)
        }
        do {
            let lock = try lockWorkspace(workspace, wait: waiting.wait, language: language)
            defer { lock.release() }
            let ledger = try Ledger(path: workspace.ledgerFile)
            guard try ledger.fiscalYears().contains(fiscalYear) else {
                printError(language == .ja
                    ? "\(FiscalYear.japaneseName(fiscalYear))に受け付けたシートがありません。何も書き出していません。年度を確かめてください（furikaeri status で年度ごとの件数が見られます）。"
                    : "No sheet was accepted for FY\(fiscalYear); nothing was written. Check the year (furikaeri status shows the count per year).")
                throw ExitCode(ExitStatus.nothingToReport)
            }
            // The workspace's thresholds and phase setting, as for process.
            let options = ReportOptions(
                encoding: CSVEncoding(rawValue: encoding) ?? .utf8, replaceUnencodable: replace, anonymize: anonymize,
                aggregation: AggregationOptions(lowScoreThreshold: settings.rules.lowScoreThreshold, scoreGap: settings.rules.scoreGap,
                                                statisticsPhase: StatisticsPhase(rawValue: settings.rules.statisticsPhase) ?? .final))
            let review = YearlyReview(workspace: workspace, fiscalYear: fiscalYear, options: options)
            let written = try review.write(ledger: ledger, to: output)
            for name in written.names {
                let path = (written.directory as NSString).appendingPathComponent(name)
                print(language == .ja ? "作成: \(path)" : "created: \(path)")
            }
            let site = review.caseSiteDirectory(reviewDirectory: output)
            try review.writeCaseSite(ledger: ledger, language: language, to: site)
            let index = (site as NSString).appendingPathComponent("index.html")
            print(language == .ja ? "作成: \(index)（事例集。ブラウザで開きます）" : "created: \(index) (case collection; open it in a browser)")
            switch language {
            case .ja:
                print("\(FiscalYear.japaneseName(fiscalYear)): シート \(written.submissions)件、未提出 \(written.missing)件。"
                      + "出力先: \(written.directory)")
            case .en:
                print("FY\(fiscalYear): \(written.submissions) sheet(s), \(written.missing) reflection(s) not yet received. "
                      + "Written to \(written.directory)")
            }
        } catch let error as ReportError {
            printError(ReportErrorText.message(error, language: language))
            throw ExitCode(1)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError(IntakeErrorText.message(error, language: language))
            throw ExitCode(ExitStatus.of(error))
        }
    }
}
