import ArgumentParser
import Core
import Intake
import Settings
import Validation

/// Exit statuses beyond 0 (done) and 1 (invalid files or work not completed); all of them are
/// listed in docs/contracts.md.
enum ExitStatus {
    /// A usage error: a bad option, not a workspace, a settings file that cannot be used.
    static let usage: Int32 = 2
    /// The workspace is locked by another run (after `--wait`).
    static let locked: Int32 = 3
    /// Nothing to report: no workbook at the given paths, or no accepted sheet for the year asked.
    static let nothingToReport: Int32 = 4

    /// The status a command ends with after `error`: a settings file that cannot be used is a usage
    /// error in every command, a busy workspace 3, the workspace's own errors their status, else 1.
    static func of(_ error: Error) -> Int32 {
        if error is SettingsError { return usage }
        if error is WorkspaceLockError { return locked }
        if let error = error as? IntakeSessionError { return error.exitCode }
        return 1
    }
}

extension SettingsError {
    /// Prints the file's mistakes (one line each) on standard error and gives exit status 2. A
    /// settings file is not the command line, so no usage line follows.
    func usageExit(_ language: Language) -> ExitCode {
        printError(language == .en ? englishMessage : description)
        return ExitCode(ExitStatus.usage)
    }
}
