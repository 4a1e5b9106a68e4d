import Settings

extension FormDefinition {
    /// ふりかえりシート: the seed's table plus 実施年度, ふりかえりの時期 and 担当課.
    ///
    /// Extra labels come from `Settings.labels` by field key; viewpoint names from
    /// `labels["scores.<viewpoint>"]`; table headers from `labels["scores"]`, `["city_scores"]`, `["comments"]`.
    public static func reflection(settings: Settings = .defaults) -> FormDefinition {
        let fields: [FieldDefinition] = [
            FieldDefinition(key: "org_name", label: "団体名", variants: ["団体名称", "団体の名称", "実施団体名", "実施団体"],
                            required: true, inputMessage: "団体の正式名称を入力してください。"),
            FieldDefinition(key: "project_name", label: "事業名", variants: ["事業名称", "事業の名称", "協働事業名"],
                            required: true, inputMessage: "協働事業の名称を入力してください。"),
            FieldDefinition(key: "fiscal_year", label: "実施年度", variants: ["年度", "事業実施年度", "対象年度"],
                            type: .year, inputMessage: "例：令和6年度、R6、2024年度"),
            FieldDefinition(key: "phase", label: "ふりかえりの時期（中間・最終）",
                            variants: ["ふりかえりの時期", "ふりかえり時期", "中間・最終", "中間/最終", "時期", "区分", "ふりかえりの区分"],
                            type: .choice, choices: settings.choices["phase"] ?? ["中間", "最終"],
                            inputMessage: "中間 または 最終 を選んでください。"),
            FieldDefinition(key: "department", label: "担当課", variants: ["協働部署", "担当部署", "所管課", "関係課", "担当課名"],
                            type: .choice, choices: settings.departments,
                            inputMessage: "一覧から担当課を選んでください。"),
            FieldDefinition(key: "org_comment", label: "*団体のコメント(今後に向けての課題・改善策・要望など)",
                            variants: ["団体のコメント", "団体コメント", "団体からのコメント"], required: true,
                            inputMessage: "今後に向けての課題・改善策・要望などを記入してください（必須）。"),
            FieldDefinition(key: "city_comment", label: "*市のコメント",
                            variants: ["市コメント", "市からのコメント", "担当課のコメント", "担当課コメント"], required: true,
                            inputMessage: "担当課が記入してください（必須）。"),
            FieldDefinition(key: "outlook", label: "今後の展望", variants: ["展望", "今後の方向性"],
                            inputMessage: "来年度以降の見通しを記入してください。"),
        ]
        var names: [Viewpoint: [String]] = [:]
        for viewpoint in Viewpoint.allCases { names[viewpoint] = [viewpoint.name] }
        names[.effectiveness]! += ["協働の効果"]
        names[.achievement]! += ["目的の達成", "目標の達成度"]
        names[.cooperation]! += ["協力体制・連携"]
        let table = ViewpointTableDefinition(
            names: names,
            scoreHeaders: ["評価", "団体の評価", "団体評価", "自己評価", "5段階評価"],
            cityScoreHeaders: ["市の評価", "市評価", "担当課の評価", "市による評価"],
            commentHeaders: ["団体のコメント", "団体コメント", "コメント"],
            viewpointHeader: "ふりかえりの視点(5段階評価)")
        return FormDefinition(kind: .reflection, title: "協働事業ふりかえりシート", fields: fields,
                              viewpointTable: table, signatureKeys: [])
            .adjusted(by: settings)
    }

    /// 企画提案書 for the NPO等企画提案事業.
    public static func proposal(settings: Settings = .defaults) -> FormDefinition {
        let choices = settings.choices
        let fields: [FieldDefinition] = [
            FieldDefinition(key: "org_name", label: "団体名", variants: ["団体名称", "団体の名称", "提案団体名", "提案団体"],
                            required: true, inputMessage: "団体の正式名称を入力してください。"),
            FieldDefinition(key: "project_name", label: "事業名", variants: ["提案事業名", "事業名称", "事業の名称"],
                            required: true, inputMessage: "提案する事業の名称を入力してください。"),
            FieldDefinition(key: "fiscal_year", label: "実施年度", variants: ["事業実施年度", "年度", "実施予定年度"],
                            type: .year, inputMessage: "例：令和7年度、R7、2025年度"),
            FieldDefinition(key: "category", label: "募集区分", variants: ["応募区分", "部門"], required: true,
                            type: .choice, choices: choices["category"] ?? [],
                            inputMessage: "新規チャレンジ部門 または 継続ステップアップ部門 を選んでください。"),
            FieldDefinition(key: "proposal_type", label: "募集の種類", variants: ["応募の種類", "募集種類", "提案の種類"],
                            required: true, type: .choice, choices: choices["proposal_type"] ?? [],
                            inputMessage: "自由テーマ型 または テーマ設定型 を選んでください。"),
            FieldDefinition(key: "theme", label: "テーマ", variants: ["設定テーマ", "テーマ名", "テーマ(テーマ設定型のみ)"],
                            inputMessage: "テーマ設定型の場合は必ず記入してください。"),
            FieldDefinition(key: "collaboration_form", label: "協働の形態", variants: ["協働形態", "協働の方法"],
                            required: true, type: .choice, choices: choices["collaboration_form"] ?? [],
                            inputMessage: "一覧から協働の形態を選んでください。"),
            FieldDefinition(key: "department", label: "担当課", variants: ["協働部署", "担当部署", "協働を希望する課", "関係課"],
                            type: .choice, choices: settings.departments,
                            inputMessage: "一覧から協働を希望する課を選んでください。"),
            FieldDefinition(key: "year_number", label: "継続年数", variants: ["実施年数", "何年目", "継続年次"],
                            type: .integer, inputMessage: "1〜3 の数字で入力してください（最長3年）。"),
            FieldDefinition(key: "local_issue", label: "地域課題", variants: ["解決したい地域課題", "地域の課題", "地域課題・社会的背景"],
                            required: true, inputMessage: "事業で解決したい地域の課題を記入してください。"),
            FieldDefinition(key: "purpose", label: "事業の目的", variants: ["目的", "事業目的"], required: true,
                            inputMessage: "事業の目的を記入してください。"),
            FieldDefinition(key: "description", label: "事業内容", variants: ["事業の内容", "内容", "事業の概要"], required: true,
                            inputMessage: "いつ・どこで・誰に・何をするかを記入してください。"),
            FieldDefinition(key: "expected_effect", label: "期待される効果", variants: ["期待する効果", "効果", "事業効果"],
                            inputMessage: "事業によって期待される効果を記入してください。"),
            FieldDefinition(key: "org_role", label: "団体の役割", variants: ["団体の役割分担"],
                            inputMessage: "団体が担う役割を記入してください。"),
            FieldDefinition(key: "city_role", label: "市の役割", variants: ["市の役割分担", "行政の役割"],
                            inputMessage: "市に期待する役割を記入してください。"),
            FieldDefinition(key: "total_cost", label: "総事業費(円)", variants: ["総事業費", "事業費総額", "事業費"],
                            required: true, type: .money, inputMessage: "円単位の数字で入力してください。"),
            FieldDefinition(key: "requested_amount", label: "補助金申請額(円)",
                            variants: ["補助金申請額", "申請額", "補助金額", "補助申請額"], required: true, type: .money,
                            inputMessage: "円単位の数字で、総事業費以下を入力してください。"),
            FieldDefinition(key: "representative", label: "代表者氏名", variants: ["代表者名", "代表者"],
                            isPersonal: true, inputMessage: "代表者の氏名を入力してください。"),
            FieldDefinition(key: "address", label: "所在地", variants: ["団体所在地", "住所", "連絡先住所"],
                            isPersonal: true, inputMessage: "団体の所在地を入力してください。"),
            FieldDefinition(key: "phone", label: "電話番号", variants: ["電話", "TEL", "連絡先電話番号"],
                            isPersonal: true, inputMessage: "例：042-000-0000"),
            FieldDefinition(key: "email", label: "メールアドレス", variants: ["メール", "e-mail", "email", "Eメール"],
                            isPersonal: true, inputMessage: "例：info@example.org"),
        ]
        return FormDefinition(
            kind: .proposal, title: "NPO等企画提案事業 企画提案書", fields: fields, viewpointTable: nil,
            signatureKeys: ["category", "proposal_type", "theme", "collaboration_form", "year_number", "local_issue",
                            "purpose", "expected_effect", "org_role", "city_role", "total_cost", "requested_amount"])
            .adjusted(by: settings)
    }
}

extension FormDefinition {
    /// 第三者評価票: one project's facts (printed and locked by `furikaeri evaluation-sheets`) and the
    /// evaluator's inputs: a 1–5 score per viewpoint, 総合評価, 所見 (required), 改善への提案, the
    /// evaluator's name or code and the date.
    ///
    /// The facts are read back so that a sheet whose 事業ID, 団体名 or 事業名 was changed by hand is
    /// caught (intake checks them against the ledger). The 団体 and 市 score columns printed beside the
    /// evaluator's are not read: the ledger holds those scores.
    public static func evaluation(settings: Settings = .defaults) -> FormDefinition {
        let fields: [FieldDefinition] = [
            FieldDefinition(key: "project_id", label: "事業ID", variants: ["事業番号"], required: true,
                            inputMessage: "変更しないでください。"),
            FieldDefinition(key: "fiscal_year", label: "実施年度", variants: ["年度", "対象年度"], type: .year,
                            inputMessage: "変更しないでください。"),
            FieldDefinition(key: "org_name", label: "団体名", variants: ["団体名称", "実施団体名"], required: true,
                            inputMessage: "変更しないでください。"),
            FieldDefinition(key: "project_name", label: "事業名", variants: ["事業名称", "協働事業名"], required: true,
                            inputMessage: "変更しないでください。"),
            FieldDefinition(key: "department", label: "担当課", variants: ["協働部署", "担当部署"]),
            FieldDefinition(key: "collaboration_form", label: "協働の形態", variants: ["協働形態"]),
            FieldDefinition(key: "category", label: "募集区分", variants: ["応募区分"]),
            FieldDefinition(key: "local_issue", label: "地域課題", variants: ["地域の課題"], directions: [.right]),
            FieldDefinition(key: "purpose", label: "事業の目的", variants: ["事業目的"], directions: [.right]),
            FieldDefinition(key: "expected_effect", label: "期待される効果", variants: ["期待する効果"], directions: [.right]),
            FieldDefinition(key: "org_comment", label: "団体のコメント", variants: ["団体コメント"], directions: [.right]),
            FieldDefinition(key: "city_comment", label: "市のコメント", variants: ["市コメント"], directions: [.right]),
            FieldDefinition(key: "overall", label: "*総合評価", variants: ["総合評価"], directions: [.right],
                            required: true, type: .score,
                            inputMessage: "事業全体の評価を 1（低い）〜5（高い）から選んでください（必須）。"),
            FieldDefinition(key: "findings", label: "*所見", variants: ["所見", "評価者の所見", "評価所見"],
                            directions: [.right], required: true,
                            inputMessage: "評価の理由と事業への所見を記入してください（必須）。"),
            FieldDefinition(key: "suggestions", label: "改善への提案", variants: ["改善提案", "改善に向けた提案"],
                            directions: [.right], inputMessage: "今後の改善に向けた提案があれば記入してください。"),
            FieldDefinition(key: "evaluator", label: "*評価者（氏名またはコード）",
                            variants: ["評価者", "評価者名", "評価委員"], directions: [.right], required: true,
                            inputMessage: "評価者の氏名またはコードを入力してください（必須）。"),
            FieldDefinition(key: "evaluated_on", label: "記入日", variants: ["評価日"], directions: [.right],
                            inputMessage: "例：2025/3/10"),
        ]
        var names: [Viewpoint: [String]] = [:]
        for viewpoint in Viewpoint.allCases { names[viewpoint] = [viewpoint.name] }
        let table = ViewpointTableDefinition(
            names: names,
            scoreHeaders: ["*評価者の評価", "評価者の評価", "第三者の評価", "第三者評価", "委員の評価"],
            cityScoreHeaders: [], commentHeaders: [],
            viewpointHeader: "ふりかえりの視点")
        return FormDefinition(kind: .evaluation, title: "協働事業 第三者評価票", fields: fields,
                              viewpointTable: table,
                              signatureKeys: ["project_id", "overall", "findings", "evaluator"])
            .adjusted(by: settings)
    }
}
