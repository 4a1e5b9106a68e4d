import Foundation
import Forms
import XLSX

/// A form's fields packed into one ledger value: one `submission_fields` row per submission instead of
/// a `fields` row per field.
///
/// Why: a reflection sheet has ~29 fields; as rows they were most of what a commit wrote and of what
/// the outputs read back. Values are spelled as `LedgerCoding` spells them in columns, so what comes
/// back is exactly what the `fields` rows gave.
///
/// Format, version 1: the byte `1`, the number of fields, then per field (in key order) its key, label,
/// label cell (optional), cell, raw value and field value (each a kind, an optional text and an optional
/// number) and normalisation (optional). Counts and cell rows/columns are unsigned LEB128 varints,
/// texts a varint byte count and UTF-8, numbers 8 bytes of IEEE 754 (little-endian), and an optional
/// value a byte 0 (absent) or 1 followed by the value. A field value's text that is the raw value's
/// text (most texts: comments are read as typed) is the byte 2 instead, so it is stored once.
enum FieldPacking {
    static let version: UInt8 = 1

    /// The packed bytes of `fields`.
    static func pack(_ fields: [String: FieldReading]) -> [UInt8] {
        var writer = Writer()
        writer.bytes.reserveCapacity(64 * fields.count)
        writer.bytes.append(version)
        writer.varint(UInt64(fields.count))
        // In key order, so that equal fields pack to equal bytes. The keys are sorted, not the pairs:
        // moving whole readings about while sorting cost more than looking each one up.
        for key in fields.keys.sorted() {
            guard let reading = fields[key] else { continue }
            writer.text(key)
            writer.text(reading.label)
            writer.optional(reading.labelCell) { $0.cell($1) }
            writer.cell(reading.cell)
            let raw = LedgerCoding.encode(reading.raw)
            writer.coded(raw)
            writer.coded(LedgerCoding.encode(reading.value), rawText: raw.text)
            writer.optional(reading.normalisation) { $0.text($1) }
        }
        return writer.bytes
    }

    /// Why packed fields could not be read.
    struct Damaged: Error, CustomStringConvertible {
        var description: String { "台帳の項目データが壊れています（submission_fields）。台帳を復元してください。" }
    }

    /// The fields packed in `bytes`.
    static func unpack(_ bytes: UnsafeRawBufferPointer) throws -> [String: FieldReading] {
        var pool = TextPool()
        return try unpack(bytes, pool: &pool)
    }

    /// The fields packed in `bytes`; texts that repeat from form to form (keys, labels, notes) are
    /// taken from `pool`, so that the forms read share one copy of each.
    static func unpack(_ bytes: UnsafeRawBufferPointer, pool: inout TextPool) throws -> [String: FieldReading] {
        var reader = Reader(bytes: bytes)
        guard try reader.byte() == version else { throw Damaged() }
        let count = try reader.varint()
        guard count <= UInt64(bytes.count) else { throw Damaged() }
        var fields: [String: FieldReading] = [:]
        fields.reserveCapacity(Int(count))
        for _ in 0..<count {
            let key = pool.shared(try reader.text())
            let label = try reader.text(sameAs: pool.labels[key])
            pool.labels[key] = label
            let labelCell = try reader.optional { try $0.cell() }
            let cell = try reader.cell()
            let raw = try reader.coded()
            let value = try reader.coded(rawText: raw.text)
            let normalisation = try reader.optional { [known = pool.notes[key]] in try $0.text(sameAs: known) }
            if let normalisation { pool.notes[key] = normalisation }
            fields[key] = FieldReading(
                key: key, label: label, labelCell: labelCell, cell: cell,
                raw: LedgerCoding.decodeRaw(kind: raw.kind, text: raw.text, number: raw.number),
                value: LedgerCoding.decodeValue(kind: value.kind, text: value.text, number: value.number),
                normalisation: normalisation)
        }
        guard reader.isAtEnd else { throw Damaged() }
        return fields
    }

    /// Texts kept from form to form while many are read, so that repeated ones share one copy.
    struct TextPool {
        private var texts: [String: String] = [:]
        /// The label, and the normalisation note, last read for each field key. A field's label is
        /// nearly always the same on every sheet: compared byte for byte with the last one rather than
        /// looked up by hash (hashing Japanese text normalises it first, which costs more than reading it).
        fileprivate var labels: [String: String] = [:]
        fileprivate var notes: [String: String] = [:]

        /// One copy of `text` (field keys, sheet names).
        mutating func shared(_ text: String) -> String {
            if let known = texts[text] { return known }
            texts[text] = text
            return text
        }
    }

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func varint(_ value: UInt64) {
            var rest = value
            while rest >= 0x80 {
                bytes.append(UInt8(rest & 0x7F) | 0x80)
                rest >>= 7
            }
            bytes.append(UInt8(rest))
        }

        mutating func text(_ text: String) {
            var text = text
            text.withUTF8 { utf8 in
                varint(UInt64(utf8.count))
                bytes.append(contentsOf: utf8)
            }
        }

        mutating func number(_ number: Double) {
            withUnsafeBytes(of: number.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func cell(_ cell: CellReference) {
            varint(UInt64(max(cell.row, 0)))
            varint(UInt64(max(cell.column, 0)))
        }

        /// A kind, text and number; a text equal to `rawText` is written as the byte 2.
        mutating func coded(_ coded: (kind: String, text: String?, number: Double?), rawText: String? = nil) {
            text(coded.kind)
            if let rawText, coded.text == rawText {
                bytes.append(2)
            } else {
                optional(coded.text) { $0.text($1) }
            }
            optional(coded.number) { $0.number($1) }
        }

        mutating func optional<T>(_ value: T?, _ write: (inout Writer, T) -> Void) {
            guard let value else { return bytes.append(0) }
            bytes.append(1)
            write(&self, value)
        }
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        var isAtEnd: Bool { offset == bytes.count }

        mutating func byte() throws -> UInt8 {
            guard offset < bytes.count else { throw Damaged() }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func varint() throws -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let byte = try byte()
                guard shift < 64 else { throw Damaged() }
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
        }

        mutating func text() throws -> String {
            try text(sameAs: nil)
        }

        /// The next text; `known` itself when the bytes are its own.
        mutating func text(sameAs known: String?) throws -> String {
            let count = try varint()
            guard count <= UInt64(bytes.count - offset) else { throw Damaged() }
            let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + Int(count)])
            offset += Int(count)
            if var known, known.utf8.count == slice.count,
               known.withUTF8({ slice.count == 0 || memcmp($0.baseAddress!, slice.baseAddress!, slice.count) == 0 }) {
                return known
            }
            return String(decoding: slice, as: UTF8.self)
        }

        mutating func number() throws -> Double {
            guard bytes.count - offset >= 8 else { throw Damaged() }
            var bits: UInt64 = 0
            for index in 0..<8 { bits |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
            offset += 8
            return Double(bitPattern: bits)
        }

        mutating func cell() throws -> CellReference {
            let row = try varint(), column = try varint()
            guard row <= UInt64(Int32.max), column <= UInt64(Int32.max) else { throw Damaged() }
            return CellReference(row: Int(row), column: Int(column))
        }

        /// A kind, text and number; the byte 2 for the text means `rawText` (sharing its buffer).
        mutating func coded(rawText: String? = nil) throws -> (kind: String, text: String?, number: Double?) {
            let kind = try text()
            let text: String?
            if offset < bytes.count, bytes[offset] == 2, let rawText {
                offset += 1
                text = rawText
            } else {
                text = try optional { try $0.text() }
            }
            return (kind, text, try optional { try $0.number() })
        }

        mutating func optional<T>(_ read: (inout Reader) throws -> T) throws -> T? {
            switch try byte() {
            case 0: return nil
            case 1: return try read(&self)
            default: throw Damaged()
            }
        }
    }
}
