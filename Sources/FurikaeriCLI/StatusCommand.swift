import ArgumentParser
import Foundation
import Intake
import Settings
import Validation

/// `furikaeri status --workspace DIR`: per fiscal year, what was accepted, rejected and is still missing.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: HelpText.text("年度ごとの受付件数・差戻し件数・未提出のふりかえりシートと、受付フォルダの待ち件数を表示します。"))

    @Option(name: .long, help: HelpText.argument("作業フォルダ"))
    var workspace: String

    @OptionGroup var lang: LanguageOptions

    func run() throws {
        let language = lang.language
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
        } catch let error as IntakeSessionError {
            printError(error.message(in: language))
            throw ExitCode(error.exitCode)
        } catch let error as SettingsError {
            printError(language == .ja ? error.description : error.englishMessage)
            throw ExitCode(ExitStatus.usage)
        } catch {
            printError(language == .ja ? "状況を読み取れませんでした: \(IntakeErrorText.message(error, language: language))"
                       : "Could not read the status: \(IntakeErrorText.message(error, language: language))")
            throw ExitCode(1)
        }
    }
}
