import ArgumentParser
import Foundation
import Intake
import Validation

/// `furikaeri run --workspace DIR`: processes the inbox once.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: HelpText.text("受付フォルダ（inbox、サブフォルダを含む）を一度処理し、受付・差戻し・出力の更新を行います。"),
        discussion: HelpText.text("""
            正しいシートは archive/<年度>/ へ、誤りのあるシートは rejected/ へ（<名前>.エラー.txt に直す箇所）、
            .xlsx でないファイルも rejected/ へ移します。受付済みと同じ内容のファイルは重複として記録し、数えません。
            書き込み中のファイル・隠しファイル・Excel のロックファイルは触りません。
            差戻しがあっても処理が終われば終了コード 0 です。別の run/watch が動いているときは --wait 秒まで待ちます。
            """))

    @Option(name: .long, help: HelpText.argument("作業フォルダ（furikaeri init で作ったもの）"))
    var workspace: String

    @Option(name: .long, parsing: .unconditional, help: HelpText.argument("別の run/watch が終わるのを待つ秒数（0 なら待たない）"))
    var wait: Double = 60

    @Flag(name: .long, help: HelpText.argument("ファイルごとの結果を1行ずつ表示します"))
    var verbose = false

    @OptionGroup var lang: LanguageOptions

    @Option(name: .long, help: HelpText.argument("一度に検証・記録するファイル数", visibility: .hidden))
    var batchSize: Int = RunCommand.defaultBatchSize

    static let defaultBatchSize = 512
    /// The batch size on a terminal, where the progress line moves once per batch.
    static let terminalBatchSize = 128

    @Option(name: .long, help: HelpText.argument("同時に読むファイルの数（既定: CPU のコア数）。いくつにしてもメモリは一定の範囲に収まります。"))
    var jobs: Int?

    func validate() throws {
        try waitOption(wait)
        if let jobs, jobs < 1 { throw RunLanguage.current.usage("--jobs には 1 以上の数を指定してください。", "--jobs must be 1 or more.") }
    }

    /// A run with more files than this shows a progress line on a terminal.
    static let progressAbove = 200

    func run() throws {
        let language = lang.language
        let log = LogLine(format: nil, language: language)
        let terminal = isatty(STDERR_FILENO) == 1
        let progress = ProgressLine(enabled: terminal)
        // Ctrl+C and SIGTERM only ask to stop: the batch in hand is finished (copied, committed,
        // removed from the inbox), the rest stays in the inbox, and run exits with 130 or 143.
        let stop = StopRequest()
        stop.catchSignals()
        do {
            let workspace = Workspace(root: self.workspace)
            var session = try IntakeSession.standard(workspace: workspace, language: language, lockTimeout: wait,
                                                     workers: jobs)
            // On a terminal, smaller batches so that the progress line moves (each batch is committed).
            session.batchSize = max(1, terminal && batchSize == Self.defaultBatchSize ? Self.terminalBatchSize : batchSize)
            session.checksArchive = true
            let result = try session.pass(
                command: "run",
                onWaitForLock: { log.err(IntakeText.waitingForLock(seconds: wait, language), .info) },
                onEvent: { event in
                    // A file left for a reason other than settling needs staff, and so does a sheet whose
                    // fiscal year is not on its form (where it was taken from): always shown.
                    guard (verbose && event.outcome != nil) || event.unreadableErrno != nil || event.failure != nil
                            || event.fiscalYearSource != nil else { return }
                    progress.clear()
                    log.out(event.line(in: language), LogLine.severity(of: event))
                },
                onProgress: { done, total in
                    guard total > Self.progressAbove else { return }
                    progress.update(done, of: total, label: IntakeText.progressLabel(language))
                },
                shouldStop: { stop.isRequested }, outputsAfterStop: false)
            progress.clear()
            for line in IntakeText.inboxNotices(result, language) { log.out(line, .warning) }
            for line in IntakeText.archiveNotices(result, language) { log.out(line, .warning) }
            if !result.recovery.isEmpty { log.err(RecoveryText.line(result.recovery, language: language), .warning) }
            log.out(result.summaryLine(in: language), .info)
            if let status = stop.exitStatus {
                log.err(IntakeText.stopped(language), .warning)
                throw ExitCode(status)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            progress.clear()
            if let status = stop.exitStatus {
                log.err(IntakeText.stopped(language), .warning)
                throw ExitCode(status)
            }
            log.err(IntakeErrorText.message(error, language: language), .error)
            throw ExitCode(ExitStatus.of(error))
        }
    }
}
