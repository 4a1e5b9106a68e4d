import Core
import Foundation
import Validation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `furikaeri ledger rebuild` or `restore` did.
public struct LedgerRepairReport: Equatable, Sendable {
    /// Files recorded, by outcome (rebuild).
    public var counts = RunCounts()
    /// Files in archive/ that do not pass validation as the settings stand now: recorded as rejected
    /// where they are (rebuild).
    public var archivedButInvalid: [String] = []
    /// The backup the ledger was restored from (restore).
    public var restoredFrom: String?
    /// Files in archive/ or rejected/ the restored ledger does not know: they arrived after the backup (restore).
    public var unknownStoredFiles = 0
    /// The copy of the ledger that was replaced, when it held anything.
    public var previousKeptAs: String?
}

/// Puts a ledger back: from archive/ and rejected/ (`rebuild`, every stored file validated again) or
/// from one of the backups (`restore`). Call with the workspace lock held. The new ledger is made
/// beside the old one and takes its name in one rename; the old one, when it held anything, is kept
/// as a backup first. Every year's outputs are then marked stale, so the next `run` rewrites them.
public struct LedgerRepair {
    public var workspace: Workspace
    public var checker: WorkbookChecking
    /// The clock (the time recorded for rebuilt files), replaceable in tests.
    public var now: () -> Date = Date.init

    public init(workspace: Workspace, checker: WorkbookChecking) {
        self.workspace = workspace
        self.checker = checker
    }

    /// Rebuilds the ledger from the files in archive/ and rejected/, oldest first (so that a later
    /// resubmission supersedes an earlier one as it did when taken).
    public func rebuild() throws -> LedgerRepairReport {
        var report = LedgerRepairReport()
        report.previousKeptAs = try keepCurrent()
        let temporary = DurableFiles.temporaryPath(in: workspace.stateDirectory)
        defer { removeDatabase(temporary) }
        let ledger = try Ledger(path: temporary)
        let runID = try ledger.beginRun(command: "ledger rebuild", at: now())
        var stored: [(path: String, modified: Int64)] = []
        StoredFiles.forEach(in: workspace) { path in
            if !path.hasSuffix(RejectionNote.suffix) { stored.append((path, FileSnapshot.of(path)?.modifiedNanoseconds ?? 0)) }
        }
        stored.sort { ($0.modified, $0.path) < ($1.modified, $1.path) }
        var acceptedYears: [String: Int] = [:]
        for start in stride(from: 0, to: stored.count, by: 256) {
            let chunk = stored[start..<min(stored.count, start + 256)].map(\.path)
            let workbooks = chunk.filter { ($0 as NSString).pathExtension.lowercased() == "xlsx" }
            var results: [String: FileResult] = [:]
            for (path, result) in zip(workbooks, checker.check(paths: workbooks)) { results[path] = result }
            var entries: [LedgerEntry] = []
            for path in chunk {
                let entry = try self.entry(for: path, result: results[path], acceptedYears: &acceptedYears, report: &report)
                entries.append(entry)
            }
            try ledger.commit(entries, runID: runID)
        }
        // Files in archive/取り下げ/ were withdrawn: they stay withdrawn (the reason is not on disk).
        let withdrawnFolder = Withdrawal.folderName
        for (path, _) in stored where workspace.relative(path).hasPrefix("archive/\(withdrawnFolder)/") {
            try ledger.recordRebuiltWithdrawal(storedPath: workspace.relative(path), at: now())
        }
        try ledger.finishRun(runID, counts: report.counts, at: now())
        for year in try ledger.fiscalYears() { try ledger.markOutputsStale(year) }
        try ledger.close()
        try install(temporary)
        return report
    }

    /// Puts back the backup named `name` (a name from `LedgerBackups.list`), or the newest one.
    public func restore(_ name: String? = nil) throws -> LedgerRepairReport {
        var report = LedgerRepairReport()
        let backups = LedgerBackups.list(workspace)
        guard let chosen = name.map(PathText.lastComponent) ?? backups.last, backups.contains(chosen) else {
            throw LedgerRepairError.noSuchBackup(name: name, available: backups)
        }
        let source = PathText.join(LedgerBackups.directory(of: workspace), chosen)
        // Copied before the current ledger is kept: keeping it may rotate the oldest backup out.
        let (temporary, _) = try DurableFiles.stageCopy(from: source, inDirectory: workspace.stateDirectory, sync: true)
        defer { removeDatabase(temporary) }
        report.previousKeptAs = try keepCurrent()
        let ledger = try Ledger(path: temporary)
        for year in try ledger.fiscalYears() { try ledger.markOutputsStale(year) }
        let known = try ledger.knownStoredPathKeys()
        StoredFiles.forEach(in: workspace) { path in
            if !known.contains(PathKey(workspace.relative(path))) && !path.hasSuffix(RejectionNote.suffix) { report.unknownStoredFiles += 1 }
        }
        try ledger.close()
        try install(temporary)
        report.restoredFrom = chosen
        return report
    }

    /// The ledger entry of one stored file, as intake would have made it.
    private func entry(for path: String, result: FileResult?, acceptedYears: inout [String: Int],
                       report: inout LedgerRepairReport) throws -> LedgerEntry {
        let relative = workspace.relative(path)
        let inArchive = path.hasPrefix(workspace.archive + "/")
        // archive/<year>/<name>: the year is the folder's; the name under it is as it was stored.
        let parts = relative.split(separator: "/", maxSplits: 2).map(String.init)
        let folderYear = inArchive && parts.count == 3 ? Int(parts[1]) : nil
        let originalName = inArchive ? (parts.count == 3 ? parts[2] : PathText.lastComponent(path))
            : String(relative.dropFirst("rejected/".count))
        let size = FileSnapshot.of(path)?.size ?? 0
        var sha = result?.sha256 ?? ""
        if sha.isEmpty { sha = try SHA256.hex(ofFileAt: path, followingLinks: false) }
        let note = path + RejectionNote.suffix
        let notePath = FileManager.default.fileExists(atPath: note) ? workspace.relative(note) : nil
        let receivedAt = now()
        var outcome: FileOutcome
        var fiscalYear: Int? = folderYear
        var identities: [SubmissionIdentity] = []
        if inArchive, result != nil, let originalYear = acceptedYears[sha] {
            outcome = .duplicate
            fiscalYear = originalYear
            report.counts.duplicates += 1
        } else if inArchive, let result, result.status == .valid {
            outcome = .accepted
            let year = result.forms.lazy.compactMap { SubmissionIdentity.fiscalYear(of: $0.form) }.first
            let fallback = folderYear ?? year ?? FiscalYear.containing(receivedAt)
            identities = result.forms.map { SubmissionIdentity(form: $0.form, fallbackYear: year ?? fallback) }
            fiscalYear = folderYear ?? identities.first?.fiscalYear ?? fallback
            acceptedYears[sha] = fiscalYear
            report.counts.accepted += 1
        } else {
            if inArchive { report.archivedButInvalid.append(relative) }
            outcome = result == nil ? .notXLSX : .rejected
            if !inArchive { fiscalYear = result?.forms.lazy.compactMap { SubmissionIdentity.fiscalYear(of: $0.form) }.first }
            report.counts.rejected += 1
        }
        return LedgerEntry(originalName: originalName, sha256: sha, size: size, receivedAt: receivedAt, outcome: outcome,
                           status: result?.status, fiscalYear: fiscalYear, storedPath: relative, notePath: notePath,
                           duplicateOf: outcome == .duplicate ? sha : nil, result: result, identities: identities)
    }

    /// Keeps the current ledger as a backup when it records anything; returns the backup's name.
    private func keepCurrent() throws -> String? {
        var info = stat()
        guard stat(workspace.ledgerFile, &info) == 0, info.st_size > 0 else { return nil }
        let current = try Ledger(path: workspace.ledgerFile)
        guard try current.fileCount() > 0 else { return nil }
        let path = try LedgerBackups.keep(current, workspace: workspace, now: now())
        try current.close()
        return PathText.lastComponent(path)
    }

    /// Gives the new ledger the ledger's name: the old one's log and shared memory go first, so that
    /// SQLite never pairs the new file with the old log.
    private func install(_ temporary: String) throws {
        for suffix in ["-wal", "-shm"] { unlink(workspace.ledgerFile + suffix) }
        guard rename(temporary, workspace.ledgerFile) == 0 else {
            throw FileError.system(operation: .rename, path: workspace.ledgerFile, errno: errno)
        }
        try DurableFiles.syncDirectory(workspace.stateDirectory)
    }

    private func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }
}

/// Why a ledger could not be put back.
public enum LedgerRepairError: Error, Equatable {
    /// No backup of that name (or none at all).
    case noSuchBackup(name: String?, available: [String])

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.noSuchBackup(nil, _), .ja):
            return "台帳の控え（.furikaeri/backup/）がありません。furikaeri ledger rebuild で archive/ と rejected/ から作り直してください。"
        case (.noSuchBackup(nil, _), .en):
            return "There is no ledger backup (.furikaeri/backup/). Rebuild the ledger from archive/ and rejected/ with furikaeri ledger rebuild."
        case (.noSuchBackup(let name?, let available), .ja):
            return "台帳の控え「\(name)」はありません。ある控え: \(available.isEmpty ? "なし" : available.joined(separator: "、"))"
        case (.noSuchBackup(let name?, let available), .en):
            return "There is no ledger backup \"\(name)\". Backups: \(available.isEmpty ? "none" : available.joined(separator: ", "))"
        }
    }
}
