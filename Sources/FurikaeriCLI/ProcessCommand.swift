import ArgumentParser

/// Placeholder until the `process` work lands.
struct ProcessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "process", abstract: "(未実装)")
    func run() throws { throw ValidationError("まだ実装されていません: process") }
}
