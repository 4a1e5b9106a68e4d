import ArgumentParser

/// Placeholder until the `run` work lands.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "(未実装)")
    func run() throws { throw ValidationError("まだ実装されていません: run") }
}
