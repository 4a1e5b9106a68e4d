import CZip
import Foundation

/// Writes zip archives for tests with libzip: each entry deflated or stored, as asked.
public enum ZipWriter {
    /// One entry to write: a name exactly as it goes into the archive, and its bytes.
    public struct Entry {
        public var name: String
        public var data: [UInt8]
        public var stored: Bool

        public init(_ name: String, _ text: String, stored: Bool = false) {
            self.init(name, bytes: Array(text.utf8), stored: stored)
        }

        public init(_ name: String, bytes: [UInt8], stored: Bool = false) {
            self.name = name
            self.data = bytes
            self.stored = stored
        }
    }

    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Writes `entries` to a new archive at `url`, replacing any file there.
    public static func write(_ entries: [Entry], to url: URL) throws {
        var code: Int32 = 0
        guard let za = zip_open(url.path, ZIP_CREATE | ZIP_TRUNCATE, &code) else {
            throw WriteError(description: "zip_open failed: \(code)")
        }
        for entry in entries {
            // libzip reads the buffer at zip_close, so it gets its own copy and frees it.
            let copy = malloc(max(entry.data.count, 1))!
            entry.data.withUnsafeBytes { if let base = $0.baseAddress { copy.copyMemory(from: base, byteCount: $0.count) } }
            guard let source = zip_source_buffer(za, copy, zip_uint64_t(entry.data.count), 1) else {
                free(copy)
                zip_discard(za)
                throw WriteError(description: "zip_source_buffer failed")
            }
            let index = zip_file_add(za, entry.name, source, zip_flags_t(ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE))
            guard index >= 0 else {
                zip_source_free(source)
                zip_discard(za)
                throw WriteError(description: "zip_file_add failed for \(entry.name)")
            }
            zip_set_file_compression(za, zip_uint64_t(index), entry.stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 9)
        }
        guard zip_close(za) == 0 else {
            let message = String(cString: zip_strerror(za))
            zip_discard(za)
            throw WriteError(description: "zip_close failed: \(message)")
        }
    }
}

/// Builds small `.xlsx` packages for tests, from worksheet XML written in the test itself.
public struct WorkbookBuilder {
    public static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    public static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// One sheet: its tab name, the inside of `<worksheet>` (e.g. `<sheetData>…</sheetData>`),
    /// and its state (`visible`, `hidden`, `veryHidden`).
    public struct Sheet {
        public var name: String
        public var body: String
        public var state: String
        public init(_ name: String, _ body: String, state: String = "visible") {
            self.name = name
            self.body = body
            self.state = state
        }
    }

    public var sheets: [Sheet]
    /// `<si>` items of the shared-string table; nil leaves the part out.
    public var sharedStrings: [String]?
    /// The inside of `<styleSheet>`; nil leaves the part out.
    public var styles: String?
    public var date1904: String?
    /// Extra entries, added after the standard ones.
    public var extraEntries: [ZipWriter.Entry] = []

    public init(sheets: [Sheet], sharedStrings: [String]? = nil, styles: String? = nil, date1904: String? = nil) {
        self.sheets = sheets
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.date1904 = date1904
    }

    /// The package's entries, in the usual Excel layout.
    public var entries: [ZipWriter.Entry] {
        var overrides = "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        var rels = ""
        var sheetList = ""
        var out: [ZipWriter.Entry] = []
        for (i, sheet) in sheets.enumerated() {
            overrides += "<Override PartName=\"/xl/worksheets/sheet\(i + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            rels += "<Relationship Id=\"rId\(i + 1)\" Type=\"\(Self.relNS)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
            sheetList += "<sheet name=\"\(Self.escape(sheet.name))\" sheetId=\"\(i + 1)\" state=\"\(sheet.state)\" r:id=\"rId\(i + 1)\"/>"
            out.append(.init("xl/worksheets/sheet\(i + 1).xml",
                             "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"\(Self.mainNS)\" xmlns:r=\"\(Self.relNS)\">\(sheet.body)</worksheet>"))
        }
        if let sharedStrings {
            overrides += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
            rels += "<Relationship Id=\"rIdS\" Type=\"\(Self.relNS)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            out.append(.init("xl/sharedStrings.xml",
                             "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"\(Self.mainNS)\" count=\"\(sharedStrings.count)\">" + sharedStrings.map { "<si>\($0)</si>" }.joined() + "</sst>"))
        }
        if let styles {
            overrides += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            rels += "<Relationship Id=\"rIdT\" Type=\"\(Self.relNS)/styles\" Target=\"styles.xml\"/>"
            out.append(.init("xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"\(Self.mainNS)\">\(styles)</styleSheet>"))
        }
        let pr = date1904.map { "<workbookPr date1904=\"\($0)\"/>" } ?? ""
        out.insert(contentsOf: [
            .init("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>\(overrides)</Types>"),
            .init("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(Self.relNS)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
            .init("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"\(Self.mainNS)\" xmlns:r=\"\(Self.relNS)\">\(pr)<sheets>\(sheetList)</sheets></workbook>"),
            .init("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(rels)</Relationships>"),
        ], at: 0)
        return out + extraEntries
    }

    /// Writes the package to `url`.
    public func write(to url: URL) throws { try ZipWriter.write(entries, to: url) }

    /// `&`, `<`, `>` and `"` escaped for XML.
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
