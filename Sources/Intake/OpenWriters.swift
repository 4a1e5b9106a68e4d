import Foundation
#if os(Linux)
import CSystem
import Glibc
#endif

/// Whether another process still has a file open for writing: a copy to a slow share can pause for
/// longer than the settle time, and such a file must not be taken half-written.
///
/// On Linux, a read lease (`fcntl(F_SETLEASE, F_RDLCK)`) is refused with EAGAIN while any process has
/// the file open for writing; it is taken and given back at once. Where leases are not available (other
/// systems, network file systems, files of another owner without CAP_LEASE) the answer is "unknown" and
/// the settle time alone decides.
enum OpenWriters {
    /// true: open for writing somewhere; false: no writer; nil: cannot tell here.
    static func isOpenForWriting(_ path: String) -> Bool? {
        #if os(Linux)
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if furikaeri_take_read_lease(fd) == 0 {
            _ = furikaeri_release_lease(fd)
            return false
        }
        return errno == EAGAIN ? true : nil
        #else
        return nil
        #endif
    }
}
