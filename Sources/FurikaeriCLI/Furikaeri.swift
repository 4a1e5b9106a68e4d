import ArgumentParser
#if os(Linux)
import CSystem
#endif
import Foundation

/// The `furikaeri` command: reads ふりかえりシート and 企画提案書, checks them, keeps them and reports.
@main
struct Furikaeri: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "furikaeri",
            abstract: HelpText.text("協働事業のふりかえりシート・企画提案書を読み取り、検証・集計します。"),
            version: FurikaeriVersion.current,
            subcommands: [
                InspectCommand.self, ValidateCommand.self, TemplateCommand.self, ProcessCommand.self,
                InitCommand.self, RunCommand.self, WatchCommand.self, ReportCommand.self, StatusCommand.self, DoctorCommand.self,
                EvaluationSheetsCommand.self,
                LedgerCommand.self, WithdrawCommand.self, ExportCommand.self, SearchCommand.self,
            ])
    }

    /// Runs the command in one language (`RunLanguage`): help in it, the parser's own errors in it,
    /// and every usage error (a missing option value, a bad choice, an option given twice) ending in
    /// exit status 2 as the commands document, instead of the argument parser's own 64.
    static func main() {
        tuneProcess()
        let language = RunLanguage.current
        let given = Array(CommandLine.arguments.dropFirst())
        let path = commandPath(RunLanguage.withoutLanguage(given))
        let takesOptions = path.last.map { $0.configuration.subcommands.isEmpty } ?? false
        let arguments = RunLanguage.languageAfterCommand(given, takesOptions: takesOptions)
        let japanese = language.messages == .ja
        do {
            if let repeated = RepeatedOptions.first(in: arguments) {
                let text = ParserText.usageError(
                    message: language.say("\(repeated) が2回指定されています。1回だけ指定してください。", "\(repeated) is given twice. Give it once."),
                    usage: usage(of: path), helpCommand: helpCommand(of: path), japanese: japanese)
                FileHandle.standardError.write(Data((text + "\n").utf8))
                Foundation.exit(2)
            }
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success, !arguments.contains(where: { $0 == "--experimental-dump-help" || $0.hasPrefix("--generate-completion-script") }) {
                // Help or version: the parser's headings in the help's language.
                print(ParserText.help(fullMessage(for: error), japanese: language.help == .ja))
                Foundation.exit(0)
            }
            if code == .validationFailure {
                let message = japanese ? ParserText.parserMessage(message(for: error)) : ParserText.englishParserMessage(message(for: error))
                // An error thrown by a command's run() comes without its command: the usage is its own.
                let full = fullMessage(for: error)
                let ownUsage = takesOptions ? usage(of: path) : nil
                let text = ParserText.usageError(message: message, usage: ownUsage ?? ParserText.usageLines(full),
                                                 helpCommand: ownUsage != nil ? helpCommand(of: path) : ParserText.helpCommand(full),
                                                 japanese: japanese)
                FileHandle.standardError.write(Data((text + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    /// The usage line of the command at the end of `path` (`furikaeri ledger backups --workspace …`).
    static func usage(of path: [ParsableCommand.Type]) -> String? {
        guard let command = path.last else { return nil }
        let names = (["furikaeri"] + path.map { $0._commandName }).joined(separator: " ")
        return names + " " + command.usageString().split(separator: " ", maxSplits: 1).dropFirst().joined()
    }

    /// `furikaeri <path> --help`.
    static func helpCommand(of path: [ParsableCommand.Type]) -> String {
        (["furikaeri"] + path.map { $0._commandName } + ["--help"]).joined(separator: " ")
    }

    /// The commands named at the start of `arguments` (`ledger backups`), outermost first.
    static func commandPath(_ arguments: [String]) -> [ParsableCommand.Type] {
        var path: [ParsableCommand.Type] = []
        var current: ParsableCommand.Type = Furikaeri.self
        for argument in arguments {
            guard let next = current.configuration.subcommands.first(where: { $0._commandName == argument }) else { break }
            path.append(next)
            current = next
        }
        return path
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
