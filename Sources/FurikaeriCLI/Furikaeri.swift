import ArgumentParser
import Foundation

/// The `furikaeri` command: reads ふりかえりシート and 企画提案書, checks them, keeps them and reports.
@main
struct Furikaeri: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "furikaeri",
        abstract: "協働事業のふりかえりシート・企画提案書を読み取り、検証・集計します。",
        version: FurikaeriVersion.current,
        subcommands: [
            InspectCommand.self, ValidateCommand.self, TemplateCommand.self, ProcessCommand.self,
            InitCommand.self, RunCommand.self, WatchCommand.self, ReportCommand.self, StatusCommand.self, DoctorCommand.self,
            EvaluationSheetsCommand.self,
            LedgerCommand.self, WithdrawCommand.self, ExportCommand.self, SearchCommand.self,
        ])

    /// Runs the command, with every usage error (a missing option value, a bad choice) ending in
    /// exit status 2 as the commands document, instead of the argument parser's own 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
