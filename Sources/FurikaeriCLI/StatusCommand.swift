import ArgumentParser
import Foundation
import Intake
import Settings
import Validation

/// `furikaeri status --workspace DIR`: per fiscal year, what was accepted, rejected and is still missing.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: HelpText.text("年度ごとの受付件数・差戻し件数・未提出のふりかえりシートと、受付フォルダの待ち件数を表示します。"),
        discussion: HelpText.text("""
            訂正待ちの差戻し（後から同じ団体・事業・時期のシートを受け付けると訂正済み）、企画提案書と照合できない
            ふりかえりシート（未照合）、受付フォルダに残っているファイルとその理由、archive から消えたファイル、
            取り下げたファイルを名前で示します。--json の形は docs/contracts.md にあります。
            """))

    @Option(name: .long, help: HelpText.argument("作業フォルダ"))
    var workspace: String

    @OptionGroup var lang: LanguageOptions

    @Flag(name: .long, help: HelpText.argument("docs/contracts.md の形の JSON で出力します。"))
    var json = false

    func run() throws {
        let language = lang.language
        let workspace = try existingWorkspace(self.workspace, language: language)
        do {
            let settings = try workspace.loadSettings()
            let ledger = try Ledger.openGuarded(workspace)
            let report = try StatusReport.read(workspace: workspace, ledger: ledger, settings: settings)
            if json {
                var document = StatusJSON.document(report)
                if case .object(var fields) = document {
                    fields["evaluations"] = EvaluationStatusText.json(try ledger.evaluationReturns())
                    document = .object(fields)
                }
                print(document.encoded())
            } else {
                print(StatusText.render(report, language: language), terminator: "")
                print(EvaluationStatusText.render(try ledger.evaluationReturns(), language: language), terminator: "")
            }
        } catch let error as IntakeSessionError {
            printError(error.message(in: language))
            throw ExitCode(error.exitCode)
        } catch let error as SettingsError {
            throw error.usageExit(language)
        } catch {
            printError(language == .ja ? "状況を読み取れませんでした: \(IntakeErrorText.message(error, language: language))"
                       : "Could not read the status: \(IntakeErrorText.message(error, language: language))")
            throw ExitCode(1)
        }
    }
}
