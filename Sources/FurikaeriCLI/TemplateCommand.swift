import ArgumentParser
import Foundation
import Forms
import Settings
import Templates
import Validation

/// `furikaeri template reflection|proposal|evaluation [-o FILE] [--config FILE]`: writes a blank form.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "空のふりかえりシート（reflection）、企画提案書（proposal）または第三者評価票（evaluation）の様式を書き出します。",
        discussion: "黄色のセルだけが入力でき、評価・募集区分・協働の形態・担当課は一覧から選べます。")

    @Argument(help: "様式の種類: reflection（ふりかえりシート）、proposal（企画提案書）または evaluation（第三者評価票）")
    var kind: String

    @Option(name: [.short, .customLong("output")], help: "書き出すファイル（既定: ふりかえりシート_様式.xlsx / 企画提案書_様式.xlsx）")
    var output: String?

    @Option(name: .long, help: "設定ファイル（担当課・選択肢・ラベルの追加）")
    var config: String?

    @Flag(name: .long, help: "同じ名前のファイルがあれば上書きします")
    var force = false

    @Option(name: .long, help: "メッセージの言語: ja または en")
    var lang: String = "ja"

    func validate() throws {
        guard FormKind(rawValue: kind) != nil else {
            throw ValidationError("様式の種類は reflection、proposal か evaluation を指定してください（指定された値: \(kind)）。")
        }
        guard Language(rawValue: lang) != nil else {
            throw ValidationError("--lang には ja か en を指定してください。")
        }
    }

    func run() throws {
        let kind = FormKind(rawValue: kind) ?? .reflection
        let english = Language(rawValue: lang) == .en
        let settings: Settings
        do {
            settings = try config.map { try Settings.load(path: $0) } ?? .defaults
        } catch let error as SettingsError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(2)
        }
        let path = output ?? TemplateWriter.defaultFileName(kind)
        do {
            try TemplateWriter.write(kind, settings: settings, to: path, overwrite: force)
        } catch let error as TemplateError {
            let message = english ? error.englishMessage : error.japaneseMessage
            FileHandle.standardError.write(Data((message + "\n").utf8))
            throw ExitCode(1)
        }
        let done = english ? "Wrote the blank \(kind.rawValue) form to \(path)." : "様式を書き出しました: \(path)"
        print(done)
    }
}
