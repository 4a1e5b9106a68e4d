import ArgumentParser

/// The `furikaeri` command: reads ふりかえりシート and 企画提案書, checks them, keeps them and reports.
@main
struct Furikaeri: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "furikaeri",
        abstract: "協働事業のふりかえりシート・企画提案書を読み取り、検証・集計します。",
        subcommands: [
            InspectCommand.self, ValidateCommand.self, TemplateCommand.self, ProcessCommand.self,
            InitCommand.self, RunCommand.self, WatchCommand.self, ReportCommand.self, StatusCommand.self,
        ])
}
