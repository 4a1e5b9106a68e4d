import Core
import Foundation
import Validation

/// The text `furikaeri status` prints.
public enum StatusText {
    /// Renders the figures per fiscal year, the inbox and the 未提出 lists, in `language`: the same
    /// lines in the same order in either language.
    /// `links` and `unreadableFolders` are what `run` leaves alone in the inbox (and says so).
    /// `problems`: what the latest run could not take, one line each.
    public static func render(years: [YearStatus], rejectedWithoutYear: Int, pending: Int, settling: Int,
                              links: Int = 0, unreadableFolders: Int = 0, problems: [IntakeProblem] = [],
                              language: Language = .ja) -> String {
        let ja = language == .ja
        var lines = [ja ? "受付フォルダ: 処理待ち \(pending)件" + (settling > 0 ? "、書き込み中 \(settling)件" : "")
                          + (links > 0 ? "、リンク（受け付けません） \(links)件" : "")
                          + (unreadableFolders > 0 ? "、読めないフォルダ \(unreadableFolders)件" : "")
                        : "Inbox: \(pending) waiting" + (settling > 0 ? ", \(settling) still being written" : "")
                          + (links > 0 ? ", \(links) symbolic link(s) (not taken)" : "")
                          + (unreadableFolders > 0 ? ", \(unreadableFolders) unreadable folder(s)" : "")]
        if !problems.isEmpty {
            lines.append(ja ? "前回の run で取り込めなかったファイル: \(problems.count)件" : "Files the last run could not take: \(problems.count)")
            lines += problems.map { "  " + (ja ? $0.japanese : $0.english) }
        }
        if years.isEmpty {
            lines.append(ja ? "まだ受け付けたシートはありません。" : "No sheet has been accepted yet.")
        }
        for year in years {
            let name = FiscalYear.japaneseName(year.fiscalYear)
            lines.append("")
            lines.append(ja ? "\(name)（\(year.fiscalYear)）" : "FY\(year.fiscalYear) (\(name))")
            lines.append(ja ? "  ふりかえりシート \(year.reflections)件、企画提案書 \(year.proposals)件"
                              + "（再提出で置き換えた版 \(year.superseded)件、重複 \(year.duplicates)件）"
                            : "  \(year.reflections) reflection sheet(s), \(year.proposals) proposal(s)"
                              + " (\(year.superseded) replaced by a resubmission, \(year.duplicates) duplicate(s))")
            lines.append(ja ? "  差戻し \(year.rejected)件" : "  \(year.rejected) rejected")
            if !year.filedByReceipt.isEmpty {
                lines.append(ja ? "  様式に年度がなく、受け付けた日の年度で整理したシート: \(year.filedByReceipt.count)件（年度を確かめてください）"
                                : "  Sheets filed by the date received, their forms naming no year: \(year.filedByReceipt.count) (check their year)")
                lines += year.filedByReceipt.map { "    - " + NameText.shown($0) }
            }
            let heading = ja ? "  未提出のふりかえりシート: " : "  Reflection sheets not yet received: "
            if year.missing.isEmpty {
                lines.append(heading + (ja ? "なし" : "none"))
                continue
            }
            lines.append(heading + (ja ? "\(year.missing.count)件" : "\(year.missing.count)"))
            for missing in year.missing {
                lines.append(ja ? "    - \(missing.orgName)「\(missing.projectName)」（\(missing.reason)）"
                                : "    - \(missing.orgName) \"\(missing.projectName)\" (\(missing.basis.englishText))")
            }
        }
        if rejectedWithoutYear > 0 {
            lines.append("")
            lines.append(ja ? "年度の分からない差戻し: \(rejectedWithoutYear)件（rejected フォルダの .エラー.txt を見てください）"
                            : "Rejected without a known fiscal year: \(rejectedWithoutYear) (see the .エラー.txt notes in rejected/)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
