/// A 64-bit FNV-1a hash: small, fixed across platforms and runs (unlike `Hasher`).
public enum StableHash {
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    /// The hash as upper-case hexadecimal, 16 digits.
    public static func hex(_ text: String) -> String {
        let digits = String(fnv1a(text), radix: 16, uppercase: true)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
