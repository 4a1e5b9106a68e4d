import ArgumentParser
import Dispatch
import Foundation
import Intake
import Validation

/// `furikaeri watch --workspace DIR [--interval S]`: processes arrivals until stopped.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: HelpText.text("受付フォルダを一定の間隔で見に行き、届いたファイルを run と同じように処理し続けます。"),
        discussion: HelpText.text("ファイルごとに1行表示します。Ctrl+C（SIGINT）か SIGTERM で、処理中のファイルを終えてから止まります。"))

    @Option(name: .long, help: HelpText.argument("作業フォルダ（furikaeri init で作ったもの）"))
    var workspace: String

    @Option(name: .long, parsing: .unconditional, help: HelpText.argument("見に行く間隔（秒）。省略時は furikaeri.yml の intake.watch_interval_seconds"))
    var interval: Double?

    @OptionGroup var lang: LanguageOptions

    @Option(name: .long, help: HelpText.argument("行の書式: journal（systemd のジャーナル向けに重要度 <3>/<4>/<6> を付ける。時刻はジャーナルが付けます）か plain（ISO 8601 の時刻と重要度を付ける）。省略時は行頭に時刻（2026-12-07 11:02:03）を付けます"))
    var logFormat: LogFormat?

    func validate() throws {
        if let interval, !(interval > 0) {
            throw RunLanguage.current.usage("--interval には 0 より大きい秒数を指定してください（指定された値: \(interval.formatted())）。",
                                            "--interval must be a number of seconds above 0 (got \(interval.formatted())).")
        }
    }

    func run() throws {
        let language = lang.language
        let log = LogLine(format: logFormat, language: language)
        let stop = StopRequest()
        // The handlers only raise a flag: the loop finishes the file at hand, commits, and leaves.
        stop.catchSignals()
        defer { stop.stopCatchingSignals() }
        do {
            let workspace = Workspace(root: self.workspace)
            var session = try IntakeSession.standard(workspace: workspace, language: language, lockTimeout: 24 * 3600)
            session.batchSize = 16
            session.minimumSecondsBetweenBackups = 600
            let seconds = interval ?? session.settings.intake.watchIntervalSeconds
            log.out(language == .ja ? "監視を始めました: \(workspace.inbox)（\(seconds)秒ごと。止めるには Ctrl+C）"
                  : "Watching \(workspace.inbox) every \(seconds) s. Press Ctrl+C to stop.", .info)
            var previous: [String: FileSnapshot]?
            while !stop.isRequested {
                let result = try session.pass(
                    command: "watch", previous: previous,
                    onEvent: { event in
                        if event.outcome != nil || event.unreadableErrno != nil || event.failure != nil {
                            log.out(event.line(in: language), LogLine.severity(of: event))
                        }
                    },
                    shouldStop: { stop.isRequested })
                for line in IntakeText.inboxNotices(result, language) { log.out(line, .warning) }
                if !result.recovery.isEmpty { log.err(RecoveryText.line(result.recovery, language: language), .warning) }
                previous = result.settling
                fflush(nil)  // every stream: C's `stdout` is a global var Swift 6 will not read
                stop.wait(seconds: seconds)
            }
            log.out(language == .ja ? "監視を終了しました。" : "Stopped watching.", .info)
        } catch {
            log.err(IntakeErrorText.message(error, language: language), .error)
            throw ExitCode(ExitStatus.of(error))
        }
    }
}
