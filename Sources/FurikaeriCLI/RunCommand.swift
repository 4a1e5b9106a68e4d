import ArgumentParser
import Foundation
import Intake
import Validation

/// `furikaeri run --workspace DIR`: processes the inbox once.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "受付フォルダ（inbox、サブフォルダを含む）を一度処理し、受付・差戻し・出力の更新を行います。",
        discussion: """
            正しいシートは archive/<年度>/ へ、誤りのあるシートは rejected/ へ（<名前>.エラー.txt に直す箇所）、
            .xlsx でないファイルも rejected/ へ移します。受付済みと同じ内容のファイルは重複として記録し、数えません。
            書き込み中のファイル・隠しファイル・Excel のロックファイルは触りません。
            差戻しがあっても処理が終われば終了コード 0 です。別の run/watch が動いているときは --wait 秒まで待ちます。
            """)

    @Option(name: .long, help: "作業フォルダ（furikaeri init で作ったもの）")
    var workspace: String

    @Option(name: .long, help: "別の run/watch が終わるのを待つ秒数（0 なら待たない）")
    var wait: Double = 60

    @Flag(name: .long, help: "ファイルごとの結果を1行ずつ表示します")
    var verbose = false

    @Option(name: .long, help: "メッセージの言語: ja または en")
    var lang: String = "ja"

    @Option(name: .long, help: ArgumentHelp("一度に検証・記録するファイル数", visibility: .hidden))
    var batchSize: Int = 512

    @Option(name: .long, help: "同時に読むファイルの数（既定: CPU のコア数）。いくつにしてもメモリは一定の範囲に収まります。")
    var jobs: Int?

    func validate() throws {
        guard Language(rawValue: lang) != nil else { throw ValidationError("--lang には ja か en を指定してください（--lang must be ja or en）。") }
        guard wait >= 0 else { throw ValidationError("--wait には 0 以上の秒数を指定してください。") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs には 1 以上の数を指定してください。") }
    }

    func run() throws {
        let language = Language(rawValue: lang) ?? .ja
        let progress = ProgressLine()
        // Ctrl+C and SIGTERM only ask to stop: the batch in hand is finished (copied, committed,
        // removed from the inbox), the rest stays in the inbox, and run exits with 130 or 143.
        let stop = StopRequest()
        stop.catchSignals()
        do {
            let workspace = Workspace(root: self.workspace)
            var session = try IntakeSession.standard(workspace: workspace, language: language, lockTimeout: wait,
                                                     workers: jobs)
            session.batchSize = max(1, batchSize)
            session.checksArchive = true
            let result = try session.pass(
                command: "run",
                onWaitForLock: { printError(IntakeText.waitingForLock(seconds: wait, language)) },
                onEvent: { event in
                    // A file left for a reason other than settling needs staff, and so does a sheet whose
                    // fiscal year is not on its form (where it was taken from): always shown.
                    guard (verbose && event.outcome != nil) || event.unreadableErrno != nil || event.failure != nil
                            || event.fiscalYearSource != nil else { return }
                    progress.clear()
                    print(event.line(in: language))
                },
                onProgress: { done, total in progress.update(done, of: total, label: IntakeText.progressLabel(language)) },
                shouldStop: { stop.isRequested }, outputsAfterStop: false)
            progress.clear()
            for line in IntakeText.inboxNotices(result, language) { print(line) }
            for line in IntakeText.archiveNotices(result, language) { print(line) }
            if !result.recovery.isEmpty { printError(RecoveryText.line(result.recovery, language: language)) }
            print(result.summaryLine(in: language))
            if let status = stop.exitStatus {
                printError(IntakeText.stopped(language))
                throw ExitCode(status)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            progress.clear()
            if let status = stop.exitStatus {
                printError(IntakeText.stopped(language))
                throw ExitCode(status)
            }
            printError(IntakeErrorText.message(error, language: language))
            throw ExitCode(error is WorkspaceLockError ? 3 : ((error as? IntakeSessionError)?.exitCode ?? 1))
        }
    }
}
