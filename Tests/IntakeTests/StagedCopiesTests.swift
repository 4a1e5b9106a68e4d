import Core
import Foundation
@testable import Intake
import Testing
import Validation
import XLSX

/// Copies made in the background before a batch is staged: where they go, when they are used, and
/// that none is left behind.
struct StagedCopiesTests {
    /// Hidden temporaries directly in `folder` (where background copies are made).
    private func temporaries(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix(DurableFiles.temporaryPrefix) }
    }

    private func scan(_ t: TestWorkspace) -> [InboxFile] {
        InboxScanner(inbox: t.workspace.inbox, settleSeconds: 1).scan().ready
            .sorted { $0.relativePath < $1.relativePath }
    }

    @Test func validWorkbooksAreCopiedUnderArchiveAndEverythingElseUnderRejected() throws {
        let t = try TestWorkspace()
        defer { t.remove() }
        try t.drop("good.xlsx", "valid;2024;会;事業;最終")
        try t.drop("bad.xlsx", "invalid;2024;会;事業;最終")
        try t.drop("note.txt", "not a workbook")
        let files = scan(t)
        let workbooks = files.filter(\.isXLSX)
        var results: [String: FileResult] = [:]
        for (file, result) in zip(workbooks, TextFormChecker().check(paths: workbooks.map(\.path))) { results[file.path] = result }

        var copies = StagedCopies.make(of: files, results: results, workspace: t.workspace)
        #expect(temporaries(in: t.workspace.archive).count == 1)
        #expect(temporaries(in: t.workspace.rejected).count == 2)

        let good = try #require(files.first { $0.relativePath == "good.xlsx" })
        let year = t.workspace.archive(fiscalYear: 2024)
        try DurableFiles.createDirectory(year)
        let taken = try #require(try copies.take(good.path, for: year))
        #expect(taken.result.sha256 == results[good.path]?.sha256)
        #expect(FileManager.default.contents(atPath: taken.temporary) == FileManager.default.contents(atPath: good.path))
        // Taken once only.
        #expect(try copies.take(good.path, for: year) == nil)
        unlink(taken.temporary)

        // A copy made under rejected/ cannot become an archived file: removed, and the caller copies anew.
        let bad = try #require(files.first { $0.relativePath == "bad.xlsx" })
        #expect(try copies.take(bad.path, for: year) == nil)
        #expect(temporaries(in: t.workspace.rejected).count == 1)

        copies.discard()
        #expect(temporaries(in: t.workspace.archive).isEmpty && temporaries(in: t.workspace.rejected).isEmpty)
        // The inbox is never touched.
        #expect(t.files(under: "inbox") == ["inbox/bad.xlsx", "inbox/good.xlsx", "inbox/note.txt"])
    }

    @Test func aFileWhoseBytesValidationKeptIsStoredFromThoseBytesNotReadAgain() throws {
        let t = try TestWorkspace()
        defer { t.remove() }
        try t.drop("good.xlsx", "valid;2024;会;事業;最終")
        let files = scan(t)
        let good = files[0]
        let result = try #require(TextFormChecker().check(paths: [good.path]).first)
        let kept = try #require(try FileBytes.read(path: good.path, maxBytes: 1 << 20))
        // The inbox file changes after validation read it: the stored copy is still what was validated.
        try Data("valid;2025;別の会;別の事業;最終".utf8).write(to: URL(fileURLWithPath: good.path))

        var copies = StagedCopies.make(of: files, results: [good.path: result], bytes: [good.path: kept],
                                       workspace: t.workspace)
        let taken = try #require(try copies.take(good.path, for: t.workspace.archive))
        #expect(taken.result == DurableFiles.CopyResult(sha256: result.sha256, size: Int64(kept.count)))
        #expect(FileManager.default.contents(atPath: taken.temporary) == Data("valid;2024;会;事業;最終".utf8))
        #expect(SHA256.hex(of: try #require(FileManager.default.contents(atPath: taken.temporary))) == result.sha256)
        unlink(taken.temporary)
    }

    @Test func theProductionCheckerKeepsBytesOnlyWithinTheBudget() throws {
        let t = try TestWorkspace()
        defer { t.remove() }
        let paths = try (0..<3).map { n -> String in
            let path = (t.workspace.inbox as NSString).appendingPathComponent("f\(n).xlsx")
            try Data(repeating: UInt8(65 + n), count: 100).write(to: URL(fileURLWithPath: path))
            return path
        }
        let checker = StandardPipeline.checker(settings: .defaults, language: .ja)
        let checked = checker.checkKeepingBytes(paths: paths, byteBudget: 250)
        #expect(checked.map(\.result.path) == paths)
        let kept = checked.filter { $0.bytes != nil }
        #expect(kept.count == 2)
        for file in kept {
            let bytes = try #require(file.bytes)
            #expect(Data(bytes.bytes) == FileManager.default.contents(atPath: file.result.path))
            #expect(SHA256.hex(of: Data(bytes.bytes)) == file.result.sha256)
        }
        #expect(checker.checkKeepingBytes(paths: paths, byteBudget: 0).allSatisfy { $0.bytes == nil })
        // The same results as without keeping bytes.
        #expect(checked.map(\.result) == checker.check(paths: paths))
    }

    @Test func aFileThatCannotBeReadFailsWhenTakenNamingTheInboxFile() throws {
        let t = try TestWorkspace()
        defer { t.remove() }
        try t.drop("gone.xlsx", "valid;2024;会;事業;最終")
        let files = scan(t)
        try FileManager.default.removeItem(atPath: files[0].path)
        var copies = StagedCopies.make(of: files, results: [:], workspace: t.workspace)
        #expect(throws: FileError.system(operation: .read, path: files[0].path, errno: ENOENT)) {
            try copies.take(files[0].path, for: t.workspace.rejected)
        }
        #expect(temporaries(in: t.workspace.rejected).isEmpty)
    }

    @Test func aRunStoppedBetweenBatchesLeavesNoCopyBehind() throws {
        let t = try TestWorkspace()
        defer { t.remove() }
        for n in 0..<7 { try t.drop("s\(n).xlsx", "valid;2024;会\(n);事業;最終", age: 100 - Double(n)) }
        try t.drop("bad.xlsx", "invalid;2024;会;事業;最終", age: 10)
        let runID = try t.ledger.beginRun(command: "run")
        var events = 0
        // Stops after the first batch (3 files): the next batch was already validated and copied.
        let ready = InboxScanner(inbox: t.workspace.inbox, settleSeconds: 1).scan().ready  // oldest first
        let counts = try t.runner.process(ready, runID: runID, onEvent: { _ in events += 1 },
                                          shouldStop: { events >= 3 })
        try t.runner.finishInboxRemovals(runID: runID)
        #expect(counts.accepted == 3)
        #expect(t.files(under: "archive").count == 3)
        #expect(t.files(under: "rejected").isEmpty)
        #expect(t.files(under: "inbox").count == 5)
        // The next run takes the rest as usual.
        let (rest, _) = try t.runOnce()
        #expect(rest.accepted == 4 && rest.rejected == 1)
        #expect(t.files(under: "inbox").isEmpty)
    }
}

/// Batches start small and double up to the limit, keeping every file once and in order.
@Test func batchesDoubleFromASmallFirstOneUpToTheLimit() {
    let files = (0..<1000).map { InboxFile(path: "/in/\($0)", relativePath: "\($0)", snapshot: FileSnapshot(size: 1, modifiedNanoseconds: 0)) }
    let batches = IntakeRunner.batches(of: files, upTo: 256)
    #expect(batches.map(\.count) == [32, 64, 128, 256, 256, 256, 8])
    #expect(batches.flatMap { $0 } == files)
    #expect(IntakeRunner.batches(of: files, upTo: 3).allSatisfy { $0.count == 3 || $0.count == 1 })
    #expect(IntakeRunner.batches(of: [], upTo: 64).isEmpty)
}
