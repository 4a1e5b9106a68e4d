import ArgumentParser
import Foundation
import Intake
import Settings
import Validation

/// `furikaeri withdraw --workspace DIR <提出ID or file> --reason TEXT` takes an accepted file out of
/// every output (kept in archive/取り下げ/); `--undo` puts it back.
struct WithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: HelpText.text("誤って受け付けたファイルを取り下げ、出力から外します（ファイルは archive/取り下げ/ に残します）。--undo で元に戻します。"),
        discussion: HelpText.text("""
            ファイルは提出ID（提出-ABCDEF0123、status や --anonymize の出力にあるもの）か、ファイル名（inbox に入れたときの名前、
            または archive の中の名前）で指定します。同じ名前が複数あるときは提出ID で指定してください。
            取り下げたシートは集計・CSV・未提出一覧から外れ、再提出で置き換えていた前の版があればそれが使われます。
            出力はその場で作り直します。台帳には取り下げた日時と理由が残り、status が一覧にします。
            終了コード: 0 完了、1 失敗（出力だけを書けなかったときを含む）、2 指定の誤り（見つからない・同じ名前が複数など）、
            3 別の run/watch が処理中、4 台帳がない。
            """))

    @Option(name: .long, help: HelpText.argument("作業フォルダ（furikaeri init で作ったもの）"))
    var workspace: String

    @Argument(help: HelpText.argument("取り下げる（--undo では戻す）ファイルの提出ID またはファイル名"))
    var target: String

    @Option(name: .long, help: HelpText.argument("取り下げる理由（台帳に残ります。--undo 以外では必須）"))
    var reason: String?

    @Flag(name: .long, help: HelpText.argument("取り下げを取り消し、ファイルを archive の元の場所に戻します"))
    var undo = false

    @OptionGroup var waiting: WaitOption

    @OptionGroup var lang: LanguageOptions

    func validate() throws {
        let ja = lang.language == .ja
        if undo, reason != nil {
            throw ValidationError(ja ? "--undo と --reason は一緒に使えません。取り消すときは理由を付けずに実行してください。"
                                     : "--undo and --reason cannot be used together; undo without a reason.")
        }
        if !undo, (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError(ja ? "--reason で取り下げる理由を指定してください（例: --reason \"別の事業のシートを誤って受付\"）。"
                                     : "Give the reason for the withdrawal with --reason (for example --reason \"another project's sheet, accepted by mistake\").")
        }
    }

    func run() throws {
        let language = lang.language
        let ja = language == .ja
        let workspace = try existingWorkspace(self.workspace, language: language)
        do {
            let settings = try workspace.loadSettings()
            let lock = try lockWorkspace(workspace, wait: waiting.wait, language: language)
            defer { lock.release() }
            let ledger = try Ledger.openGuarded(workspace)
            _ = try LedgerBackups.keep(ledger, workspace: workspace)
            let withdrawal = Withdrawal(workspace: workspace, ledger: ledger)
            let result = undo ? try withdrawal.undo(target) : try withdrawal.withdraw(target, reason: reason ?? "")
            print(WithdrawalText.done(result, undo: undo, language))
            let runner = IntakeRunner(workspace: workspace, settings: settings, ledger: ledger,
                                      checker: StandardPipeline.checker(settings: settings, language: language),
                                      outputs: StandardPipeline.outputs(settings: settings, language: language))
            do {
                let years = try runner.regenerateStaleOutputs()
                if !years.isEmpty {
                    let names = years.map { IntakeText.fiscalYear($0, language) }.joined(separator: ja ? "、" : ", ")
                    print(ja ? "出力を更新した年度: \(names)" : "Outputs updated for \(names)")
                }
            } catch {
                printError(ja ? "取り下げは台帳に記録しましたが、出力を書けませんでした: \(IntakeErrorText.message(error, language: language)) 原因を取り除いてから run を実行すると、出力を作り直します。"
                              : "The withdrawal is recorded, but the outputs could not be written: \(IntakeErrorText.message(error, language: language)) Remove the cause and run again to write them.")
                throw ExitCode(1)
            }
        } catch let error as WithdrawalError {
            printError(WithdrawalText.message(error, undo: undo, language))
            throw ExitCode(2)
        } catch let exit as ExitCode {
            throw exit
        } catch let error as IntakeSessionError {
            printError(error.message(in: language))
            throw ExitCode(error.exitCode)
        } catch {
            printError(IntakeErrorText.message(error, language: language))
            throw ExitCode(ExitStatus.of(error))
        }
    }
}
