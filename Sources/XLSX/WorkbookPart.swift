/// `xl/workbook.xml`: the sheets in tab order, their state and relationship ids, and `date1904`.
final class WorkbookPart: SAXHandler, SAXSessionOwner {
    var session: SAXSession?

    /// One `<sheet>` entry as the workbook lists it.
    struct SheetEntry {
        var name: String
        var relationshipID: String
        /// `visible`, `hidden` or `veryHidden`.
        var state: String
    }

    private(set) var sheets: [SheetEntry] = []
    private(set) var is1904 = false

    static func read(_ part: String, from archive: ZipArchive) throws -> WorkbookPart {
        guard let workbook = try parseRememberedPart(part, key: "workbook\u{0}\(part)", in: archive, make: WorkbookPart.init)
        else { throw XLSXError.noWorkbookPart }
        return workbook
    }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("sheet") { handleSheet(attributes) } else if name.is("workbookPr") { handleWorkbookPr(attributes) }
    }

    private func handleSheet(_ attributes: XMLAttributes) {
        guard let name = attributes.string("name"), let id = attributes.string("id", namespaced: true) else { return }
        sheets.append(SheetEntry(name: name, relationshipID: id, state: attributes.string("state") ?? "visible"))
    }

    private func handleWorkbookPr(_ attributes: XMLAttributes) {
        if let value = attributes.string("date1904") { is1904 = value == "1" || value.lowercased() == "true" }
    }

    func endElement(_ name: XMLName) {}
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
}
