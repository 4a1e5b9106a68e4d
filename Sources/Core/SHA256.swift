/// SHA-256 (FIPS 180-4), written out because no crypto package is allowed in the build.
///
/// Used only to identify a file's bytes (the ledger and the JSON output), not for security.
/// Checked in tests against the FIPS vectors and against `sha256sum`. Every file validated is
/// hashed whole, so the block function works on raw pointers with wrapping arithmetic: no bounds
/// or overflow checks and no allocation per block.
public struct SHA256: Sendable {
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    /// Bytes of a block not yet complete (fewer than 64).
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0

    public init() { buffer.reserveCapacity(64) }

    /// The hex digest of some bytes, in lowercase as `sha256sum` prints it.
    public static func hex<Bytes: Collection>(of bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    /// The hex digest of bytes in memory, such as a whole file read at once.
    public static func hex(of bytes: UnsafeRawBufferPointer) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    /// Adds bytes to the hash.
    public mutating func update<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        length &+= UInt64(bytes.count)
        let handled: Void? = bytes.withContiguousStorageIfAvailable { update(buffer: UnsafeRawBufferPointer($0)) }
        if handled == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update(buffer: $0) }
        }
    }

    /// Adds bytes in memory to the hash.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        update(buffer: bytes)
    }

    private mutating func update(buffer input: UnsafeRawBufferPointer) {
        guard let base = input.baseAddress, input.count > 0 else { return }
        var offset = 0
        if !buffer.isEmpty {
            let take = min(64 - buffer.count, input.count)
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[0..<take]))
            offset = take
            if buffer.count == 64 {
                let block = buffer
                block.withUnsafeBytes { compress($0.baseAddress!, blocks: 1) }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        let blocks = (input.count - offset) / 64
        if blocks > 0 {
            compress(base + offset, blocks: blocks)
            offset += blocks * 64
        }
        if offset < input.count { buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[offset...])) }
    }

    /// Pads, finishes and returns the 32-byte digest as lowercase hex.
    public mutating func finalizeHex() -> String {
        let bitLength = length &* 8
        var tail: [UInt8] = [0x80]
        let padding = (64 + 56 - (buffer.count + 1) % 64) % 64
        tail.append(contentsOf: repeatElement(0, count: padding))
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        let savedLength = length
        tail.withUnsafeBytes { update(buffer: $0) }
        length = savedLength
        let words = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for word in words {
            for shift in stride(from: 28, through: 0, by: -4) { out.append(digits[Int((word >> UInt32(shift)) & 0xF)]) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &>> n) | (x &<< (32 &- n)) }

    /// Hashes `blocks` consecutive 64-byte blocks starting at `data`.
    private mutating func compress(_ data: UnsafeRawPointer, blocks: Int) {
        var (h0, h1, h2, h3, h4, h5, h6, h7) = state
        Self.k.withUnsafeBufferPointer { constants in
            let k = constants.baseAddress!
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
                let w = schedule.baseAddress!
                for block in 0..<blocks {
                    let bytes = data + block &* 64
                    for i in 0..<16 {
                        w[i] = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self))
                    }
                    var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
                    // Eight rounds per pass, the working variables renamed instead of shifted. The
                    // schedule word needed 16 rounds later is computed alongside each round, which
                    // hides its latency behind the round's.
                    var i = 0
                    while i < 64 {
                        // The last 16 rounds need no new schedule words.
                        let extending = i < 48
                        Self.round(a, b, c, &d, e, f, g, &h, k[i] &+ w[i])
                        if extending { Self.extend(w, i) }
                        Self.round(h, a, b, &c, d, e, f, &g, k[i &+ 1] &+ w[i &+ 1])
                        if extending { Self.extend(w, i &+ 1) }
                        Self.round(g, h, a, &b, c, d, e, &f, k[i &+ 2] &+ w[i &+ 2])
                        if extending { Self.extend(w, i &+ 2) }
                        Self.round(f, g, h, &a, b, c, d, &e, k[i &+ 3] &+ w[i &+ 3])
                        if extending { Self.extend(w, i &+ 3) }
                        Self.round(e, f, g, &h, a, b, c, &d, k[i &+ 4] &+ w[i &+ 4])
                        if extending { Self.extend(w, i &+ 4) }
                        Self.round(d, e, f, &g, h, a, b, &c, k[i &+ 5] &+ w[i &+ 5])
                        if extending { Self.extend(w, i &+ 5) }
                        Self.round(c, d, e, &f, g, h, a, &b, k[i &+ 6] &+ w[i &+ 6])
                        if extending { Self.extend(w, i &+ 6) }
                        Self.round(b, c, d, &e, f, g, h, &a, k[i &+ 7] &+ w[i &+ 7])
                        if extending { Self.extend(w, i &+ 7) }
                        i &+= 8
                    }
                    h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
                    h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
                }
            }
        }
        state = (h0, h1, h2, h3, h4, h5, h6, h7)
    }

    /// Computes schedule word `i + 16` into the 64-word schedule `w`.
    @inline(__always)
    private static func extend(_ w: UnsafeMutablePointer<UInt32>, _ i: Int) {
        let x = w[i &+ 1], y = w[i &+ 14]
        let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x &>> 3)
        let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y &>> 10)
        w[i &+ 16] = w[i] &+ s0 &+ w[i &+ 9] &+ s1
    }

    /// One round: `d` takes `d + t1` and `h` takes `t1 + t2`; the caller renames the rest.
    @inline(__always)
    private static func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                              _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32) {
        let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
        let ch = g ^ (e & (f ^ g))
        let t1 = h &+ s1 &+ ch &+ kw
        let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
        let maj = (a & b) | (c & (a | b))
        d &+= t1
        h = t1 &+ s0 &+ maj
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SHA256 {
    /// The hex digest of the bytes of an open file, read from where it stands to its end, in 256 KiB
    /// chunks into one buffer; `path` names the file in errors.
    public static func hex(readingFrom fd: Int32, path: String) throws -> String {
        var hasher = SHA256()
        let chunk = 256 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer, chunk)
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError.system(operation: .read, path: path, errno: errno)
            }
            if count == 0 { break }
            hasher.update(UnsafeRawBufferPointer(start: buffer, count: count))
        }
        return hasher.finalizeHex()
    }

    /// The hex digest of a file's bytes; with `followingLinks: false` a link is not followed (it
    /// fails with ELOOP).
    public static func hex(ofFileAt path: String, followingLinks: Bool = true) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW))
        guard fd >= 0 else { throw FileError.system(operation: .read, path: path, errno: errno) }
        defer { close(fd) }
        return try hex(readingFrom: fd, path: path)
    }
}
