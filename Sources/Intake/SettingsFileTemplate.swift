import Foundation
import Settings

/// The `furikaeri.yml` that `init` writes: every setting with its default and a Japanese comment.
public enum SettingsFileTemplate {
    /// The YAML text for `settings` (the defaults unless given).
    public static func yaml(_ settings: Settings = .defaults) -> String {
        func quoted(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        func list(_ items: [String], indent: String) -> String {
            items.map { "\(indent)- \(quoted($0))" }.joined(separator: "\n")
        }
        var lines: [String] = [
            "# furikaeri の設定ファイルです。書かなかった項目は既定値になります。",
            "# 変更したら furikaeri run をもう一度実行してください。",
            "",
            "# 担当課の一覧（テンプレートのドロップダウンと、検証で受け付ける担当課）",
            "departments:",
            list(settings.departments, indent: "  "),
            "",
            "# 選択肢のある項目で受け付ける値（項目キー: 選択肢のリスト）",
            "choices:",
        ]
        let choiceComments = [
            "category": "募集区分", "proposal_type": "募集の種類",
            "collaboration_form": "協働の形態", "phase": "ふりかえりの時期（中間・最終）",
        ]
        for key in settings.choices.keys.sorted() {
            lines.append("  # \(choiceComments[key] ?? key)")
            lines.append("  \(key):")
            lines.append(list(settings.choices[key] ?? [], indent: "    "))
        }
        lines += [
            "",
            "# 項目を見つけるための見出しの言い換え（組み込みの見出しに追加されます）。例: org_name: [\"団体名称\"]",
        ]
        if settings.labels.isEmpty {
            lines.append("labels: {}")
        } else {
            lines.append("labels:")
            for key in settings.labels.keys.sorted() {
                lines.append("  \(key):")
                lines.append(list(settings.labels[key] ?? [], indent: "    "))
            }
        }
        let rules = settings.rules
        lines += [
            "",
            "# 検証の規則",
            "rules:",
            "  # この点数以下の視点には団体のコメントが必要です",
            "  low_score_threshold: \(rules.lowScoreThreshold)",
            "  # 低い点数にコメントがないとき: true ならエラー（差し戻し）、false なら警告のみ",
            "  low_score_comment_is_error: \(rules.lowScoreCommentIsError)",
            "  # 団体の評価と市の評価がこの差以上なら警告します",
            "  score_gap: \(rules.scoreGap)",
            "  # 様式に市の評価の欄があるとき、空欄を誤り（score.missing）とするか",
            "  city_scores_required: \(rules.cityScoresRequired)",
            "  # 年度の集計に使うふりかえり: final は最終のみ、latest は最終がなければ中間",
            "  statistics_phase: \(rules.statisticsPhase)",
            "  # 必須のコメントに書かれていても記入とみなさない文言",
            "  placeholders:",
            list(rules.placeholders, indent: "    "),
            "  # 使わない規則のコード（例: contact.phone_format）",
            rules.disabled.isEmpty ? "  disabled: []" : "  disabled:\n" + list(rules.disabled, indent: "    "),
            "  # 規則ごとの重さの変更（コード: error か warning）。例: department.unknown: error",
            rules.severity.isEmpty ? "  severity: {}" : "  severity:\n" + rules.severity.keys.sorted().map {
                "    \($0): \(rules.severity[$0] ?? "warning")"
            }.joined(separator: "\n"),
            "  # 記入を必須とする項目（様式ごと）。評価と必須コメントは別の規則で確かめます",
            "  required_fields:",
        ]
        let kindNames = ["reflection": "ふりかえりシート", "proposal": "企画提案書", "evaluation": "第三者評価票"]
        for kind in rules.requiredFields.keys.sorted() {
            lines.append("    # \(kindNames[kind] ?? kind)")
            lines.append("    \(kind):")
            lines.append(list(rules.requiredFields[kind] ?? [], indent: "      "))
        }
        lines += [
            "  # 企画提案書の継続年数として受け付ける範囲（事業は最長3年まで）",
            "  year_numbers:",
            "    # 最小",
            "    from: \(rules.yearNumbers.lowerBound)",
            "    # 最大",
            "    to: \(rules.yearNumbers.upperBound)",
            "",
            "# 受け付ける実施年度（4月に始まる年の西暦。2024 = 令和6年度）",
            "fiscal_years:",
            "  # 最初の年度",
            "  from: \(settings.fiscalYears.lowerBound)",
            "  # 最後の年度",
            "  to: \(settings.fiscalYears.upperBound)",
            "",
            "# 受付フォルダ（inbox）の扱い",
            "intake:",
            "  # 更新からこの秒数が経っていないファイルは、コピー中とみなして次回に回します",
            "  settle_seconds: \(settings.intake.settleSeconds)",
            "  # furikaeri watch が受付フォルダを見に行く間隔（秒）",
            "  watch_interval_seconds: \(settings.intake.watchIntervalSeconds)",
            "  # いま受け付けている年度（例: 令和6年度）。様式にも表題・ファイル名・フォルダー名にも年度がない",
            "  # シートはこの年度とします。空なら受け付けた日の年度になります（どちらも警告で知らせます）",
            settings.intake.fiscalYear.map { "  fiscal_year: \($0)" } ?? "  fiscal_year:",
            "",
            "# 事例集（output/事例集/、ブラウザで index.html を開きます）の公開",
            "publish:",
            "  # true なら run と watch が、団体名を記号に置き換え個人情報を除いた公開用の",
            "  # output/事例集_公開用/ も書き出します（report --anonymize でも作れます）",
            "  anonymized_site: \(settings.publish.anonymizedSite)",
            "",
        ]
        return lines.joined(separator: "\n")
    }
}
