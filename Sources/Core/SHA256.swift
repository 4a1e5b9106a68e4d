import CCrypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SHA-256 through OpenSSL's libcrypto (EVP digests), which uses the processor's SHA instructions
/// where it has them.
///
/// Used to identify a file's bytes (the ledger, the JSON output, 提出ID), not for security.
/// Checked in tests against the FIPS vectors and against `sha256sum`.
public final class SHA256 {
    private let context: OpaquePointer

    public init() {
        // Allocation failure is the only way these fail for a fetched SHA-256.
        context = EVP_MD_CTX_new()!
        EVP_DigestInit_ex(context, sha256Digest, nil)
    }

    deinit { EVP_MD_CTX_free(context) }

    /// The hex digest of some bytes, in lowercase as `sha256sum` prints it.
    public static func hex<Bytes: Collection>(of bytes: Bytes) -> String where Bytes.Element == UInt8 {
        if let digest = bytes.withContiguousStorageIfAvailable({ hex(of: UnsafeRawBufferPointer($0)) }) { return digest }
        return Array(bytes).withUnsafeBytes { hex(of: $0) }
    }

    /// The hex digest of bytes in memory, such as a whole file read at once: one call.
    public static func hex(of bytes: UnsafeRawBufferPointer) -> String {
        var digest: Digest = (0, 0, 0, 0)
        var length: UInt32 = 0
        withUnsafeMutableBytes(of: &digest) { out in
            _ = EVP_Digest(bytes.baseAddress, bytes.count, out.baseAddress!.assumingMemoryBound(to: UInt8.self),
                           &length, sha256Digest, nil)
        }
        return hexText(digest)
    }

    /// Adds bytes to the hash.
    public func update<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        if bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) == nil {
            Array(bytes).withUnsafeBytes { update($0) }
        }
    }

    /// Adds bytes in memory to the hash.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }

    /// Finishes and returns the 32-byte digest as lowercase hex; the hasher starts again afterwards.
    public func finalizeHex() -> String {
        var digest: Digest = (0, 0, 0, 0)
        var length: UInt32 = 0
        withUnsafeMutableBytes(of: &digest) { out in
            _ = EVP_DigestFinal_ex(context, out.baseAddress!.assumingMemoryBound(to: UInt8.self), &length)
        }
        EVP_DigestInit_ex(context, sha256Digest, nil)
        return Self.hexText(digest)
    }

    /// 32 bytes, on the stack.
    private typealias Digest = (UInt64, UInt64, UInt64, UInt64)

    private static func hexText(_ digest: Digest) -> String {
        var digest = digest
        return withUnsafeBytes(of: &digest) { bytes in
            String(unsafeUninitializedCapacity: 64) { out in
                let digits: StaticString = "0123456789abcdef"
                for (i, b) in bytes.enumerated() {
                    out[2 * i] = digits.utf8Start[Int(b >> 4)]
                    out[2 * i + 1] = digits.utf8Start[Int(b & 15)]
                }
                return 64
            }
        }
    }
}

/// SHA-256 as fetched once from the default provider: an implicit fetch at every digest costs a
/// look-up in OpenSSL's provider store. An `EVP_MD` is immutable once fetched and OpenSSL documents
/// it as safe to share between threads, which is what makes this unsynchronised global safe.
private nonisolated(unsafe) let sha256Digest: OpaquePointer = EVP_MD_fetch(nil, "SHA256", nil)!

extension SHA256 {
    /// The hex digest of the bytes of an open file, read from where it stands to its end, in 256 KiB
    /// chunks into one buffer; `path` names the file in errors.
    public static func hex(readingFrom fd: Int32, path: String) throws -> String {
        let hasher = SHA256()
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
