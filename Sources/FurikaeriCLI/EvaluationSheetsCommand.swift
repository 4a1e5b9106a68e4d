import Core
import ArgumentParser
import Foundation
import Intake
import Settings
import Validation

/// `furikaeri evaluation-sheets --workspace DIR --year FY`: the 第三者評価票 workbooks for evaluators.
struct EvaluationSheetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluation-sheets",
        abstract: HelpText.text("第三者評価票: 評価者ごとに、その年度の事業（最終ふりかえりシートを受け付けたもの）を1事業1シートにしたブックを作ります。"),
        discussion: HelpText.text("""
            出力先は output/<年度>/第三者評価/ です。事業の情報（事業ID・団体名・事業名・団体と市の評価・コメントなど）は
            保護され、評価者は黄色のセル（視点ごとの評価 1〜5、総合評価、所見、改善への提案、評価者、記入日）だけに記入します。
            記入済みのブックを inbox に入れると、run がほかの様式と同じように受け付けます。
            評価者は --evaluators で名前を並べるか、--count で人数を指定します（評価者01、評価者02 … のコード）。
            """))

    @Option(name: .long, help: HelpText.argument("作業フォルダ（furikaeri init で作ったもの）"))
    var workspace: String

    @Option(name: .long, help: HelpText.argument("年度: 2024、令和6年度、R6 など"))
    var year: String

    @Option(name: .long, help: HelpText.argument("評価者の名前をカンマ区切りで（例: 委員A,委員B）"))
    var evaluators: String?

    @Option(name: .long, help: HelpText.argument("評価者の人数（評価者01 … のコードで作ります）"))
    var count: Int?

    @Flag(name: .long, help: HelpText.argument("団体名を 団体A01 のような記号に置き換えます"))
    var anonymize = false

    @OptionGroup var waiting: WaitOption

    @OptionGroup var lang: LanguageOptions

    func validate() throws {
        let say = RunLanguage.current
        _ = try yearOption(year)
        guard (evaluators == nil) != (count == nil) else {
            throw say.usage("--evaluators か --count のどちらか一方を指定してください。", "Give either --evaluators or --count, not both.")
        }
        if let count, !(1...99).contains(count) { throw say.usage("--count は 1〜99 で指定してください。", "--count must be 1 to 99.") }
        if evaluators != nil, names.isEmpty {
            throw say.usage("--evaluators に評価者の名前を指定してください。", "Give the evaluators' names with --evaluators.")
        }
    }

    /// The evaluators' names, each once, in the order given.
    var names: [String] {
        var seen = Set<String>()
        return (evaluators ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && seen.insert(SubmissionIdentity.normalise($0)).inserted }
    }

    func run() throws {
        let language = lang.language
        let fiscalYear = try yearOption(year)
        let (workspace, settings) = try openWorkspace(self.workspace, language: language)
        do {
            let lock = try lockWorkspace(workspace, wait: waiting.wait, language: language)
            defer { lock.release() }
            let ledger = try Ledger.openGuarded(workspace)
            let sheets = EvaluationSheets(workspace: workspace, fiscalYear: fiscalYear, settings: settings,
                                          anonymize: anonymize)
            let people = count.map(EvaluationSheets.codes(count:)) ?? names
            guard !(try sheets.projects(ledger: ledger)).isEmpty else {
                printError(language == .ja
                    ? "\(FiscalYear.japaneseName(fiscalYear))に最終ふりかえりシートを受け付けた事業がありません。何も書き出していません。年度を確かめてください（furikaeri status で年度ごとの件数が見られます）。"
                    : "No project has an accepted final reflection for FY\(fiscalYear); nothing was written. Check the year (furikaeri status shows the count per year).")
                throw ExitCode(ExitStatus.nothingToReport)
            }
            let written = try sheets.write(ledger: ledger, evaluators: people)
            for path in written.files { print(language == .ja ? "作成: \(path)" : "created: \(path)") }
            print(language == .ja
                ? "\(FiscalYear.japaneseName(fiscalYear)): 評価者 \(written.files.count)人分、各 \(written.projects)事業。出力先: \(written.directory)"
                : "FY\(fiscalYear): \(written.files.count) evaluator workbook(s), \(written.projects) project(s) each. Written to \(written.directory)")
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError(IntakeErrorText.message(error, language: language))
            throw ExitCode(ExitStatus.of(error))
        }
    }
}
