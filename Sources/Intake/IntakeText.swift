import Core
import Forms
import Foundation
import Reports
import Settings
import Validation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What intake tells staff, in Japanese (the default) or English (`--lang en`).
///
/// The Japanese texts are the ones the office reads every day; the English ones say the same thing
/// in the same order, so a line can be matched between the two.
public enum IntakeText {
    /// A fiscal year as staff name it: 令和6年度, or FY2024 in English.
    /// Where a sheet's fiscal year came from when its form has no 実施年度, for the line of the file.
    public static func yearSource(_ origin: FieldOrigin, _ language: Language) -> String {
        switch (origin, language) {
        case (.title, .ja): return "年度は表題から"
        case (.fileName, .ja): return "年度はファイル名から"
        case (.folderName, .ja): return "年度はフォルダー名から"
        case (.setting, .ja): return "年度は設定 intake.fiscal_year から"
        case (.receipt, .ja), (.form, .ja): return "様式に年度がないため受付日の年度"
        case (.title, .en): return "year from the title"
        case (.fileName, .en): return "year from the file name"
        case (.folderName, .en): return "year from the folder name"
        case (.setting, .en): return "year from intake.fiscal_year"
        case (.receipt, .en), (.form, .en): return "no year on the form: the year it was received"
        }
    }

    public static func fiscalYear(_ year: Int, _ language: Language) -> String {
        switch language {
        case .ja: return FiscalYear.japaneseName(year)
        case .en: return "FY\(year)"
        }
    }

    /// The reason a system call failed, as the C library words it (English on the machines we run on).
    static func systemReason(_ code: Int32, _ language: Language) -> String { SystemErrorText.meaning(code, japanese: language == .ja) }

    /// The line printed while waiting for another run to release the workspace.
    public static func waitingForLock(seconds: Double, _ language: Language) -> String {
        switch language {
        case .ja: return "別の furikaeri が処理中のため、終わるのを待っています（最大 \(Int(seconds)) 秒）…"
        case .en: return "Another furikaeri is processing this workspace; waiting for it to finish (up to \(Int(seconds)) s)…"
        }
    }

    /// One line for each thing in the inbox a pass left alone or renamed, besides the files' own lines.
    public static func inboxNotices(_ result: IntakePassResult, _ language: Language) -> [String] {
        let ja = language == .ja
        var lines = result.keptInInbox.map { keptInInbox($0, language) }
        for link in result.links {
            lines.append(ja ? "リンク \(NameText.shown(link))（シンボリックリンクはたどらず、そのままにします。元のファイルを inbox に入れてください）"
                            : "link \(NameText.shown(link)) (symbolic links are not followed and are left in place; put the file itself into the inbox)")
        }
        for folder in result.unreadableFolders {
            let reason = systemReason(folder.errno, language), advice = self.advice(for: folder.errno, language)
            lines.append(ja ? "読めないフォルダ \(NameText.shown(folder.relativePath))（\(reason)。\(advice)）"
                            : "unreadable folder \(NameText.shown(folder.relativePath)) (\(reason). \(advice))")
        }
        for name in result.renamed {
            lines.append(ja ? "改名 \(NameText.shown(name))（名前が UTF-8 でなかったため、読める名前に変えて受け付けます）"
                            : "renamed \(NameText.shown(name)) (its name was not UTF-8; renamed to a readable name and taken)")
        }
        for name in result.invalidNames {
            lines.append(ja ? "保留 \(NameText.shown(name))（名前が UTF-8 でなく、読める名前に変えられませんでした）"
                            : "left \(NameText.shown(name)) (its name is not UTF-8 and could not be renamed)")
        }
        return lines
    }

    /// The lines naming files the ledger keeps in archive/ that are gone: never silently kept in or
    /// dropped from the outputs.
    public static func archiveNotices(_ result: IntakePassResult, _ language: Language) -> [String] {
        guard !result.missingFromArchive.isEmpty else { return [] }
        return [StatusText.missingHeading(result.missingFromArchive.count, language)]
            + result.missingFromArchive.map { StatusText.missingLine($0, language) }
    }

    /// The line for a file taken whose inbox name held another file when it was to be removed.
    public static func keptInInbox(_ relativePath: String, _ language: Language) -> String {
        let relativePath = NameText.shown(relativePath)
        switch language {
        case .ja: return "残置 \(relativePath)（取り込んだ後に保存し直されたため inbox に残しました。次の run で新しい版として受け付けます）"
        case .en: return "kept \(relativePath) (saved again after it was taken; left in the inbox, the next run takes the new version)"
        }
    }

    /// The line printed when run stops at a signal.
    public static func stopped(_ language: Language) -> String {
        switch language {
        case .ja: return "中断しました。取り込んだファイルは記録済みで、残りは inbox にあります。出力は次の run で更新します。"
        case .en: return "Stopped. The files taken are recorded; the others are still in the inbox. The next run updates the outputs."
        }
    }

    /// The label of the progress bar.
    public static func progressLabel(_ language: Language) -> String {
        language == .ja ? "処理中" : "Processing"
    }
}

extension FileError {
    /// The message for staff in `language`.
    public func message(in language: Language) -> String { language == .ja ? japaneseMessage : englishMessage }
}

extension IntakeText {
    /// What to check after a system call failed with `code`, in `language`.
    static func advice(for code: Int32, _ language: Language) -> String {
        FileError.advice(for: code, japanese: language == .ja)
    }
}

extension WorkspaceLockError {
    /// The message for staff: who holds the workspace, and what to do.
    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.busy(let path, let waited), .ja):
            return "別の furikaeri（run または watch）がこの作業フォルダを処理中です（\(Int(waited))秒待ちました）。"
                + "終わってからもう一度実行するか、--wait で待つ秒数を増やしてください。ロック: \(path)"
        case (.busy(let path, let waited), .en):
            return "Another furikaeri (run or watch) is processing this workspace (waited \(Int(waited)) s). "
                + "Run again once it has finished, or wait longer with --wait. Lock: \(path)"
        case (.unavailable(let path, let code), .ja):
            return "ロックファイル「\(path)」を開けません（\(IntakeText.systemReason(code, .ja))）。フォルダの権限を確かめてください。"
        case (.unavailable(let path, let code), .en):
            return "Cannot open the lock file \"\(path)\" (\(IntakeText.systemReason(code, .en))). Check the folder's permissions."
        }
    }
}

extension IntakeSessionError {
    /// The message for staff, saying how to make a workspace.
    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.notAWorkspace(let path), .ja):
            return "「\(path)」は作業フォルダではありません（inbox フォルダか furikaeri.yml がありません）。"
                + "先に furikaeri init \(path) で作成してください。"
        case (.notAWorkspace(let path), .en):
            return "\"\(path)\" is not a workspace (it has no inbox folder or no furikaeri.yml). "
                + "Create it first with furikaeri init \(path)."
        case (.ledgerMissing(let path, let stored), .ja):
            return "台帳「\(path)」が見つからないか空ですが、archive/ と rejected/ には \(stored) 件のファイルがあります。"
                + "このまま処理すると受付済みのファイルが分からなくなるため、何もせずに止めました。"
                + "控えから戻すには furikaeri ledger restore、archive/ と rejected/ から作り直すには "
                + "furikaeri ledger rebuild を --workspace を付けて実行してください。"
        case (.ledgerMissing(let path, let stored), .en):
            return "The ledger \"\(path)\" is missing or empty, but archive/ and rejected/ hold \(stored) file(s). "
                + "Going on would lose track of what was accepted, so nothing was done. "
                + "Put a backup back with furikaeri ledger restore, or rebuild it from archive/ and rejected/ "
                + "with furikaeri ledger rebuild (each with --workspace)."
        }
    }
}

extension IntakeEvent {
    /// The line printed for this file in `language`.
    public func line(in language: Language) -> String {
        // Control characters in names are shown escaped, never sent to the terminal.
        let relativePath = NameText.shown(self.relativePath)
        let stored = NameText.shown(storedPath ?? "")
        let note = stored + RejectionNote.suffix
        switch (outcome, language) {
        case (.accepted?, .ja):
            let year = fiscalYear.map { IntakeText.fiscalYear($0, .ja) } ?? ""
            let source = fiscalYearSource.map { "、" + IntakeText.yearSource($0, .ja) } ?? ""
            return "受付 \(relativePath) → \(stored)（\(year)\(source)\(superseded > 0 ? "、再提出として前の版を置き換え" : "")）"
        case (.accepted?, .en):
            let year = fiscalYear.map { IntakeText.fiscalYear($0, .en) } ?? "no fiscal year"
            let source = fiscalYearSource.map { ", " + IntakeText.yearSource($0, .en) } ?? ""
            return "accepted \(relativePath) → \(stored) (\(year)\(source)\(superseded > 0 ? ", replaces the earlier version" : ""))"
        case (.duplicate?, .ja):
            return "重複 \(relativePath) → \(stored)（受付済みと同じ内容のため数えません）"
        case (.duplicate?, .en):
            return "duplicate \(relativePath) → \(stored) (same content as a file already accepted; not counted)"
        case (.rejected?, .ja):
            return "差戻 \(relativePath) → \(stored)（エラー \(errorCount) 件。\(note) を見てください）"
        case (.rejected?, .en):
            return "rejected \(relativePath) → \(stored) (\(errorCount) error\(errorCount == 1 ? "" : "s"); see \(note))"
        case (.rejectedAgain?, .ja):
            return "差戻済 \(relativePath)（差し戻した \(stored) と同じ内容です。写しも説明も作らず inbox から除きました。直し方は \(note) にあります）"
        case (.rejectedAgain?, .en):
            return "rejected again \(relativePath) (the same as \(stored), already rejected; no second copy or note, removed from the inbox; what to fix is in \(note))"
        case (.notXLSX?, .ja):
            return "差戻 \(relativePath) → \(stored)（.xlsx ではありません。\(note) を見てください）"
        case (.notXLSX?, .en):
            return "rejected \(relativePath) → \(stored) (not an .xlsx file; see \(note))"
        case (nil, .ja):
            if unreadableErrno == ENOENT { return "消失 \(relativePath)（処理の途中で inbox からなくなりました。移されたか消されました）" }
            if let failure { return "保留 \(relativePath)（取り込めませんでした: \(failure.message(in: .ja)) 次回にもう一度試します）" }
            let why = unreadableErrno.map { "読み取れません: \(IntakeText.systemReason($0, .ja))。\(IntakeText.advice(for: $0, .ja))" }
            return "保留 \(relativePath)（\(why ?? "書き込み中または変更中のため、次回に回します")）"
        case (nil, .en):
            if unreadableErrno == ENOENT { return "gone \(relativePath) (it left the inbox during the run: moved or removed)" }
            if let failure { return "left \(relativePath) (could not be taken: \(failure.message(in: .en)) Will try again next time)" }
            let why = unreadableErrno.map { "cannot be read: \(IntakeText.systemReason($0, .en)). \(IntakeText.advice(for: $0, .en))" }
            return "left \(relativePath) (\(why ?? "still being written or changed; will try again next time"))"
        }
    }
}

extension IntakePassResult {
    /// The summary line of a pass in `language`.
    public func summaryLine(in language: Language) -> String {
        switch language {
        case .ja:
            var line = "完了: 受付 \(counts.accepted)件、差戻 \(counts.rejected)件、重複 \(counts.duplicates)件"
            if counts.superseded > 0 { line += "（うち再提出で前の版を置き換え \(counts.superseded)件）" }
            if counts.rejectedAgain > 0 { line += "、差戻し済みと同じ \(counts.rejectedAgain)件" }
            if counts.waiting > 0 { line += "、保留 \(counts.waiting)件（書き込み中のため次回）" }
            if !yearsWritten.isEmpty {
                line += "。出力を更新した年度: " + yearsWritten.map { IntakeText.fiscalYear($0, .ja) }.joined(separator: "、")
            }
            return line
        case .en:
            let duplicates = counts.duplicates == 1 ? "1 duplicate" : "\(counts.duplicates) duplicates"
            var line = "Done: \(counts.accepted) accepted, \(counts.rejected) rejected, \(duplicates)"
            if counts.superseded > 0 { line += " (\(counts.superseded) replaced an earlier version)" }
            if counts.rejectedAgain > 0 { line += ", \(counts.rejectedAgain) the same as a file already rejected" }
            if counts.waiting > 0 { line += ", \(counts.waiting) left for next time (still being written)" }
            if !yearsWritten.isEmpty {
                line += ". Outputs updated for " + yearsWritten.map { IntakeText.fiscalYear($0, .en) }.joined(separator: ", ")
            }
            return line
        }
    }
}

/// Messages for what recovery did.
public enum RecoveryText {
    /// One line naming each kind of leftover recovery put right.
    public static func line(_ report: RecoveryReport, language: Language = .ja) -> String {
        var parts: [String] = []
        let inbox = report.inboxCopiesRemoved.count, copies = report.uncommittedCopiesRemoved.count
        let temporary = report.temporaryFilesRemoved.count
        switch language {
        case .ja:
            if inbox > 0 { parts.append("受付済みなのに inbox に残っていたファイル \(inbox)件を削除") }
            if copies > 0 { parts.append("記録される前のコピー \(copies)件を削除（元は inbox にあります）") }
            if temporary > 0 { parts.append("書きかけの一時ファイル \(temporary)件を削除") }
            return "前回の処理が途中で止まっていたため整えました: " + parts.joined(separator: "、")
        case .en:
            if inbox > 0 { parts.append("removed \(inbox) inbox file(s) already accepted") }
            if copies > 0 { parts.append("removed \(copies) copy(ies) made before they were recorded (the originals are in the inbox)") }
            if temporary > 0 { parts.append("removed \(temporary) half-written temporary file(s)") }
            return "The previous run had stopped part-way; put right: " + parts.joined(separator: "; ")
        }
    }
}

/// Turns an error into the message staff see.
public enum IntakeErrorText {
    public static func message(_ error: Error, language: Language = .ja) -> String {
        if let error = error as? WorkspaceLockError { return error.message(in: language) }
        if let error = error as? IntakeSessionError { return error.message(in: language) }
        if let error = error as? FileError { return error.message(in: language) }
        if let error = error as? OutputsNotWritten {
            // The reason alone: the generic message would say that the inbox was left untouched.
            let c = error.counts
            let reason = error.underlying is FileError || error.underlying is SettingsError || error.underlying is ReportError
                ? message(error.underlying, language: language) : "\(error.underlying)" + (language == .ja ? "。" : ".")
            switch language {
            case .ja:
                return "ファイルは受け付けて記録しました（受付 \(c.accepted)件、差戻 \(c.rejected)件、重複 \(c.duplicates)件）が、"
                    + "出力を書けませんでした: \(reason) 原因を取り除いてから run をもう一度実行すると、出力を作り直します。"
            case .en:
                return "The files were taken and recorded (\(c.accepted) accepted, \(c.rejected) rejected, \(c.duplicates) duplicate(s)), "
                    + "but the outputs could not be written: \(reason) Remove the cause and run again to write them."
            }
        }
        if let error = error as? SettingsError { return language == .ja ? error.description : error.englishMessage }
        if let error = error as? ReportError { return ReportErrorText.message(error, language: language) }
        switch language {
        case .ja:
            return "処理を続けられませんでした: \(error)。inbox のファイルはそのまま残っています。原因を取り除いてからもう一度実行してください。"
        case .en:
            return "Could not go on: \(error). The files in the inbox are untouched. Remove the cause and run again."
        }
    }
}
