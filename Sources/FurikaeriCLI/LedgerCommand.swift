import ArgumentParser
import Core
import Foundation
import Intake
import Settings
import Validation

/// `furikaeri ledger backups|restore|rebuild --workspace DIR`: puts the ledger back when it was lost or damaged.
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: HelpText.text("台帳（.furikaeri/ledger.sqlite）の控えの一覧・控えからの復元・archive/ と rejected/ からの作り直しを行います。"),
        subcommands: [Backups.self, Restore.self, Rebuild.self])

    /// Options every subcommand takes.
    struct Common: ParsableArguments {
        @Option(name: .long, help: HelpText.argument("作業フォルダ（furikaeri init で作ったもの）"))
        var workspace: String

        @Option(name: .long, parsing: .unconditional, help: HelpText.argument("別の run/watch が終わるのを待つ秒数（0 なら待たない）"))
        var wait: Double = 60

        @OptionGroup var lang: LanguageOptions

        func validate() throws {
            try waitOption(wait)
        }

        var language: Language { lang.language }

        /// Runs `body` on the workspace with its lock held; errors become a message and an exit status.
        func withWorkspace(_ body: (Workspace, Settings) throws -> Void) throws {
            let workspace = try existingWorkspace(self.workspace, language: language)
            do {
                let lock = try lockWorkspace(workspace, wait: wait, language: language)
                defer { lock.release() }
                try body(workspace, try workspace.loadSettings())
            } catch let error as LedgerRepairError {
                printError(error.message(in: language))
                throw ExitCode(1)
            } catch {
                printError(IntakeErrorText.message(error, language: language))
                throw ExitCode(ExitStatus.of(error))
            }
        }
    }

    struct Backups: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backups", abstract: HelpText.text("台帳の控え（run が台帳を変える前に取る、新しい 7 つ）を古い順に表示します。"))

        @OptionGroup var common: Common

        func run() throws {
            try common.withWorkspace { workspace, _ in
                let names = LedgerBackups.list(workspace)
                if names.isEmpty {
                    print(common.language == .ja ? "控えはありません。" : "There are no backups.")
                }
                for name in names { print(name) }
            }
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore",
            abstract: HelpText.text("台帳を控えから戻します（省略時は一番新しい控え）。今の台帳は控えとして残します。"),
            discussion: HelpText.text("控えより後に受け付けたファイルは戻した台帳に載りません。その場合は furikaeri ledger rebuild で作り直してください。"))

        @OptionGroup var common: Common

        @Argument(help: HelpText.argument("控えの名前（furikaeri ledger backups で表示されるもの）"))
        var backup: String?

        func run() throws {
            let language = common.language
            try common.withWorkspace { workspace, settings in
                let repair = LedgerRepair(workspace: workspace, checker: StandardPipeline.checker(settings: settings, language: language))
                let report = try repair.restore(backup)
                if let kept = report.previousKeptAs {
                    print(language == .ja ? "今までの台帳を控えに残しました: \(kept)" : "The ledger it replaces was kept as \(kept).")
                }
                print(language == .ja ? "台帳を控え \(report.restoredFrom ?? "") から戻しました。出力は次の run で作り直します。"
                      : "The ledger was restored from \(report.restoredFrom ?? ""). The next run rewrites the outputs.")
                if report.unknownStoredFiles > 0 {
                    print(language == .ja
                          ? "archive/ と rejected/ の \(report.unknownStoredFiles) 件はこの控えに載っていません（控えの後に受け付けたもの）。載せるには furikaeri ledger rebuild を実行してください。"
                          : "\(report.unknownStoredFiles) file(s) in archive/ and rejected/ are not in this backup (taken after it). Run furikaeri ledger rebuild to record them.")
                }
            }
        }
    }

    struct Rebuild: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rebuild",
            abstract: HelpText.text("archive/ と rejected/ のファイルをもう一度検証して、台帳を作り直します。今の台帳は控えとして残します。"))

        @OptionGroup var common: Common

        func run() throws {
            let language = common.language
            try common.withWorkspace { workspace, settings in
                let repair = LedgerRepair(workspace: workspace, checker: StandardPipeline.checker(settings: settings, language: language))
                let report = try repair.rebuild()
                if let kept = report.previousKeptAs {
                    print(language == .ja ? "今までの台帳を控えに残しました: \(kept)" : "The ledger it replaces was kept as \(kept).")
                }
                for path in report.archivedButInvalid {
                    print(language == .ja ? "注意 \(path)（今の設定では誤りがあるため、受付として数えません）"
                          : "note \(path) (has errors under the current settings; not counted as accepted)")
                }
                let c = report.counts
                print(language == .ja
                      ? "台帳を作り直しました: 受付 \(c.accepted)件、差戻 \(c.rejected)件、重複 \(c.duplicates)件。出力は次の run で作り直します。"
                      : "The ledger was rebuilt: \(c.accepted) accepted, \(c.rejected) rejected, \(c.duplicates) duplicate(s). The next run rewrites the outputs.")
            }
        }
    }
}
