import ArgumentParser

/// Placeholder until the `inspect` work lands.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "(未実装)")
    func run() throws { throw ValidationError("まだ実装されていません: inspect") }
}
