import Foundation
import Testing
import TestSupport
@testable import XLSX

/// A handler that only counts elements.
private final class CountingHandler: SAXHandler {
    var elements = 0
    func startElement(_ name: XMLName, _ attributes: XMLAttributes) { elements += 1 }
    func endElement(_ name: XMLName) {}
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
}

private func feed(_ session: SAXSession, _ text: String) throws {
    try Array(text.utf8).withUnsafeBytes { try session.feed($0, last: true) }
}

@Test func onlyAParserThatFinishedCleanlyIsKeptForTheThread() throws {
    _ = SAXSessionPool.take()  // whatever earlier tests on this thread left
    let handler = CountingHandler()
    let session = try SAXSession(partName: "a.xml", handler: handler)
    #expect(throws: XLSXError.self) { try feed(session, "<a><b></a>") }
    SAXSessionPool.keep(session)
    #expect(SAXSessionPool.take() == nil, "a parser stopped by an error is not kept")
    session.reset(partName: "b.xml", handler: handler)
    handler.elements = 0
    try feed(session, "<a><b/></a>")
    #expect(handler.elements == 2)
    SAXSessionPool.keep(session)
    #expect(SAXSessionPool.take() === session)
    #expect(SAXSessionPool.take() == nil, "taken out of the pool")
}

@Test func workbooksReadAfterBrokenOnesOnTheSameThreadReadAsNew() throws {
    let good = WorkbookBuilder(sheets: [sheet(#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>7</v></c></row>"#)],
                               sharedStrings: ["<t>団体名</t>"])
    var broken = good.entries
    broken.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
    broken.append(.init("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row><c><v>1</v></row>"))
    var unsafe = good.entries
    unsafe.removeAll { $0.name == "xl/sharedStrings.xml" }
    unsafe.append(.init("xl/sharedStrings.xml", HostileFiles.billionLaughs))
    let expected = try cellsByA1(openBuilt(good))
    #expect(expected == ["A1": .text("団体名"), "B1": .number(7)])
    for _ in 0..<3 {
        #expect(xlsxError { _ = try openEntries(broken).grid(sheetAt: 0) }.map { if case .malformedXML = $0 { true } else { false } } == true)
        #expect(try cellsByA1(openBuilt(good)) == expected)
        #expect(xlsxError { _ = try openEntries(unsafe).grid(sheetAt: 0) } == .unsafeXML(part: "xl/sharedStrings.xml"))
        #expect(try cellsByA1(openBuilt(good)) == expected)
    }
}
