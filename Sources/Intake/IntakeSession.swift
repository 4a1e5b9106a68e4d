import Core
import Foundation
import Settings
import Validation

/// Why a workspace command could not start.
public enum IntakeSessionError: Error, Equatable, CustomStringConvertible {
    /// The folder is not a workspace made by `furikaeri init`.
    case notAWorkspace(path: String)
    /// The ledger is missing or empty while archive/ or rejected/ hold files: going on would take
    /// archived files for strays. `furikaeri ledger restore` or `rebuild` puts it back.
    case ledgerMissing(path: String, storedFiles: Int)

    /// The exit status of a command stopped by this error (documented in docs/contracts.md).
    public var exitCode: Int32 {
        switch self {
        case .notAWorkspace: return 2
        case .ledgerMissing: return 4
        }
    }

    /// The Japanese message (`message(in:)` for either language).
    public var description: String { message(in: .ja) }
}

/// The outputs could not be written after the files of the pass were taken and committed: the files
/// are safe (their years stay marked stale, and the next pass writes the outputs).
public struct OutputsNotWritten: Error {
    public var counts: RunCounts
    public var underlying: Error
}

/// The result of one pass over the inbox.
public struct IntakePassResult: Equatable, Sendable {
    public var counts: RunCounts
    public var recovery: RecoveryReport
    /// Fiscal years whose outputs were regenerated.
    public var yearsWritten: [Int]
    /// Snapshots of files left settling, for the next look (watch).
    public var settling: [String: FileSnapshot]
    /// Files taken whose inbox name held another file by the time it was to be removed (saved
    /// again during the run): left in the inbox for the next run, relative to the inbox.
    public var keptInInbox: [String] = []
    /// What the look at the inbox found and left alone or renamed (links, unreadable subfolders,
    /// names that were not UTF-8), for a line each.
    public var links: [String] = []
    public var unreadableFolders: [InboxScan.UnreadableFolder] = []
    public var renamed: [String] = []
    public var invalidNames: [String] = []
    /// Files the ledger keeps in archive/ that are not there (moved or removed by hand), when the
    /// pass was asked to look (`IntakeSession.checksArchive`).
    public var missingFromArchive: [MissingStoredFile] = []

    /// The summary line, in Japanese (`summaryLine(in:)` for either language).
    public var summaryLine: String { summaryLine(in: .ja) }
}

/// A workspace opened for intake: the lock, the ledger, recovery, one pass over the inbox.
public struct IntakeSession {
    public let workspace: Workspace
    public let settings: Settings
    public let checker: WorkbookChecking
    public let outputs: YearOutputWriting
    /// Seconds to wait for another run to finish.
    public var lockTimeout: Double
    public var batchSize = 64
    /// The run's language: the notes beside rejected files are written in it.
    public var language: Language = .ja
    /// Whether a pass looks for files gone from archive/ (`run` does; `watch`, looking every few
    /// seconds, does not).
    public var checksArchive = false
    /// A backup of the ledger is kept before a pass changes it unless the newest backup is younger
    /// than this many seconds: 0 for `run` (every run keeps one); `watch`, whose passes follow each
    /// other every few seconds, keeps one every so often rather than copying the ledger each time.
    public var minimumSecondsBetweenBackups: Double = 0

    public init(workspace: Workspace, settings: Settings, checker: WorkbookChecking, outputs: YearOutputWriting,
                lockTimeout: Double) throws {
        guard workspace.exists else { throw IntakeSessionError.notAWorkspace(path: workspace.root) }
        self.workspace = workspace
        self.settings = settings
        self.checker = checker
        self.outputs = outputs
        self.lockTimeout = lockTimeout
    }

    /// One pass, as `run` does and as `watch` does at each look: lock, recover, take what is ready,
    /// regenerate the outputs of the affected years, unlock.
    public func pass(command: String, previous: [String: FileSnapshot]? = nil,
                     onWaitForLock: (() -> Void)? = nil,
                     onEvent: (IntakeEvent) -> Void = { _ in },
                     onProgress: (Int, Int) -> Void = { _, _ in },
                     shouldStop: () -> Bool = { false },
                     outputsAfterStop: Bool = true) throws -> IntakePassResult {
        let lock = try WorkspaceLock.acquire(path: workspace.lockFile, timeout: lockTimeout, onWait: onWaitForLock,
                                             shouldStop: shouldStop)
        defer { lock.release() }
        let ledger = try Ledger.openGuarded(workspace)
        let recovery = try Recovery(workspace: workspace, ledger: ledger).run()
        let scan = InboxScanner(inbox: workspace.inbox, settleSeconds: settings.intake.settleSeconds, checksOpenWriters: true)
            .scan(previous: previous, renamesInvalidNames: true)
        let runner = IntakeRunner(workspace: workspace, settings: settings, ledger: ledger,
                                  checker: checker, outputs: outputs)
        runner.batchSize = batchSize
        runner.language = language
        var counts = RunCounts()
        var runID: Int64?
        var problems: [IntakeProblem] = []
        if !scan.ready.isEmpty {
            // The ledger as it was, kept before this run changes it (nothing to keep while it is empty).
            if try ledger.fileCount() > 0,
               LedgerBackups.newestAge(workspace).map({ $0 >= minimumSecondsBetweenBackups }) ?? true {
                try LedgerBackups.keep(ledger, workspace: workspace)
            }
            let id = try ledger.beginRun(command: command)
            runID = id
            counts = try runner.process(scan.ready, runID: id, onEvent: { event in
                if event.outcome == nil, event.failure != nil || event.unreadableErrno != nil {
                    problems.append(IntakeProblem(name: NameText.shown(event.relativePath),
                                                  japanese: event.line(in: .ja), english: event.line(in: .en)))
                }
                onEvent(event)
            }, onProgress: onProgress, shouldStop: shouldStop)
            try ledger.finishRun(id, counts: counts)
        }
        counts.waiting += scan.settling.count
        // The taken files leave the inbox while the outputs are written (both after the commits);
        // they are committed, so they leave it even when the outputs cannot be written. After a stop
        // request, unless `outputsAfterStop`, the outputs are left for the next pass (their years
        // stay marked stale): `run` must end within moments of Ctrl+C; `watch` writes them first.
        let outputs = shouldStop() && !outputsAfterStop ? .success([]) : Result { try runner.regenerateStaleOutputs() }
        var kept: [String] = []
        if let runID {
            kept = try runner.finishInboxRemovals(runID: runID)
            problems += kept.map { IntakeProblem(name: NameText.shown($0), japanese: IntakeText.keptInInbox($0, .ja),
                                                 english: IntakeText.keptInInbox($0, .en)) }
            try ledger.recordProblems(problems, runID: runID)
        }
        let years: [Int]
        do { years = try outputs.get() } catch { throw OutputsNotWritten(counts: counts, underlying: error) }
        var settling: [String: FileSnapshot] = [:]
        for file in scan.settling { settling[file.relativePath] = file.snapshot }
        for file in scan.ready where FileManager.default.fileExists(atPath: file.path) {
            settling[file.relativePath] = file.snapshot
        }
        return IntakePassResult(counts: counts, recovery: recovery, yearsWritten: years, settling: settling,
                                keptInInbox: kept, links: scan.links, unreadableFolders: scan.unreadableFolders,
                                renamed: scan.renamed, invalidNames: scan.invalidNames,
                                missingFromArchive: checksArchive ? try ledger.missingArchivedFiles(in: workspace) : [])
    }
}
