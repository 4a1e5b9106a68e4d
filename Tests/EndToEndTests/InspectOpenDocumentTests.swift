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
