import Foundation
import Validation

/// The text `furikaeri status` prints.
public enum StatusText {
    /// Renders the figures per fiscal year, the inbox and the 未提出 lists, in `language`.
    public static func render(years: [YearStatus], rejectedWithoutYear: Int, pending: Int, settling: Int,
                              language: Language = .ja) -> String {
        language == .ja
            ? japanese(years: years, rejectedWithoutYear: rejectedWithoutYear, pending: pending, settling: settling)
            : english(years: years, rejectedWithoutYear: rejectedWithoutYear, pending: pending, settling: settling)
    }

    static func japanese(years: [YearStatus], rejectedWithoutYear: Int, pending: Int, settling: Int) -> String {
        var lines = ["受付フォルダ: 処理待ち \(pending)件" + (settling > 0 ? "、書き込み中 \(settling)件" : "")]
        if years.isEmpty {
            lines.append("まだ受け付けたシートはありません。")
        }
        for year in years {
            lines.append("")
            lines.append("\(FiscalYear.japaneseName(year.fiscalYear))（\(year.fiscalYear)）")
            lines.append("  ふりかえりシート \(year.reflections)件、企画提案書 \(year.proposals)件"
                         + "（再提出で置き換えた版 \(year.superseded)件、重複 \(year.duplicates)件）")
            lines.append("  差戻し \(year.rejected)件")
            if year.missing.isEmpty {
                lines.append("  未提出のふりかえりシート: なし")
            } else {
                lines.append("  未提出のふりかえりシート: \(year.missing.count)件")
                for missing in year.missing {
                    lines.append("    - \(missing.orgName)「\(missing.projectName)」（\(missing.reason)）")
                }
            }
        }
        if rejectedWithoutYear > 0 {
            lines.append("")
            lines.append("年度の分からない差戻し: \(rejectedWithoutYear)件（rejected フォルダの .エラー.txt を見てください）")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func english(years: [YearStatus], rejectedWithoutYear: Int, pending: Int, settling: Int) -> String {
        var lines = ["Inbox: \(pending) waiting" + (settling > 0 ? ", \(settling) still being written" : "")]
        if years.isEmpty {
            lines.append("No sheet has been accepted yet.")
        }
        for year in years {
            lines.append("")
            lines.append("FY\(year.fiscalYear) (\(FiscalYear.japaneseName(year.fiscalYear)))")
            lines.append("  \(year.reflections) reflection sheet(s), \(year.proposals) proposal(s)"
                         + " (\(year.superseded) replaced by a resubmission, \(year.duplicates) duplicate(s))")
            lines.append("  \(year.rejected) rejected")
            if year.missing.isEmpty {
                lines.append("  Reflection sheets not yet received: none")
            } else {
                lines.append("  Reflection sheets not yet received: \(year.missing.count)")
                for missing in year.missing {
                    lines.append("    - \(missing.orgName) \"\(missing.projectName)\" (\(englishReason(missing.reason)))")
                }
            }
        }
        if rejectedWithoutYear > 0 {
            lines.append("")
            lines.append("Rejected without a known fiscal year: \(rejectedWithoutYear) (see the .エラー.txt notes in rejected/)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Why a reflection is expected, in English (the ledger words it in Japanese for the CSV).
    static func englishReason(_ reason: String) -> String {
        switch reason {
        case "企画提案書あり": return "a proposal was received"
        case "中間ふりかえりシートのみ": return "only the interim reflection was received"
        default: return reason
        }
    }
}
