/// An in-cell dropdown (`<dataValidation type="list">`): the cells it covers and where its items come from.
public struct ListValidation: Hashable, Sendable {
    public var ranges: [CellRange]
    /// The items of a literal list (`"4：良い,3：普通"`).
    public var items: [String]
    /// A range on the same sheet holding the items (`$H$1:$H$5`), when the list is not literal.
    public var sourceRange: CellRange?

    public init(ranges: [CellRange], items: [String] = [], sourceRange: CellRange? = nil) {
        self.ranges = ranges
        self.items = items
        self.sourceRange = sourceRange
    }

    public func covers(_ ref: CellReference) -> Bool { ranges.contains { $0.contains(ref) } }

    /// Reads `formula1` as Excel writes it: a quoted comma-separated list, or a reference on this
    /// sheet. Lists from other sheets or named ranges are left out (nil): their items are not at hand.
    init?(sqref: String, formula: String) {
        let ranges = sqref.split(separator: " ").compactMap { CellRange(a1: String($0)) }
        guard !ranges.isEmpty else { return nil }
        let text = formula.trimmingSpaces
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") {
            // Inside the quotes a quote is doubled.
            var inner = ""
            var previousWasQuote = false
            for character in text.dropFirst().dropLast() {
                if character == "\"" && previousWasQuote { previousWasQuote = false; continue }
                previousWasQuote = character == "\""
                inner.append(character)
            }
            self.init(ranges: ranges, items: inner.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
        } else if let range = CellRange(a1: text) {
            self.init(ranges: ranges, sourceRange: range)
        } else {
            return nil
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
