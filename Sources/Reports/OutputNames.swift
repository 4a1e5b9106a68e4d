import Aggregation

/// The names of the files `process` writes. Japanese, like the sheets: staff and evaluators read
/// them in Explorer, and every current Windows, macOS and Linux keeps them intact.
public enum OutputNames {
    /// `ふりかえり集計_令和6年度.xlsx`.
    public static func workbook(_ year: Int) -> String { "ふりかえり集計_\(FiscalYearLabel.japanese(year)).xlsx" }
    /// `ふりかえり_事業別_令和6年度.csv`: one row per project (its 最終 reflection).
    public static func projectsCSV(_ year: Int) -> String { "ふりかえり_事業別_\(FiscalYearLabel.japanese(year)).csv" }
    /// `ふりかえり_中間_令和6年度.csv`: one row per 中間 reflection, in the columns of 事業別.
    public static func interimCSV(_ year: Int) -> String { "ふりかえり_中間_\(FiscalYearLabel.japanese(year)).csv" }
    /// `ふりかえり_視点別_令和6年度.csv`: one row per reflection and viewpoint.
    public static func viewpointsCSV(_ year: Int) -> String { "ふりかえり_視点別_\(FiscalYearLabel.japanese(year)).csv" }
    /// `ふりかえり_コメント_令和6年度.csv`: one row per comment.
    public static func commentsCSV(_ year: Int) -> String { "ふりかえり_コメント_\(FiscalYearLabel.japanese(year)).csv" }
    /// `ふりかえり_検証結果_令和6年度.csv`: that year's files, accepted and rejected, with every issue;
    /// `ふりかえり_検証結果_年度不明.csv` (year nil) for files whose year cannot be told.
    public static func issuesCSV(_ year: Int?) -> String {
        "ふりかえり_検証結果_\(year.map(FiscalYearLabel.japanese) ?? "年度不明").csv"
    }
    /// `第三者評価_令和6年度.csv`: one row per project, evaluator and viewpoint (only with evaluations).
    public static func thirdPartyCSV(_ year: Int) -> String { "第三者評価_\(FiscalYearLabel.japanese(year)).csv" }
    /// `ふりかえり_経年比較.csv`: each viewpoint's mean by year.
    public static let crossYearCSV = "ふりかえり_経年比較.csv"
}

/// Column titles shared by the CSV files and the workbook.
enum Columns {
    static let viewpointLabels = Viewpoint.allCases.map(\.label)
    /// The wide per-project CSV, exactly as evaluators asked for it.
    static let projectsCSV = ["年度", "事業ID", "団体名", "事業名", "区分(中間/最終)", "担当課", "募集区分", "募集の種類", "協働の形態"]
        + viewpointLabels + ["平均", "団体のコメント", "市のコメント", "今後の展望"]
    static let viewpointsCSV = ["年度", "事業ID", "団体名", "事業名", "区分(中間/最終)", "視点番号", "視点",
                                "団体の評価", "市の評価", "評価の差(団体－市)", "視点のコメント"]
    static let commentsCSV = ["年度", "事業ID", "団体名", "事業名", "区分(中間/最終)", "種類", "視点", "コメント"]
    static let thirdPartyCSV = ["年度", "事業ID", "団体名", "事業名", "評価者", "視点番号", "視点", "評価"]
    static let issuesCSV = ["ファイル", "状態", "重要度", "コード", "項目", "シート", "セル", "メッセージ"]
}

import Forms

extension Phase {
    /// 中間, 最終, or empty when the sheet does not say.
    var csvText: String { self == .unspecified ? "" : rawValue }
}
