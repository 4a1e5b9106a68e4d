import Core
import Testing
import XLSX
@testable import Forms

/// How office notations are read on their own: years inside titles and names, dropdown score texts,
/// ticked boxes.
@Suite struct OfficeNotationTests {
    @Test(arguments: [
        ("令和6年度 協働事業ふりかえりシート（最終）", [2024]),
        ("R6_みどりの会_最終.xlsx", [2024]),
        ("R06_アート展_最終", [2024]),
        ("2024年度　ふりかえり", [2024]),
        ("令和元年度", [2019]),
        ("平成30年度 事業報告", [2018]),
        ("Ｒ６　ふりかえり", [2024]),
        ("提出日：令和7年3月31日", []),
        ("R7.3.31 提出", []),
        ("R6年3月", []),
        ("2025年3月31日", []),
        ("NPO法人R6ネット", []),
        ("RR6", []),
        ("令和6年度から令和7年度へ", [2024, 2025]),
    ])
    func fiscalYearsInsideText(text: String, years: [Int]) {
        #expect(FiscalYearText.years(in: text) == years, "\(text)")
    }

    /// The one parser of years as staff type them: cells, `--year`, settings.
    @Test func fiscalYearsAreReadFromTheUsualSpellings() {
        for text in ["令和6年度", "R6", "r6", "2024年度", "2024", "２０２４", "令和６年度"] {
            #expect(FiscalYearText.parse(text) == 2024, "\(text)")
        }
        #expect(FiscalYearText.parse("令和元年度") == 2019)
        #expect(FiscalYearText.parse("H30") == 2018)
        for text in ["", "来年", "R", "12", "令和百年度"] { #expect(FiscalYearText.parse(text) == nil, "\(text)") }
    }

    @Test func aFiscalYearCellIsReadAsBefore() {
        #expect(FiscalYearText.parse("令和6年度") == 2024)
        #expect(FiscalYearText.parse("R6") == 2024)
        #expect(FiscalYearText.parse("２０２４年度") == 2024)
        #expect(FiscalYearText.parse("令和6年") == 2024)
        #expect(FiscalYearText.parse("令和") == nil)
        #expect(FiscalYearText.parse("6") == nil)
    }

    @Test(arguments: [("4：良い", 4), ("4:良い", 4), ("4 良い", 4), ("4．良い", 4), ("５：とても良い", 5), ("1)不十分", 1)])
    func dropdownTextsGiveTheirLevel(text: String, level: Int) {
        let reading = ValueReader.read(.text(text), as: .score)
        #expect(reading.value == .integer(level))
        #expect(reading.normalisation != nil)
    }

    @Test(arguments: ["4.5", "45", "4点", "良い", "6：最高"])
    func textsThatAreNotALevelWithWords(text: String) {
        #expect(ValueReader.scoreWithWords(text.foldedForComparison) == nil, "\(text)")
    }

    static let a1 = CellReference(row: 0, column: 1), b1 = CellReference(row: 0, column: 2), c1 = CellReference(row: 0, column: 3)

    @Test func oneTickedBoxInOneCell() {
        let choices = MarkedChoices(cells: [(Self.a1, "☑新規チャレンジ部門　□継続ステップアップ部門")])
        #expect(choices.options.map(\.text) == ["新規チャレンジ部門", "継続ステップアップ部門"])
        let reading = choices.reading(choices: ["新規チャレンジ部門", "継続ステップアップ部門"])
        #expect(reading?.value == .text("新規チャレンジ部門"))
        #expect(reading?.doubt == nil)
    }

    @Test func marksInCellsOfTheirOwnAndOptionsWithoutMarks() {
        let choices = MarkedChoices(cells: [(Self.a1, "委託"), (Self.b1, "●"), (Self.c1, "共催")])
        #expect(choices.ticked.map(\.text) == ["共催"])
        #expect(choices.ticked.first?.cell == Self.c1)
        let spaced = MarkedChoices(cells: [(Self.a1, "■ 中間　□ 最終")])
        #expect(spaced.ticked.map(\.text) == ["中間"])
    }

    @Test func noneOrSeveralTickedAreDoubts() {
        let none = MarkedChoices(cells: [(Self.a1, "□中間　□最終")]).reading(choices: ["中間", "最終"])
        #expect(none?.value == .blank && none?.doubt == .noChoice && none?.cell == Self.a1)
        let both = MarkedChoices(cells: [(Self.a1, "☑中間"), (Self.b1, "✓最終")]).reading(choices: ["中間", "最終"])
        #expect(both?.value == .unreadable("中間・最終"))
        #expect(both?.doubt == .severalChoices(["中間", "最終"]))
        #expect(both?.cell == Self.a1)
    }

    @Test func roundMarksCountOnlyBeforeAChoice() {
        #expect(MarkedChoices.looksMarked("○委託", choices: ["委託", "共催"]))
        #expect(!MarkedChoices.looksMarked("●●課", choices: ["文化振興課"]))
        #expect(MarkedChoices.looksMarked("□委託", choices: []))
    }
}
