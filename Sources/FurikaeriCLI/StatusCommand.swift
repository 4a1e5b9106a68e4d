import ArgumentParser
import Foundation
import Intake

/// `furikaeri status --workspace DIR`: per fiscal year, what was accepted, rejected and is still missing.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "年度ごとの受付件数・差戻し件数・未提出のふりかえりシートと、受付フォルダの待ち件数を表示します。")

    @Option(name: .long, help: "作業フォルダ")
    var workspace: String

    func run() throws {
        let workspace = Workspace(root: self.workspace)
        guard workspace.exists else {
            printError(IntakeSessionError.notAWorkspace(path: workspace.root).description)
            throw ExitCode(2)
        }
        do {
            let settings = try workspace.loadSettings()
            let ledger = try Ledger(path: workspace.ledgerFile)
            let scan = InboxScanner(inbox: workspace.inbox, settleSeconds: settings.intake.settleSeconds).scan()
            print(StatusText.render(years: try ledger.yearStatuses(), rejectedWithoutYear: try ledger.rejectedWithoutYear(),
                                    pending: scan.ready.count, settling: scan.settling.count), terminator: "")
        } catch {
            printError("状況を読み取れませんでした: \(error)")
            throw ExitCode(1)
        }
    }
}
