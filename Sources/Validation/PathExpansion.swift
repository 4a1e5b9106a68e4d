import Core
import Foundation

/// Turns the paths given on the command line into the files to validate.
///
/// - A file given explicitly is always taken, whatever its type: if it is not a workbook, staff get
///   a message saying so rather than silence.
/// - A folder is walked recursively. It yields `.xlsx`, `.xlsm` and `.ods` workbooks, and also `.xls` files,
///   which are reported as the wrong format (they are forms saved in the old format, not to be lost).
///   Hidden files and folders and Excel's `~$` lock files are skipped.
/// - The result has no duplicates and is sorted by path, so output order does not depend on the
///   file system or on thread scheduling.
public enum PathExpansion {
    /// Extensions (lowercase) that a folder walk yields.
    public static let folderExtensions: Set<String> = ["xlsx", "xlsm", "ods", "xls"]

    /// Whether a file name is skipped inside folders: hidden, or an Excel lock file `~$…`.
    public static func isSkippedInFolder(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasPrefix("~$")
    }

    /// The files to validate. Paths that do not exist are returned in `missing`.
    public static func expand(_ paths: [String]) -> (files: [String], missing: [String]) {
        let fm = FileManager.default
        var files = Set<String>()
        var missing: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                missing.append(path)
                continue
            }
            if isDirectory.boolValue {
                files.formUnion(walk(path))
            } else {
                files.insert(path)
            }
        }
        return (files.sorted(by: ByteOrder.less), missing)
    }

    /// Files under a folder, recursively, that a folder walk yields.
    static func walk(_ folder: String) -> [String] {
        let fm = FileManager.default
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        var found: [String] = []
        var pending = [base]
        var visited = Set<String>()
        while let directory = pending.popLast() {
            // Resolved paths guard against symbolic-link loops.
            let resolved = (directory as NSString).resolvingSymlinksInPath
            guard visited.insert(resolved).inserted,
                  let names = try? fm.contentsOfDirectory(atPath: directory) else { continue }
            for name in names where !isSkippedInFolder(name) {
                let path = directory + "/" + name
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    pending.append(path)
                } else if folderExtensions.contains(fileExtension(name)) {
                    found.append(path)
                }
            }
        }
        return found
    }

    /// The lowercase extension of a file name, without the dot; empty when there is none.
    public static func fileExtension(_ name: String) -> String {
        let last = name.split(separator: "/").last.map(String.init) ?? name
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return "" }
        return last[last.index(after: dot)...].lowercased()
    }

}
