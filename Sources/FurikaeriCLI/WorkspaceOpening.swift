import ArgumentParser
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
