import Core
import Foundation
import Testing
@testable import Forms

@Suite struct LabelTextTests {
    @Test func asteriskOfEitherWidthAndSpacesAreIgnored() {
        let printed = LabelText("*団体のコメント").key
        #expect(LabelText("＊ 団体の　コメント").key == printed)
        #expect(LabelText("団体 の コメント").key == printed)
        #expect(LabelText("※団体のコメント：").key == printed)
    }

    @Test func lineBreaksInsideTheLabelCellAreIgnored() {
        #expect(LabelText("補助金\n申請額").key == LabelText("補助金申請額").key)
        #expect(LabelText("総事業費\r\n（円）").keyWithoutParentheses == "総事業費")
    }

    @Test func parenthesisedPartIsDroppedInEitherWidth() {
        let full = LabelText("*団体のコメント（今後に向けての課題・改善策・要望など）")
        let half = LabelText("団体のコメント(今後に向けての課題)")
        #expect(full.keyWithoutParentheses == "団体のコメント")
        #expect(half.keyWithoutParentheses == "団体のコメント")
        #expect(full.key != full.keyWithoutParentheses)
    }

    @Test func circledNumberIsReadBeforeNFKCWouldTurnItIntoADigit() {
        let label = LabelText("①協働の有効性")
        #expect(label.number == 1)
        #expect(label.key == "協働の有効性")
        #expect(LabelText("⑦団体の満足度").number == 7)
        #expect(LabelText("(3)目的の共有").number == 3)
        #expect(LabelText("4．目的の達成度").number == 4)
        #expect(LabelText("4．目的の達成度").key == "目的の達成度")
    }

    @Test func yearLikeDigitsAreNotTakenForALabelNumber() {
        #expect(LabelText("2024年度").number == nil)
        #expect(LabelText("2024年度").key == "2024年度")
    }
}

@Suite struct NFKCShortcutTests {
    @Test func shortcutGivesTheSameResultAsFullNFKC() {
        let samples = ["団体名", "ふりかえりの視点", "ｶﾀｶﾅ", "１２３", "補助･助成", "㈱テスト", "Ⅲ期", "か\u{3099}", "ABC def",
                       "令和６年度", "①協働", "【団体名】", "〜", "＊団体名", "\u{3000}事業名", "ﾃﾞｰﾀ", "々", "ヴ"]
        for text in samples {
            #expect(UnicodeFolding.nfkc(text) == text.precomposedStringWithCompatibilityMapping, "\(text)")
        }
    }

    /// The one fold table holds only scalars that NFKC leaves as they are.
    @Test func everyScalarOfTheFoldTableIsItsOwnNFKC() {
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value), UnicodeFolding.isLeftAloneByNFKC(scalar) else { continue }
            let text = String(scalar)
            #expect(text.precomposedStringWithCompatibilityMapping.unicodeScalars.elementsEqual([scalar]), "U+\(String(value, radix: 16))")
            #expect(UnicodeFolding.isKeptAsItIs(scalar) == !scalar.properties.isWhitespace)
        }
    }
}

@Suite struct WhitespaceTableTests {
    @Test func whitespaceSwitchAgreesWithTheUnicodeProperty() {
        for value in UInt32(0)...0x3100 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(LabelText.isWhitespace(scalar) == scalar.properties.isWhitespace, "U+\(String(value, radix: 16))")
        }
    }
}
