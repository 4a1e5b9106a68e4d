import Foundation

/// File names as text for people: a name that is not UTF-8 gets `\xNN` for each byte that is not,
/// and control characters (which could move the cursor or clear a terminal, or hide text in a note)
/// are shown as `\xNN` / `\u{NN}` rather than written out.
public enum NameText {
    /// The name of these bytes: UTF-8 where it is, `\xNN` for each byte where it is not.
    public static func escaped(_ bytes: [UInt8]) -> String {
        var text = ""
        var index = 0
        while index < bytes.count {
            var taken = 0
            for length in 1...4 where index + length <= bytes.count {
                if let scalar = String(validating: bytes[index..<index + length], as: UTF8.self),
                   scalar.unicodeScalars.count == 1 {
                    text += scalar
                    taken = length
                    break
                }
            }
            if taken == 0 {
                text += String(format: "\\x%02X", bytes[index])
                taken = 1
            }
            index += taken
        }
        return text
    }

    /// `text` with its control characters (C0, DEL, C1) escaped, for terminal lines and notes.
    public static func shown(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var shown = ""
        for scalar in text.unicodeScalars {
            if !isControl(scalar) {
                shown.unicodeScalars.append(scalar)
            } else if scalar.value < 0x80 {
                shown += String(format: "\\x%02X", scalar.value)
            } else {
                shown += String(format: "\\u{%02X}", scalar.value)
            }
        }
        return shown
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
