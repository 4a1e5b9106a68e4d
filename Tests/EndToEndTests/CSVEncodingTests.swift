import Foundation
import Testing
import TestSupport

// One spelling of each CSV header in UTF-8 and CP932; a CP932 failure names each character once.

@Test func everyCSVHeaderIsSpelledTheSameInBothEncodings() throws {
    let (utf8, utf8Out) = try Outputs.process([TestPaths.samples.path])
    defer { try? FileManager.default.removeItem(at: utf8Out.deletingLastPathComponent()) }
    let (cp932, cp932Out) = try Outputs.process([TestPaths.samples.path, "--encoding", "cp932"])
    defer { try? FileManager.default.removeItem(at: cp932Out.deletingLastPathComponent()) }
    #expect(utf8.status == 0 && cp932.status == 0, "\(cp932.stderr)")
    let names = try FileManager.default.contentsOfDirectory(atPath: utf8Out.path).filter { $0.hasSuffix(".csv") }
    #expect(names.count >= 13)
    for name in names {
        let a = try Outputs.csvRows(utf8Out.appendingPathComponent(name))
        let b = try Outputs.csvRows(cp932Out.appendingPathComponent(name), "cp932")
        #expect(a.first == b.first, "\(name): \(a.first ?? []) vs \(b.first ?? [])")
    }
}

@Test func aCP932FailureNamesEachCharacterOnceWithAllItsCells() throws {
    let input = try makeTemporaryDirectory("cp932-places")
    defer { try? FileManager.default.removeItem(at: input) }
    let sample = TestPaths.samples.appendingPathComponent("R06_多世代食堂_最終.xlsx").path
    let step = input.appendingPathComponent("step.xlsx").path, edited = input.appendingPathComponent("R06_多世代食堂_最終.xlsx").path
    let first = try PythonOracle.run("replace_text.py", [sample, step, "ボランティアの高齢化が課題。", "𠮷田さんと𠮷川さんが課題。"]) as! [String: Any]
    let second = try PythonOracle.run("replace_text.py", [step, edited, "地域の居場所として定着した。", "𠮷野家で𩸽を食べた。"]) as! [String: Any]
    try FileManager.default.removeItem(atPath: step)
    let cells = (first["replaced"] as! [String]) + (second["replaced"] as! [String])
    #expect(cells.count == 2)
    let (failed, out) = try Outputs.process([input.path, "--encoding", "cp932"])
    defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
    #expect(failed.status == 1)
    let lines = failed.stderr.split(separator: "\n")
    #expect(lines.filter { $0.contains("「𠮷」") }.count == 1, "\(failed.stderr)")
    #expect(lines.filter { $0.contains("「𩸽」") }.count == 1, "\(failed.stderr)")
    let yoshi = lines.first { $0.contains("「𠮷」") }.map(String.init) ?? ""
    for cell in cells { #expect(yoshi.contains("セル \(cell.split(separator: "!").last!)"), "\(yoshi)") }
    #expect(yoshi.contains("ふりかえり_事業別_令和6年度.csv") && yoshi.contains("ふりかえり_コメント_令和6年度.csv"))
}
