import CLibXML2

/// An element's local name as libxml2 hands it out: a NUL-terminated UTF-8 C string, compared
/// against static byte strings without building a Swift `String`.
struct XMLName {
    let pointer: UnsafePointer<xmlChar>
    /// The element's namespace URI, nil when it has none (OpenDocument tells its names apart by it).
    var uri: UnsafePointer<xmlChar>? = nil

    /// Whether the name is exactly `literal` (ASCII, compared byte by byte).
    @inline(__always)
    func `is`(_ literal: StaticString) -> Bool {
        let other = literal.utf8Start
        let count = literal.utf8CodeUnitCount
        var i = 0
        while i < count {
            if pointer[i] != other[i] { return false }
            i += 1
        }
        return pointer[count] == 0
    }

    /// Whether the name is exactly `literal` in the namespace `namespace`.
    @inline(__always)
    func `is`(_ literal: StaticString, in namespace: StaticString) -> Bool {
        guard `is`(literal), let uri else { return false }
        return XMLName(pointer: uri).is(namespace)
    }
}

/// The attributes of one start tag, in libxml2's SAX2 layout: five pointers per attribute
/// (local name, prefix, namespace URI, value start, value end).
struct XMLAttributes {
    let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    /// The raw value of the attribute named `name`. Without `namespaced`, only an attribute with
    /// no namespace matches (as `r`, `t` and `s` on a cell); with it, only a namespaced one (as
    /// `r:id`, under any prefix).
    @inline(__always)
    func bytes(_ name: StaticString, namespaced: Bool = false) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        for i in 0..<count {
            guard let local = base[i * 5], XMLName(pointer: local).is(name),
                  (base[i * 5 + 2] != nil) == namespaced,
                  let start = base[i * 5 + 3], let end = base[i * 5 + 4] else { continue }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// The raw value of the attribute named `name` in the namespace `namespace` (OpenDocument has
    /// `office:value-type` and `calcext:value-type` on one cell).
    @inline(__always)
    func bytes(_ name: StaticString, in namespace: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        for i in 0..<count {
            guard let local = base[i * 5], XMLName(pointer: local).is(name),
                  let uri = base[i * 5 + 2], XMLName(pointer: uri).is(namespace),
                  let start = base[i * 5 + 3], let end = base[i * 5 + 4] else { continue }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// The value of the attribute named `name` in the namespace `namespace` as text, references decoded.
    func string(_ name: StaticString, in namespace: StaticString) -> String? {
        guard let raw = bytes(name, in: namespace) else { return nil }
        let text = String(decoding: raw, as: UTF8.self)
        return raw.contains(UInt8(ascii: "&")) ? decodeCharacterReferences(text) : text
    }

    /// The value of the attribute named `name` as text. Without `XML_PARSE_NOENT` libxml2 hands
    /// an escaped `&` on as `&#38;`, so references left in the value are decoded here.
    func string(_ name: StaticString, namespaced: Bool = false) -> String? {
        guard let raw = bytes(name, namespaced: namespaced) else { return nil }
        let text = String(decoding: raw, as: UTF8.self)
        return raw.contains(UInt8(ascii: "&")) ? decodeCharacterReferences(text) : text
    }
}

/// What one part's parse reports to: element starts and ends and character data.
protocol SAXHandler: AnyObject {
    func startElement(_ name: XMLName, _ attributes: XMLAttributes)
    func endElement(_ name: XMLName)
    func characters(_ bytes: UnsafeBufferPointer<UInt8>)
}

/// One libxml2 push parse of one part: fed chunk by chunk, never holding the document. DTDs and
/// entity declarations stop it with `unsafeXML`; the network is never used (`XML_PARSE_NONET`)
/// and entities are never substituted or loaded (no `NOENT`, `DTDLOAD` or `HUGE`).
final class SAXSession {
    private var context: xmlParserCtxtPtr?
    fileprivate unowned(unsafe) var handler: SAXHandler
    private(set) var partName: String
    /// Set by a callback that refuses the document or by the handler; stops the parse.
    private(set) var failure: XLSXError?
    /// Set by `reset`: the next chunk starts a new document.
    private var needsReset = false
    /// Whether the last document fed was parsed to its end without an error: only then may the
    /// parser be kept for another workbook.
    private(set) var finishedCleanly = false

    private static let initialised: Bool = { xmlInitParser(); return true }()
    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    init(partName: String, handler: SAXHandler) throws {
        _ = Self.initialised
        self.partName = partName
        self.handler = handler
        var sax = Self.makeHandler()
        let me = Unmanaged.passUnretained(self).toOpaque()
        guard let ctxt = xmlCreatePushParserCtxt(&sax, me, nil, 0, nil) else {
            throw XLSXError.malformedXML(part: partName, detail: "cannot create an XML parser")
        }
        xmlCtxtUseOptions(ctxt, Self.options)
        context = ctxt
    }

    /// Small parts parsed before, with their results, by key (see `parseRememberedPart`).
    var rememberedParts: [String: RememberedPart] = [:]

    /// The chunk buffer for `parse`, kept with the parser as it is reused from part to part.
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 8)
    static let chunkSize = 64 << 10

    deinit {
        if let context { xmlFreeParserCtxt(context) }
        buffer.deallocate()
    }

    /// Makes the parser ready for a new document, keeping libxml2's context (and its name
    /// dictionary) instead of building a new one: workbooks have several small parts.
    func reset(partName: String, handler: SAXHandler) {
        self.partName = partName
        self.handler = handler
        failure = nil
        needsReset = true
    }

    /// Resets libxml2's context with the new document's first chunk, from which it detects the
    /// encoding (a byte-order mark included), as a fresh push parser would.
    private func resetContext(_ context: xmlParserCtxtPtr, firstChunk chunk: UnsafeRawBufferPointer) {
        needsReset = false
        xmlCtxtResetPush(context, chunk.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(chunk.count), nil, nil)
        xmlCtxtUseOptions(context, Self.options)
        context.pointee.userData = Unmanaged.passUnretained(self).toOpaque()
    }

    /// Stops the parse with `error`; the feed in progress throws it.
    func stop(with error: XLSXError) {
        if failure == nil { failure = error }
        if let context { xmlStopParser(context) }
    }

    /// Parses one more chunk; `last` ends the document.
    func feed(_ chunk: UnsafeRawBufferPointer, last: Bool) throws {
        guard let context else { return }
        finishedCleanly = false
        let status: Int32
        if needsReset {
            resetContext(context, firstChunk: chunk)
            status = xmlParseChunk(context, nil, 0, last ? 1 : 0)
        } else {
            status = xmlParseChunk(context, chunk.baseAddress?.assumingMemoryBound(to: CChar.self),
                                   Int32(chunk.count), last ? 1 : 0)
        }
        if let failure { throw failure }
        if status != 0 || (last && context.pointee.wellFormed == 0) {
            var detail = "XML error \(status)"
            if let error = xmlCtxtGetLastError(context), let message = error.pointee.message {
                detail = String(cString: message).trimmingTrailingNewlines().split(separator: "\n").joined(separator: " ") + " (line \(error.pointee.line))"
            }
            throw XLSXError.malformedXML(part: partName, detail: detail)
        }
        finishedCleanly = last
    }

    /// Whether the parser may be kept for another workbook: its last document ended cleanly, and
    /// the names libxml2 has collected across documents stay few (hostile files could otherwise
    /// grow a kept parser without bound).
    var isReusable: Bool {
        guard finishedCleanly, let context, let dict = context.pointee.dict else { return false }
        return xmlDictSize(dict) <= Self.maxKeptNames
    }

    /// Names a kept parser may have collected; real workbooks use a few hundred.
    static let maxKeptNames = 20_000

    /// Reads `entry` to its end through this parser, `bufferSize` bytes at a time.
    func parse(_ entry: any PartByteSource) throws {
        while true {
            let n = try entry.read(into: buffer)
            try feed(UnsafeRawBufferPointer(rebasing: buffer[0..<n]), last: n == 0)
            if n == 0 { return }
        }
    }

    private static func makeHandler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { ctx, localname, _, uri, _, _, nbAttributes, _, attributes in
            guard let localname else { return }
            withSession(ctx) {
                $0.handler.startElement(XMLName(pointer: localname, uri: uri),
                                        XMLAttributes(base: attributes, count: Int(nbAttributes)))
            }
        }
        sax.endElementNs = { ctx, localname, _, uri in
            guard let localname else { return }
            withSession(ctx) { $0.handler.endElement(XMLName(pointer: localname, uri: uri)) }
        }
        sax.characters = { ctx, bytes, length in
            guard let bytes, length > 0 else { return }
            withSession(ctx) { $0.handler.characters(UnsafeBufferPointer(start: bytes, count: Int(length))) }
        }
        sax.cdataBlock = { ctx, bytes, length in
            guard let bytes, length > 0 else { return }
            withSession(ctx) { $0.handler.characters(UnsafeBufferPointer(start: bytes, count: Int(length))) }
        }
        // Any DTD construct ends the parse: real workbooks never carry one.
        sax.internalSubset = { ctx, _, _, _ in refuse(ctx) }
        sax.externalSubset = { ctx, _, _, _ in refuse(ctx) }
        sax.entityDecl = { ctx, _, _, _, _, _ in refuse(ctx) }
        sax.unparsedEntityDecl = { ctx, _, _, _, _ in refuse(ctx) }
        sax.notationDecl = { ctx, _, _, _ in refuse(ctx) }
        sax.elementDecl = { ctx, _, _, _ in refuse(ctx) }
        sax.attributeDecl = { ctx, _, _, _, _, _, _ in refuse(ctx) }
        sax.getEntity = { _, _ in nil }
        sax.getParameterEntity = { _, _ in nil }
        sax.resolveEntity = { ctx, _, _ in refuse(ctx); return nil }
        // Errors are collected from the context, never printed.
        sax.serror = { _, _ in }
        return sax
    }
}

/// The session behind a SAX callback's context pointer.
@inline(__always)
private func session(_ ctx: UnsafeMutableRawPointer?) -> SAXSession {
    Unmanaged<SAXSession>.fromOpaque(ctx!).takeUnretainedValue()
}

/// Calls `body` with the session behind a SAX callback's context pointer, without retaining and
/// releasing it for every event (the session outlives its parse).
@inline(__always)
private func withSession(_ ctx: UnsafeMutableRawPointer?, _ body: (SAXSession) -> Void) {
    Unmanaged<SAXSession>.fromOpaque(ctx!)._withUnsafeGuaranteedRef(body)
}

/// Stops the parse of a document that declares DTD constructs.
private func refuse(_ ctx: UnsafeMutableRawPointer?) {
    let s = session(ctx)
    s.stop(with: .unsafeXML(part: s.partName))
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while let last = s.last, last == "\n" || last == "\r" { s = s.dropLast() }
        return String(s)
    }
}

/// Reads one whole part through `handler`; false when the archive does not hold it.
@discardableResult
func parsePart(_ partName: String, in archive: ZipArchive, with handler: SAXHandler & SAXSessionOwner) throws -> Bool {
    guard let entry = try archive.openEntry(partName) else { return false }
    let session = try archive.session(for: partName, handler: handler)
    handler.session = session
    defer { handler.session = nil }
    do {
        try session.parse(entry)
    } catch XLSXError.malformedXML(let part, let detail) {
        // Broken XML is often a damaged entry: read on, and if libzip finds the entry's data
        // corrupt (a CRC or inflate error at its end), say that instead.
        try entry.drain()
        throw XLSXError.malformedXML(part: part, detail: detail)
    }
    return true
}

/// Reads one whole part, from any source of its bytes (the fuzz targets' parts in memory), through
/// `handler`, with a parser of its own.
func parsePart(_ source: any PartByteSource, with handler: SAXHandler & SAXSessionOwner) throws {
    let session = try SAXSession(partName: source.partName, handler: handler)
    handler.session = session
    defer { handler.session = nil }
    try session.parse(source)
}

/// A handler that can stop its own parse (for limits it enforces itself).
protocol SAXSessionOwner: AnyObject {
    var session: SAXSession? { get set }
}

/// Decodes `&#NN;`, `&#xHH;` and the five predefined entity references; anything else is kept.
func decodeCharacterReferences(_ text: String) -> String {
    var out = ""
    var rest = Substring(text)
    while let amp = rest.firstIndex(of: "&") {
        out += rest[..<amp]
        guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
            out += rest[amp...]
            return out
        }
        let name = rest[rest.index(after: amp)..<semi]
        var decoded: Character?
        switch name {
        case "amp": decoded = "&"
        case "lt": decoded = "<"
        case "gt": decoded = ">"
        case "quot": decoded = "\""
        case "apos": decoded = "'"
        default:
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map(Character.init)
            } else if name.hasPrefix("#") {
                decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map(Character.init)
            }
        }
        if let decoded {
            out.append(decoded)
        } else {
            out += rest[amp...semi]
        }
        rest = rest[rest.index(after: semi)...]
    }
    return out + rest
}
