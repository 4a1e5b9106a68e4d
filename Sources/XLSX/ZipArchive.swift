import CZip
#if canImport(Glibc)
import Glibc
#endif

/// A read-only zip archive on libzip, with parts looked up by name ASCII-case-insensitively and
/// inflated in chunks against a shared `ReadBudget`.
final class ZipArchive {
    private let handle: OpaquePointer
    let budget: ReadBudget
    /// Entry index by normalised name: forward slashes, no leading slash, ASCII lower case.
    private var indexByName: [String: Int] = [:]
    /// A parser kept between the package parts read at open, which are read one after another.
    var spareSession: SAXSession?
    /// Whether the archive has no entries (libzip opens an empty file as an empty archive).
    var isEmpty: Bool { indexByName.isEmpty }

    /// The file's bytes when the archive was opened from memory: libzip reads them in place.
    private let contents: FileBytes?

    /// Opens `path`, telling a damaged zip from a file that is not a zip at all.
    init(path: String, budget: ReadBudget) throws {
        self.budget = budget
        contents = nil
        var code: Int32 = 0
        guard let za = zip_open(path, ZIP_RDONLY, &code) else {
            throw try Self.openError(code: code, path: path)
        }
        handle = za
        try indexEntries()
    }

    /// libzip could not open bytes in memory as an archive; opening the file by its path tells why.
    struct NotOpenedFromMemory: Error {}

    /// Opens a file already read into memory, without reading it from disk again. Throws
    /// `NotOpenedFromMemory` when libzip refuses the bytes, so that the caller can open the path
    /// and get the same error, worded the same, as `init(path:budget:)` gives.
    init(contents: FileBytes, budget: ReadBudget) throws {
        self.budget = budget
        self.contents = contents
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        // libzip only reads the buffer (`freep` 0): `contents` owns it and outlives the archive.
        guard let source = zip_source_buffer_create(contents.bytes.baseAddress, zip_uint64_t(contents.count), 0, &error)
        else { throw NotOpenedFromMemory() }
        guard let za = zip_open_from_source(source, ZIP_RDONLY, &error) else {
            zip_source_free(source)
            throw NotOpenedFromMemory()
        }
        handle = za
        try indexEntries()
    }

    /// Checks the entry count against the limit and indexes the entries by normalised name; takes
    /// the thread's spare parser for the parts.
    private func indexEntries() throws {
        defer { spareSession = SAXSessionPool.take() }
        let za = handle
        let count = zip_get_num_entries(za, 0)
        if count > Int64(budget.limits.maxEntries) {
            // Fully initialised here, so deinit closes the archive.
            throw XLSXError.limitExceeded(limit: .entryCount, detail: "\(count) > \(budget.limits.maxEntries)")
        }
        for index in 0..<Int(max(count, 0)) {
            guard let raw = zip_get_name(za, zip_uint64_t(index), 0) else { continue }
            indexByName[Self.normalise(String(cString: raw))] = index
        }
    }

    deinit {
        zip_discard(handle)
        if let spareSession { SAXSessionPool.keep(spareSession) }
    }

    /// Why libzip could not open `path`. The first bytes are only looked at now, on failure, so
    /// a good workbook costs no extra read.
    private static func openError(code: Int32, path: String) throws -> XLSXError {
        var error = zip_error_t()
        zip_error_init_with_code(&error, code)
        defer { zip_error_fini(&error) }
        let message = String(cString: zip_error_strerror(&error))
        switch code {
        case ZIP_ER_NOENT, ZIP_ER_OPEN, ZIP_ER_READ, ZIP_ER_SEEK:
            return .cannotOpenFile(path: path, reason: message)
        default:
            return try ContainerSniffer.error(forNonZipAt: path) ?? .corruptArchive(detail: message)
        }
    }

    /// A part name as the archive is searched: `\` becomes `/`, a leading `/` goes, ASCII lower case.
    static func normalise(_ name: String) -> String {
        // Names as Excel writes them (`xl/worksheets/sheet1.xml`) are already normal: no copy.
        if name.utf8.first != UInt8(ascii: "/"),
           !name.utf8.contains(where: { $0 == UInt8(ascii: "\\") || ($0 >= 65 && $0 <= 90) }) {
            return name
        }
        var bytes = Array(name.utf8)
        var start = 0
        for i in bytes.indices {
            if bytes[i] == UInt8(ascii: "\\") { bytes[i] = UInt8(ascii: "/") }
            if bytes[i] >= 65 && bytes[i] <= 90 { bytes[i] += 32 }
        }
        while start < bytes.count, bytes[start] == UInt8(ascii: "/") { start += 1 }
        return String(decoding: bytes[start...], as: UTF8.self)
    }

    /// The index of the entry for `partName`, if the archive has it.
    func entryIndex(_ partName: String) -> Int? { indexByName[Self.normalise(partName)] }

    /// Whether the archive holds `partName`.
    func contains(_ partName: String) -> Bool { entryIndex(partName) != nil }

    /// Opens `partName` for chunked reading; nil when the archive does not hold it.
    func openEntry(_ partName: String) throws -> ZipEntryReader? {
        guard let index = entryIndex(partName) else { return nil }
        var stat = zip_stat_t()
        zip_stat_init(&stat)
        guard zip_stat_index(handle, zip_uint64_t(index), 0, &stat) == 0 else {
            throw XLSXError.corruptArchive(detail: "\(partName): \(String(cString: zip_strerror(handle)))")
        }
        guard let file = zip_fopen_index(handle, zip_uint64_t(index), 0) else {
            let message = String(cString: zip_strerror(handle))
            if zip_error_code_zip(zip_get_error(handle)) == ZIP_ER_NOPASSWD {
                throw XLSXError.passwordProtected
            }
            throw XLSXError.corruptArchive(detail: "\(partName): \(message)")
        }
        let compressed = (stat.valid & zip_uint64_t(ZIP_STAT_COMP_SIZE)) != 0 ? Int(clamping: stat.comp_size) : 0
        return ZipEntryReader(archive: self, file: file, partName: partName, compressedSize: compressed)
    }

    /// A small entry's data as the archive stores it (still compressed), with the method and CRC
    /// that say what it inflates to; nil when the entry is missing, encrypted, not smaller than
    /// `maxBytes` or cannot be read that way (the normal reading then says what is wrong).
    func storedEntry(_ partName: String, maxBytes: Int) -> StoredEntry? {
        guard let index = entryIndex(partName) else { return nil }
        var stat = zip_stat_t()
        zip_stat_init(&stat)
        let needed = zip_uint64_t(ZIP_STAT_COMP_SIZE) | zip_uint64_t(ZIP_STAT_COMP_METHOD) | zip_uint64_t(ZIP_STAT_CRC)
            | zip_uint64_t(ZIP_STAT_ENCRYPTION_METHOD)
        guard zip_stat_index(handle, zip_uint64_t(index), 0, &stat) == 0, stat.valid & needed == needed,
              stat.encryption_method == UInt16(ZIP_EM_NONE), stat.comp_size < zip_uint64_t(maxBytes),
              let file = zip_fopen_index(handle, zip_uint64_t(index), zip_flags_t(ZIP_FL_COMPRESSED)) else { return nil }
        defer { zip_fclose(file) }
        var data = [UInt8](repeating: 0, count: Int(stat.comp_size) + 1)
        let count = data.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress, zip_uint64_t($0.count)) }
        guard count == Int64(stat.comp_size) else { return nil }
        data.removeLast()
        return StoredEntry(method: stat.comp_method, crc: stat.crc, data: data)
    }

    /// The whole of a small entry (such as `mimetype`), read up to `maxBytes`.
    func readPrefix(_ partName: String, maxBytes: Int) throws -> [UInt8]? {
        guard let entry = try openEntry(partName) else { return nil }
        var out = [UInt8](repeating: 0, count: maxBytes)
        let n = try out.withUnsafeMutableBytes { try entry.read(into: $0) }
        return Array(out.prefix(n))
    }
}

/// One entry being inflated, chunk by chunk; every chunk is counted against the budget.
final class ZipEntryReader: PartByteSource {
    /// Kept so the archive outlives every entry read from it.
    let zipArchive: ZipArchive
    var archive: ZipArchive? { zipArchive }
    private let file: OpaquePointer
    let partName: String
    private let compressedSize: Int
    private let budget: ReadBudget
    private var produced = 0

    init(archive: ZipArchive, file: OpaquePointer, partName: String, compressedSize: Int) {
        self.zipArchive = archive
        self.file = file
        self.partName = partName
        self.compressedSize = compressedSize
        self.budget = archive.budget
    }

    deinit { zip_fclose(file) }

    /// Reads the rest of the entry, throwing if its data turns out to be damaged (or over a limit).
    func drain() throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 << 10, alignment: 8)
        defer { buffer.deallocate() }
        while try read(into: buffer) > 0 {}
    }

    /// Inflates up to `buffer.count` bytes into `buffer`; 0 at the end of the entry.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = zip_fread(file, buffer.baseAddress, zip_uint64_t(buffer.count))
        if n < 0 {
            let message = String(cString: zip_error_strerror(zip_file_get_error(file)))
            throw XLSXError.corruptArchive(detail: "\(partName): \(message)")
        }
        let count = Int(n)
        produced += count
        try budget.spendInflated(count, entryBytes: produced, compressedSize: compressedSize, part: partName)
        return count
    }
}

/// An entry's data as stored in the archive, with what decides the bytes it inflates to.
struct StoredEntry: Equatable {
    var method: UInt16
    var crc: UInt32
    var data: [UInt8]
}
