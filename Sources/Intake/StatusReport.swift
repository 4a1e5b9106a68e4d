import Core
import Foundation
import Settings

/// Everything `furikaeri status` shows: figures per fiscal year, and the files that need staff.
public struct StatusReport: Sendable {
    public var years: [YearStatus]
    /// Rejected files, each with the accepted file that corrected it (nil: still waiting).
    public var rejections: [RejectedFile]
    /// Current reflection sheets without a proposal (未照合).
    public var unlinked: [UnlinkedSheet]
    /// Files the ledger keeps in archive/ that are not there.
    public var missingFromArchive: [MissingStoredFile]
    /// Files withdrawn with `furikaeri withdraw`.
    public var withdrawn: [WithdrawnFile]
    /// What is in the inbox now and why it is there.
    public var inbox: [InboxEntry]
    /// What the latest run could not take, as it said.
    public var problems: [IntakeProblem]

    /// Rejected files still waiting for a correction.
    public var waitingRejections: [RejectedFile] { rejections.filter { $0.correctedBy == nil } }

    /// A file (or folder) in the inbox and why it is still there.
    public struct InboxEntry: Equatable, Sendable {
        public var name: String
        public var state: State

        public enum State: String, Sendable {
            /// Ready: the next run takes it.
            case waiting
            /// Modified too recently (or still open for writing): taken once it settles.
            case settling
            /// A symbolic link: never followed nor taken.
            case link
            /// A subfolder that cannot be read.
            case unreadableFolder = "unreadable_folder"
            /// A name that is not UTF-8: renamed by the next run, then taken.
            case invalidName = "invalid_name"
        }
    }

    /// Reads the ledger and looks at the inbox (without changing anything).
    public static func read(workspace: Workspace, ledger: Ledger, settings: Settings) throws -> StatusReport {
        let scan = InboxScanner(inbox: workspace.inbox, settleSeconds: settings.intake.settleSeconds).scan()
        var inbox = scan.ready.map { InboxEntry(name: NameText.shown($0.relativePath), state: .waiting) }
        inbox += scan.settling.map { InboxEntry(name: NameText.shown($0.relativePath), state: .settling) }
        inbox += scan.links.map { InboxEntry(name: NameText.shown($0), state: .link) }
        inbox += scan.unreadableFolders.map { InboxEntry(name: NameText.shown($0.relativePath), state: .unreadableFolder) }
        inbox += scan.invalidNames.map { InboxEntry(name: $0, state: .invalidName) }
        return StatusReport(years: try ledger.yearStatuses(), rejections: try ledger.rejections(),
                            unlinked: try ledger.unlinkedSheets(), missingFromArchive: try ledger.missingArchivedFiles(in: workspace),
                            withdrawn: try ledger.withdrawnFiles(), inbox: inbox, problems: try ledger.latestRunProblems())
    }
}
