import ArgumentParser

/// Placeholder until the `validate` work lands.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "(未実装)")
    func run() throws { throw ValidationError("まだ実装されていません: validate") }
}
