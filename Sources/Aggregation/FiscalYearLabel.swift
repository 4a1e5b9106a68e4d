import Core

/// 令和/平成 labels for a fiscal year given as the Western year of its April.
public enum FiscalYearLabel {
    /// `2024` → `令和6年度`, `2019` → `令和元年度`, `2018` → `平成30年度`.
    public static func japanese(_ year: Int) -> String { FiscalYearText.japanese(year) }

    /// `2024` → `R6`, `2018` → `H30`: short, ASCII, for IDs.
    public static func short(_ year: Int) -> String {
        year >= 2019 ? "R\(year - 2018)" : "H\(year - 1988)"
    }
}
