import Foundation

/// A file that could not be written: the path the user asked for (never a hidden temporary name)
/// and the system's reason (`errno`, 0 when the library that failed did not say).
public struct WriteFailure: Error, Equatable, Hashable, Sendable {
    public var path: String
    public var errno: Int32

    public init(path: String, errno: Int32) {
        self.path = path
        self.errno = errno
    }

    /// One line: which file, why, and what to do about that reason (not a guess at another one).
    public func message(japanese: Bool) -> String {
        let reason = errno == 0 ? (japanese ? "原因は分かりません" : "no reason given") : SystemErrorText.meaning(errno, japanese: japanese)
        let advice: (String, String)
        switch errno {
        case ENOSPC, EDQUOT:
            advice = ("ディスクの空きを作ってから、もう一度実行してください。", "Free some disk space and run again.")
        case EACCES, EPERM:
            advice = ("書き込みの権限がある場所を指定するか、権限を変えてください。", "Choose a place you may write to, or change its permissions.")
        case EROFS:
            advice = ("書き込める場所を指定してください。", "Choose a place that can be written to.")
        case ENOENT:
            advice = ("フォルダがあるか確かめてください。", "Check that the folder exists.")
        case ENOTDIR, EEXIST, EISDIR:
            advice = ("別の名前を指定してください。", "Give another name.")
        default:
            advice = ("原因を取り除いてから、もう一度実行してください。", "Remove the cause and run again.")
        }
        return japanese ? "「\(path)」を書き出せませんでした（\(reason)）。\(advice.0)"
                        : "Could not write \"\(path)\" (\(reason)). \(advice.1)"
    }
}

/// The file-system steps of writing outputs, each failing with its errno.
public enum OutputFiles {
    /// Makes `path` and its missing parents; a file of that name is `EEXIST`, a file in the way of
    /// a parent `ENOTDIR`.
    public static func makeDirectories(_ path: String) throws(WriteFailure) {
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR { return }
            throw WriteFailure(path: path, errno: EEXIST)
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path, parent != "/" { try makeDirectories(parent) }
        if mkdir(path, 0o777) != 0, Foundation.errno != EEXIST { throw WriteFailure(path: path, errno: Foundation.errno) }
    }

    /// Writes `data` to `path` (created or truncated); the failure names `shown`.
    public static func write(_ data: Data, to path: String, shown: String) throws(WriteFailure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteFailure(path: shown, errno: Foundation.errno) }
        defer { close(fd) }
        var failed: Int32 = 0
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let count = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if Foundation.errno == EINTR { continue }
                    failed = Foundation.errno
                    return
                }
                offset += count
            }
        }
        if failed != 0 { throw WriteFailure(path: shown, errno: failed) }
    }

    /// Creates (or empties) the file a library is about to write, so that a folder that is missing,
    /// not a folder or not writable is reported with its real reason before any work is done.
    public static func claim(_ path: String, shown: String) throws(WriteFailure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteFailure(path: shown, errno: Foundation.errno) }
        close(fd)
    }
}
