#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tells non-zip containers apart by their first bytes, so a legacy `.xls`, a password-protected
/// workbook and a renamed CSV each get their own error instead of "not a zip".
enum ContainerSniffer {
    /// The compound-file (CFB / OLE2) signature that `.xls` files and encrypted OOXML files share.
    static let cfbSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    /// `EncryptedPackage` in UTF-16LE, as a CFB directory entry names it.
    static let encryptedPackageName: [UInt8] = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })

    /// What the first bytes of a file say it is.
    enum Kind: Equatable { case zip, cfb, other }

    /// The error for a file libzip could not open (or opened as an empty archive): password
    /// protection, legacy `.xls` or not a zip at all; nil when it starts like a zip, which then
    /// is damaged.
    static func error(forNonZipAt path: String) throws -> XLSXError? {
        switch try kind(ofFileAt: path) {
        case .cfb: return cfbHasEncryptedPackage(path: path) ? .passwordProtected : .legacyXLS
        case .other: return .notAZip
        case .zip: return nil
        }
    }

    /// Reads the first bytes of `path`; throws `cannotOpenFile` when it cannot be read.
    static func kind(ofFileAt path: String) throws -> Kind {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw XLSXError.cannotOpenFile(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: 8)
        let n = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, 8) }
        if n < 0 { throw XLSXError.cannotOpenFile(path: path, reason: String(cString: strerror(errno))) }
        if n >= 4, head[0] == 0x50, head[1] == 0x4B, head[2] == 3 || head[2] == 5 || head[2] == 7, head[3] == head[2] + 1 {
            return .zip
        }
        if n == 8, head == cfbSignature { return .cfb }
        return .other
    }

    /// Whether a CFB file's directory names an `EncryptedPackage` stream. Directory entries are
    /// 128 bytes, aligned to 128 bytes in the file, with the UTF-16LE name first and its byte
    /// length (34 here, terminator included) at offset 64; the file is scanned for such an entry
    /// rather than walking the FAT, which a damaged file could make loop.
    static func cfbHasEncryptedPackage(path: String) -> Bool {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let chunkSize = 1 << 20  // a multiple of 128, so entries never straddle chunks
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        let name = encryptedPackageName
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, chunkSize) }
            if n <= 0 { return false }
            var offset = 0
            while offset + 128 <= n {
                if buffer[offset] == name[0], buffer[offset + 64] == 34, buffer[offset + 65] == 0 {
                    var same = true
                    for i in 1..<name.count where buffer[offset + i] != name[i] { same = false; break }
                    if same { return true }
                }
                offset += 128
            }
            if n < chunkSize { return false }
        }
    }
}
