import Core
import Foundation
import Testing
@testable import Reports
import Validation

/// The pieces of the 事例集 that a browser relies on: escaping, the JavaScript literal, the bigram index.
struct CaseSiteSearchDataTests {
    @Test func htmlEscapingLeavesNothingThatParsesAsMarkup() {
        #expect(HTMLText.escape("<script>alert(\"x&y\")</script> 'q'") == "&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt; &#39;q&#39;")
        #expect(HTMLText.escape("広報") == "広報")
        #expect(HTMLText.lines("一行目\r\n<b>二行目</b>") == "一行目<br>&lt;b&gt;二行目&lt;/b&gt;")
    }

    @Test func theJavaScriptLiteralHasNoLessThanSignAndNoRawLineSeparators() throws {
        let value: JSONValue = .object(["t": .string("</script><!-- \u{2028}\u{2029} & \"q\"")])
        let bytes = HTMLText.javaScriptLiteral(value)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("<") && !text.contains("\u{2028}") && !text.contains("\u{2029}"))
        // Still JSON, and the same text once read back.
        let back = try JSONSerialization.jsonObject(with: Data(bytes)) as! [String: String]
        #expect(back["t"] == "</script><!-- \u{2028}\u{2029} & \"q\"")
    }

    @Test func theBigramIndexListsEveryTextHoldingEachPairOfFoldedCharacters() {
        let texts = ["広報の工夫", "ＮＰＯの広報", "npo", "x", "広報広報"]
        var index: [String: String] = [:]
        for (bigram, list) in CaseSiteSearchData.bigramIndex(texts) {
            index[CaseSiteSearchData.bigramText(bigram)] = String(decoding: list.bytes, as: UTF8.self)
        }
        func decode(_ list: String?) -> [Int] {
            var n = 0
            return (list ?? "").split(separator: ",").map { n += Int($0, radix: 36)!; return n }
        }
        #expect(decode(index["広報"]) == [0, 1, 4])
        #expect(decode(index["np"]) == [1, 2], "ＮＰＯ folds to npo")
        #expect(decode(index["報広"]) == [4])
        #expect(index["ＮＰ"] == nil && index["NP"] == nil)
        // Every bigram of every text is there: the oracle folds the whole text with Foundation.
        for (i, text) in texts.enumerated() {
            let folded = Array(text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars)
            for k in 0..<max(0, folded.count - 1) {
                let bigram = String(String.UnicodeScalarView(folded[k...k + 1]))
                #expect(decode(index[bigram]).contains(i), "\(bigram) of \(text)")
            }
        }
        // Posting lists over 36 apart are written in base 36.
        let many = (0..<100).map { $0 == 0 || $0 == 99 ? "広報" : "他" }
        let list = CaseSiteSearchData.bigramIndex(many).first { CaseSiteSearchData.bigramText($0.key) == "広報" }
        #expect(list.map { String(decoding: $0.value.bytes, as: UTF8.self) } == "0,2r")
    }

    @Test func snippetsMarkEveryMatchInTheOriginalText() throws {
        let pieces = try #require(SearchFolding.snippet("ＮＰＯと協働し、npoの広報を強化", words: ["npo", "広報"]))
        #expect(pieces.map { $0.text } == ["ＮＰＯ", "と協働し、", "npo", "の", "広報", "を強化"])
        #expect(pieces.map { $0.isMatch } == [true, false, true, false, true, false])
        #expect(SearchFolding.snippet("関係のない文", words: ["広報"]) == nil)
        let long = String(repeating: "あ", count: 100) + "広報" + String(repeating: "い", count: 100)
        let cut = try #require(SearchFolding.snippet(long, words: ["広報"]))
        #expect(cut.first?.text == "…" && cut.last?.text == "…" && cut.contains { $0.isMatch && $0.text == "広報" })
    }
}

struct CaseSiteTextTests {
    @Test func meansAreWrittenAsPrintfWritesThem() {
        for value in [0.0, 1.0, 3.857142857, 4.005, 4.995, 2.1, 5.0, 3.125] {
            #expect(CaseSiteText.fixed(value, digits: 2) == String(format: "%.2f", (value * 100).rounded() / 100), "\(value)")
            #expect(CaseSiteText.fixed(value, digits: 1) == String(format: "%.1f", (value * 10).rounded() / 10), "\(value)")
        }
    }
}
