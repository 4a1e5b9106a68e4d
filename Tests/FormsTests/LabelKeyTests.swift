import Testing
@testable import Forms

@Suite struct LabelKeyTests {
    @Test func keysWithTheSameBytesAreEqualAndHashAlike() {
        let a = LabelKey("団体のコメント"), b = LabelKey(String("x団体のコメント".dropFirst()))
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(LabelKey("団体名") != LabelKey("団体"))
        #expect(LabelKey("") == LabelKey(""))
        let table: [LabelKey: Int] = [LabelKey("事業名"): 1, LabelKey("org_name"): 2]
        #expect(table[LabelKey("事業名")] == 1 && table[LabelKey("org_name")] == 2 && table[LabelKey("事業")] == nil)
    }

    @Test func cachedFoldingGivesWhatFoldingGives() {
        let cache = LabelTextCache(capacity: 3)
        let texts = ["＊団体のコメント（今後に向けての課題）：", "①協働の有効性", "1. 実施年度", " ＊市のコメント ", "Org Name"]
        for _ in 0..<2 {
            for text in texts { #expect(cache.labelText(text) == LabelText(text), "\(text)") }
        }
        #expect(cache.count == 3, "stops growing at its capacity")
    }
}

@Test func utf8PrefixMatchesByteForByte() {
    let cases: [(String, String)] = [("協働の有効性について", "協働の有効性"), ("協働", "協働の有効性"), ("abc", ""), ("", ""),
                                     ("", "a"), ("e\u{301}x", "é"), ("éx", "é"), ("目的の設定", "目的の共有")]
    for (text, prefix) in cases {
        #expect(text.hasUTF8Prefix(prefix) == text.utf8.starts(with: prefix.utf8), "\(text) / \(prefix)")
    }
}

@Test func scalarSetHoldsExactlyItsScalars() {
    let members: [Unicode.Scalar] = ["団", "事", "①", "A", "\u{0}", "\u{FFFF}", "\u{10000}", "\u{1F600}"]
    let set = ScalarSet(members)
    for scalar in members { #expect(set.contains(scalar), "\(scalar.value)") }
    for scalar: Unicode.Scalar in ["団".unicodeScalars.first!.successor, "B", "\u{1}", "\u{FFFE}", "\u{10001}", "\u{1F601}"] {
        #expect(!set.contains(scalar), "\(scalar.value)")
    }
}

private extension Unicode.Scalar {
    var successor: Unicode.Scalar { Unicode.Scalar(value + 1)! }
}
