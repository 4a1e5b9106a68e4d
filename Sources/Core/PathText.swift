import Foundation

/// Path arithmetic on Swift strings, for the paths intake builds for every file it takes: NSString's
/// path methods convert the text to UTF-16 and back on Linux, which cost more than the file work
/// around them. For '/'-separated paths without a trailing slash (what intake builds); the results
/// equal NSString's for those.
public enum PathText {
    private static let slash = UInt8(ascii: "/")

    /// `a/b/c.xlsx` → `c.xlsx`; `c.xlsx` → `c.xlsx`.
    public static func lastComponent(_ path: String) -> String {
        guard let cut = path.utf8.lastIndex(of: slash) else { return path }
        return String(path[path.utf8.index(after: cut)...])
    }

    /// `a/b/c.xlsx` → `a/b`; `c.xlsx` → (empty); `/c` → `/`.
    public static func parent(_ path: String) -> String {
        guard let cut = path.utf8.lastIndex(of: slash) else { return "" }
        return cut == path.startIndex ? "/" : String(path[..<cut])
    }

    /// `a` and `b` → `a/b`; an empty folder gives `b`, an empty name `a`.
    public static func join(_ folder: String, _ name: String) -> String {
        if folder.isEmpty { return name }
        if name.isEmpty { return folder }
        return folder.utf8.last == slash ? folder + name : folder + "/" + name
    }
}

/// A path as its bytes, for dictionaries and sets of paths: Swift's `String` equality is canonical
/// equivalence, under which a name saved from a Mac (NFD) equals the same name saved from Windows (NFC),
/// while the file system holds them as two files.
public struct PathKey: Hashable, Sendable {
    public let bytes: [UInt8]

    public init(_ path: String) { bytes = Array(path.utf8) }
}
