import Core
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Acting on a file of the inbox by its path relative to the inbox without ever following a link:
/// each folder on the way is opened relative to the one before with O_DIRECTORY|O_NOFOLLOW, and the
/// file itself is looked at or removed relative to its folder's descriptor (fstatat without following,
/// unlinkat). A subfolder swapped for a link to elsewhere fails with ELOOP or ENOTDIR instead of
/// leading outside the workspace.
enum NoFollowPaths {
    /// The descriptor of the folder holding `relative` (a '/'-separated path under `root`) and the
    /// file's name in it; nil with errno set when a folder on the way cannot be opened or is a link.
    static func openParent(root: String, relative: String) -> (folder: Int32, name: String)? {
        var components = relative.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let name = components.popLast() else { errno = EINVAL; return nil }
        var folder = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return nil }
        for component in components {
            let next = openat(folder, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            let code = errno
            close(folder)
            guard next >= 0 else { errno = code; return nil }
            folder = next
        }
        return (folder, name)
    }

    /// The inbox root of an inbox file: its path without its relative path.
    static func root(of file: InboxFile) -> String {
        String(file.path.utf8.dropLast(file.relativePath.utf8.count + 1)) ?? ""
    }

    /// What `relative` under `root` is now, links not followed anywhere on the way: its stat, or the errno.
    static func status(root: String, relative: String) -> Result<stat, FileError> {
        guard let (folder, name) = openParent(root: root, relative: relative) else {
            return .failure(.system(operation: .read, path: PathText.join(root, relative), errno: errno))
        }
        defer { close(folder) }
        var info = stat()
        guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            return .failure(.system(operation: .read, path: PathText.join(root, relative), errno: errno))
        }
        return .success(info)
    }
}
