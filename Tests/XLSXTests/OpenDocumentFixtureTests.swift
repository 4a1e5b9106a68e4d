import Foundation
import Testing
import TestSupport
@testable import XLSX

/// The `.ods` fixtures of `Tests/Fixtures/ods/` (written by LibreOffice and odfpy, see
/// `scripts/make_ods_fixtures.py`), read cell by cell as python-calamine and LibreOffice read them
/// (`expected/<name>.json`).
@Suite struct OpenDocumentFixtureTests {
    static let directory = TestPaths.fixtures.appendingPathComponent("ods")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".ods") }.sorted()
    }

    /// Cells where both reference readers drop `text:tab` / `text:line-break` inside a paragraph,
    /// and furikaeri reads a tab and a line break, as the standard says: file → cell → our reading.
    static let readAsTheStandardSays: [String: [String: String]] = [
        "odfpy_text.ods": ["Texts!B1": "col1\tcol2", "Texts!C1": "上\n下"],
    ]

    /// A cell as `inspect --json` writes it: type letter and value.
    static func typed(_ value: CellValue) -> (t: String, v: Any)? {
        switch value {
        case .empty: return nil
        case .text(let text): return text.isEmpty ? nil : ("s", text)
        case .number(let number): return ("n", number)
        case .bool(let flag): return ("b", flag)
        case .dateTime(let date): return ("d", date.isoString)
        case .error(let text): return ("e", text)
        }
    }

    @Test func everyKindOfFixtureIsThere() {
        #expect(Set(Self.files).isSuperset(of: ["libreoffice_types.ods", "odfpy_text.ods", "seed_table_openpyxl.ods"]))
    }

    @Test(arguments: files)
    func fixtureReadsAsTheReferenceReadersDo(file: String) throws {
        let url = Self.directory.appendingPathComponent(file)
        let expectedURL = Self.directory.appendingPathComponent("expected/\(file.dropLast(4)).json")
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: expectedURL)) as? [String: Any])
        let expectedSheets = try #require(expected["sheets"] as? [[String: Any]])
        let workbook = try Workbook.open(path: url.path)
        #expect(workbook.sheets.map(\.name) == expectedSheets.map { $0["name"] as? String ?? "" })
        #expect(workbook.sheets.map(\.hidden) == expectedSheets.map { $0["hidden"] as? Bool ?? false })
        let deviations = Self.readAsTheStandardSays[file] ?? [:]
        for (sheet, reference) in zip(workbook.sheets, expectedSheets) {
            let grid = try workbook.grid(sheetAt: sheet.index)
            let cells = reference["cells"] as? [String: [String: Any]] ?? [:]
            var ours: [String: (t: String, v: Any)] = [:]
            for (ref, value) in grid.cells { ours[ref.a1] = Self.typed(value) }
            #expect(Set(ours.keys) == Set(cells.keys), "\(file) \(sheet.name): cells \(ours.keys.sorted()) vs \(cells.keys.sorted())")
            for (ref, cell) in cells {
                guard let mine = ours[ref] else { continue }
                let place = "\(sheet.name)!\(ref)"
                if let standard = deviations[place] {
                    #expect(mine.t == "s" && mine.v as? String == standard, "\(file) \(place): \(mine)")
                    let withoutBreaks = standard.replacingOccurrences(of: "\t", with: "").replacingOccurrences(of: "\n", with: "")
                    #expect(cell["v"] as? String == withoutBreaks, "\(file) \(place): the readers' text is ours without tabs and breaks")
                    continue
                }
                #expect(mine.t == cell["t"] as? String, "\(file) \(place): type \(mine.t) vs \(cell)")
                switch mine.t {
                case "n":
                    let theirs = cell["v"] as? Double ?? .nan
                    let number = mine.v as? Double ?? .nan
                    #expect(abs(number - theirs) <= 1e-9 * max(1, abs(theirs)), "\(file) \(place): \(number) vs \(theirs)")
                case "b": #expect(mine.v as? Bool == cell["v"] as? Bool, "\(file) \(place)")
                default: #expect(mine.v as? String == cell["v"] as? String, "\(file) \(place): \(mine.v) vs \(cell["v"] ?? "nil")")
                }
            }
            let merged = Set((reference["merged"] as? [String] ?? []))
            #expect(Set(grid.merged.map(\.a1)) == merged, "\(file) \(sheet.name): merged \(grid.merged.map(\.a1))")
        }
    }

    @Test(arguments: files)
    func fileReadIntoMemoryReadsTheSame(file: String) throws {
        let path = Self.directory.appendingPathComponent(file).path
        let fromPath = try Workbook.open(path: path)
        let fromMemory = try Workbook.open(contents: try #require(try FileBytes.read(path: path, maxBytes: 1 << 24)))
        #expect(fromPath.sheets == fromMemory.sheets)
        // Sheets read in reverse order: each read finds its own table, whatever was read before.
        for sheet in fromPath.sheets.reversed() {
            #expect(try fromPath.grid(sheetAt: sheet.index) == fromMemory.grid(sheetAt: sheet.index))
        }
    }

    @Test func cellsComeInRowOrderAsInspectWantsThem() throws {
        let workbook = try Workbook.open(path: Self.directory.appendingPathComponent("odfpy_text.ods").path)
        var reader = try workbook.cellReader(sheetAt: 0)
        var previous: CellReference?
        var count = 0
        while let cell = try reader.nextCell() {
            if let previous { #expect(previous < cell.reference, "\(previous) then \(cell.reference)") }
            previous = cell.reference
            count += 1
        }
        #expect(count == 26)
        #expect(reader.mergedRanges.map(\.a1) == ["A4:B5"])
    }
}
