import Core
import Foundation
import Testing

/// `SearchFolding` folds most scalars without Foundation; each such scalar must fold exactly as
/// Foundation's NFKC then lower case does, which is also what the 事例集's script does.
struct SearchFoldingTests {
    /// The scalars the fast paths take: every BMP scalar `foldsToItself` or `asciiFold` answers for.
    static var fastScalars: [Unicode.Scalar] {
        (0...0xFFFF).compactMap { value -> Unicode.Scalar? in
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return UnicodeFolding.isLeftAloneByNFKC(scalar) || (0xFF01...0xFF5E).contains(value) || value == 0x3000 ? scalar : nil
        }
    }

    @Test func fastPathsFoldAsFoundationsNFKCAndLowerCase() {
        var differing: [String] = []
        for scalar in Self.fastScalars {
            let expected = String(scalar).precomposedStringWithCompatibilityMapping.lowercased()
            let folded = SearchFolding.fold(String(scalar))
            if folded != expected { differing.append(String(format: "U+%04X", scalar.value)) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(20))")
        #expect(Self.fastScalars.count > 20_000)
    }

    @Test func fullWidthTextFoldsToLowerCaseASCII() {
        #expect(SearchFolding.fold("ＮＰＯ（特定非営利活動法人）！　Ａｂｃ１２３") == "npo(特定非営利活動法人)! abc123")
        let (scalars, origins) = SearchFolding.foldedScalars("Ｘ①")
        #expect(String(String.UnicodeScalarView(scalars)) == "x1")
        #expect(origins == [0, 1])
    }
}
