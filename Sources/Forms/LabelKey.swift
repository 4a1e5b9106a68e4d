#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A label key (`LabelText.keyWithoutParentheses`) hashed and compared byte by byte.
///
/// Keys are folded by `LabelText` the same way on both sides (the sheet's cells and the form
/// definitions), so equal keys have equal bytes. `String`'s own hashing and `==` would check
/// Unicode normalisation again on every look-up of a Japanese key: that was the costliest part of
/// indexing a sheet.
struct LabelKey: Hashable, Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (lhs: LabelKey, rhs: LabelKey) -> Bool {
        let a = lhs.text.utf8, b = rhs.text.utf8
        guard a.count == b.count else { return false }
        let same = a.withContiguousStorageIfAvailable { pa in
            b.withContiguousStorageIfAvailable { pb in pa.count == 0 || memcmp(pa.baseAddress!, pb.baseAddress!, pa.count) == 0 }
        }
        return (same ?? nil) ?? a.elementsEqual(b)
    }

    func hash(into hasher: inout Hasher) {
        let utf8 = text.utf8
        let hashed: Void? = utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if hashed == nil { for byte in utf8 { hasher.combine(byte) } }
    }
}

extension String {
    /// Whether the string's UTF-8 bytes start with `prefix`'s: a byte comparison, as label keys
    /// (already folded) are compared, without walking either string.
    func hasUTF8Prefix(_ prefix: String) -> Bool {
        let a = utf8, b = prefix.utf8
        guard a.count >= b.count else { return false }
        let same = a.withContiguousStorageIfAvailable { pa in
            b.withContiguousStorageIfAvailable { pb in pb.count == 0 || memcmp(pa.baseAddress!, pb.baseAddress!, pb.count) == 0 }
        }
        return (same ?? nil) ?? a.starts(with: b)
    }
}

/// A set of scalars answered by a bitmap over the Basic Multilingual Plane (where every label's
/// first character is) and a hashed set beyond it: asked once per text cell of every sheet.
struct ScalarSet: Sendable {
    private var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
    private var beyond: Set<Unicode.Scalar> = []

    init<S: Sequence>(_ scalars: S) where S.Element == Unicode.Scalar {
        for scalar in scalars {
            let v = Int(scalar.value)
            if v < 0x10000 { bits[v >> 6] |= 1 << UInt64(v & 63) } else { beyond.insert(scalar) }
        }
    }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let v = Int(scalar.value)
        if v < 0x10000 { return bits[v >> 6] & (1 << UInt64(v & 63)) != 0 }
        return beyond.contains(scalar)
    }
}
