import Core
import Foundation
import GRDB
import Reports
import Validation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a withdrawal (or its undoing) could not be done.
public enum WithdrawalError: Error, Equatable {
    /// No accepted file has this 提出ID or name.
    case notFound(String)
    /// Several accepted files have this name: their 提出ID tell them apart.
    case ambiguous(String, [String])
    /// The file is withdrawn already (withdraw) / is not withdrawn (undo).
    case alreadyWithdrawn(String)
    case notWithdrawn(String)
}

/// What a withdrawal (or its undoing) did.
public struct WithdrawalResult: Equatable, Sendable {
    public var submissionID: String
    public var originalName: String
    /// Where the file was and where it is now, relative to the workspace; `to` is nil when the file
    /// was not on disk (nothing was moved).
    public var from: String
    public var to: String?
    /// The fiscal years whose outputs change.
    public var years: [Int]
}

/// `furikaeri withdraw`: takes an accepted file out of every output, keeping it in
/// `archive/取り下げ/`, and puts it back with `--undo`. Call with the workspace lock held.
///
/// The file is moved first (a rename that never replaces a name, then both folders synced), then the
/// ledger records it in one transaction; when that fails the file is moved back. A kill between the
/// two leaves the file in its new place and the ledger pointing at the old one: `run` and `status`
/// then name it as missing from archive/, and the file itself is never lost.
public struct Withdrawal {
    public let workspace: Workspace
    public let ledger: Ledger

    /// The folder withdrawn files are kept in.
    public static let folderName = "取り下げ"

    public init(workspace: Workspace, ledger: Ledger) {
        self.workspace = workspace
        self.ledger = ledger
    }

    public var folder: String { PathText.join(workspace.archive, Self.folderName) }

    /// Withdraws the accepted file `target` names (its 提出ID, its name as dropped, or its path in archive/).
    public func withdraw(_ target: String, reason: String, at date: Date = Date()) throws -> WithdrawalResult {
        let file = try ledger.acceptedFile(matching: target, withdrawn: false)
        let source = workspace.path(file.storedPath)
        var destination: String?
        if FileSnapshot.of(source) != nil {
            try DurableFiles.createDirectory(folder)
            let name = StoredNames.unusedName(for: PathText.lastComponent(file.storedPath)) {
                FileSnapshot.of(PathText.join(folder, $0)) != nil || access(PathText.join(folder, $0), F_OK) == 0
            }
            let target = PathText.join(folder, name)
            try Self.move(source, to: target)
            destination = target
        }
        do {
            let years = try ledger.recordWithdrawal(fileID: file.id, reason: reason, at: date, archivedPath: file.storedPath,
                                                    withdrawnPath: destination.map(workspace.relative))
            return WithdrawalResult(submissionID: file.submissionID, originalName: file.originalName, from: file.storedPath,
                                    to: destination.map(workspace.relative), years: years)
        } catch {
            if let destination { try? Self.move(destination, to: source) }
            throw error
        }
    }

    /// Puts a withdrawn file back where it was in archive/ (or beside it, when that name is taken now).
    public func undo(_ target: String, at date: Date = Date()) throws -> WithdrawalResult {
        let file = try ledger.acceptedFile(matching: target, withdrawn: true)
        let withdrawal = try ledger.currentWithdrawal(fileID: file.id)
        var restored = withdrawal.archivedPath
        let current = workspace.path(file.storedPath)
        var moved = false
        if withdrawal.withdrawnPath != nil, FileSnapshot.of(current) != nil {
            let back = PathText.parent(workspace.path(withdrawal.archivedPath))
            try DurableFiles.createDirectory(back)
            let name = StoredNames.unusedName(for: PathText.lastComponent(withdrawal.archivedPath)) {
                access(PathText.join(back, $0), F_OK) == 0
            }
            let target = PathText.join(back, name)
            try Self.move(current, to: target)
            restored = workspace.relative(target)
            moved = true
        }
        do {
            let years = try ledger.recordUndoneWithdrawal(fileID: file.id, at: date, storedPath: restored)
            return WithdrawalResult(submissionID: file.submissionID, originalName: file.originalName, from: file.storedPath,
                                    to: moved ? restored : nil, years: years)
        } catch {
            if moved { try? Self.move(workspace.path(restored), to: current) }
            throw error
        }
    }

    /// Renames `source` to `destination` without ever replacing a file, then syncs both folders.
    /// Where the file system cannot refuse a taken name in the rename itself, a hard link and the
    /// removal of the old name; without hard links, a rename after checking the name is free (the
    /// workspace lock keeps our own runs away meanwhile).
    static func move(_ source: String, to destination: String) throws {
        if DurableFiles.renameNoReplace(from: AT_FDCWD, source, to: AT_FDCWD, destination) != 0 {
            let code = errno
            guard code == EINVAL || code == ENOSYS || code == ENOTSUP else {
                throw FileError.system(operation: .rename, path: destination, errno: code)
            }
            if link(source, destination) == 0 {
                try DurableFiles.syncDirectory(PathText.parent(destination))
                guard unlink(source) == 0 else { throw FileError.system(operation: .remove, path: source, errno: errno) }
            } else {
                let linkError = errno
                guard access(destination, F_OK) != 0, rename(source, destination) == 0 else {
                    throw FileError.system(operation: .rename, path: destination, errno: linkError)
                }
            }
        }
        try DurableFiles.syncDirectory(PathText.parent(destination))
        try DurableFiles.syncDirectory(PathText.parent(source))
    }
}

/// An accepted file, as `withdraw` finds it.
struct AcceptedFile {
    var id: Int64
    var originalName: String
    var storedPath: String
    var sha256: String
    var submissionID: String { SubmissionID.of(sha256: sha256, path: originalName) }
}

/// A withdrawal not undone.
struct WithdrawalRecord {
    var archivedPath: String
    var withdrawnPath: String?
}

extension Ledger {
    /// The accepted file `target` names: its 提出ID (`提出-` optional, any case, at least 6 hex
    /// digits), its name as dropped (with or without its inbox subfolder), or its path in archive/.
    /// Only files withdrawn now (`withdrawn`) or only files not withdrawn.
    func acceptedFile(matching target: String, withdrawn: Bool) throws -> AcceptedFile {
        let all = try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT f.id, f.original_name, f.stored_path, f.sha256,
                       EXISTS (SELECT 1 FROM withdrawals w WHERE w.file_id = f.id AND w.undone_at IS NULL)
                FROM files f WHERE f.outcome = 'accepted' ORDER BY f.id
                """).map { (AcceptedFile(id: $0[0], originalName: $0[1], storedPath: $0[2], sha256: $0[3]), $0[4] as Bool) }
        }
        let wanted = target.trimmingCharacters(in: .whitespaces)
        var hex = wanted.uppercased()
        if hex.hasPrefix("提出-") { hex = String(hex.dropFirst(3)) }
        let isHex = hex.count >= 6 && hex.allSatisfy { $0.isHexDigit }
        let matches = all.filter { file, _ in
            (isHex && file.sha256.uppercased().hasPrefix(hex))
                || file.originalName == wanted || file.storedPath == wanted
                || PathText.lastComponent(file.originalName) == wanted || PathText.lastComponent(file.storedPath) == wanted
        }
        let inState = matches.filter { $0.1 == withdrawn }
        switch inState.count {
        case 1: return inState[0].0
        case 0:
            if let other = matches.first {
                throw withdrawn ? WithdrawalError.notWithdrawn(other.0.originalName) : WithdrawalError.alreadyWithdrawn(other.0.originalName)
            }
            throw WithdrawalError.notFound(wanted)
        default:
            throw WithdrawalError.ambiguous(wanted, inState.map { "\($0.0.submissionID)（\($0.0.storedPath)）" })
        }
    }

    func currentWithdrawal(fileID: Int64) throws -> WithdrawalRecord {
        try queue.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT archived_path, withdrawn_path FROM withdrawals WHERE file_id = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1
                """, arguments: [fileID]) else { throw WithdrawalError.notWithdrawn(String(fileID)) }
            return WithdrawalRecord(archivedPath: row[0], withdrawnPath: row[1])
        }
    }

    /// Records a withdrawal: the file's submissions leave every output (the version each replaced
    /// comes back), its years are marked for rewriting. Returns those years.
    func recordWithdrawal(fileID: Int64, reason: String, at date: Date, archivedPath: String,
                          withdrawnPath: String?) throws -> [Int] {
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO withdrawals (file_id, withdrawn_at, reason, archived_path, withdrawn_path) VALUES (?, ?, ?, ?, ?)
                """, arguments: [fileID, LedgerCoding.timestamp(date), reason, archivedPath, withdrawnPath])
            if let withdrawnPath {
                try db.execute(sql: "UPDATE files SET stored_path = ? WHERE id = ?", arguments: [withdrawnPath, fileID])
            }
            try db.execute(sql: "UPDATE submissions SET withdrawn = 1 WHERE file_id = ?", arguments: [fileID])
            return try Self.settleCurrentSubmissions(db, fileID: fileID)
        }
    }

    /// Records as withdrawn an accepted file that `ledger rebuild` found in archive/取り下げ/ (its
    /// earlier place: archive/<year>/ under the same name; the reason says it was rebuilt).
    func recordRebuiltWithdrawal(storedPath: String, at date: Date) throws {
        let file = try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT id, fiscal_year FROM files WHERE stored_path = ? AND outcome = 'accepted'",
                             arguments: [storedPath])
        }
        guard let file else { return }
        let year: Int? = file[1]
        let archived = "archive/\(year.map(String.init) ?? "?")/" + PathText.lastComponent(storedPath)
        _ = try recordWithdrawal(fileID: file[0], reason: "台帳の作り直しで archive/取り下げ/ にあったため",
                                 at: date, archivedPath: archived, withdrawnPath: storedPath)
    }

    /// Records that a withdrawal is undone: the file's submissions are current again where they are
    /// the newest of their identity.
    func recordUndoneWithdrawal(fileID: Int64, at date: Date, storedPath: String) throws -> [Int] {
        try queue.write { db in
            try db.execute(sql: "UPDATE withdrawals SET undone_at = ? WHERE file_id = ? AND undone_at IS NULL",
                           arguments: [LedgerCoding.timestamp(date), fileID])
            try db.execute(sql: "UPDATE files SET stored_path = ? WHERE id = ?", arguments: [storedPath, fileID])
            try db.execute(sql: "UPDATE submissions SET withdrawn = 0 WHERE file_id = ?", arguments: [fileID])
            return try Self.settleCurrentSubmissions(db, fileID: fileID)
        }
    }

    /// For each identity of the file's submissions, the newest submission not withdrawn is current
    /// and the others not withdrawn are superseded by it (as intake's commits leave them); the years
    /// touched are marked for rewriting, the later ones too (they compare themselves with it).
    private static func settleCurrentSubmissions(_ db: Database, fileID: Int64) throws -> [Int] {
        let identities = try Row.fetchAll(db, sql: """
            SELECT DISTINCT kind, fiscal_year, org_key, project_key, phase FROM submissions WHERE file_id = ?
            """, arguments: [fileID])
        var years = Set<Int>()
        for identity in identities {
            let key: StatementArguments = [identity[0], identity[1], identity[2], identity[3], identity[4]]
            let same = "kind = ? AND fiscal_year = ? AND org_key = ? AND project_key = ? AND phase = ?"
            let newest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM submissions WHERE \(same) AND withdrawn = 0", arguments: key)
            if let newest {
                try db.execute(sql: "UPDATE submissions SET superseded_by = NULL WHERE id = ?", arguments: [newest])
                try db.execute(sql: "UPDATE submissions SET superseded_by = ? WHERE \(same) AND withdrawn = 0 AND id <> ?",
                               arguments: [newest] + key + [newest])
            }
            years.insert(identity[1])
        }
        for year in years {
            try db.execute(sql: "INSERT OR IGNORE INTO stale_outputs (fiscal_year) VALUES (?)", arguments: [year])
        }
        return years.sorted()
    }
}
