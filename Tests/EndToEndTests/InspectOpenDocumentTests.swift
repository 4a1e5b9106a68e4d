import Foundation
import Testing
import TestSupport

/// `furikaeri inspect --json FILE.ods` writes the contract's shape, holding what the reference
/// readers see (`Tests/Fixtures/ods/expected/`, see `scripts/make_ods_fixtures.py`).
@Test(arguments: ["libreoffice_types", "seed_table_openpyxl"])
func inspectJSONReadsODSAsTheReferenceReadersDo(name: String) throws {
    let directory = TestPaths.fixtures.appendingPathComponent("ods")
    let run = try runFurikaeri(["inspect", "--json", directory.appendingPathComponent("\(name).ods").path])
    #expect(run.status == 0, "\(run.stderr)")
    let ours = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let expected = try #require(try JSONSerialization.jsonObject(
        with: Data(contentsOf: directory.appendingPathComponent("expected/\(name).json"))) as? [String: Any])
    #expect(ours["file"] as? String == "\(name).ods")
    #expect(ours["error"] is NSNull)
    let sheets = try #require(ours["sheets"] as? [[String: Any]])
    let reference = try #require(expected["sheets"] as? [[String: Any]])
    #expect(sheets.map { $0["name"] as? String } == reference.map { $0["name"] as? String })
    for (sheet, theirs) in zip(sheets, reference) {
        #expect((sheet["cells"] as? [String: Any])?.isEmpty == false)
        #expect((sheet["cells"] as? NSDictionary) == (theirs["cells"] as? NSDictionary), "\(name) \(sheet["name"] ?? "")")
        #expect(Set(sheet["merged"] as? [String] ?? []) == Set(theirs["merged"] as? [String] ?? []))
    }
}

/// A 300-byte `.ods` that repeats one value over a whole sheet (17 billion cells) is refused with
/// the cell-limit message, quickly and in little memory.
@Test func inspectRefusesHugeRepeatsOfAValueQuicklyInLittleMemory() throws {
    let dir = try makeTemporaryDirectory("inspect-ods")
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("dense.ods")
    let content = """
        <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet>\
        <table:table table:name="S"><table:table-row table:number-rows-repeated="1048576">\
        <table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/>\
        </table:table-row></table:table></office:spreadsheet></office:body></office:document-content>
        """
    try ZipWriter.write([.init("mimetype", "application/vnd.oasis.opendocument.spreadsheet", stored: true),
                         .init("content.xml", content)], to: url)
    let run = try runMeasured(furikaeriBinaryPath, ["inspect", "--json", url.path])
    #expect(run.status == 1)
    #expect(run.stdout.contains("セル数"), "\(run.stdout.prefix(300))")
    #expect(run.seconds < 1, "took \(run.seconds) s")
    #expect(run.peakRSSBytes < 256 << 20, "used \(run.peakRSSBytes >> 20) MiB")
}

/// `--output-dir` names an `.ods` file's JSON as it names an `.xlsx` file's: `book.json`.
@Test func outputDirNamesAnOpenDocumentsJSONWithoutItsExtension() throws {
    let out = try makeTemporaryDirectory("inspect-ods-out")
    defer { try? FileManager.default.removeItem(at: out) }
    let ods = TestPaths.fixtures.appendingPathComponent("ods/seed_table_openpyxl.ods").path
    let run = try runFurikaeri(["inspect", "--json", "--output-dir", out.path, ods])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["seed_table_openpyxl.json"])
}
