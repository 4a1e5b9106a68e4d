/// A JSON value with a deterministic encoder: object keys sorted by code point, no spaces,
/// non-ASCII written as UTF-8, integers without a fraction.
public indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The compact encoding, such as `{"a":1,"b":[null,"x"]}`.
    public func encoded() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        encode(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the encoding to a byte buffer.
    public func encode(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let n): out.append(contentsOf: String(n).utf8)
        case .double(let d):
            if d.isFinite {
                out.append(contentsOf: (d.rounded() == d && abs(d) < 1e15 ? String(Int(d)) : String(d)).utf8)
            } else {
                out.append(contentsOf: "null".utf8)
            }
        case .string(let s): Self.encodeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.encode(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, member) in members.sorted(by: { Self.codePointOrder($0.key, $1.key) }).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.encodeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                member.value.encode(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Orders keys by Unicode code point, as Python's `sort_keys` does (UTF-8 byte order is the same).
    public static func codePointOrder(_ a: String, _ b: String) -> Bool { ByteOrder.less(a, b) }

    /// Writes a JSON string: quotes, backslashes and control characters escaped; U+2028/2029
    /// escaped too so the output is also valid JavaScript. Works on UTF-8 bytes: every byte of a
    /// multi-byte sequence is 0x80 or above, so only ASCII bytes need looking at.
    public static func encodeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = s
        text.withUTF8 { bytes in
            // Most text needs no escape at all: copy it in one go.
            if !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 }) {
                out.append(contentsOf: bytes)
                return
            }
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                switch b {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
                case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
                case 0x00..<0x20, 0x7F:
                    appendEscape(UInt32(b), into: &out)
                case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    appendEscape(bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029, into: &out)
                    i += 2
                default:
                    out.append(b)
                }
                i += 1
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// `\u` and four lowercase hex digits.
    private static func appendEscape(_ v: UInt32, into out: inout [UInt8]) {
        let hex: StaticString = "0123456789abcdef"
        out.append(0x5C)
        out.append(UInt8(ascii: "u"))
        for shift in [12, 8, 4, 0] as [UInt32] {
            out.append(hex.utf8Start[Int((v >> shift) & 0xF)])
        }
    }
}
