/// One worksheet of a workbook, in tab order. Chart sheets and other non-worksheets are left out.
public struct SheetInfo: Hashable, Sendable {
    public var name: String
    /// Hidden or very hidden in Excel.
    public var hidden: Bool
    /// Position among `Workbook.sheets`.
    public var index: Int
    /// The worksheet's part in the package, such as `xl/worksheets/sheet1.xml` (`content.xml`, which
    /// holds every sheet, for an OpenDocument spreadsheet).
    public var partName: String
}

/// An open `.xlsx` workbook, or an OpenDocument spreadsheet (`.ods`, see `OpenDocument`) read
/// through the same interface. An `.xlsx`'s package parts are read once, in a fixed order, at open:
/// package relationships → workbook → workbook relationships → shared strings → styles, with
/// `[Content_Types].xml` read (once) only when the relationships leave the workbook part or a
/// sheet's type open — for a normal file that saves a part per workbook, which matters when
/// thousands of small files are read. Worksheets are streamed later, one cell at a time.
public final class Workbook {
    public let path: String
    public let sheets: [SheetInfo]
    /// Whether serial dates count from 1904 (`date1904`).
    public let is1904: Bool
    private let archive: ZipArchive
    private let sharedStrings: [String]
    private let styles: Styles
    /// An OpenDocument spreadsheet's tables, read at open (see `OpenDocument`); empty for `.xlsx`.
    private let openDocumentTables: [OpenDocumentTable]
    /// What the last grid returned holds, given back when the next one is read.
    private var lastGridHeldBytes = 0

    private init(path: String, sheets: [SheetInfo], is1904: Bool, archive: ZipArchive,
                 sharedStrings: [String], styles: Styles, openDocumentTables: [OpenDocumentTable] = []) {
        self.path = path
        self.sheets = sheets
        self.is1904 = is1904
        self.archive = archive
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.openDocumentTables = openDocumentTables
    }

    /// Opens the workbook at `path`, telling apart the ways a file can fail to be one. `memory` says
    /// whether what the file holds while read is shared with other files (see `MemoryBudget`).
    public static func open(path: String, limits: ReaderLimits = .default, memory: MemoryShare = .unshared) throws -> Workbook {
        try open(ZipArchive(path: path, budget: ReadBudget(limits: limits, memory: memory)), path: path)
    }

    /// Opens a workbook from a file already read into memory: the same workbook, and the same
    /// errors, as `open(path:limits:)` gives for `contents.path`, without reading the file again.
    public static func open(contents: FileBytes, limits: ReaderLimits = .default, memory: MemoryShare = .unshared) throws -> Workbook {
        let archive: ZipArchive
        do {
            archive = try ZipArchive(contents: contents, budget: ReadBudget(limits: limits, memory: memory))
        } catch is ZipArchive.NotOpenedFromMemory {
            // Not a zip (or a damaged one): rare, and the path-based open words the error.
            return try open(path: contents.path, limits: limits, memory: memory)
        }
        return try open(archive, path: contents.path)
    }

    /// Reads the package parts of an opened archive.
    private static func open(_ archive: ZipArchive, path: String) throws -> Workbook {
        if archive.isEmpty, let error = try ContainerSniffer.error(forNonZipAt: path) { throw error }
        if try OpenDocument.isSpreadsheet(archive) {
            let (sheets, tables) = try OpenDocument.read(archive)
            return Workbook(path: path, sheets: sheets, is1904: false, archive: archive, sharedStrings: [], styles: Styles(),
                            openDocumentTables: tables)
        }
        var cachedContentTypes: ContentTypes?
        func contentTypes() throws -> ContentTypes {
            if let cachedContentTypes { return cachedContentTypes }
            let types = try ContentTypes.read(from: archive)
            cachedContentTypes = types
            return types
        }
        let packageRelationships = try Relationships.read(of: "", from: archive)
        let workbookPartName = try existing(packageRelationships.first(ofType: "officeDocument")?.target, in: archive)
            ?? findWorkbookPart(archive, try contentTypes())
        let workbookPart = try WorkbookPart.read(workbookPartName, from: archive)
        let relationships = try Relationships.read(of: workbookPartName, from: archive)
        let sharedStringsPart = existing(relationships.first(ofType: "sharedStrings")?.target, in: archive)
        let sharedStrings = try SharedStrings.read(sharedStringsPart, from: archive)
        let styles = try Styles.read(existing(relationships.first(ofType: "styles")?.target, in: archive), from: archive)
        var sheets: [SheetInfo] = []
        // A part listed again under another sheet name is read once: Excel never writes that, and
        // a tiny file could otherwise make one large sheet part be parsed hundreds of times.
        var usedParts = Set<String>()
        for entry in workbookPart.sheets {
            guard let relationship = relationships.relationship(id: entry.relationshipID), !relationship.isExternal,
                  try relationship.isType("worksheet")
                    || (!Self.otherSheetKinds.contains { relationship.isType($0) }
                        && contentTypes().contentType(of: relationship.target) == ContentTypes.worksheetType),
                  usedParts.insert(ZipArchive.normalise(relationship.target)).inserted
            else { continue }
            sheets.append(SheetInfo(name: entry.name, hidden: entry.state != "visible",
                                    index: sheets.count, partName: relationship.target))
        }
        return Workbook(path: path, sheets: sheets, is1904: workbookPart.is1904, archive: archive,
                        sharedStrings: sharedStrings, styles: styles)
    }

    /// A reader that pulls the cells of sheet `index`.
    public func cellReader(sheetAt index: Int) throws -> SheetCellReader {
        guard sheets.indices.contains(index) else {
            throw XLSXError.sheetIndexOutOfRange(index: index, count: sheets.count)
        }
        if openDocumentTables.indices.contains(index) {
            return SheetCellReader(cells: OpenDocumentSheetCells(table: openDocumentTables[index], budget: archive.budget))
        }
        let part = sheets[index].partName
        guard let entry = try archive.openEntry(part) else {
            throw XLSXError.corruptArchive(detail: "\(part) is missing")
        }
        return SheetCellReader(parser: try WorksheetParser(entry: entry, sharedStrings: sharedStrings, styles: styles,
                                                           is1904: is1904, budget: archive.budget))
    }

    /// Every cell of sheet `index` that holds a value (empty cells and empty text left out), with
    /// the merged ranges. The memory a grid holds counts against the file's `maxHeldBytes` until the
    /// next grid is read: callers look at one sheet at a time.
    public func grid(sheetAt index: Int) throws -> SheetGrid {
        archive.budget.releaseHeld(lastGridHeldBytes)
        lastGridHeldBytes = 0
        var reader = try cellReader(sheetAt: index)
        // Room for a form's worth of cells from the start, instead of growing (and rehashing) in steps.
        var cells = [CellReference: CellValue](minimumCapacity: 128)
        // Counted against the budget 64 KiB at a time: a check per cell costs more than it tells.
        var uncounted = 0
        while let cell = try reader.nextCell() {
            switch cell.value {
            case .empty: continue
            case .text(let text) where text.isEmpty: continue
            case .text(let text):
                // Form extraction keeps folded copies of each text beside the cell.
                uncounted += ReadBudget.bytesPerTextCell + 2 * text.utf8.count
            default:
                uncounted += ReadBudget.bytesPerCell
            }
            cells[cell.reference] = cell.value
            if uncounted >= 64 << 10 {
                try archive.budget.spendHeld(uncounted)
                lastGridHeldBytes += uncounted
                uncounted = 0
            }
        }
        try archive.budget.spendHeld(uncounted)
        lastGridHeldBytes += uncounted
        var lists = reader.listValidations
        for i in lists.indices {
            guard let source = lists[i].sourceRange else { continue }
            // A list drawn from this sheet: its items are the texts shown in that range (capped, as a hostile
            // range could name a million cells).
            var items: [String] = []
            for (ref, value) in cells where source.contains(ref) && items.count < 1_000 {
                switch value {
                case .text(let text): items.append(text)
                case .number(let number): items.append(number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number))
                default: continue
                }
            }
            lists[i].items = items
        }
        return SheetGrid(name: sheets[index].name, cells: cells, merged: reader.mergedRanges,
                         uncalculatedFormulas: Set(reader.uncalculatedFormulas), listValidations: lists)
    }

    /// Sheets that are not worksheets: chart sheets, dialog sheets and macro sheets are skipped.
    private static let otherSheetKinds = ["chartsheet", "dialogsheet", "xlMacrosheet", "xlIntlMacrosheet"]

    /// The workbook part when the package relationships do not name one: the part the content
    /// types declare as a workbook, else `xl/workbook.xml`.
    private static func findWorkbookPart(_ archive: ZipArchive, _ contentTypes: ContentTypes) throws -> String {
        if let declared = contentTypes.parts(ofType: ContentTypes.workbookTypes).first(where: archive.contains) {
            return declared
        }
        if archive.contains("xl/workbook.xml") { return "xl/workbook.xml" }
        throw XLSXError.noWorkbookPart
    }

    private static func existing(_ part: String?, in archive: ZipArchive) -> String? {
        guard let part, archive.contains(part) else { return nil }
        return part
    }
}
