/// The A1 spelling of cell positions, in one place: column letters, and the one parser of `B7`,
/// `$B$7` or `b7` (on bytes, so the worksheet reader uses it without building a String).
/// Rows and columns are zero-based.
public enum A1Reference {
    /// Column letters for a zero-based column: 0 → `A`, 25 → `Z`, 26 → `AA`, 702 → `AAA`.
    public static func columnLetters(_ column: Int) -> String {
        var n = column + 1
        var scalars: [Unicode.Scalar] = []
        while n > 0 {
            scalars.append(Unicode.Scalar(UInt8(65 + (n - 1) % 26)))
            n = (n - 1) / 26
        }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }

    /// The zero-based row and column of `B7`, `$B$7` or `b7` (at most 3 letters and 7 digits, as
    /// Excel); nil for anything else.
    @inlinable
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (row: Int, column: Int)? {
        var column = 0, row = 0, letters = 0, digits = 0
        for b in bytes {
            if b == UInt8(ascii: "$") { continue }
            let upper = b & ~0x20
            if digits == 0, upper >= 65, upper <= 90 {
                column = column * 26 + Int(upper - 64)
                letters += 1
                if letters > 3 { return nil }
            } else if b >= 48, b <= 57 {
                row = row * 10 + Int(b - 48)
                digits += 1
                if digits > 7 { return nil }
            } else {
                return nil
            }
        }
        guard letters > 0, digits > 0, row > 0 else { return nil }
        return (row - 1, column - 1)
    }

    /// `parse` of a String's UTF-8.
    public static func parse(_ text: String) -> (row: Int, column: Int)? {
        var text = text
        return text.withUTF8 { parse($0) }
    }
}
