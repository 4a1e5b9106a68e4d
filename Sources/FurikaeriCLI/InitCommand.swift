import ArgumentParser
import Foundation
import Intake
import Templates
import Validation

/// `furikaeri init DIR`: creates a workspace.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: HelpText.text("作業フォルダ（inbox・archive・rejected・output・templates と設定ファイル）を作ります。"),
        discussion: HelpText.text("""
            できたフォルダの inbox にシートを入れて furikaeri run --workspace DIR を実行します。
            すでにあるファイルやフォルダはそのまま残します（上書きしません）。
            """))

    @Argument(help: HelpText.argument("作成する作業フォルダ"))
    var directory: String

    @OptionGroup var lang: LanguageOptions

    func run() throws {
        let language = lang.language
        let workspace = Workspace(root: directory)
        let inbox = workspace.relative(workspace.inbox)
        do {
            let created = try workspace.create()
            let templates = try WorkspaceTemplates.write(into: workspace, settings: try workspace.loadSettings())
            for path in created + templates {
                print(language == .ja ? "作成: \(workspace.relative(path))" : "created: \(workspace.relative(path))")
            }
            switch language {
            case .ja:
                print("作業フォルダを用意しました: \(workspace.root)")
                print("シートを \(inbox)/ に入れて、furikaeri run --workspace \(directory) を実行してください。")
            case .en:
                print("The workspace is ready: \(workspace.root)")
                print("Put the sheets into \(inbox)/ and run furikaeri run --workspace \(directory) --lang en.")
            }
        } catch {
            let template = error as? TemplateError
            let reason = (language == .ja ? template?.japaneseMessage : template?.englishMessage)
                ?? IntakeErrorText.message(error, language: language)
            printError(language == .ja ? "作業フォルダを作れませんでした: \(reason)" : "Could not create the workspace: \(reason)")
            throw ExitCode(ExitStatus.of(error))
        }
    }
}
