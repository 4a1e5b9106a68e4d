import ArgumentParser

/// Placeholder until the `report` work lands.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "(未実装)")
    func run() throws { throw ValidationError("まだ実装されていません: report") }
}
