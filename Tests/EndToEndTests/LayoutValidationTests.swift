import Foundation
import TestSupport
import Testing

/// `validate --json` of the built binary on every office layout fixture, checked by
/// Tests/oracles/check_layouts.py against Tests/Fixtures/layouts/expected.json: each value and the
/// cell it came from, exactly the expected errors on the right fields and cells, the expected warnings,
/// the status, the exit code and where the fiscal year came from.
@Test func everyLayoutFixtureValidatesAsExpected() throws {
    let output = try OpenpyxlOracle.run("check_layouts.py", [furikaeriBinaryPath])
    let text = String(decoding: output, as: UTF8.self)
    #expect(text.hasSuffix(" 0 failed\n"), "\(text)")
}

/// The same files in English: the same codes, fields and cells, and no Japanese outside names and
/// quoted values in the messages' frame.
@Test func layoutMessagesAreEnglishWithLangEn() throws {
    let file = TestPaths.fixtures.appendingPathComponent("layouts/circle_grid_mistaken_xlsxwriter.xlsx").path
    let japanese = try runFurikaeri(["validate", "--json", file])
    let english = try runFurikaeri(["validate", "--json", "--lang", "en", file])
    #expect(japanese.status == 1 && english.status == 1)
    func codes(_ run: BinaryRun) throws -> [String] {
        let document = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let forms = ((document?["files"] as? [[String: Any]])?.first?["forms"] as? [[String: Any]]) ?? []
        return forms.flatMap { ($0["issues"] as? [[String: Any]]) ?? [] }.map { "\($0["code"] ?? "")@\($0["cell"] ?? "")" }
    }
    #expect(try codes(japanese) == codes(english))
    #expect(english.stdout.contains("is marked 2 times"))
    #expect(japanese.stdout.contains("印が2つあります"))
}

/// `inspect --fields` names each value's cell and label, and what was not taken.
@Test func inspectFieldsShowsWhereEachValueCameFrom() throws {
    let file = TestPaths.fixtures.appendingPathComponent("layouts/checkbox_mistaken_openpyxl.xlsx").path
    let run = try runFurikaeri(["inspect", "--fields", file])
    #expect(run.status == 1)
    #expect(run.stdout.contains("collaboration_form = 読めない「共催・事業協力」  (セル E13・見出し「協働の形態」A13)"), "\(run.stdout)")
    #expect(run.stdout.contains("読み取らず: 複数に印: 共催・事業協力"))
    let english = try runFurikaeri(["inspect", "--fields", "--lang", "en", file])
    #expect(english.stdout.contains("category = (blank)  (cell B4, label \"募集区分\" at A4)  not taken: nothing ticked"), "\(english.stdout)")
    #expect(!english.stdout.contains("読み取らず"))
}
