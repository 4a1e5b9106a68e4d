import Testing
import XLSX
@testable import Forms

/// The character-by-character rule `isHint` had before its fast path, kept as the reference.
private func referenceIsHint(_ text: String) -> Bool {
    let start = text.drop { $0.isWhitespace }
    return start.hasPrefix("※") || start.hasPrefix("例：") || start.hasPrefix("例:") || start.hasPrefix("（例")
        || start.hasPrefix("(例")
}

@Test func hintsAreTheSameWithTheFastPath() {
    let index = SheetIndex(grid: SheetGrid(name: "S"), vocabulary: FormExtractor().vocabulary)
    let reading = SheetReading(index: index, viewpointCells: [])
    let texts = ["※正式名称で", "例：令和6年度", "例:R6", "（例）中間", "(例) 最終", " ※全角", "\u{3000}例：x", "\n(例",
                 "\u{F9B5}：互換漢字", "例", "（", "NPO法人ひまわり", "令和6年度", "", " ", "\u{301}※", " \u{301}※",
                 "※\u{301}", "例\u{301}：", "a※", "１※", "\u{FF08}例", "\u{FE59}例"]
    for text in texts {
        #expect(reading.isHint(.text(text)) == referenceIsHint(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }
    #expect(!reading.isHint(.number(1)))
}
