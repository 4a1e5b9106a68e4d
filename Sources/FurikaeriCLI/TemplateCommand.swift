import ArgumentParser
import Foundation
import Forms
import Intake
import Settings
import Templates
import Validation

/// `furikaeri template reflection|proposal|evaluation [-o FILE] [--config FILE]`: writes a blank form.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: HelpText.text("空のふりかえりシート（reflection）、企画提案書（proposal）または第三者評価票（evaluation）の様式を書き出します。"),
        discussion: HelpText.text("黄色のセルだけが入力でき、評価・募集区分・協働の形態・担当課は一覧から選べます。"))

    @Argument(help: HelpText.argument("様式の種類: reflection（ふりかえりシート）、proposal（企画提案書）または evaluation（第三者評価票）"))
    var kind: String

    @Option(name: [.short, .customLong("output")], help: HelpText.argument("書き出すファイル（既定: ふりかえりシート_様式.xlsx / 企画提案書_様式.xlsx）"))
    var output: String?

    @Option(name: .long, help: HelpText.argument("設定ファイル（担当課・選択肢・ラベルの追加）"))
    var config: String?

    @Flag(name: .long, help: HelpText.argument("同じ名前のファイルがあれば上書きします"))
    var force = false

    @OptionGroup var lang: LanguageOptions

    func validate() throws {
        let say = RunLanguage.current
        guard FormKind(rawValue: kind) != nil else {
            throw say.usage("様式の種類は reflection、proposal か evaluation を指定してください（指定された値: \(kind)）。",
                            "The kind of form is reflection, proposal or evaluation (got \(kind)).")
        }
        if let output, !output.lowercased().hasSuffix(".xlsx") {
            throw say.usage("書き出すファイルの名前は .xlsx で終えてください（指定された値: \(output)）。",
                            "The file to write must end in .xlsx (got \(output)).")
        }
    }

    func run() throws {
        let kind = FormKind(rawValue: kind) ?? .reflection
        let english = lang.language == .en
        let settings: Settings
        do {
            settings = try config.map { try Settings.load(path: $0) } ?? .defaults
        } catch let error as SettingsError {
            throw error.usageExit(lang.language)
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
