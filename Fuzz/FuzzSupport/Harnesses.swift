#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Forms
@_spi(Fuzzing) import XLSX

/// What one fuzz input did: read (with counts), or refused with a reader error.
public enum FuzzOutcome: Equatable, CustomStringConvertible {
    case read(sheets: Int, cells: Int, forms: Int)
    case refused(XLSXError)

    public var description: String {
        switch self {
        case .read(let sheets, let cells, let forms): return "read sheets=\(sheets) cells=\(cells) forms=\(forms)"
        case .refused(let error): return "refused \(error.caseName)"
        }
    }
}

extension XLSXError {
    /// The case's name, such as `malformedXML` or `limitExceeded.cellCount`.
    public var caseName: String {
        switch self {
        case .cannotOpenFile: return "cannotOpenFile"
        case .notAZip: return "notAZip"
        case .passwordProtected: return "passwordProtected"
        case .legacyXLS: return "legacyXLS"
        case .openDocumentSpreadsheet: return "openDocumentSpreadsheet"
        case .corruptArchive: return "corruptArchive"
        case .noWorkbookPart: return "noWorkbookPart"
        case .limitExceeded(let limit, _): return "limitExceeded.\(limit.rawValue)"
        case .unsafeXML: return "unsafeXML"
        case .malformedXML: return "malformedXML"
        case .sheetIndexOutOfRange: return "sheetIndexOutOfRange"
        case .memoryBusy: return "memoryBusy"
        }
    }
}

/// The four fuzz targets' bodies. Each runs one input through the code under test, checks the
/// invariants in `FuzzCheck`, and says what happened. The replay mode of each target and the
/// regression tests call the same functions.
public enum FuzzHarness {
    static let extractor = FormExtractor(settings: .defaults)

    /// Whole workbook: the input is a zip (or parts, see `PartContainer`), written to a temporary
    /// file and read like a submitted workbook: open, every sheet's grid, forms extracted.
    public static func workbook(_ input: [UInt8], limits: ReaderLimits = .default) -> FuzzOutcome {
        let bytes = PartContainer.parts(of: input).map(PartContainer.storedZip) ?? input
        let path = scratchPath
        guard writeFile(path, bytes) else { FuzzCheck.fail("cannot write \(path)") }
        return readWorkbook(path: path, limits: limits)
    }

    /// Reads the workbook at `path` as the pipeline does and checks what comes out.
    public static func readWorkbook(path: String, limits: ReaderLimits = .default) -> FuzzOutcome {
        do {
            let workbook = try Workbook.open(path: path, limits: limits)
            var cells = 0, forms = 0
            for (position, sheet) in workbook.sheets.enumerated() {
                if sheet.index != position { FuzzCheck.fail("sheet \(sheet.name) has index \(sheet.index) at \(position)") }
                let grid = try workbook.grid(sheetAt: sheet.index)
                check(grid)
                cells += grid.cells.count
                if let form = extractor.extract(grid) { check(form); forms += 1 }
            }
            return .read(sheets: workbook.sheets.count, cells: cells, forms: forms)
        } catch {
            return .refused(FuzzCheck.readerError(error))
        }
    }

    /// The shared-strings part on its own.
    public static func sharedStrings(_ input: [UInt8], limits: ReaderLimits = .default) -> FuzzOutcome {
        do {
            let strings = try PartReaders.sharedStrings(fromXML: input, limits: limits)
            var bytes = 0
            for string in strings { bytes += string.utf8.count }
            if bytes > limits.maxSharedStringBytes * 3 {  // a bad byte decodes to U+FFFD, 3 bytes
                FuzzCheck.fail("shared strings over their limit: \(bytes)") }
            return .read(sheets: 0, cells: strings.count, forms: 0)
        } catch {
            return .refused(FuzzCheck.readerError(error))
        }
    }

    /// Shared strings the worksheet target's `t="s"` cells index.
    static let worksheetSharedStrings = ["団体名", "", "①協働の有効性", "a_x000D_b", "  spaced  ", "評価"]
    /// Styles for the worksheet target: 0 general, 1 a built-in date, 2 a custom date, 3 elapsed
    /// time, 4 a custom elapsed time, 5 a Japanese-era date.
    static let worksheetStyles = Array("""
    <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="3">\
    <numFmt numFmtId="164" formatCode="yyyy/m/d h:mm"/><numFmt numFmtId="165" formatCode="[h]:mm"/>\
    <numFmt numFmtId="166" formatCode="[$-ja-JP]ggge&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>\
    <cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="46"/>\
    <xf numFmtId="165"/><xf numFmtId="166"/></cellXfs></styleSheet>
    """.utf8)

    /// One worksheet part on its own, its cells pulled one by one.
    public static func worksheet(_ input: [UInt8], limits: ReaderLimits = .default) -> FuzzOutcome {
        do {
            var reader = try PartReaders.worksheetReader(fromXML: input, sharedStrings: worksheetSharedStrings,
                                                         stylesXML: worksheetStyles, is1904: false, limits: limits)
            var cells = 0
            while let cell = try reader.nextCell() {
                FuzzCheck.reference(cell.reference)
                FuzzCheck.value(cell.value)
                cells += 1
            }
            if cells > limits.maxCells { FuzzCheck.fail("\(cells) cells over the limit \(limits.maxCells)") }
            reader.mergedRanges.forEach(FuzzCheck.range)
            return .read(sheets: 1, cells: cells, forms: 0)
        } catch {
            return .refused(FuzzCheck.readerError(error))
        }
    }

    /// Form extraction from a grid decoded from the input (see `GridDecoder`).
    public static func formGrid(_ input: [UInt8]) -> FuzzOutcome {
        let grid = GridDecoder.grid(from: input)
        guard let form = extractor.extract(grid) else { return .read(sheets: 1, cells: grid.cells.count, forms: 0) }
        check(form)
        return .read(sheets: 1, cells: grid.cells.count, forms: 1)
    }

    static func check(_ grid: SheetGrid) {
        for (ref, value) in grid.cells {
            FuzzCheck.reference(ref)
            FuzzCheck.value(value)
            if case .empty = value { FuzzCheck.fail("grid holds an empty cell at \(ref)") }
        }
        grid.merged.forEach(FuzzCheck.range)
    }

    static func check(_ form: ExtractedForm) {
        for (key, reading) in form.fields {
            if key != reading.key { FuzzCheck.fail("field \(key) holds a reading for \(reading.key)") }
            FuzzCheck.reference(reading.cell)
            if let label = reading.labelCell { FuzzCheck.reference(label) }
            _ = ValueReader.displayText(reading.raw)
        }
    }

    /// A per-process scratch file, in memory when `/dev/shm` exists.
    static let scratchPath: String = {
        let folder = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        return "\(folder)/furikaeri-fuzz-\(getpid()).xlsx"
    }()

    static func writeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n <= 0 { return false }
            written += n
        }
        return true
    }
}
