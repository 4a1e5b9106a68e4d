import Core
import Foundation
import Validation

/// The text `furikaeri status` prints: the same lines in the same order in either language.
public enum StatusText {
    /// Renders the inbox (each file left there and why), what the latest run could not take, the
    /// figures per fiscal year with the files staff still have to act on, and the lists that cross
    /// years (rejected files without a year, files missing from archive/, withdrawn files).
    public static func render(_ report: StatusReport, language: Language = .ja) -> String {
        let ja = language == .ja
        var lines: [String] = []
        let count = { (state: StatusReport.InboxEntry.State) in report.inbox.filter { $0.state == state }.count }
        let (pending, settling) = (count(.waiting) + count(.invalidName), count(.settling))
        let (links, unreadableFolders) = (count(.link), count(.unreadableFolder))
        lines.append(ja ? "受付フォルダ: 処理待ち \(pending)件" + (settling > 0 ? "、書き込み中 \(settling)件" : "")
                          + (links > 0 ? "、リンク（受け付けません） \(links)件" : "")
                          + (unreadableFolders > 0 ? "、読めないフォルダ \(unreadableFolders)件" : "")
                        : "Inbox: \(pending) waiting" + (settling > 0 ? ", \(settling) still being written" : "")
                          + (links > 0 ? ", \(links) symbolic link(s) (not taken)" : "")
                          + (unreadableFolders > 0 ? ", \(unreadableFolders) unreadable folder(s)" : ""))
        // Files waiting for the next run are listed up to `listedWaiting` (`--json` lists them all);
        // whatever else is in the inbox is listed with its reason.
        var listed = 0, unlisted = 0
        for entry in report.inbox {
            if entry.state == .waiting {
                guard listed < listedWaiting else { unlisted += 1; continue }
                listed += 1
            }
            let reason = why(entry.state, language)
            lines.append(ja ? "  - \(entry.name)（\(reason)）" : "  - \(entry.name) (\(reason))")
        }
        if unlisted > 0 { lines.append(ja ? "  ほかに処理待ち \(unlisted)件" : "  \(unlisted) more waiting") }
        if !report.problems.isEmpty {
            lines.append(ja ? "前回の run で取り込めなかったファイル: \(report.problems.count)件"
                            : "Files the last run could not take: \(report.problems.count)")
            lines += report.problems.map { "  " + (ja ? $0.japanese : $0.english) }
        }
        if report.years.isEmpty {
            lines.append(ja ? "まだ受け付けたシートはありません。" : "No sheet has been accepted yet.")
        }
        let waiting = report.waitingRejections
        for year in report.years {
            let name = FiscalYear.japaneseName(year.fiscalYear)
            lines.append("")
            lines.append(ja ? "\(name)（\(year.fiscalYear)）" : "FY\(year.fiscalYear) (\(name))")
            lines.append(ja ? "  ふりかえりシート \(year.reflections)件、企画提案書 \(year.proposals)件"
                              + "（再提出で置き換えた版 \(year.superseded)件、重複 \(year.duplicates)件"
                              + (year.withdrawn > 0 ? "、取り下げ \(year.withdrawn)件" : "") + "）"
                            : "  \(year.reflections) reflection sheet(s), \(year.proposals) proposal(s)"
                              + " (\(year.superseded) replaced by a resubmission, \(year.duplicates) duplicate(s)"
                              + (year.withdrawn > 0 ? ", \(year.withdrawn) withdrawn" : "") + ")")
            lines.append(ja ? "  差戻し（訂正待ち） \(year.rejected)件" + (year.corrected > 0 ? "（ほかに訂正を受付済み \(year.corrected)件）" : "")
                            : "  \(year.rejected) rejected, waiting for a correction" + (year.corrected > 0 ? " (\(year.corrected) more corrected since)" : ""))
            lines += waiting.filter { $0.fiscalYear == year.fiscalYear }.map { rejectionLine($0, language) }
            if !year.filedByReceipt.isEmpty {
                lines.append(ja ? "  様式に年度がなく、受け付けた日の年度で整理したシート: \(year.filedByReceipt.count)件（年度を確かめてください）"
                                : "  Sheets filed by the date received, their forms naming no year: \(year.filedByReceipt.count) (check their year)")
                lines += year.filedByReceipt.map { "    - " + NameText.shown($0) }
            }
            let unlinked = report.unlinked.filter { $0.fiscalYear == year.fiscalYear }
            if !unlinked.isEmpty {
                lines.append(ja ? "  企画提案書と照合できないふりかえりシート（未照合）: \(unlinked.count)件"
                                : "  Reflection sheets with no matching proposal (unlinked): \(unlinked.count)")
                lines += unlinked.map { sheet in
                    let phase = sheet.phase.isEmpty ? "" : (ja ? "・\(sheet.phase)" : ", \(sheet.phase == "中間" ? "interim" : "final")")
                    return ja ? "    - \(sheet.orgName)「\(sheet.projectName)」（\(NameText.shown(sheet.storedPath))\(phase)）"
                              : "    - \(sheet.orgName) \"\(sheet.projectName)\" (\(NameText.shown(sheet.storedPath))\(phase))"
                }
            }
            let heading = ja ? "  未提出のふりかえりシート: " : "  Reflection sheets not yet received: "
            if year.missing.isEmpty {
                lines.append(heading + (ja ? "なし" : "none"))
                continue
            }
            lines.append(heading + (ja ? "\(year.missing.count)件" : "\(year.missing.count)"))
            for missing in year.missing {
                lines.append(ja ? "    - \(missing.orgName)「\(missing.projectName)」（\(missing.japaneseText)）"
                                : "    - \(missing.orgName) \"\(missing.projectName)\" (\(missing.englishText))")
            }
        }
        let withoutYear = waiting.filter { $0.fiscalYear == nil }
        if !withoutYear.isEmpty {
            lines.append("")
            lines.append(ja ? "年度の分からない差戻し（訂正待ち）: \(withoutYear.count)件（各ファイルの .エラー.txt を提出者に送ってください）"
                            : "Rejected without a known fiscal year, waiting for a correction: \(withoutYear.count) (send each file's .エラー.txt to its sender)")
            lines += withoutYear.map { rejectionLine($0, language) }
        }
        if !report.missingFromArchive.isEmpty {
            lines.append("")
            lines.append(missingHeading(report.missingFromArchive.count, language))
            lines += report.missingFromArchive.map { missingLine($0, language) }
        }
        if !report.withdrawn.isEmpty {
            lines.append("")
            lines.append(ja ? "取り下げたファイル: \(report.withdrawn.count)件（出力に含めません。戻すには furikaeri withdraw --undo）"
                            : "Withdrawn files: \(report.withdrawn.count) (in no output; furikaeri withdraw --undo puts one back)")
            lines += report.withdrawn.map { file in
                ja ? "  - \(file.submissionID) \(NameText.shown(file.storedPath))（元 \(NameText.shown(file.archivedPath))、理由: \(file.reason)）"
                   : "  - \(file.submissionID) \(NameText.shown(file.storedPath)) (was \(NameText.shown(file.archivedPath)); reason: \(file.reason))"
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The most files waiting for the next run that the text lists.
    public static let listedWaiting = 20

    /// Why a file is still in the inbox.
    static func why(_ state: StatusReport.InboxEntry.State, _ language: Language) -> String {
        switch (state, language) {
        case (.waiting, .ja): return "次の run で受け付けます"
        case (.waiting, .en): return "the next run takes it"
        case (.settling, .ja): return "書き込み中か、変更されたばかりです。落ち着いてから受け付けます"
        case (.settling, .en): return "still being written or just changed; taken once it settles"
        case (.link, .ja): return "シンボリックリンクは受け付けません。元のファイルを入れてください"
        case (.link, .en): return "symbolic links are not taken; put the file itself into the inbox"
        case (.unreadableFolder, .ja): return "読めないフォルダです。権限を確かめてください"
        case (.unreadableFolder, .en): return "a folder that cannot be read; check its permissions"
        case (.invalidName, .ja): return "名前が UTF-8 ではありません。次の run で読める名前に変えて受け付けます"
        case (.invalidName, .en): return "its name is not UTF-8; the next run renames and takes it"
        }
    }

    /// `    - rejected/a.xlsx（a.xlsx、エラー 2件、2026-12-07 受付）`
    static func rejectionLine(_ file: RejectedFile, _ language: Language) -> String {
        let day = String(file.receivedAt.prefix(10))
        let errors = file.errors
        switch language {
        case .ja:
            return "    - \(NameText.shown(file.storedPath))（\(NameText.shown(file.originalName))、エラー \(errors)件、\(day) 受付）"
        case .en:
            return "    - \(NameText.shown(file.storedPath)) (\(NameText.shown(file.originalName)), \(errors) error\(errors == 1 ? "" : "s"), received \(day))"
        }
    }

    /// The heading of the files gone from archive/, as `status` and `run` say it.
    static func missingHeading(_ count: Int, _ language: Language) -> String {
        language == .ja
            ? "archive から消えたファイル: \(count)件（台帳には記録があります。元の場所に戻してください。出力から外すには furikaeri withdraw で取り下げてください）"
            : "Files gone from archive/: \(count) (the ledger still records them. Put them back where they were; to take them out of the outputs, withdraw them with furikaeri withdraw)"
    }

    /// `  - archive/2024/a.xlsx（a.xlsx、出力には含めたまま）`
    static func missingLine(_ file: MissingStoredFile, _ language: Language) -> String {
        switch language {
        case .ja:
            return "  - \(NameText.shown(file.storedPath))（\(NameText.shown(file.originalName))、"
                + (file.inOutputs ? "台帳の内容で出力には含めたまま" : "出力には含まれていません") + "）"
        case .en:
            return "  - \(NameText.shown(file.storedPath)) (\(NameText.shown(file.originalName)); "
                + (file.inOutputs ? "still in the outputs, from the ledger" : "in no output") + ")"
        }
    }
}
