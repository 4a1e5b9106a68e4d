import ArgumentParser
import Intake
import Settings
import Validation

/// The workspace a command was given, with its settings; says why and exits 2 when it is not a
/// workspace or its settings cannot be used.
func openWorkspace(_ path: String, language: Language) throws -> (Workspace, Settings) {
    let workspace = Workspace(root: path)
    guard workspace.exists else {
        printError(IntakeSessionError.notAWorkspace(path: workspace.root).message(in: language))
        throw ExitCode(2)
    }
    do {
        return (workspace, try workspace.loadSettings())
    } catch {
        printError(IntakeErrorText.message(error, language: language))
        throw ExitCode(2)
    }
}
