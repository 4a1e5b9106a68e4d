import Settings
import Testing
import XLSX
@testable import Forms

private func ref(_ a1: String) -> CellReference { CellReference(a1: a1)! }

@Suite struct SeedTableExtractionTests {
    let extractor = FormExtractor()

    @Test func seedTableReadsEveryFieldAtItsCell() throws {
        let form = try #require(extractor.extract(seedTableGrid()))
        #expect(form.kind == .reflection)
        #expect(form.sheet == "ふりかえり")
        #expect(form["org_name"]?.value == .text("NPO法人にしとうきょう多文化ネット"))
        #expect(form["org_name"]?.cell == ref("A3"))
        #expect(form["org_name"]?.labelCell == ref("A1"))
        #expect(form["project_name"]?.cell == ref("B3"))
        #expect(form["project_name"]?.value == .text("多言語情報提供事業"))
        let scores = [4, 3, 5, 4, 3, 4, 5]
        for (offset, viewpoint) in Viewpoint.allCases.enumerated() {
            let reading = try #require(form["scores.\(viewpoint.rawValue)"])
            #expect(reading.cell == CellReference(row: 2 + offset, column: 3))
            #expect(reading.value == .integer(scores[offset]))
            #expect(reading.labelCell == CellReference(row: 2 + offset, column: 2))
            #expect(reading.label == viewpoint.label)
            #expect(form["comments.\(viewpoint.rawValue)"]?.cell == CellReference(row: 2 + offset, column: 4))
            #expect(form["city_scores.\(viewpoint.rawValue)"] == nil)
        }
        #expect(form["comments.effectiveness"]?.value == .text("翻訳ボランティアとの連携で発行が安定した"))
        #expect(form["comments.goal_setting"]?.value == .blank)
        #expect(form["org_comment"]?.cell == ref("D10"))
        #expect(form["org_comment"]?.labelCell == ref("C10"))
        #expect(form["org_comment"]?.value == .text("翻訳者の確保が課題です。"))
        #expect(form["city_comment"]?.cell == ref("D11"))
        #expect(form["outlook"]?.cell == ref("D12"))
        #expect(form["fiscal_year"] == nil)
        #expect(form["phase"] == nil)
    }

    @Test func titleRowsAndColumnsInsertedMoveEveryCell() throws {
        var grid = shifted(seedTableGrid(), rows: 3, columns: 1)
        grid.cells[ref("A1")] = .text("令和6年度 協働事業ふりかえりシート")
        grid.cells[ref("B2")] = .text("実施年度")
        grid.cells[ref("C2")] = .text("令和6年度")
        let form = try #require(extractor.extract(grid))
        #expect(form["org_name"]?.cell == ref("B6"))
        #expect(form["scores.effectiveness"]?.cell == ref("E6"))
        #expect(form["scores.org_satisfaction"]?.cell == ref("E12"))
        #expect(form["org_comment"]?.cell == ref("E13"))
        #expect(form["fiscal_year"]?.value == .fiscalYear(2024))
        #expect(form["fiscal_year"]?.cell == ref("C2"))
    }

    @Test func blankValuesPointAtTheCellWhereTheyShouldBeTyped() throws {
        var grid = seedTableGrid(scores: [4, "", 3.5, "4点", "A", 6, "５"], orgName: "")
        grid.cells[ref("D11")] = nil
        let form = try #require(extractor.extract(grid))
        #expect(form["org_name"]?.value == .blank)
        #expect(form["org_name"]?.cell == ref("A3"))
        #expect(form["scores.goal_setting"]?.value == .blank)
        #expect(form["scores.goal_setting"]?.cell == ref("D4"))
        #expect(form["scores.goal_sharing"]?.value == .decimal(3.5))
        #expect(form["scores.achievement"]?.value == .integer(4))
        #expect(form["scores.achievement"]?.normalisation != nil)
        #expect(form["scores.cooperation"]?.value == .unreadable("A"))
        #expect(form["scores.beneficiary_satisfaction"]?.value == .integer(6))
        #expect(form["scores.org_satisfaction"]?.value == .integer(5))
        #expect(form["city_comment"]?.value == .blank)
        #expect(form["city_comment"]?.cell == ref("D11"))
    }
}

@Suite struct LabelLeftExtractionTests {
    let extractor = FormExtractor()

    /// A form with labels in column A, values in B, a viewpoint table with 市の評価 and retyped labels.
    func labelLeftGrid() -> SheetGrid {
        makeGrid("R6最終", [
            "A1": "協働事業 ふりかえりシート",
            "A3": "＊団体名", "B3": "こそだてネットワーク西東京",
            "A4": "事業名　", "B4": "こそだてフェスタ@西東京",
            "A5": "実施年度", "B5": "R6",
            "A6": "ふりかえりの時期\n（中間・最終）", "B6": "最終",
            "A7": "担当課", "B7": "児童青少年課",
            "A9": "ふりかえりの視点", "B9": "評価", "C9": "市の評価", "D9": "団体のコメント",
            "A10": "1. 協働の有効性", "B10": 5, "C10": 3, "D10": "来場者が倍増",
            "A11": "②目的の設定", "B11": "４", "C11": 4,
            "A12": "③ 目的 の 共有", "B12": 4, "C12": 4,
            "A13": "④目的の達成度", "B13": 4, "C13": 4,
            "A14": "⑤協力体制", "B14": 5, "C14": 5,
            "A15": "⑥受益者の満足度", "B15": 4, "C15": 4,
            "A16": "⑦団体の満足度", "B16": 5, "C16": 5,
            "A18": "団体のコメント（今後に向けての課題・改善策・要望など）", "B18": "会場の確保が課題",
            "A19": "市 の コメント", "B19": "次年度も共催で実施",
            "A20": "今後の展望", "B20": "近隣市との連携",
        ], merged: ["A1:D1", "B18:D18", "B19:D19", "B20:D20"])
    }

    @Test func labelLeftFormWithCityScoresAndRetypedLabels() throws {
        let form = try #require(extractor.extract(labelLeftGrid()))
        #expect(form.kind == .reflection)
        #expect(form["org_name"]?.cell == ref("B3"))
        #expect(form["org_name"]?.label == "＊団体名")
        #expect(form["project_name"]?.value == .text("こそだてフェスタ@西東京"))
        #expect(form["fiscal_year"]?.value == .fiscalYear(2024))
        #expect(form["phase"]?.value == .text("最終"))
        #expect(form["phase"]?.cell == ref("B6"))
        #expect(form["department"]?.value == .text("児童青少年課"))
        #expect(form["scores.effectiveness"]?.cell == ref("B10"))
        #expect(form["scores.effectiveness"]?.value == .integer(5))
        #expect(form["city_scores.effectiveness"]?.cell == ref("C10"))
        #expect(form["city_scores.effectiveness"]?.value == .integer(3))
        #expect(form["scores.goal_setting"]?.value == .integer(4))
        #expect(form["scores.goal_setting"]?.normalisation?.contains("全角") == true)
        #expect(form["scores.goal_sharing"]?.cell == ref("B12"))
        #expect(form["comments.effectiveness"]?.cell == ref("D10"))
        #expect(form["comments.goal_setting"]?.cell == ref("D11"))
        #expect(form["org_comment"]?.cell == ref("B18"))
        #expect(form["org_comment"]?.value == .text("会場の確保が課題"))
        #expect(form["city_comment"]?.cell == ref("B19"))
        #expect(form["outlook"]?.cell == ref("B20"))
    }

    @Test func viewpointRowsFoundByCircledNumberAlone() throws {
        var grid = labelLeftGrid()
        grid.cells[ref("A13")] = .text("④事業目標はどの程度達成されたか")
        let form = try #require(extractor.extract(grid))
        #expect(form["scores.achievement"]?.cell == ref("B13"))
    }

    @Test func sheetsThatAreNotFormsAreSkipped() {
        #expect(extractor.extract(makeGrid("集計", ["A1": "団体名", "B1": "件数", "A2": "NPO法人A", "B2": 3])) == nil)
        #expect(extractor.extract(makeGrid("メモ", [:])) == nil)
        #expect(extractor.extract(makeGrid("一覧", ["A1": "①協働の有効性", "A2": "②目的の設定"])) == nil)
    }

    @Test func officeLabelsFromSettingsAreRecognised() throws {
        var grid = labelLeftGrid()
        grid.cells[ref("A3")] = .text("活動団体")
        #expect(try #require(extractor.extract(grid))["org_name"] == nil)
        var settings = Settings.defaults
        settings.labels["org_name"] = ["活動団体"]
        let form = try #require(FormExtractor(settings: settings).extract(grid))
        #expect(form["org_name"]?.value == .text("こそだてネットワーク西東京"))
    }

    @Test func labelAndValueInOneCellSeparatedByAColon() throws {
        var grid = labelLeftGrid()
        grid.cells[ref("A3")] = .text("団体名：こそだてネットワーク西東京")
        grid.cells[ref("B3")] = nil
        let form = try #require(extractor.extract(grid))
        #expect(form["org_name"]?.value == .text("こそだてネットワーク西東京"))
        #expect(form["org_name"]?.cell == ref("A3"))
        #expect(form["org_name"]?.label == "団体名")
    }
}

@Suite struct ProposalExtractionTests {
    @Test func proposalFieldsTypedWithTheirCells() throws {
        let grid = makeGrid("企画提案書", [
            "A1": "NPO等企画提案事業 企画提案書",
            "A3": "団体名", "B3": "ケアラーズカフェ西東京",
            "A4": "代表者氏名", "B4": "田中 花子",
            "A5": "所在地", "B5": "西東京市田無町1-2-3",
            "A6": "電話番号", "B6": "042-000-1234",
            "A7": "メールアドレス", "B7": "info@example.org",
            "A8": "事業名", "B8": "ケアラー（在宅介護者）支援…傾聴と認知症から学ぶ",
            "A9": "実施年度", "B9": "令和7年度",
            "A10": "募集区分", "B10": "新規チャレンジ部門",
            "A11": "募集の種類", "B11": "テーマ設定型",
            "A12": "テーマ", "B12": "地域で支える介護",
            "A13": "協働の形態", "B13": "補助・助成",
            "A14": "担当課", "B14": "高齢者支援課",
            "A15": "継続年数", "B15": "1年目",
            "A16": "地域課題", "B16": "介護者の孤立",
            "A17": "事業の目的", "B17": "傾聴できる支援者を育てる",
            "A18": "事業内容", "B18": "講座と実践体験会",
            "A19": "期待される効果", "B19": "介護者の負担軽減",
            "A20": "団体の役割", "B20": "講座の企画・運営",
            "A21": "市の役割", "B21": "広報と会場の提供",
            "A22": "総事業費（円）", "B22": "1,200,000円",
            "A23": "補助金\n申請額", "B23": "120万円",
        ], merged: ["A1:D1", "B16:D16"])
        let form = try #require(FormExtractor().extract(grid))
        #expect(form.kind == .proposal)
        #expect(form["org_name"]?.value == .text("ケアラーズカフェ西東京"))
        #expect(form["representative"]?.cell == ref("B4"))
        #expect(form["email"]?.value == .text("info@example.org"))
        #expect(form["fiscal_year"]?.value == .fiscalYear(2025))
        #expect(form["category"]?.value == .text("新規チャレンジ部門"))
        #expect(form["proposal_type"]?.value == .text("テーマ設定型"))
        #expect(form["theme"]?.cell == ref("B12"))
        #expect(form["collaboration_form"]?.value == .text("補助・助成"))
        #expect(form["department"]?.value == .text("高齢者支援課"))
        #expect(form["year_number"]?.value == .integer(1))
        #expect(form["local_issue"]?.cell == ref("B16"))
        #expect(form["total_cost"]?.value == .yen(1_200_000))
        #expect(form["total_cost"]?.cell == ref("B22"))
        #expect(form["requested_amount"]?.value == .yen(1_200_000))
        #expect(form["requested_amount"]?.labelCell == ref("A23"))
        #expect(form["requested_amount"]?.label == "補助金 申請額")
        #expect(form.fields.count == 21)
    }

    @Test func headerRowLayoutReadsValuesBelowTheirLabels() throws {
        let grid = makeGrid("提案", [
            "A1": "団体名", "B1": "事業名", "C1": "募集区分", "D1": "募集の種類", "E1": "協働の形態",
            "A2": "みどりの会", "B2": "小規模公園・緑地活用事業", "C2": "継続ステップアップ部門",
            "E2": "事業協力",
        ])
        let form = try #require(FormExtractor().extract(grid))
        #expect(form["org_name"]?.cell == ref("A2"))
        #expect(form["category"]?.cell == ref("C2"))
        #expect(form["proposal_type"]?.value == .blank)
        #expect(form["proposal_type"]?.cell == ref("D2"))
        #expect(form["collaboration_form"]?.value == .text("事業協力"))
    }

    @Test func definitionsHaveNoLabelClaimedByTwoFields() {
        for definition in FormDefinition.all(settings: .defaults) {
            var owner: [String: String] = [:]
            for field in definition.fields {
                for label in field.allLabels {
                    let key = LabelText(label).keyWithoutParentheses
                    #expect(owner[key] == nil || owner[key] == field.key, "\(label) in \(definition.kind)")
                    owner[key] = field.key
                }
            }
        }
    }
}

@Suite struct ViewpointTableDefinitionTests {
    @Test func tableHeadersOfDifferentColumnsNeverFoldToTheSameKey() throws {
        let table = try #require(FormDefinition.reflection().viewpointTable)
        let score = Set(table.scoreHeaders.map { LabelText($0).keyWithoutParentheses })
        let city = Set(table.cityScoreHeaders.map { LabelText($0).keyWithoutParentheses })
        let comment = Set(table.commentHeaders.map { LabelText($0).keyWithoutParentheses })
        #expect(score.isDisjoint(with: city))
        #expect(score.isDisjoint(with: comment))
        #expect(city.isDisjoint(with: comment))
    }
}

@Suite struct ValuePlacementTests {
    @Test func valueAfterAnEmptyGapColumnIsFound() throws {
        let grid = makeGrid("提案", [
            "A1": "団体名", "C1": "みどりの会", "A2": "募集区分", "C2": "新規チャレンジ部門",
            "A3": "協働の形態", "A4": "総事業費", "C4": 500000,
        ])
        let form = try #require(FormExtractor().extract(grid))
        #expect(form["org_name"]?.cell.a1 == "C1")
        #expect(form["category"]?.value == .text("新規チャレンジ部門"))
        #expect(form["collaboration_form"]?.value == .blank)
        #expect(form["collaboration_form"]?.cell.a1 == "B3")
        #expect(form["total_cost"]?.value == .yen(500_000))
    }

    @Test func sheetWithOnlyLabelsBothFormsShareIsNotAProposal() {
        let grid = makeGrid("名簿", ["A1": "団体名", "B1": "事業名", "C1": "担当課", "A2": "みどりの会"])
        #expect(FormExtractor().extract(grid) == nil)
    }

    @Test func departmentsFromSettingsAreTheChoices() throws {
        var settings = Settings.defaults
        settings.departments = ["まちづくり推進課", "道路課"]
        var grid = LabelLeftExtractionTests().labelLeftGrid()
        grid.cells[CellReference(a1: "B7")!] = .text("都市整備部 道路課")
        let form = try #require(FormExtractor(settings: settings).extract(grid))
        #expect(form["department"]?.value == .text("道路課"))
        #expect(form["department"]?.normalisation?.contains("道路課") == true)
    }
}

@Suite struct SettingsFileLabelTests {
    @Test func settingsFileAddsFieldLabelsViewpointNamesAndTableHeaders() throws {
        let settings = try Settings.parse(yaml: """
        labels:
          org_name: [活動団体]
          scores.achievement: [成果の達成]
          scores: [団体の点数]
          city_scores: [担当課の点数]
        """)
        let grid = makeGrid("独自様式", [
            "A1": "活動団体", "B1": "にしはらの会",
            "A3": "視点", "B3": "団体の点数", "C3": "担当課の点数",
            "A4": "①協働の有効性", "B4": 4, "C4": 3,
            "A5": "②目的の設定", "B5": 4, "C5": 4,
            "A6": "③目的の共有", "B6": 3, "C6": 4,
            "A7": "成果の達成", "B7": 2, "C7": 4,
        ])
        #expect(FormExtractor().extract(grid).map { $0["city_scores.effectiveness"] == nil } ?? true)
        let form = try #require(FormExtractor(settings: settings).extract(grid))
        #expect(form["org_name"]?.value == .text("にしはらの会"))
        #expect(form["scores.achievement"]?.cell.a1 == "B7")
        #expect(form["scores.achievement"]?.value == .integer(2))
        #expect(form["city_scores.effectiveness"]?.cell.a1 == "C4")
        #expect(form["city_scores.effectiveness"]?.value == .integer(3))
    }
}

@Suite struct HintCellTests {
    @Test func aPrintedHintBesideABlankValueIsNotTakenAsTheValue() throws {
        var grid = LabelLeftExtractionTests().labelLeftGrid()
        grid.cells[CellReference(a1: "B3")!] = nil
        grid.cells[CellReference(a1: "E3")!] = .text("※正式名称で記入してください")
        grid.cells[CellReference(a1: "B5")!] = nil
        grid.cells[CellReference(a1: "C5")!] = .text("例：令和6年度")
        let form = try #require(FormExtractor().extract(grid))
        #expect(form["org_name"]?.value == .blank)
        #expect(form["org_name"]?.cell.a1 == "B3")
        #expect(form["fiscal_year"]?.value == .blank)
        #expect(form["fiscal_year"]?.cell.a1 == "B5")
    }
}
