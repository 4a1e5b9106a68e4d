/// The whole-workbook target's second input form: package parts as plain text, so that libFuzzer
/// mutates the XML inside a workbook rather than deflated bytes that rarely inflate.
///
///     #part [Content_Types].xml
///     <Types …>…</Types>
///     #part xl/workbook.xml
///     …
///
/// Each part becomes a stored entry of a zip built here with correct CRCs. Input that does not
/// start with `#part ` is used as the zip file itself.
public enum PartContainer {
    static let marker = Array("#part ".utf8)

    /// The parts of `input` as (name, bytes); nil when it does not start with `#part `.
    public static func parts(of input: [UInt8]) -> [(name: [UInt8], data: [UInt8])]? {
        guard input.starts(with: marker) else { return nil }
        var parts: [(name: [UInt8], data: [UInt8])] = []
        var start = 0
        while start < input.count {
            let headerEnd = input[start...].firstIndex(of: 10) ?? input.count
            let name = Array(input[(start + marker.count)..<max(headerEnd, start + marker.count)])
            let dataStart = min(headerEnd + 1, input.count)
            let next = nextMarker(in: input, from: dataStart)
            // The newline before the next marker ends this part; an empty part has none of its own.
            let dataEnd = max(dataStart, next.map { $0 - 1 } ?? input.count)
            parts.append((name, Array(input[dataStart..<dataEnd])))
            start = next ?? input.count
        }
        return parts
    }

    /// The index of the next `#part ` that starts a line at or after `from`.
    private static func nextMarker(in input: [UInt8], from: Int) -> Int? {
        var i = from
        while i + marker.count <= input.count {
            if input[i] == 35, i > 0, input[i - 1] == 10, input[i..<(i + marker.count)].elementsEqual(marker) { return i }
            i += 1
        }
        return nil
    }

    /// Text holding `parts` in this format (for seeds).
    public static func text(of parts: [(name: String, data: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        for (i, part) in parts.enumerated() {
            if i > 0 { out.append(10) }
            out += marker + Array(part.name.utf8) + [10] + part.data
        }
        return out
    }

    /// A zip archive of stored entries.
    public static func storedZip(_ parts: [(name: [UInt8], data: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for part in parts {
            let crc = CRC32.checksum(part.data)
            let offset = out.count
            out += le32(0x0403_4B50) + le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x21)
            out += le32(crc) + le32(part.data.count) + le32(part.data.count) + le16(part.name.count) + le16(0)
            out += part.name + part.data
            central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x21)
            central += le32(crc) + le32(part.data.count) + le32(part.data.count) + le16(part.name.count)
            central += le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + part.name
        }
        let centralOffset = out.count
        out += central
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(parts.count) + le16(parts.count)
        out += le32(central.count) + le32(centralOffset) + le16(0)
        return out
    }

    private static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
    private static func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16((v >> 16) & 0xFFFF) }
    private static func le32(_ v: UInt32) -> [UInt8] { le32(Int(v)) }
}

/// CRC-32 (IEEE 802.3), as zip entries carry it.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
