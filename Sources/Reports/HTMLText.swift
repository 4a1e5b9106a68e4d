import Core
import Foundation
import Validation

/// Text made safe for HTML: every `&`, `<`, `>`, `"` and `'` written as a character reference, so a
/// comment holding `<script>` is shown as text and never run, in an element or in an attribute.
enum HTMLText {
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Escaped, with line breaks kept as `<br>` (comments are often several lines).
    static func lines(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return escape(text) }
        // "\r\n" is one Character, a line break as "\n" and "\r" are.
        return text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline && $0 != "\u{2028}" && $0 != "\u{2029}" })
            .map { escape(String($0)) }.joined(separator: "<br>")
    }

    /// A JSON value as the text of a JavaScript file: the JSON writer's output (which already escapes
    /// U+2028/2029) with every `<` written `\u003c`, so that no `</script>` or `<!--` can appear even if
    /// the data were ever put inline. `<` occurs only inside JSON strings, where the escape is the same
    /// character.
    static func javaScriptLiteral(_ value: JSONValue) -> [UInt8] {
        var bytes: [UInt8] = []
        value.encode(into: &bytes)
        var out = Data()
        appendJavaScriptSafe(bytes, to: &out)
        return Array(out)
    }

    /// Appends JSON text to `out` with every `<` written `\u003c` (see `javaScriptLiteral`).
    static func appendJavaScriptSafe(_ bytes: [UInt8], to out: inout Data) {
        var from = 0
        while let at = bytes[from...].firstIndex(of: 0x3C) {
            out.append(contentsOf: bytes[from..<at])
            out.append(contentsOf: Array("\\u003c".utf8))
            from = at + 1
        }
        out.append(contentsOf: bytes[from...])
    }
}
