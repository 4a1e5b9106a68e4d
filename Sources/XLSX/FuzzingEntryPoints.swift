/// Entry points that parse one package part from bytes in memory, for the libFuzzer targets under
/// `Fuzz/` and their regression tests. The same parsers and limits as `Workbook` use; not for the
/// pipeline (which always reads whole workbooks).
@_spi(Fuzzing) public enum PartReaders {
    /// The shared-string table held in `xml` (the bytes of an `xl/sharedStrings.xml`).
    public static func sharedStrings(fromXML xml: [UInt8], limits: ReaderLimits = .default) throws -> [String] {
        let budget = ReadBudget(limits: limits)
        let table = SharedStrings(maxBytes: limits.maxSharedStringBytes)
        try parsePart(MemoryPart(partName: "xl/sharedStrings.xml", bytes: xml, budget: budget), with: table)
        return table.strings
    }

    /// A cell reader over the worksheet held in `xml`, with `sharedStrings` as the table its `t="s"`
    /// cells index and the cell styles of `stylesXML` (an `xl/styles.xml`; nil for none).
    public static func worksheetReader(fromXML xml: [UInt8], sharedStrings: [String], stylesXML: [UInt8]?,
                                       is1904: Bool, limits: ReaderLimits = .default) throws -> SheetCellReader {
        let budget = ReadBudget(limits: limits)
        let styles = Styles()
        if let stylesXML { try parsePart(MemoryPart(partName: "xl/styles.xml", bytes: stylesXML, budget: budget), with: styles) }
        styles.resolveKinds()
        let part = MemoryPart(partName: "xl/worksheets/sheet1.xml", bytes: xml, budget: budget)
        return SheetCellReader(parser: try WorksheetParser(entry: part, sharedStrings: sharedStrings, styles: styles,
                                                           is1904: is1904, budget: budget))
    }
}
