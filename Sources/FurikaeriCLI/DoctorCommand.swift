import ArgumentParser
import Core
import Foundation
import Intake
import Settings
import Validation
#if canImport(Glibc)
import Glibc
#endif

/// `furikaeri doctor --workspace DIR`: checks what an unattended installation needs and says what to fix.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: HelpText.text("作業フォルダが無人で動かせる状態かを確かめ、直すべき点を示します（フォルダと書き込み権限・設定・台帳と保管ファイル・空き容量・前回の処理）。"),
        discussion: HelpText.text("""
            何も変更しません（台帳は読み取り専用で開きます）。書き込めるかどうかは実行したユーザーで確かめるので、
            サービスと同じユーザーで実行してください: sudo -u furikaeri furikaeri doctor --workspace DIR
            終了コード: 0 直すべき点なし（注意はあり得ます）、1 直すべき点あり、2 指定の誤り。
            """))

    @Option(name: .long, help: HelpText.argument("作業フォルダ（furikaeri init で作ったもの）"))
    var workspace: String

    @Option(name: .customLong("min-free-mb"), parsing: .unconditional, help: HelpText.argument("空き容量がこれ（MB）より少なければ注意します"))
    var minimumFreeMegabytes: Int = 1024

    @OptionGroup var lang: LanguageOptions

    func validate() throws {
        guard minimumFreeMegabytes >= 0 else { throw RunLanguage.current.usage("--min-free-mb には 0 以上を指定してください。", "--min-free-mb must be 0 or more.") }
    }

    func run() throws {
        let language = lang.language
        let checks = DoctorChecks(workspace: Workspace(root: workspace), language: language,
                                  minimumFreeBytes: UInt64(minimumFreeMegabytes) * 1_048_576)
        let findings = checks.run()
        print(checks.header())
        for finding in findings { print(finding.text(language)) }
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        switch language {
        case .ja: print(errors == 0 ? "直すべき点はありません（注意 \(warnings) 件）。" : "直すべき点が \(errors) 件あります（注意 \(warnings) 件）。")
        case .en: print(errors == 0 ? "Nothing to fix (\(warnings) warning(s))." : "\(errors) thing(s) to fix (\(warnings) warning(s)).")
        }
        if errors > 0 { throw ExitCode(1) }
    }
}

/// One thing `doctor` looked at: fine, worth a look, or to be fixed (with how).
struct DoctorFinding: Equatable {
    enum Severity { case ok, warning, error }
    var severity: Severity
    /// Stable code, printed so that a script or a person can grep for it.
    var code: String
    var message: String
    var fix: String?

    func text(_ language: Language) -> String {
        let mark: String
        switch (severity, language) {
        case (.ok, _): mark = "OK"
        case (.warning, .ja): mark = "注意"
        case (.error, .ja): mark = "エラー"
        case (.warning, .en): mark = "WARNING"
        case (.error, .en): mark = "ERROR"
        }
        var line = "[\(mark)] \(code): \(message)"
        if let fix { line += "\n    → " + (language == .ja ? "直し方: " : "to fix: ") + fix }
        return line
    }
}

/// The checks of `doctor`, in the order a person would fix things. Looks, never changes (the only
/// write is a hidden probe file, removed at once, to learn whether a folder takes new files).
struct DoctorChecks {
    var workspace: Workspace
    var language: Language
    var minimumFreeBytes: UInt64

    private func say(_ ja: String, _ en: String) -> String { language == .ja ? ja : en }
    private var quotedRoot: String { "'" + workspace.root.replacingOccurrences(of: "'", with: "'\\''") + "'" }
    private var userName: String { getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? String(geteuid()) }

    func header() -> String {
        say("furikaeri doctor: \(workspace.root)（ユーザー \(userName) として確認）",
            "furikaeri doctor: \(workspace.root) (checked as user \(userName))")
    }

    func run() -> [DoctorFinding] {
        var findings: [DoctorFinding] = []
        guard isDirectory(workspace.root) else {
            return [DoctorFinding(severity: .error, code: "workspace.missing",
                                  message: say("作業フォルダがありません。", "The workspace does not exist."),
                                  fix: "furikaeri init \(quotedRoot)")]
        }
        if geteuid() == 0 {
            findings.append(DoctorFinding(
                severity: .warning, code: "user.root",
                message: say("root で確かめています。root はどこにでも書けるので、書き込みの確認になりません。",
                             "Checked as root, who can write anywhere: this says nothing about the service's user."),
                fix: "sudo -u furikaeri furikaeri doctor --workspace \(quotedRoot)"))
        }
        findings += folders()
        findings.append(settings())
        findings.append(freeSpace())
        findings += ledger()
        return findings
    }

    private func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// Each folder exists and takes a new file (a hidden probe, created and removed).
    private func folders() -> [DoctorFinding] {
        let folders = [workspace.inbox, workspace.archive, workspace.rejected, workspace.output,
                       workspace.templates, workspace.stateDirectory]
        var findings: [DoctorFinding] = []
        var writable: [String] = []
        // Folders that refused the probe, by reason: one finding (and one fix) per reason.
        var refused: [(reason: String, names: [String])] = []
        for folder in folders {
            let name = workspace.relative(folder) + "/"
            guard isDirectory(folder) else {
                findings.append(DoctorFinding(
                    severity: .error, code: "folder.missing",
                    message: say("フォルダ \(name) がありません。", "The folder \(name) is missing."),
                    fix: say("furikaeri init \(quotedRoot) で作り直せます（あるファイルはそのまま残ります）。",
                             "furikaeri init \(quotedRoot) makes it again (existing files are kept).")))
                continue
            }
            let probe = (folder as NSString).appendingPathComponent(".furikaeri-doctor-\(getpid())")
            let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 {
                close(fd)
                unlink(probe)
                writable.append(name)
            } else {
                let reason = SystemErrorText.meaning(errno, japanese: language == .ja)
                if let index = refused.firstIndex(where: { $0.reason == reason }) {
                    refused[index].names.append(name)
                } else {
                    refused.append((reason, [name]))
                }
            }
        }
        for (reason, names) in refused {
            let list = names.joined(separator: " ")
            findings.append(DoctorFinding(
                severity: .error, code: "folder.not_writable",
                message: say("フォルダ \(list) に書き込めません（\(reason)）。", "Cannot write into \(list) (\(reason))."),
                fix: say("サービスのユーザーに書き込みを許してください。例: sudo chown -R furikaeri: \(quotedRoot) または sudo setfacl -R -m u:furikaeri:rwX -m d:u:furikaeri:rwX \(quotedRoot)",
                         "Let the service's user write it, e.g. sudo chown -R furikaeri: \(quotedRoot) or sudo setfacl -R -m u:furikaeri:rwX -m d:u:furikaeri:rwX \(quotedRoot)")))
        }
        if !writable.isEmpty {
            findings.insert(DoctorFinding(severity: .ok, code: "folders",
                                          message: say("書き込めるフォルダ: ", "Writable: ") + writable.joined(separator: " ")), at: 0)
        }
        return findings
    }

    private func settings() -> DoctorFinding {
        guard FileManager.default.fileExists(atPath: workspace.settingsFile) else {
            return DoctorFinding(severity: .error, code: "settings.missing",
                                 message: say("設定ファイル furikaeri.yml がありません。", "The settings file furikaeri.yml is missing."),
                                 fix: say("furikaeri init \(quotedRoot) で既定の設定を書けます（あるファイルはそのまま残ります）。",
                                          "furikaeri init \(quotedRoot) writes the default settings (existing files are kept)."))
        }
        do {
            _ = try Settings.load(path: workspace.settingsFile)
            return DoctorFinding(severity: .ok, code: "settings", message: say("設定 furikaeri.yml を読めました。", "Settings furikaeri.yml read."))
        } catch {
            return DoctorFinding(severity: .error, code: "settings.invalid",
                                 message: say("設定 furikaeri.yml を使えません: ", "The settings furikaeri.yml cannot be used: ")
                                    // Each mistake of the file on a line of its own, indented under the finding.
                                    + IntakeErrorText.message(error, language: language).replacingOccurrences(of: "\n", with: "\n    "),
                                 fix: say("furikaeri.yml の示された箇所を直してください。", "Correct furikaeri.yml where the message says."))
        }
    }

    private func freeSpace() -> DoctorFinding {
        var info = statvfs()
        guard statvfs(workspace.root, &info) == 0 else {
            let reason = SystemErrorText.meaning(errno, japanese: language == .ja)
            return DoctorFinding(severity: .warning, code: "disk.unknown",
                                 message: say("空き容量が分かりません（\(reason)）。", "Cannot tell the free space (\(reason))."))
        }
        let free = UInt64(info.f_bavail) * UInt64(info.f_frsize)
        let shown = String(format: "%.1f GB", Double(free) / 1_000_000_000)
        guard free >= minimumFreeBytes else {
            return DoctorFinding(severity: .warning, code: "disk.low",
                                 message: say("空き容量が \(shown) しかありません（\(minimumFreeBytes / 1_048_576) MB 未満）。",
                                              "Only \(shown) free (less than \(minimumFreeBytes / 1_048_576) MB)."),
                                 fix: say("不要なファイルを消すか、容量のある場所に移してください（台帳と archive/ は消さないでください）。",
                                          "Free some space or move the workspace (never delete the ledger or archive/)."))
        }
        return DoctorFinding(severity: .ok, code: "disk", message: say("空き容量 \(shown)。", "\(shown) free."))
    }

    /// The ledger opens read-only, is sound, every file it records as stored is on disk; the last run.
    private func ledger() -> [DoctorFinding] {
        guard FileManager.default.fileExists(atPath: workspace.ledgerFile) else {
            return [DoctorFinding(severity: .ok, code: "ledger.none",
                                  message: say("台帳はまだありません（最初の run か watch で作られます）。",
                                               "No ledger yet (the first run or watch makes it)."))]
        }
        let inspection: LedgerInspection
        do {
            inspection = try LedgerInspection.inspect(workspace)
        } catch {
            return [DoctorFinding(severity: .error, code: "ledger.unreadable",
                                  message: say("台帳 .furikaeri/ledger.sqlite を開けません: \(error)", "Cannot open the ledger .furikaeri/ledger.sqlite: \(error)"),
                                  fix: say("バックアップから .furikaeri/ledger.sqlite を戻してください（watch を止めてから）。",
                                           "Restore .furikaeri/ledger.sqlite from a backup (with watch stopped)."))]
        }
        var findings: [DoctorFinding] = []
        if !inspection.integrityOK {
            findings.append(DoctorFinding(severity: .error, code: "ledger.corrupt",
                                          message: say("台帳が壊れています: ", "The ledger is damaged: ") + inspection.integrityMessages.joined(separator: "; "),
                                          fix: say("バックアップから .furikaeri/ledger.sqlite を戻してください（watch を止めてから）。",
                                                   "Restore .furikaeri/ledger.sqlite from a backup (with watch stopped).")))
        }
        if inspection.missingStoredPaths.isEmpty {
            findings.append(DoctorFinding(severity: .ok, code: "ledger",
                                          message: say("台帳にある保管ファイル \(inspection.storedCount) 件がすべてあります。",
                                                       "All \(inspection.storedCount) stored files the ledger records are there.")))
        } else {
            let missing = inspection.missingStoredPaths
            let shown = missing.prefix(5).joined(separator: ", ") + (missing.count > 5 ? " …" : "")
            findings.append(DoctorFinding(severity: .error, code: "ledger.missing_files",
                                          message: say("台帳にあるのにディスクにないファイルが \(missing.count) 件あります: \(shown)",
                                                       "\(missing.count) file(s) the ledger records are not on disk: \(shown)"),
                                          fix: say("バックアップから archive/ と rejected/ の該当ファイルを戻してください。",
                                                   "Restore those files of archive/ and rejected/ from a backup.")))
        }
        guard let last = inspection.lastRun else {
            findings.append(DoctorFinding(severity: .ok, code: "run.none", message: say("まだ一度もファイルを処理していません。", "No file processed yet.")))
            return findings
        }
        let started = Self.localTime(last.startedAt)
        if last.finishedAt == nil {
            findings.append(DoctorFinding(severity: .warning, code: "run.unfinished",
                                          message: say("前回の処理（\(last.command)、\(started) 開始）は終わっていません。今動いているか、途中で止められました。",
                                                       "The last run (\(last.command), started \(started)) did not finish: it is running now or was stopped."),
                                          fix: say("動いていなければ、次の run か watch が途中の分を正します（ファイルは失われません）。journalctl -u 'furikaeri-watch@*' で理由を確かめてください。",
                                                   "If nothing is running, the next run or watch puts it right (no file is lost). See why with journalctl -u 'furikaeri-watch@*'.")))
        } else {
            findings.append(DoctorFinding(severity: .ok, code: "run.last",
                                          message: say("前回の処理: \(started)（\(last.command)）受付 \(last.accepted)・差戻 \(last.rejected)・重複 \(last.duplicates)。",
                                                       "Last run: \(started) (\(last.command)): \(last.accepted) accepted, \(last.rejected) rejected, \(last.duplicates) duplicate(s).")))
        }
        return findings
    }

    /// A ledger timestamp (ISO 8601, UTC) in local time, `2026-12-07 18:30`.
    static func localTime(_ stamp: String) -> String {
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = parser.date(from: stamp) else { return stamp }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
