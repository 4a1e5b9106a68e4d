import Foundation
import Testing
@testable import Aggregation

/// Names already in normal form skip Foundation: that set must be exactly right.
struct NameNormalizerTests {
    /// Every scalar `isNormal` accepts.
    static let acceptedRanges: [ClosedRange<UInt32>] = [0x21...0x7E, 0x3005...0x3007, 0x3041...0x3096, 0x30A1...0x30FC, 0x4E00...0x9FFF]

    @Test func everyCharacterTakenAsNormalIsLeftAsItIsByNFKCAndIsNoSpace() {
        for range in Self.acceptedRanges {
            for value in range {
                let scalar = Unicode.Scalar(value)!
                let text = String(Character(scalar))
                #expect(NameNormalizer.isNormal(text))
                #expect(text.precomposedStringWithCompatibilityMapping == text, "U+\(String(value, radix: 16))")
                #expect(!scalar.properties.isWhitespace)
            }
        }
    }

    @Test func namesThatNFKCChangesAreNotTakenAsNormal() {
        for name in ["ＮＰＯ法人みどり", "ﾐﾄﾞﾘ", "みどり　の会", "みどり の会", "㈱みどり", "①", "か\u{3099}", "ゟ", "ヿ", "﨑田", "\u{200B}会", ""]
            where !name.isEmpty {
            #expect(!NameNormalizer.isNormal(name), "\(name)")
        }
        #expect(NameNormalizer.isNormal(""))
    }

    @Test func normalizeGivesWhatFoundationsNFKCWithoutSpacesGives() {
        for name in ["NPO法人みどりの会", "ＮＰＯ法人　みどり の会", "こそだてフェスタ実行委員会", "ｶﾌｪ・ﾐﾄﾞﾘ", "々〆〇・ー", "A-Team_2024"] {
            let slow = String(String.UnicodeScalarView(name.precomposedStringWithCompatibilityMapping.unicodeScalars
                .filter { !$0.properties.isWhitespace }))
            #expect(NameNormalizer.normalize(name) == slow, "\(name)")
        }
    }
}
