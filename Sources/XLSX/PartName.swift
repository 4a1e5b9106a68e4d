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
        let cleaned = target.replacingBackslashes()
        let joined = cleaned.hasPrefix("/") ? cleaned : folder(of: source) + cleaned
        var segments: [Substring] = []
        for segment in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." { if !segments.isEmpty { segments.removeLast() }; continue }
            segments.append(segment)
        }
        return segments.joined(separator: "/")
    }
}

extension String {
    func replacingBackslashes() -> String {
        guard utf8.contains(UInt8(ascii: "\\")) else { return self }
        return String(decoding: utf8.map { $0 == UInt8(ascii: "\\") ? UInt8(ascii: "/") : $0 }, as: UTF8.self)
    }
}
