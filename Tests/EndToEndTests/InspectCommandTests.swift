#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import TestSupport

/// `furikaeri inspect`, run as the built binary.
@Suite(.serialized) struct InspectCommandTests {
    static let corpus = TestPaths.shared.appendingPathComponent("corpus/calamine")
    static let expected = TestPaths.shared.appendingPathComponent("corpus/expected")
    static let compareScript = TestPaths.shared.appendingPathComponent("tools/corpus_compare.py")

    /// Reference cells where this reader is known to differ from the reference readers, with why.
    /// Empty: on the current corpus every reference cell agrees. A new entry needs a reason here.
    static let explainedDifferences: [String: String] = [:]

    /// Workbooks that the reader refuses, with the error it must give and why that is right.
    /// - pass_protected.xlsx: an encrypted CFB container (the reference readers refuse it too).
    /// - issue252.xlsx: its `xl/_rels/workbook.xml.rels` entry is damaged (a CRC error; openpyxl
    ///   reports the same and calamine "larger than its declared size"); neither reference reader
    ///   opens it.
    static let refusedFiles: [String: String] = [
        "pass_protected.xlsx": "パスワード",
        "issue252.xlsx": "途中で切れているか壊れています（xl/_rels/workbook.xml.rels: CRC error）",
    ]

    @Test func corpusAgreesWithTheReferenceReaders() throws {
        guard FileManager.default.fileExists(atPath: Self.corpus.path) else {
            Issue.record("the shared corpus is missing at \(Self.corpus.path)")
            return
        }
        let books = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path)
            .filter { $0.hasSuffix(".xlsx") }.sorted()
        let out = try makeTemporaryDirectory("inspect-corpus")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try runFurikaeri(["inspect", "--json", "--output-dir", out.path] + books.map { Self.corpus.appendingPathComponent($0).path })
        #expect(run.status == 1, "some corpus files are unreadable on purpose")

        // Every workbook has its JSON; the refused ones carry their error and nothing else does.
        for book in books {
            let url = out.appendingPathComponent(String(book.dropLast(5)) + ".json")
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
            let error = object?["error"] as? String
            if let needle = Self.refusedFiles[book] {
                #expect(error?.contains(needle) == true, "\(book): \(error ?? "no error")")
            } else {
                #expect(error == nil, "\(book): \(error ?? "")")
            }
        }

        let compare = Process()
        compare.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        compare.arguments = ["python3", Self.compareScript.path, Self.expected.path, out.path, "--verbose"]
        let pipe = Pipe()
        compare.standardOutput = pipe
        try compare.run()
        let report = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        compare.waitUntilExit()

        // The script exits 1 on any difference, so its closing line is what counts.
        guard let line = report.split(separator: "\n").first(where: { $0.hasPrefix("agreement:") }) else {
            Issue.record("no agreement line in:\n\(report)")
            return
        }
        let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        let agreed = numbers[0], total = numbers[1]
        #expect(total > 2900, "the corpus shrank: \(line)")
        #expect(Double(agreed) >= 0.995 * Double(total), "\(line)")
        // Every miss must be one the test explains.
        let misses = report.split(separator: "\n").filter { $0.contains("want {") }.map { String($0) }
        for miss in misses {
            let key = miss.trimmingCharacters(in: .whitespaces).components(separatedBy: " e.g. ").last ?? miss
            #expect(Self.explainedDifferences.keys.contains { key.contains($0) }, "unexplained difference: \(miss)")
        }
    }

    @Test func jsonHasTheContractShape() throws {
        let dir = try makeTemporaryDirectory("inspect-json")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("ふりかえり.xlsx")
        let rows = """
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>子ども食堂 "みんな"</t></is></c></row>\
        <row r="2"><c r="A2"><v>4</v></c><c r="B2" s="1"><v>45383</v></c><c r="C2" s="2"><v>45383.75</v></c>\
        <c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><v>#N/A</v></c><c r="F2" s="3"><v>1.5</v></c><c r="G2"/></row>
        """
        try WorkbookBuilder(sheets: [.init("R6", "<sheetData>\(rows)</sheetData><mergeCells><mergeCell ref=\"B1:C1\"/></mergeCells>"),
                                     .init("空", "<sheetData/>", state: "hidden")],
                            sharedStrings: ["<t>団体名</t>"],
                            styles: "<numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy/m/d h:mm\"/></numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"46\"/></cellXfs>")
            .write(to: url)
        let run = try runFurikaeri(["inspect", "--json", url.path])
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["file"] as? String == "ふりかえり.xlsx")
        #expect(object["error"] is NSNull)
        let sheets = try #require(object["sheets"] as? [[String: Any]])
        #expect(sheets.map { $0["name"] as? String } == ["R6", "空"])
        let cells = try #require(sheets[0]["cells"] as? [String: [String: Any]])
        #expect(Set(cells.keys) == ["A1", "B1", "A2", "B2", "C2", "D2", "E2", "F2"])
        #expect(cells["A1"]?["t"] as? String == "s" && cells["A1"]?["v"] as? String == "団体名")
        #expect(cells["B1"]?["v"] as? String == "子ども食堂 \"みんな\"")
        #expect(cells["A2"]?["t"] as? String == "n" && cells["A2"]?["v"] as? Double == 4)
        #expect(cells["B2"]?["t"] as? String == "d" && cells["B2"]?["v"] as? String == "2024-04-01")
        #expect(cells["C2"]?["v"] as? String == "2024-04-01T18:00:00")
        #expect(cells["D2"]?["t"] as? String == "b" && cells["D2"]?["v"] as? Bool == true)
        #expect(cells["E2"]?["t"] as? String == "e" && cells["E2"]?["v"] as? String == "#N/A")
        #expect(cells["F2"]?["v"] as? String == "PT129600.0S")
        #expect(sheets[0]["merged"] as? [String] == ["B1:C1"])
        #expect((sheets[1]["cells"] as? [String: Any])?.isEmpty == true)
    }

    @Test func listingShowsEachSheetsCells() throws {
        let url = try makeTemporaryDirectory("inspect-list").appendingPathComponent("a.xlsx")
        try WorkbookBuilder(sheets: [.init("評価", "<sheetData><row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>①協働の有効性</t></is></c><c r=\"C3\"><v>5</v></c></row></sheetData>")])
            .write(to: url)
        let run = try runFurikaeri(["inspect", url.path])
        #expect(run.status == 0)
        #expect(run.stdout.contains("シート「評価」"))
        #expect(run.stdout.contains("B3") && run.stdout.contains("①協働の有効性"))
        #expect(run.stdout.contains("C3") && run.stdout.contains("5.0"))
        let english = try runFurikaeri(["inspect", "--lang", "en", url.path])
        #expect(english.stdout.contains("Sheet \"評価\""))
    }

    @Test func unreadableFileExitsOneWithTheErrorInJapaneseOrEnglish() throws {
        let url = try makeTemporaryDirectory("inspect-bad").appendingPathComponent("名簿.xlsx")
        try Data(HostileFiles.csv).write(to: url)
        let run = try runFurikaeri(["inspect", "--json", url.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("Excel ブック（.xlsx）ではありません"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((object["error"] as? String)?.contains("保存し直して") == true)
        #expect((object["sheets"] as? [Any])?.isEmpty == true)

        let english = try runFurikaeri(["inspect", "--json", "--lang", "en", url.path])
        #expect(english.status == 1)
        #expect(english.stderr.contains("not an Excel workbook"))
        let plain = try runFurikaeri(["inspect", url.path])
        #expect(plain.status == 1)
        #expect(plain.stdout.contains("エラー:"))
    }

    /// Every hostile file ends within a second, under 256 MiB, with its own error; the original
    /// file is left as it was.
    @Test func hostileFilesEndFastWithTheirOwnError() throws {
        let dir = try makeTemporaryDirectory("inspect-hostile")
        defer { try? FileManager.default.removeItem(at: dir) }
        func zipped(_ entries: [ZipWriter.Entry], _ name: String) throws -> URL {
            let url = dir.appendingPathComponent(name)
            try ZipWriter.write(entries, to: url)
            return url
        }
        func raw(_ bytes: [UInt8], _ name: String) throws -> URL {
            let url = dir.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            return url
        }
        let whole = try HostileFiles.truncatedBook(keep: Int.max)
        let cases: [(URL, String)] = [
            (try zipped(HostileFiles.billionLaughsBook(), "laughs.xlsx"), "DTD または実体宣言"),
            (try zipped(HostileFiles.externalEntityBook(), "xxe.xlsx"), "DTD または実体宣言"),
            (try zipped(HostileFiles.zipBombBook(megabytes: 48), "bomb.xlsx"), "圧縮率"),
            (try raw(Array(whole.prefix(whole.count / 2)), "cut.xlsx"), "途中で切れているか壊れています"),
            (try raw((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) | 1 }, "noise.xlsx"), "Excel ブック（.xlsx）ではありません"),
            (try raw(HostileFiles.compoundFile(streamName: "EncryptedPackage"), "locked.xlsx"), "パスワード"),
            (try raw(HostileFiles.compoundFile(streamName: "Workbook"), "old.xls"), "古い形式"),
            (try raw(HostileFiles.csv, "renamed.xlsx"), "Excel ブック（.xlsx）ではありません"),
            (try zipped(HostileFiles.openDocument(), "calc.ods"), "OpenDocument"),
        ]
        for (url, needle) in cases {
            let before = try Data(contentsOf: url)
            let run = try runFurikaeri(["inspect", "--json", url.path])
            #expect(run.status == 1, "\(url.lastPathComponent)")
            #expect(run.stderr.contains(needle), "\(url.lastPathComponent): \(run.stderr)")
            #expect(run.seconds < 1, "\(url.lastPathComponent) took \(run.seconds) s")
            #expect(try Data(contentsOf: url) == before, "\(url.lastPathComponent) was modified")
            let measured = try runMeasured(furikaeriBinaryPath, ["inspect", "--json", url.path])
            #expect(measured.peakRSSBytes < 256 << 20, "\(url.lastPathComponent) used \(measured.peakRSSBytes >> 20) MiB")
        }
    }
}

extension InspectCommandTests {
    @Test func filesFromListReadsManyWorkbooksInOrder() throws {
        let dir = try makeTemporaryDirectory("inspect-many")
        defer { try? FileManager.default.removeItem(at: dir) }
        var paths: [String] = []
        for i in 0..<150 {
            let url = dir.appendingPathComponent("book\(i).xlsx")
            try WorkbookBuilder(sheets: [.init("S", "<sheetData><row r=\"1\"><c r=\"A1\"><v>\(i)</v></c></row></sheetData>")]).write(to: url)
            paths.append(url.path)
        }
        let bad = dir.appendingPathComponent("bad.xlsx")
        try Data(HostileFiles.csv).write(to: bad)
        paths.insert(bad.path, at: 70)
        let list = dir.appendingPathComponent("list.txt")
        try Data((paths.joined(separator: "\n") + "\n").utf8).write(to: list)
        let run = try runFurikaeri(["inspect", "--json", "--files-from", list.path])
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 151)
        let files = lines.compactMap { line -> String? in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["file"] as? String
        }
        #expect(files == paths.map { URL(fileURLWithPath: $0).lastPathComponent })
        #expect(lines[70].contains("\"error\":\"") && lines[71].contains("\"v\":70.0"))
    }
}
