import Foundation

/// The text `furikaeri status` prints.
public enum StatusText {
    /// Renders the figures per fiscal year, the inbox and the 未提出 lists.
    public static func render(years: [YearStatus], rejectedWithoutYear: Int, pending: Int, settling: Int) -> String {
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
}
