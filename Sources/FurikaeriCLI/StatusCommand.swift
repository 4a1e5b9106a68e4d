import ArgumentParser

/// Placeholder until the `status` work lands.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "(未実装)")
    func run() throws { throw ValidationError("まだ実装されていません: status") }
}
