#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small part a parser has read before: its bytes and what reading them gave.
struct RememberedPart {
    let bytes: [UInt8]
    /// The finished handler (`Relationships`, `WorkbookPart`, `Styles`), never changed afterwards.
    let result: AnyObject
    /// The entry as its archive stored it, when it could be read that way.
    let stored: StoredEntry?
}

extension ZipArchive {
    /// The archive's parser made ready for `partName`, or a new one kept as the archive's spare.
    func session(for partName: String, handler: SAXHandler) throws -> SAXSession {
        if let spare = spareSession {
            spare.reset(partName: partName, handler: handler)
            return spare
        }
        let session = try SAXSession(partName: partName, handler: handler)
        spareSession = session
        return session
    }
}

/// Keys a parser remembers parts under; a handful is all a workbook has.
let maxRememberedParts = 8

/// Reads one small package part through a handler from `make` (then `finish`), unless the parser
/// read the very same bytes under `key` before: then it gives back what that read gave.
///
/// Workbooks made from one template or by one program hold the same relationships, workbook part
/// and styles byte for byte, and libxml2 parsing them again was a large share of validating
/// thousands of small files. The entry is still inflated (limits and CRC checked as ever) and
/// compared byte by byte; only a part that fits one read is remembered (a shorter read means
/// libzip reached its end), only after it parsed without error, and errors are never remembered,
/// so every result and every error is what parsing gives. `key` must name everything besides the
/// bytes that the result depends on (the handler's kind, the part, the source of relationships).
/// Nil when the archive does not hold the part.
func parseRememberedPart<Handler: SAXHandler & SAXSessionOwner>(
    _ partName: String, key: String, in archive: ZipArchive,
    make: () -> Handler, finish: (Handler) -> Void = { _ in }
) throws -> Handler? {
    let maxBytes = SAXSession.chunkSize
    let stored = archive.storedEntry(partName, maxBytes: maxBytes)
    // The same stored data, method and CRC as an entry that inflated cleanly to the remembered
    // bytes inflates to those bytes again: count them against the limits as reading them would
    // (one read, then the end), without inflating.
    if let stored, let remembered = archive.spareSession?.rememberedParts[key], remembered.stored == stored,
       let result = remembered.result as? Handler {
        let count = remembered.bytes.count
        try archive.budget.spendInflated(count, entryBytes: count, compressedSize: stored.data.count, part: partName)
        try archive.budget.spendInflated(0, entryBytes: count, compressedSize: stored.data.count, part: partName)
        return result
    }
    guard let entry = try archive.openEntry(partName) else { return nil }
    let handler = make()
    let session = try archive.session(for: partName, handler: handler)
    handler.session = session
    defer { handler.session = nil }
    do {
        let count = try entry.read(into: session.buffer)
        let chunk = UnsafeRawBufferPointer(rebasing: session.buffer[0..<count])
        let whole = count > 0 && count < session.buffer.count
        if whole, let remembered = session.rememberedParts[key], let result = remembered.result as? Handler,
           remembered.bytes.count == count,
           remembered.bytes.withUnsafeBytes({ memcmp($0.baseAddress!, chunk.baseAddress!, count) == 0 }) {
            // The end of the entry, read as parsing would have read it.
            return try withUnsafeTemporaryAllocation(byteCount: 256, alignment: 8) { extra in
                let more = try entry.read(into: extra)
                if more == 0 {
                    session.rememberedParts[key] = RememberedPart(bytes: remembered.bytes, result: result, stored: stored)
                    return result
                }
                // More after a short read (libzip does not do that): parse everything after all.
                try session.feed(chunk, last: false)
                try session.feed(UnsafeRawBufferPointer(rebasing: extra[0..<more]), last: false)
                try session.parse(entry)
                finish(handler)
                return handler
            }
        }
        let bytes = whole ? Array(chunk) : nil
        try session.feed(chunk, last: count == 0)
        if count > 0 { try session.parse(entry) }
        finish(handler)
        if let bytes, session.rememberedParts[key] != nil || session.rememberedParts.count < maxRememberedParts {
            session.rememberedParts[key] = RememberedPart(bytes: bytes, result: handler, stored: stored)
        }
        return handler
    } catch XLSXError.malformedXML(let part, let detail) {
        // Broken XML is often a damaged entry: read on, and if libzip finds the entry's data
        // corrupt (a CRC or inflate error at its end), say that instead.
        try entry.drain()
        throw XLSXError.malformedXML(part: part, detail: detail)
    }
}
