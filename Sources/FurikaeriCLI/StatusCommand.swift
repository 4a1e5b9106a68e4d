import ArgumentParser
import Foundation
import Intake
import Validation

/// `furikaeri status --workspace DIR`: per fiscal year, what was accepted, rejected and is still missing.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "年度ごとの受付件数・差戻し件数・未提出のふりかえりシートと、受付フォルダの待ち件数を表示します。",
        discussion: """
            訂正待ちの差戻し（後から同じ団体・事業・時期のシートを受け付けると訂正済み）、企画提案書と照合できない
            ふりかえりシート（未照合）、受付フォルダに残っているファイルとその理由、archive から消えたファイル、
            取り下げたファイルを名前で示します。--json の形は docs/contracts.md にあります。
            """)

    @Option(name: .long, help: "作業フォルダ")
    var workspace: String

    @Option(name: .long, help: "メッセージの言語: ja または en")
    var lang: String = "ja"

    @Flag(name: .long, help: "docs/contracts.md の形の JSON で出力します。")
    var json = false

    func validate() throws {
        guard Language(rawValue: lang) != nil else { throw ValidationError("--lang には ja か en を指定してください（--lang must be ja or en）。") }
    }

    func run() throws {
        let language = Language(rawValue: lang) ?? .ja
        let workspace = Workspace(root: self.workspace)
        guard workspace.exists else {
            printError(IntakeSessionError.notAWorkspace(path: workspace.root).message(in: language))
            throw ExitCode(2)
        }
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
        } catch {
            printError(language == .ja ? "状況を読み取れませんでした: \(IntakeErrorText.message(error, language: language))"
                       : "Could not read the status: \(IntakeErrorText.message(error, language: language))")
            throw ExitCode(1)
        }
    }
}
