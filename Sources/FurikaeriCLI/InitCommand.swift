import ArgumentParser

/// Placeholder until the `init` work lands.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "(未実装)")
    func run() throws { throw ValidationError("まだ実装されていません: init") }
}
