import ArgumentParser
import Foundation
import Intake
import Validation

/// `furikaeri status --workspace DIR`: per fiscal year, what was accepted, rejected and is still missing.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "年度ごとの受付件数・差戻し件数・未提出のふりかえりシートと、受付フォルダの待ち件数を表示します。")

    @Option(name: .long, help: "作業フォルダ")
    var workspace: String

    @Option(name: .long, help: "メッセージの言語: ja または en")
    var lang: String = "ja"

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
            let scan = InboxScanner(inbox: workspace.inbox, settleSeconds: settings.intake.settleSeconds).scan()
            print(StatusText.render(years: try ledger.yearStatuses(), rejectedWithoutYear: try ledger.rejectedWithoutYear(),
                                    pending: scan.ready.count + scan.invalidNames.count, settling: scan.settling.count,
                                    links: scan.links.count, unreadableFolders: scan.unreadableFolders.count,
                                    problems: try ledger.latestRunProblems(),
                                    language: language),
                  terminator: "")
            print(EvaluationStatusText.render(try ledger.evaluationReturns(), language: language), terminator: "")
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
