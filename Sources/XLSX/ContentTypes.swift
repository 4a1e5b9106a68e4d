/// `[Content_Types].xml`: the content type of every part, by override or by extension default.
final class ContentTypes: SAXHandler, SAXSessionOwner {
    var session: SAXSession?
    /// Content type by file extension (lower case, no dot).
    private(set) var defaults: [String: String] = [:]
    /// Content type by normalised part name (see `ZipArchive.normalise`).
    private(set) var overrides: [String: String] = [:]

    static let partName = "[Content_Types].xml"

    /// Reads the part; an archive without it gives an empty table.
    static func read(from archive: ZipArchive) throws -> ContentTypes {
        let types = ContentTypes()
        try parsePart(partName, in: archive, with: types)
        return types
    }

    /// The content type of `part`, if declared.
    func contentType(of part: String) -> String? {
        let key = ZipArchive.normalise(part)
        if let type = overrides[key] { return type }
        guard let dot = key.lastIndex(of: ".") else { return nil }
        return defaults[String(key[key.index(after: dot)...])]
    }

    /// Parts whose content type is one of `types`, in no particular order.
    func parts(ofType types: Set<String>) -> [String] {
        overrides.filter { types.contains($0.value) }.map(\.key).sorted()
    }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("Override") { handleOverride(attributes) } else if name.is("Default") { handleDefault(attributes) }
    }

    private func handleOverride(_ attributes: XMLAttributes) {
        guard let part = attributes.string("PartName"), let type = attributes.string("ContentType") else { return }
        overrides[ZipArchive.normalise(part)] = type.trimmingASCIIWhitespace()
    }

    private func handleDefault(_ attributes: XMLAttributes) {
        guard let ext = attributes.string("Extension"), let type = attributes.string("ContentType") else { return }
        defaults[ZipArchive.normalise(ext)] = type.trimmingASCIIWhitespace()
    }

    func endElement(_ name: XMLName) {}
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}

    /// Content types of a workbook's main part (workbook, template, macro-enabled, add-in).
    static let workbookTypes: Set<String> = [
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        "application/vnd.ms-excel.template.macroEnabled.main+xml",
        "application/vnd.ms-excel.addin.macroEnabled.main+xml",
    ]
    static let worksheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
}

/// One relationship from a `.rels` part, its target already resolved to a part name.
struct Relationship: Hashable {
    var id: String
    /// The relationship type URI (transitional `schemas.openxmlformats.org` or strict `purl.oclc.org`).
    var type: String
    /// The resolved part name, or the raw target for an external relationship.
    var target: String
    var isExternal: Bool

    /// Whether the type ends in `/<kind>` (e.g. `worksheet`), whichever namespace it uses.
    func isType(_ kind: String) -> Bool {
        type.hasSuffix("/" + kind)
    }
}

/// A `.rels` part: the relationships of one source part.
final class Relationships: SAXHandler, SAXSessionOwner {
    var session: SAXSession?
    private let source: String
    private(set) var all: [Relationship] = []
    /// Index into `all` by id (the first relationship with an id wins), so that a workbook listing
    /// many sheets is not matched against its relationships in quadratic time.
    private var indexByID: [String: Int] = [:]

    private init(source: String) { self.source = source }

    /// The relationships of `source` (`""` for the package itself); empty when there are none.
    static func read(of source: String, from archive: ZipArchive) throws -> Relationships {
        let part = source.isEmpty ? "_rels/.rels" : PartName.relationships(of: source)
        return try parseRememberedPart(part, key: "rels\u{0}\(part)\u{0}\(source)", in: archive) {
            Relationships(source: source)
        } ?? Relationships(source: source)
    }

    /// The relationship with id `id`.
    func relationship(id: String) -> Relationship? { indexByID[id].map { all[$0] } }

    /// The first internal relationship of kind `kind` (such as `officeDocument` or `styles`).
    func first(ofType kind: String) -> Relationship? { all.first { !$0.isExternal && $0.isType(kind) } }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        guard name.is("Relationship") else { return }
        handleRelationship(attributes)
    }

    private func handleRelationship(_ attributes: XMLAttributes) {
        guard let id = attributes.string("Id"), let type = attributes.string("Type"),
              let target = attributes.string("Target") else { return }
        let external = attributes.string("TargetMode")?.lowercased() == "external"
        if indexByID[id] == nil { indexByID[id] = all.count }
        all.append(Relationship(id: id, type: type.trimmingASCIIWhitespace(),
                                target: external ? target : PartName.resolve(target, from: source),
                                isExternal: external))
    }

    func endElement(_ name: XMLName) {}
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
        // Most values have nothing to trim: say so without copying them.
        guard let first = utf8.first, let last = utf8.last, isSpace(first) || isSpace(last) else { return self }
        let bytes = Array(utf8)
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 32 || bytes[start] == 9 || bytes[start] == 10 || bytes[start] == 13 { start += 1 }
        while end > start, bytes[end - 1] == 32 || bytes[end - 1] == 9 || bytes[end - 1] == 10 || bytes[end - 1] == 13 { end -= 1 }
        if start == 0 && end == bytes.count { return self }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
