import ArgumentParser

/// Placeholder until the `template` work lands.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "template", abstract: "(未実装)")
    func run() throws { throw ValidationError("まだ実装されていません: template") }
}
