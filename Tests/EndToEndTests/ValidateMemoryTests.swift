import Foundation
import Testing
import TestSupport

/// `validate` over a mix of hostile and ordinary files stays under 256 MiB whatever the number of
/// files read at once (`--jobs`, here far more than the cores), and each file's result is the one
/// it gets alone.
@Suite(.serialized) struct ValidateMemoryTests {
    /// Three kinds of file that ask the reader to hold much more than a form, two of each, and the samples.
    static func mixedFolder() throws -> URL {
        let dir = try makeTemporaryDirectory("validate-memory")
        let numbers = HostileFiles.bookWithSheet(HostileFiles.numberGridSheet(rows: 1_000, columns: 1_000))
        let texts = HostileFiles.bookWithSheet(HostileFiles.textGridSheet(rows: 400, columns: 400),
                                               sharedStrings: HostileFiles.textGridStrings(count: 160_000))
        let strings = HostileFiles.bookWithSheet(HostileFiles.numberGridSheet(rows: 1, columns: 1),
                                                 sharedStrings: HostileFiles.textGridStrings(count: 1_000_000))
        for copy in 1...2 {
            try ZipWriter.write(numbers, to: dir.appendingPathComponent("numbers\(copy).xlsx"))
            try ZipWriter.write(texts, to: dir.appendingPathComponent("texts\(copy).xlsx"))
            try ZipWriter.write(strings, to: dir.appendingPathComponent("strings\(copy).xlsx"))
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: TestPaths.samples.path) where name.hasSuffix(".xlsx") {
            try FileManager.default.copyItem(at: TestPaths.samples.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        return dir
    }

    /// Each file's entry in `validate --json`, by file name, without the path (which differs by folder).
    static func resultsByName(_ json: String) throws -> [String: String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let files = try #require(object["files"] as? [[String: Any]])
        var out: [String: String] = [:]
        for var file in files {
            let name = URL(fileURLWithPath: try #require(file["path"] as? String)).lastPathComponent
            file["path"] = nil
            let issues = (file["issues"] as? [[String: Any]] ?? []).map { issue in
                issue.filter { $0.key != "message" }  // the message names the file's path
            }
            file["issues"] = issues
            out[name] = String(decoding: try JSONSerialization.data(withJSONObject: file, options: [.sortedKeys]), as: UTF8.self)
        }
        return out
    }

    @Test func hostileFilesReadSixteenAtOnceStayUnder256MiBWithTheResultsTheyGetAlone() throws {
        let dir = try Self.mixedFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let batch = try runMeasured(furikaeriBinaryPath, ["validate", "--json", "--jobs", "16", dir.path])
        #expect(batch.status == 1)
        #expect(batch.peakRSSBytes < 256 << 20, "peak RSS \(batch.peakRSSBytes >> 20) MiB")
        let results = try Self.resultsByName(batch.stdout)
        for kind in ["numbers", "texts", "strings"] {
            for copy in 1...2 {
                let result = try #require(results["\(kind)\(copy).xlsx"])
                #expect(result.contains("\"code\":\"reader.limit_exceeded\""), "\(kind)\(copy): \(result)")
            }
        }
        // Every file alone, in a folder of its own: the same result as in the batch.
        for name in ["numbers1.xlsx", "texts1.xlsx", "strings1.xlsx", "R06_アート展_最終.xlsx", "P05_こそだてフェスタ_企画提案書.xlsx"] {
            let alone = try runFurikaeri(["validate", "--json", "--jobs", "1", dir.appendingPathComponent(name).path])
            #expect(try Self.resultsByName(alone.stdout)[name] == results[name], "\(name)")
        }
    }

    @Test func jobsMustBeAtLeastOne() throws {
        let run = try runFurikaeri(["validate", "--jobs", "0", TestPaths.samples.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--jobs には 1 以上"))
        let english = try runFurikaeri(["validate", "--lang", "en", "--jobs", "0", TestPaths.samples.path])
        #expect(english.status == 2)
        #expect(english.stderr.contains("--jobs must be 1 or more"))
    }
}
