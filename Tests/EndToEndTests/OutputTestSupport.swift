import Foundation
import TestSupport

/// Helpers for the tests of what evaluators receive (process and report outputs).
enum Outputs {
    /// `furikaeri process ARGS --output <tmp>/out`; the caller removes `out`'s parent.
    static func process(_ arguments: [String], output: URL? = nil) throws -> (BinaryRun, URL) {
        let out = try output ?? makeTemporaryDirectory("outputs").appendingPathComponent("out")
        return (try runFurikaeri(["process"] + arguments + ["--output", out.path]), out)
    }

    static func oracle(_ arguments: [String]) throws -> [String: Any] {
        try PythonOracle.run("summary_oracle.py", arguments) as! [String: Any]
    }

    /// The sheets of a workbook as openpyxl sees them: name → cells (A1 → value).
    static func sheets(_ workbook: URL) throws -> [String: [String: Any]] {
        let facts = try oracle(["workbook", workbook.path])["sheet_facts"] as! [String: [String: Any]]
        return facts.mapValues { $0["cells"] as! [String: Any] }
    }

    static func csvRows(_ url: URL, _ encoding: String = "utf-8-sig") throws -> [[String]] {
        try oracle(["csv", url.path, encoding])["rows"] as! [[String]]
    }

    static func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

    /// A copy of samples/ in a fresh folder, to add files to; the caller removes it.
    static func copyOfSamples() throws -> URL {
        let dir = try makeTemporaryDirectory("samples-copy")
        for name in try FileManager.default.contentsOfDirectory(atPath: TestPaths.samples.path) where name.hasSuffix(".xlsx") {
            try FileManager.default.copyItem(at: TestPaths.samples.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        return dir
    }

    /// Adds `R06_こそだてフェスタ_最終.xlsx` to `dir`: the sample 中間 of こそだて (令和6) made into its
    /// 最終 with other scores, so that one project has both a 中間 and a 最終 in the same year.
    static let kosodateFinalScores = [5, 5, 5, 4, 4, 4, 3]
    static func addKosodateFinal(to dir: URL) throws {
        let cells = ["D6", "D7", "D8", "D9", "D10", "D11", "D12"]
        let spec: [String: Any] = ["sheet": "ふりかえり", "phase_cell": "D1",
                                   "scores": Dictionary(uniqueKeysWithValues: zip(cells, kosodateFinalScores))]
        let specURL = dir.appendingPathComponent(".variant.json")
        try JSONSerialization.data(withJSONObject: spec).write(to: specURL)
        defer { try? FileManager.default.removeItem(at: specURL) }
        _ = try PythonOracle.run("final_means.py", ["variant", TestPaths.samples.appendingPathComponent("R06_こそだてフェスタ_中間.xlsx").path,
                                                    dir.appendingPathComponent("R06_こそだてフェスタ_最終.xlsx").path, specURL.path])
    }

    /// Every text an output folder holds, one entry per file: CSV decoded, workbooks unzipped and
    /// their XML parts inflated (summary_oracle.py text).
    static func texts(in folder: URL) throws -> [String: String] {
        var out: [String: String] = [:]
        // Files in subfolders too (the 事例集), by their path relative to `folder`.
        for name in IntakeFixture.files(under: folder.path) {
            out[name] = try oracle(["text", folder.appendingPathComponent(name).path])["text"] as? String ?? ""
        }
        return out
    }

    /// NFKC without any white space: how names are compared when searching outputs for them.
    static func folded(_ text: String) -> String {
        String(text.precomposedStringWithCompatibilityMapping.unicodeScalars.filter {
            !CharacterSet.whitespacesAndNewlines.contains($0) && $0 != "\u{3000}"
        }.map(Character.init))
    }
}
