/// Package part names (`xl/worksheets/sheet1.xml`) and how relationship targets resolve to them.
enum PartName {
    /// The folder of a part, with a trailing `/`, or "" for a part at the root.
    static func folder(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[...slash])
    }

    /// The relationships part that belongs to `part`: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
    static func relationships(of part: String) -> String {
        let folder = folder(of: part)
        return folder + "_rels/" + part.dropFirst(folder.count) + ".rels"
    }

    /// Resolves a relationship target against the part that holds the relationship. Targets may be
    /// relative (`worksheets/sheet1.xml`, `../x.xml`), absolute (`/xl/styles.xml`) or written with
    /// backslashes. The result has no leading slash and no `.` or `..` segments.
    static func resolve(_ target: String, from source: String) -> String {
        // The usual relative target (`worksheets/sheet1.xml`) joined to a clean folder is already
        // its own resolution: no segment to drop or apply, so no need to rebuild it.
        let joined = folder(of: source) + target
        if isClean(joined) { return joined }
        var path = Array(target.utf8)
        for i in path.indices where path[i] == UInt8(ascii: "\\") { path[i] = UInt8(ascii: "/") }
        if path.first != UInt8(ascii: "/") { path = Array(folder(of: source).utf8) + path }
        // Rebuild segment by segment, dropping empty and `.` segments and applying `..`.
        var out: [UInt8] = []
        out.reserveCapacity(path.count)
        var segmentStarts: [Int] = []
        var i = 0
        while i < path.count {
            var j = i
            while j < path.count, path[j] != UInt8(ascii: "/") { j += 1 }
            let length = j - i
            if length == 0 || (length == 1 && path[i] == UInt8(ascii: ".")) {
                // skip
            } else if length == 2 && path[i] == UInt8(ascii: ".") && path[i + 1] == UInt8(ascii: ".") {
                if let start = segmentStarts.popLast() { out.removeSubrange(max(start - 1, 0)...) }
            } else {
                if !out.isEmpty { out.append(UInt8(ascii: "/")) }
                segmentStarts.append(out.count)
                out.append(contentsOf: path[i..<j])
            }
            i = j + 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension PartName {
    /// Whether `path` is relative, has no backslash and only segments that resolution keeps as they
    /// are (not empty, not `.` or `..`): then `resolve` gives it back unchanged.
    static func isClean(_ path: String) -> Bool {
        var segmentLength = 0, dots = 0
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): return false
            case UInt8(ascii: "/"):
                if segmentLength == 0 || dots == segmentLength { return false }
                segmentLength = 0
                dots = 0
            default:
                segmentLength += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return segmentLength > 0 && dots != segmentLength
    }
}

extension String {
    func replacingBackslashes() -> String {
        guard utf8.contains(UInt8(ascii: "\\")) else { return self }
        return String(decoding: utf8.map { $0 == UInt8(ascii: "\\") ? UInt8(ascii: "/") : $0 }, as: UTF8.self)
    }
}
