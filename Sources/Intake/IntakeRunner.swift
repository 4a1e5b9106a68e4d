#if os(Linux)
import Core
import CSystem
#endif
import Dispatch
import Foundation
import Forms
import Reports
import Settings
import Validation
import XLSX

/// Takes files from the inbox into the archive or rejected/, records them in the ledger, and keeps the
/// outputs up to date. Call with the workspace lock held.
///
/// Every file follows copy (durable) → commit → remove from inbox, in batches: a kill at any instant
/// leaves each file in the inbox, or committed and stored (with at most an inbox copy that `Recovery`
/// removes), never lost and never counted twice.
public final class IntakeRunner {
    public let workspace: Workspace
    public let settings: Settings
    public let ledger: Ledger
    private let checker: WorkbookChecking
    private let outputs: YearOutputWriting
    /// The most files validated and committed together (batches grow up to it, see `batches`).
    public var batchSize = 64
    /// The clock, replaceable in tests.
    public var now: () -> Date = Date.init
    /// Each fiscal year's projects, for the 第三者評価票 of the batch at hand.
    private var evaluationProjects: [Int: EvaluationProjects] = [:]
    /// The language of the notes written beside rejected files (the run's language).
    public var language: Language = .ja

    public init(workspace: Workspace, settings: Settings, ledger: Ledger,
                checker: WorkbookChecking, outputs: YearOutputWriting) {
        self.workspace = workspace
        self.settings = settings
        self.ledger = ledger
        self.checker = checker
        self.outputs = outputs
    }

    /// Processes the ready files of one look at the inbox.
    ///
    /// `shouldStop` is asked between batches (watch stops cleanly after the current batch). The
    /// files taken are removed from the inbox in the background once every batch is committed;
    /// `finishInboxRemovals(runID:)` waits for that. The session writes the outputs meanwhile, and the
    /// removals (at low priority, see `InboxRemovals`) take the time the outputs leave free instead of
    /// a share of the cores validation needs.
    public func process(_ files: [InboxFile], runID: Int64,
                        onEvent: (IntakeEvent) -> Void = { _ in },
                        onProgress: (Int, Int) -> Void = { _, _ in },
                        shouldStop: () -> Bool = { false }) throws -> RunCounts {
        var counts = RunCounts()
        inboxRemovals = InboxRemovals()
        folderNames = FolderNames()
        var acceptedYears = try ledger.acceptedFileYears()
        rejectedBySHA = try ledger.rejectedFilesBySHA { [workspace] in FileSnapshot.of(workspace.path($0)) != nil }
        let batches = Self.batches(of: files, upTo: batchSize)
        // The next batch is validated and copied in the background while this one is synced, renamed
        // into place and committed.
        var pending = batches.first.map(startChecking)
        var done = 0
        // A batch cut short (a stop, an error) leaves copies of files it did not take: removed here.
        // Work still validating is let go (it only reads, and makes no copy once cancelled); work
        // already copying is waited for, so that no copy is left behind.
        defer {
            if let pending, pending.cancel() {
                var copies = pending.wait().copies
                copies.discard()
            }
            inboxRemovals.start()
        }
        for (index, batch) in batches.enumerated() {
            guard !shouldStop(), let checking = pending else { break }
            // A stop while the batch in hand is still being validated: nothing of it was copied yet.
            guard let (results, columns, checkedCopies) = checking.wait(orStop: shouldStop) else { break }
            var copies = checkedCopies
            formColumns = columns
            pending = index + 1 < batches.count ? startChecking(batches[index + 1]) : nil
            defer { copies.discard() }
            counts += try processBatch(batch, results: results, copies: &copies, runID: runID,
                                       acceptedYears: &acceptedYears, onEvent: onEvent, shouldStop: shouldStop)
            done += batch.count
            onProgress(done, files.count)
        }
        return counts
    }

    /// Waits until every file `process` took is removed from the inbox, durably; records that in
    /// the ledger. The inbox's subfolders stay, empty or not: staff made them and file into them.
    /// Returns the files left in the inbox because
    /// their name holds another file now (saved again after being taken), relative to the inbox.
    @discardableResult
    public func finishInboxRemovals(runID: Int64) throws -> [String] {
        let (_, kept) = try inboxRemovals.finish()
        try ledger.markAllInboxRemoved(runID: runID)
        return kept.sorted()
    }

    /// Called after each batch's commit and before its files leave the inbox, with the files taken:
    /// a seam for tests that change the inbox at exactly that moment.
    public var afterCommit: (([InboxFile]) -> Void)?

    /// What the ledger stores of the forms of the batch in hand, made while it was validated (see
    /// `LedgerFormColumns`), by file.
    private var formColumns: [PathKey: [LedgerFormColumns]] = [:]

    /// The removals of the files the last `process` took.
    private var inboxRemovals = InboxRemovals()

    /// The files in batches that double from 32 files up to `limit`: the first is validated soon so
    /// that copying and committing start early; later ones are large, as each batch costs a sync of
    /// the file system, a ledger commit and folder syncs whatever its size.
    static func batches(of files: [InboxFile], upTo limit: Int) -> [[InboxFile]] {
        var batches: [[InboxFile]] = []
        var size = min(32, max(1, limit))
        var start = 0
        while start < files.count {
            let end = min(files.count, start + size)
            batches.append(Array(files[start..<end]))
            start = end
            size = min(size * 2, max(1, limit))
        }
        return batches
    }

    /// Validation and copying of one batch running in the background.
    ///
    /// Unchecked Sendable, and safe: `taken`, `cancelled` and `copying` are read and written only
    /// under `lock`; `outcome` is written once, by the background work, before it signals `finished`,
    /// and read (and `taken` set) only after a wait on `finished` has returned, which orders the write
    /// before the read; `wait` is called from the one thread that runs the batches.
    private final class Checking: @unchecked Sendable {
        private let finished = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var outcome: (results: [PathKey: FileResult], columns: [PathKey: [LedgerFormColumns]], copies: StagedCopies) = ([:], [:], .none)
        private var taken = false
        private var cancelled = false
        private var copying = false

        init(_ work: @escaping @Sendable (Checking) -> (results: [PathKey: FileResult], columns: [PathKey: [LedgerFormColumns]], copies: StagedCopies)) {
            DispatchQueue.global(qos: .userInitiated).async { [self] in
                outcome = work(self)
                finished.signal()
            }
        }

        /// Called by the work once validated: false when cancelled (then it makes no copy).
        func beginCopying() -> Bool {
            lock.withLock {
                copying = !cancelled
                return copying
            }
        }

        var isCancelled: Bool { lock.withLock { cancelled } }

        /// Asks the work to stop; true when it has started copying, and must be waited for so
        /// that its copies are discarded.
        func cancel() -> Bool {
            lock.withLock {
                cancelled = true
                return copying
            }
        }

        /// The batch's results and copies; the copies are handed out once (later waits get none,
        /// so no copy is both used and discarded).
        func wait() -> (results: [PathKey: FileResult], columns: [PathKey: [LedgerFormColumns]], copies: StagedCopies) {
            finished.wait()
            finished.signal()  // later waits return at once
            defer { taken = true }
            return taken ? (outcome.results, outcome.columns, .none) : outcome
        }

        /// `wait()`, or nil as soon as `shouldStop` says so (looked at every 20 ms).
        func wait(orStop shouldStop: () -> Bool) -> (results: [PathKey: FileResult], columns: [PathKey: [LedgerFormColumns]], copies: StagedCopies)? {
            while finished.wait(timeout: .now() + .milliseconds(20)) == .timedOut {
                if shouldStop() { return nil }
            }
            finished.signal()
            return wait()
        }
    }

    /// The most bytes of one batch's files kept from validation to be stored (see `StagedCopies`);
    /// the files beyond it are read again from the inbox.
    static let keptBytesPerBatch = 32 << 20

    /// Validates a batch, then copies its files beside where they will likely be stored, off the main thread.
    private func startChecking(_ batch: [InboxFile]) -> Checking {
        let workbooks = batch.filter(\.isXLSX)
        let checker = self.checker
        let workspace = self.workspace
        return Checking { checking in
            var byPath: [PathKey: FileResult] = [:]
            var bytes: [PathKey: FileBytes] = [:]
            var columns: [PathKey: [LedgerFormColumns]] = [:]
            let checked = checker.checkKeepingBytes(paths: workbooks.map(\.path), byteBudget: Self.keptBytesPerBatch)
            for (file, checked) in zip(workbooks, checked) {
                byPath[PathKey(file.path)] = checked.result
                bytes[PathKey(file.path)] = checked.bytes
                columns[PathKey(file.path)] = checked.formColumns
            }
            guard checking.beginCopying() else { return (byPath, columns, .none) }
            return (byPath, columns, StagedCopies.make(of: batch, results: byPath, bytes: bytes, workspace: workspace,
                                              isCancelled: { checking.isCancelled }))
        }
    }

    private func processBatch(_ batch: [InboxFile], results resultByPath: [PathKey: FileResult],
                              copies: inout StagedCopies, runID: Int64, acceptedYears: inout [String: Int],
                              onEvent: (IntakeEvent) -> Void, shouldStop: () -> Bool) throws -> RunCounts {
        // 第三者評価票 are checked against the projects already committed: the batch's other files (the
        // year's reflections among them) are committed first, the evaluator sheets after them.
        func hasEvaluation(_ file: InboxFile) -> Bool {
            resultByPath[PathKey(file.path)]?.forms.contains { $0.form.kind == .evaluation } == true
        }
        let evaluations = batch.filter(hasEvaluation)
        var counts = try commitPart(evaluations.isEmpty ? batch : batch.filter { !hasEvaluation($0) }, results: resultByPath,
                                    copies: &copies, runID: runID, acceptedYears: &acceptedYears, onEvent: onEvent,
                                    shouldStop: shouldStop)
        if !evaluations.isEmpty, !shouldStop() {
            counts += try commitPart(evaluations, results: resultByPath, copies: &copies, runID: runID,
                                     acceptedYears: &acceptedYears, onEvent: onEvent, shouldStop: shouldStop)
        }
        return counts
    }

    /// Stages, publishes and commits files of a batch (see `processBatch`).
    private func commitPart(_ batch: [InboxFile], results resultByPath: [PathKey: FileResult],
                            copies: inout StagedCopies, runID: Int64, acceptedYears: inout [String: Int],
                            onEvent: (IntakeEvent) -> Void, shouldStop: () -> Bool) throws -> RunCounts {
        var counts = RunCounts()
        var staged: [Placement] = []
        // The projects 第三者評価票 may name are read afresh for each part (see `projects(ofYear:)`).
        evaluationProjects = [:]
        /// A file that could not be taken: left in the inbox, reported, and the batch goes on.
        func leave(_ file: InboxFile, _ failure: FileError?) {
            var event = IntakeEvent(relativePath: file.relativePath, outcome: nil, storedPath: nil,
                                    fiscalYear: nil, errorCount: 0, superseded: 0)
            if case .system(_, let path, let code)? = failure, path == file.path {
                event.unreadableErrno = code  // the inbox file itself (permissions, removed meanwhile)
                if code != ENOENT { counts.waiting += 1 }  // a file gone is not waiting for anything
            } else {
                counts.waiting += 1
                event.failure = failure
            }
            onEvent(event)
        }
        // A stop request finishes the file at hand, commits what was placed, and leaves the rest.
        for file in batch where !shouldStop() {
            let receivedAt = now()
            do {
                guard let placed = try stage(file, result: resultByPath[PathKey(file.path)], copies: &copies, receivedAt: receivedAt,
                                             acceptedYears: acceptedYears) else {
                    leave(file, nil)
                    continue
                }
                if placed.entry.outcome == .accepted { acceptedYears[placed.entry.sha256] = placed.entry.fiscalYear }
                if placed.entry.outcome == .rejected || placed.entry.outcome == .notXLSX, rejectedBySHA[placed.entry.sha256] == nil {
                    rejectedBySHA[placed.entry.sha256] = StoredRejection(storedPath: placed.entry.storedPath,
                                                                         notePath: placed.entry.notePath,
                                                                         fiscalYear: placed.entry.fiscalYear)
                }
                staged.append(placed)
            } catch let error as FileError {
                leave(file, error)
            }
        }
        guard !staged.isEmpty else { return counts }
        // Durable first: one syncfs for the batch's copies and notes, then their final names.
        try DurableFiles.flushFileSystem(containing: workspace.root)
        var destinations: [PathKey: String] = [:]  // by bytes: NFC and NFD folders are two folders
        staged = staged.filter { placed in
            var published: [String] = []
            do {
                for (temporary, final) in placed.publications {
                    try DurableFiles.publish(temporary: temporary, as: final)
                    published.append(final)
                    destinations[PathKey(PathText.parent(final))] = PathText.parent(final)
                }
                return true
            } catch {
                // Not committed: its copies go (the original is still in the inbox) and the others go on.
                for (temporary, _) in placed.publications { unlink(temporary) }
                for final in published { unlink(final) }
                if placed.entry.outcome == .accepted { acceptedYears[placed.entry.sha256] = nil }
                if rejectedBySHA[placed.entry.sha256]?.storedPath == placed.entry.storedPath { rejectedBySHA[placed.entry.sha256] = nil }
                leave(placed.file, (error as? FileError) ?? .system(operation: .save, path: placed.publications.first?.final ?? "", errno: EIO))
                return false
            }
        }
        for folder in destinations.values.sorted() { try DurableFiles.syncDirectory(folder) }
        guard !staged.isEmpty else { return counts }
        // Commit: from here on the stored copies are the files of record.
        let entries = staged.map(\.entry)
        let events = staged.map(\.event)
        let summary = try ledger.commit(entries, runID: runID)
        afterCommit?(staged.map(\.file))
        // Remove from the inbox, in the background while the next batch goes on (removing synced
        // files is slow on some disks); a kill meanwhile leaves inbox copies that Recovery removes.
        inboxRemovals.remove(staged.map { InboxRemovals.Taken(file: $0.file, sha256: $0.entry.sha256) })

        for entry in entries {
            switch entry.outcome {
            case .accepted: counts.accepted += 1
            case .duplicate: counts.duplicates += 1
            case .rejected, .notXLSX: counts.rejected += 1
            case .rejectedAgain: counts.rejectedAgain += 1
            }
        }
        counts.superseded += summary.superseded
        // Resubmissions are recognised inside the commit; tell each accepted line whether it replaced one.
        let replaced = try ledger.supersedingFiles(runID: runID, storedPaths: entries.filter { $0.outcome == .accepted }.map(\.storedPath))
        for var event in events {
            if let path = event.storedPath, replaced.contains(path) { event.superseded = 1 }
            onEvent(event)
        }
        return counts
    }

    /// The projects a 第三者評価票 of `year` may name, read once per batch.
    private func projects(ofYear year: Int) throws -> EvaluationProjects? {
        if let known = evaluationProjects[year] { return known }
        let projects = try EvaluationProjects(ledger: ledger, fiscalYear: year, settings: settings)
        evaluationProjects[year] = projects
        return projects
    }

    private struct Placement {
        var file: InboxFile
        var entry: LedgerEntry
        var event: IntakeEvent
        /// Temporary files and the names they take once the batch is durable.
        var publications: [(temporary: String, final: String)]
    }

    /// Decides where a file goes and copies it (with its note) to temporary files beside its final
    /// name, reserving that name; nil when the file changed meanwhile and must wait for the next look.
    private func stage(_ file: InboxFile, result: FileResult?, copies: inout StagedCopies, receivedAt: Date,
                       acceptedYears: [String: Int]) throws -> Placement? {
        let name = PathText.lastComponent(file.relativePath)
        let subfolder = PathText.parent(file.relativePath)
        let rejectedFolder = PathText.join(workspace.rejected, subfolder)
        let fallbackYear = FiscalYear.containing(receivedAt)

        var outcome: FileOutcome
        var folder: String
        var fiscalYear: Int?
        var yearSource: FieldOrigin?
        var identities: [SubmissionIdentity] = []
        var note: String?
        var result = result
        if let checked = result, let validator = checker.formValidator {
            result = try EvaluationProjects.check(checked, validator: validator, projects: projects(ofYear:),
                                                  fallbackYear: fallbackYear)
        }
        if let result {
            let year = result.forms.lazy.compactMap { SubmissionIdentity.fiscalYear(of: $0.form) }.first
            // Where the year came from, when not from a 実施年度 field: said per file and kept in the ledger.
            yearSource = year == nil ? .receipt
                : result.forms.lazy.compactMap { $0.form["fiscal_year"]?.origin }.first(where: { $0 != .form })
            if !result.sha256.isEmpty, let originalYear = acceptedYears[result.sha256] {
                outcome = .duplicate
                fiscalYear = originalYear
                folder = workspace.archive(fiscalYear: originalYear)
            } else if result.status == .valid {
                outcome = .accepted
                identities = result.forms.map { SubmissionIdentity(form: $0.form, fallbackYear: year ?? fallbackYear) }
                fiscalYear = identities.first?.fiscalYear ?? fallbackYear
                folder = workspace.archive(fiscalYear: fiscalYear ?? fallbackYear)
            } else {
                outcome = .rejected
                fiscalYear = year
                folder = rejectedFolder
                note = RejectionNote.invalid(originalName: file.relativePath, result: result, language: language)
            }
        } else {
            outcome = .notXLSX
            folder = rejectedFolder
            note = RejectionNote.notXLSX(originalName: file.relativePath, language: language)
        }

        if outcome == .rejected || outcome == .notXLSX,
           let sha = result.flatMap({ $0.sha256.isEmpty ? nil : $0.sha256 }) ?? Self.sha256(ofInboxFile: file),
           let earlier = rejectedBySHA[sha] {
            return try stageRepeatedRejection(file, sha256: sha, earlier: earlier, status: result?.status, receivedAt: receivedAt)
        }
        try createDirectoryOnce(folder)
        let storedName = StoredNames.unusedName(for: name) { folderNames.contains($0, in: folder) }
        let stored = PathText.join(folder, storedName)
        // The copy made in the background, or (rarely: a duplicate found invalid now, another device) one made now.
        let (temporary, copy) = try copies.take(file.path, for: folder)
            ?? DurableFiles.stageCopy(from: file.path, inDirectory: folder, sync: false)
        // Still the file we looked at? If it changed while we read it, it is still being written;
        // if it is gone, someone moved or removed it meanwhile.
        // Looked at through folders opened without following links: a subfolder swapped for a link
        // since the scan is not the file that was scanned.
        let current: FileSnapshot?
        do { current = try currentSnapshot(of: file) } catch {
            unlink(temporary)
            throw error
        }
        let unchanged = current == file.snapshot && copy.size == file.snapshot.size
            && (result.map { $0.sha256.isEmpty || $0.sha256 == copy.sha256 } ?? true)
        guard unchanged else {
            unlink(temporary)
            return nil
        }
        var publications = [(temporary: temporary, final: stored)]
        var notePath: String?
        if let note {
            notePath = stored + RejectionNote.suffix
            let noteTemporary = try DurableFiles.stageWrite(Data(note.utf8), inDirectory: folder)
            publications.append((noteTemporary, stored + RejectionNote.suffix))
        }
        folderNames.insert(storedName, in: folder)
        if note != nil { folderNames.insert(storedName + RejectionNote.suffix, in: folder) }
        let errors = result.map { r in
            r.issues.filter { $0.severity == .error }.count
                + r.forms.reduce(0) { $0 + $1.issues.filter { $0.severity == .error }.count }
        } ?? 1
        var entry = LedgerEntry(
            originalName: file.relativePath, sha256: copy.sha256, size: copy.size, receivedAt: receivedAt,
            outcome: outcome, status: result?.status, fiscalYear: fiscalYear,
            storedPath: workspace.relative(stored), notePath: notePath.map { workspace.relative($0) },
            duplicateOf: outcome == .duplicate ? copy.sha256 : nil, result: result, identities: identities,
            fiscalYearSource: outcome == .accepted ? yearSource : nil)
        if outcome == .accepted, let columns = formColumns[PathKey(file.path)], columns.count == result?.forms.count {
            entry.formColumns = columns
        }
        var event = IntakeEvent(relativePath: file.relativePath, outcome: outcome, storedPath: workspace.relative(stored),
                                fiscalYear: fiscalYear, errorCount: outcome == .rejected ? errors : 0, superseded: 0)
        event.fiscalYearSource = outcome == .accepted ? yearSource : nil
        return Placement(file: file, entry: entry, event: event, publications: publications)
    }

    /// What the inbox name of `file` holds now, looked at through folders opened without following
    /// links (a subfolder swapped for a link since the scan is not the file that was scanned): nil
    /// when it is not a regular file; throws when it is gone (moved or removed meanwhile).
    private func currentSnapshot(of file: InboxFile) throws -> FileSnapshot? {
        switch NoFollowPaths.status(root: NoFollowPaths.root(of: file), relative: file.relativePath) {
        case .success(let info):
            return (info.st_mode & S_IFMT) == S_IFREG ? FileSnapshot(info) : nil
        case .failure(.system(_, _, ENOENT)):
            throw FileError.system(operation: .read, path: file.path, errno: ENOENT)
        case .failure:
            return nil
        }
    }

    /// The SHA-256 of an inbox file that validation did not hash (not a workbook), read without
    /// following links; nil when it cannot be read (it is then stored as usual, or left).
    static func sha256(ofInboxFile file: InboxFile) -> String? {
        guard let (folder, name) = NoFollowPaths.openParent(root: NoFollowPaths.root(of: file), relative: file.relativePath) else { return nil }
        defer { close(folder) }
        let fd = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return try? SHA256.hex(readingFrom: fd, path: file.path)
    }

    /// A file the same, byte for byte, as one rejected earlier and still in rejected/: recorded as
    /// such, pointing at the earlier file and its note; nothing is copied and no note is written.
    /// Its inbox copy goes like any file taken (after the commit, only while it is still this file).
    private func stageRepeatedRejection(_ file: InboxFile, sha256: String, earlier: StoredRejection,
                                        status: FileStatus?, receivedAt: Date) throws -> Placement? {
        guard try currentSnapshot(of: file) == file.snapshot else { return nil }
        let entry = LedgerEntry(
            originalName: file.relativePath, sha256: sha256, size: file.snapshot.size, receivedAt: receivedAt,
            outcome: .rejectedAgain, status: status, fiscalYear: earlier.fiscalYear, storedPath: earlier.storedPath,
            notePath: earlier.notePath, duplicateOf: nil, result: nil, identities: [])
        let event = IntakeEvent(relativePath: file.relativePath, outcome: .rejectedAgain, storedPath: earlier.storedPath,
                                fiscalYear: earlier.fiscalYear, errorCount: 0, superseded: 0)
        return Placement(file: file, entry: entry, event: event, publications: [])
    }

    /// Rejected files still in rejected/ by SHA-256, read once per `process` and kept up to date.
    private var rejectedBySHA: [String: StoredRejection] = [:]

    /// The names taken in the folders files are stored in, listed once per `process`.
    private var folderNames = FolderNames()

    /// Folders known to exist, so that each is looked at once per run rather than once per file.
    private var existingFolders = Set<PathKey>()

    private func createDirectoryOnce(_ folder: String) throws {
        guard !existingFolders.contains(PathKey(folder)) else { return }
        try DurableFiles.createDirectory(folder)
        existingFolders.insert(PathKey(folder))
    }

    /// Regenerates the outputs of every fiscal year marked stale, each file replaced atomically.
    /// Returns the years written.
    @discardableResult
    public func regenerateStaleOutputs() throws -> [Int] {
        let stale = try ledger.staleOutputYears()
        guard let earliest = stale.first else { return [] }
        // Later years compare themselves with earlier ones, so they are rewritten too.
        let years = Array(Set(stale + (try ledger.fiscalYears()).filter { $0 > earliest })).sorted()
        for year in years {
            try writeOutputs(fiscalYear: year, into: workspace.output(fiscalYear: year))
        }
        // The 事例集 shows every year: rewritten whenever a year's outputs were. The years are marked
        // fresh only then, so a site that could not be written is written by the next run.
        try outputs.writeCaseSites(ledger: ledger, outputDirectory: workspace.output)
        for year in years { try ledger.markOutputsFresh(year) }
        return years
    }

    /// Writes one year's outputs into `destination`: rendered in a temporary folder beside it, then
    /// each file renamed into place, so a reader never sees half a file.
    public func writeOutputs(fiscalYear: Int, into destination: String) throws {
        let parent = (destination as NSString).deletingLastPathComponent
        try DurableFiles.createDirectory(parent)
        let temporary = DurableFiles.temporaryPath(in: parent)
        // Failures are said with the folder staff know (output/2024), never the hidden temporary one.
        do {
            try DurableFiles.createDirectory(temporary)
        } catch FileError.system(_, _, let code) {
            throw FileError.system(operation: .write, path: destination, errno: code)
        }
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        do {
            try outputs.writeOutputs(fiscalYear: fiscalYear, submissions: YearSubmissions(ledger: ledger, fiscalYear: fiscalYear),
                                     into: temporary)
        } catch ReportError.writeFailed(var failure) {
            if failure.path.hasPrefix(temporary) { failure.path = destination + failure.path.dropFirst(temporary.count) }
            throw ReportError.writeFailed(failure)
        }
        try DurableFiles.createDirectory(destination)
        let names = try FileManager.default.contentsOfDirectory(atPath: temporary).sorted()
        for name in names {
            try DurableFiles.replace(temporary: PathText.join(temporary, name), as: PathText.join(destination, name),
                                     operation: .replaceOutput)
        }
        try DurableFiles.syncDirectory(destination)
    }
}

/// Removes taken files from the inbox, durably, on a thread of its own at low priority.
///
/// Removals wait until `start()`: intake calls it when every batch is committed, and the outputs are
/// written meanwhile. At a lower priority the removals take the time the outputs leave free rather
/// than a share of the cores they need (removing 10,000 files costs about a third of a second).
///
/// A name is removed only while it still holds the file that was taken (`InboxRemovals.check`): a
/// file saved again meanwhile (Excel writes a new file and renames it over the old) stays.
///
/// Unchecked Sendable, and safe: every stored `var` (`queued`, `folders`, `kept`, `failure`,
/// `finished`) is read and written only inside `lock.withLock`; the thread's own state is local to it.
final class InboxRemovals: @unchecked Sendable {
    /// A committed file and the bytes that were stored for it.
    struct Taken {
        var file: InboxFile
        var sha256: String
    }

    /// What the inbox name of a taken file holds now.
    enum Check: Equatable {
        /// The file taken (same device, inode, size and time; or, when one of those changed, the same bytes).
        case same
        /// Nothing: removed by someone else.
        case gone
        /// Another file, or the file changed: not ours to remove.
        case replaced
        /// The name cannot be looked at (this errno).
        case failed(Int32)
    }

    private let lock = NSLock()
    private var queued: [Taken] = []
    private var folders: [PathKey: String] = [:]
    private var kept: [String] = []
    private var failure: FileError?
    private var finished: DispatchSemaphore?

    /// Queues the removal of these committed files.
    func remove(_ taken: [Taken]) {
        lock.withLock { queued += taken }
    }

    /// Starts removing the files queued so far (and any queued later) on a low-priority thread.
    func start() {
        let finished = DispatchSemaphore(value: 0)
        guard lock.withLock({ () -> Bool in
            guard self.finished == nil else { return false }
            self.finished = finished
            return true
        }) else { return }
        let thread = Thread { [self] in
            LowPriority.enter()
            removeQueued()
            finished.signal()
        }
        thread.start()
    }

    /// Waits for every queued removal; returns the folders touched and the files left because
    /// their name holds another file now (relative to the inbox), or throws the first failure.
    func finish() throws -> (folders: [String], kept: [String]) {
        start()
        if let finished = lock.withLock({ finished }) {
            finished.wait()
            finished.signal()  // later waits return at once
        }
        removeQueued()  // any queued after the thread ended
        return try lock.withLock {
            if let failure { throw failure }
            defer { folders = [:]; kept = [] }
            return (folders.values.sorted(), kept)
        }
    }

    /// Whether the inbox name of `taken` still holds the file taken, looked at in `folder` (its
    /// folder, opened without following links) without following a link. The bytes are hashed only
    /// when the name's identity changed.
    static func check(_ taken: Taken, in folder: Int32, name: String) -> Check {
        var info = stat()
        guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return errno == ENOENT ? .gone : .failed(errno) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .replaced }
        if FileSnapshot(info) == taken.file.snapshot { return .same }
        let fd = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return .replaced }
        defer { close(fd) }
        return (try? SHA256.hex(readingFrom: fd, path: taken.file.path)) == taken.sha256 ? .same : .replaced
    }

    /// Removes the queued files until none is left, then syncs their folders.
    ///
    /// Each folder is opened once without following links (`NoFollowPaths`), its files are looked
    /// at and removed relative to it, and it is synced through that same descriptor: a subfolder
    /// swapped for a link is never walked into, and nothing outside the inbox is removed.
    private func removeQueued() {
        var openFolders: [PathKey: (descriptor: Int32, path: String, touched: Bool)] = [:]
        var keptHere: [String] = []
        var syncFailure: FileError?
        /// Syncs the folders files were removed from and closes every folder (at most 64 are kept open).
        func closeFolders() {
            for folder in openFolders.values.sorted(by: { $0.path < $1.path }) {
                if folder.touched, syncFailure == nil, fsync(folder.descriptor) != 0, errno != EINVAL {
                    syncFailure = .system(operation: .syncFolder, path: folder.path, errno: errno)
                }
                close(folder.descriptor)
            }
            openFolders = [:]
        }
        var touchedPaths: [PathKey: String] = [:]
        while let batch = lock.withLock({ () -> [Taken]? in
            guard !queued.isEmpty else { return nil }
            defer { queued = [] }
            return queued
        }) {
            // A file that cannot be removed is reported (the first failure) and the others still go:
            // its inbox copy is removed by the next run's recovery.
            for taken in batch {
                let folderPath = PathText.parent(taken.file.path)
                let key = PathKey(folderPath)
                let name = PathText.lastComponent(taken.file.relativePath)
                var code: Int32 = 0
                if openFolders[key] == nil {
                    if openFolders.count >= 64 { closeFolders() }
                    guard let (descriptor, _) = NoFollowPaths.openParent(root: NoFollowPaths.root(of: taken.file),
                                                                         relative: taken.file.relativePath) else {
                        switch errno {
                        case ENOENT: continue
                        // A folder on the way is a link now (or a file): the name no longer leads to our file.
                        case ELOOP, ENOTDIR: keptHere.append(taken.file.relativePath); continue
                        default: code = errno
                        }
                        let error = FileError.system(operation: .remove, path: taken.file.path, errno: code)
                        lock.withLock { failure = failure ?? error }
                        continue
                    }
                    openFolders[key] = (descriptor, folderPath, false)
                }
                let descriptor = openFolders[key]!.descriptor
                switch Self.check(taken, in: descriptor, name: name) {
                case .gone: continue
                case .replaced: keptHere.append(taken.file.relativePath); continue
                case .failed(let error): code = error
                case .same: if unlinkat(descriptor, name, 0) != 0 && errno != ENOENT { code = errno }
                }
                guard code == 0 else {
                    let error = FileError.system(operation: .remove, path: taken.file.path, errno: code)
                    lock.withLock { failure = failure ?? error }
                    continue
                }
                openFolders[key]!.touched = true
                touchedPaths[key] = folderPath
            }
        }
        closeFolders()
        lock.withLock {
            failure = failure ?? syncFailure
            folders.merge(touchedPaths) { first, _ in first }
            kept += keptHere
        }
    }
}

/// Lowers the calling thread's scheduling priority (nice 10). Only for threads of our own that end
/// when their work is done: an unprivileged thread cannot raise its priority again.
enum LowPriority {
    static func enter() {
        #if os(Linux)
        _ = furikaeri_lower_thread_priority(10)
        #endif
    }
}

