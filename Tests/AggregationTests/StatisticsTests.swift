import Testing
@testable import Aggregation

@Test func statisticsOfThreeScoresMatchHandComputation() {
    // 5, 2, 4: mean 11/3, median 4, sample variance ((4/3)² + (5/3)² + (1/3)²) / 2 = 7/3.
    let stats = ScoreStatistics(scores: [5, 2, 4])
    #expect(stats.n == 3)
    #expect(abs(stats.mean! - 11.0 / 3.0) < 1e-12)
    #expect(stats.median == 4)
    #expect(abs(stats.standardDeviation! - (7.0 / 3.0).squareRoot()) < 1e-12)
    #expect(stats.counts == [0, 1, 0, 1, 1])
    #expect(abs(stats.shareFourOrAbove! - 2.0 / 3.0) < 1e-12)
}

@Test func medianOfAnEvenCountIsTheMiddlePairsMean() {
    #expect(ScoreStatistics(scores: [1, 4, 2, 5]).median == 3)
}

@Test func emptyAndSingleScoreHaveNoSpread() {
    let empty = ScoreStatistics(scores: [])
    #expect(empty.n == 0 && empty.mean == nil && empty.median == nil && empty.shareFourOrAbove == nil)
    let one = ScoreStatistics(scores: [3])
    #expect(one.mean == 3 && one.standardDeviation == nil && one.shareFourOrAbove == 0)
}

@Test func namesAreNormalisedWithNFKCAndWithoutSpaces() {
    #expect(NameNormalizer.normalize("ＮＰＯ法人　まちづくり") == "NPO法人まちづくり")
    #expect(NameNormalizer.normalize(" 公園 清掃\t") == "公園清掃")
    #expect(NameNormalizer.normalize("ｶﾞｰﾃﾞﾝ") == "ガーデン")
}

@Test func fiscalYearsAreLabelledInTheJapaneseEra() {
    #expect(FiscalYearLabel.japanese(2024) == "令和6年度")
    #expect(FiscalYearLabel.japanese(2019) == "令和元年度")
    #expect(FiscalYearLabel.japanese(2018) == "平成30年度")
    #expect(FiscalYearLabel.short(2024) == "R6")
}

@Test func anonymousCodesRunThroughLettersAndNumbers() {
    #expect(Anonymizer.code(0) == "団体A01")
    #expect(Anonymizer.code(98) == "団体A99")
    #expect(Anonymizer.code(99) == "団体B01")
    #expect(Anonymizer.code(99 * 26) == "団体AA01")
}

@Test func phraseReplacerPrefersTheLongestMatchAndLeavesOtherTextAlone() {
    let replacer = PhraseReplacer([(phrase: "山田", replacement: "＊"), (phrase: "山田太郎", replacement: "＊＊"),
                                   (phrase: "x", replacement: "ignored: too short")])
    #expect(replacer.replace(in: "代表は山田太郎、副は山田花子。x") == "代表は＊＊、副は＊花子。x")
    #expect(replacer.replace(in: "該当なし") == "該当なし")
    #expect(replacer.replace(in: "山") == "山")
    #expect(replacer.replace(in: "末尾が山田") == "末尾が＊")
}
