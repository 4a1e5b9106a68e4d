import ArgumentParser

/// Placeholder until the `watch` work lands.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "watch", abstract: "(未実装)")
    func run() throws { throw ValidationError("まだ実装されていません: watch") }
}
