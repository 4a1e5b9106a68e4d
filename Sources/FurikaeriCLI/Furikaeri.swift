import ArgumentParser
#if os(Linux)
import CSystem
#endif
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
        tuneProcess()
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

    /// Process-wide tuning, here in `main` and nowhere else. glibc keeps up to 256 MiB of freed heap
    /// rather than handing it back after every workbook (its default threshold is 128 KiB), so each
    /// worker's heap is not faulted in again for the next file: about 4 % less CPU validating 2,000
    /// small workbooks (`make bench`). Memory stays at the run's high-water mark, which a batch
    /// reaches anyway.
    static func tuneProcess() {
        #if os(Linux)
        _ = furikaeri_keep_heap(256 << 20)
        #endif
    }
}
