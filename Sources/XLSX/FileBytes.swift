#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file read into memory with one open and one read, so that it can be hashed and opened
/// as a workbook without being read from disk a second time.
///
/// The bytes live as long as this object; a workbook opened from them keeps it alive.
///
/// Unchecked Sendable, and safe: every property is a `let`, the buffer is filled once in `read`
/// before the object is handed out and never written afterwards (only read through `bytes`), and
/// it is freed in `deinit`, when no thread holds the object any more.
public final class FileBytes: @unchecked Sendable {
    /// The path the bytes were read from (for messages, and for telling apart files that are
    /// not workbooks).
    public let path: String
    private let storage: UnsafeMutableRawBufferPointer
    /// How many bytes of `storage` the file filled.
    public let count: Int

    /// The file's bytes; valid while this object lives.
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: storage[0..<count]) }

    private init(path: String, storage: UnsafeMutableRawBufferPointer, count: Int) {
        self.path = path
        self.storage = storage
        self.count = count
    }

    deinit { storage.deallocate() }

    /// Why a file could not be read into memory.
    public struct ReadError: Error, Equatable {
        /// The `errno` of the failed `open` or `read`.
        public var code: Int32
    }

    /// Reads the file at `path` whole; nil when it holds more than `maxBytes` bytes (the caller
    /// then reads it from disk as it goes, so memory stays bounded). Throws `ReadError` when the
    /// file cannot be opened or read (a folder, say, opens but cannot be read).
    public static func read(path: String, maxBytes: Int) throws -> FileBytes? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ReadError(code: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ReadError(code: errno) }
        let size = Int(info.st_size)
        if size > maxBytes { return nil }
        // One byte more than the size, so that one read both fills the file and sees its end;
        // a file that grows (or a pipe, which reports no size) is read on in bigger steps.
        var capacity = max(size, 0) + 1
        var storage = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        var count = 0
        while true {
            if count == capacity {
                guard capacity <= maxBytes else { storage.deallocate(); return nil }
                let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: min(capacity * 2, maxBytes + 1), alignment: 16)
                bigger.copyMemory(from: UnsafeRawBufferPointer(storage))
                storage.deallocate()
                storage = bigger
                capacity = bigger.count
            }
            let n = systemRead(fd, storage.baseAddress! + count, capacity - count)
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                storage.deallocate()
                throw ReadError(code: code)
            }
            if n == 0 { break }
            count += n
        }
        if count > maxBytes { storage.deallocate(); return nil }
        return FileBytes(path: path, storage: storage, count: count)
    }
}

/// `read(2)`, under a name the static `FileBytes.read` does not hide.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
