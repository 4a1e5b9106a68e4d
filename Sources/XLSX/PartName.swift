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

extension String {
    func replacingBackslashes() -> String {
        guard utf8.contains(UInt8(ascii: "\\")) else { return self }
        return String(decoding: utf8.map { $0 == UInt8(ascii: "\\") ? UInt8(ascii: "/") : $0 }, as: UTF8.self)
    }
}
