import ArgumentParser
import Foundation
import Intake
import Templates

/// `furikaeri init DIR`: creates a workspace.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "作業フォルダ（inbox・archive・rejected・output・templates と設定ファイル）を作ります。",
        discussion: """
            できたフォルダの inbox にシートを入れて furikaeri run --workspace DIR を実行します。
            すでにあるファイルやフォルダはそのまま残します（上書きしません）。
            """)

    @Argument(help: "作成する作業フォルダ")
    var directory: String

    func run() throws {
        let workspace = Workspace(root: directory)
        do {
            let created = try workspace.create()
            let templates = try WorkspaceTemplates.write(into: workspace, settings: try workspace.loadSettings())
            for path in created + templates { print("作成: \(workspace.relative(path))") }
            print("作業フォルダを用意しました: \(workspace.root)")
            print("シートを \(workspace.relative(workspace.inbox))/ に入れて、furikaeri run --workspace \(directory) を実行してください。")
        } catch {
            let reason = (error as? TemplateError)?.japaneseMessage ?? IntakeErrorText.message(error)
            printError("作業フォルダを作れませんでした: \(reason)")
            throw ExitCode(1)
        }
    }
}
