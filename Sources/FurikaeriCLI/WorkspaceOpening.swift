import ArgumentParser
import Core
import Intake
import Settings
import Validation

/// The workspace a command was given, with its settings; says why and exits 2 when it is not a
/// workspace or its settings cannot be used.
func openWorkspace(_ path: String, language: Language) throws -> (Workspace, Settings) {
    let workspace = try existingWorkspace(path, language: language)
    do {
        return (workspace, try workspace.loadSettings())
    } catch let error as SettingsError {
        throw error.usageExit(language)
    } catch {
        printError(IntakeErrorText.message(error, language: language))
        throw ExitCode(ExitStatus.usage)
    }
}

/// The workspace at `path`; says so and exits 2 when there is none (`furikaeri init` makes one).
func existingWorkspace(_ path: String, language: Language) throws -> Workspace {
    let workspace = Workspace(root: path)
    guard workspace.exists else {
        printError(IntakeSessionError.notAWorkspace(path: workspace.root).message(in: language))
        throw ExitCode(2)
    }
    return workspace
}

/// The fiscal year a `--year` option names (2024, R6, 令和6年度); a usage error in the run's language
/// when it cannot be read.
func yearOption(_ year: String) throws -> Int {
    guard let parsed = FiscalYearText.parse(year) else {
        throw RunLanguage.current.usage("--year の年度が読めません（\(year)）。2024、令和6年度、R6 のように指定してください。",
                                        "Cannot read the fiscal year of --year (\(year)). Write it like 2024, R6 or 令和6年度.")
    }
    return parsed
}

/// `--wait SECONDS`: how long a command waits for another run or watch holding the workspace.
struct WaitOption: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: HelpText.argument("別の run/watch が終わるのを待つ秒数"))
    var wait: Double = 60

    func validate() throws { try waitOption(wait) }
}

/// Checks a `--wait` option: a usage error in the run's language when it is negative.
func waitOption(_ seconds: Double) throws {
    guard seconds >= 0 else {
        throw RunLanguage.current.usage("--wait には 0 以上の秒数を指定してください。", "--wait must be 0 seconds or more.")
    }
}

/// The workspace's lock, waiting up to `wait` seconds for another run or watch to finish, and
/// saying once on standard error that it waits.
func lockWorkspace(_ workspace: Workspace, wait: Double, language: Language) throws -> WorkspaceLock {
    try WorkspaceLock.acquire(path: workspace.lockFile, timeout: wait,
                              onWait: { printError(IntakeText.waitingForLock(seconds: wait, language)) })
}
