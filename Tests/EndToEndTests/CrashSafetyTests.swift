import Foundation
import Testing
import TestSupport

/// `run` killed with SIGKILL at random moments: no dropped file is ever lost or doubled, and the outputs
/// end up byte-for-byte those of a clean run.
@Suite(.serialized) struct CrashSafetyTests {
    /// The pool: valid sheets over two years, invalid ones, other file types, exact duplicates and
    /// corrected resubmissions, each with its own modification time (the order intake takes them in).
    static func makePool(_ f: IntakeFixture) throws -> [(name: String, modified: Date)] {
        var sheets: [IntakeFixture.Sheet] = []
        for n in 0..<48 {
            sheets.append(.init(name: "d\(n % 3)/s\(n).xlsx", org: "団体\(n % 20)", project: "事業\(n)",
                                year: n % 4 == 0 ? "令和5年度" : "令和6年度",
                                scores: (0..<7).map { 1 + (n + $0) % 5 }, valid: n % 9 != 4, seed: n))
        }
        // Corrected resubmissions of s1, s2, s3 (same year, 団体名, 事業名, phase).
        for n in 1...3 {
            sheets.append(.init(name: "fix/s\(n)_修正.xlsx", org: "団体\(n % 20)", project: "事業\(n)",
                                scores: [5, 5, 5, 5, 5, 5, 5], seed: 100 + n))
        }
        try f.make(sheets)
        for n in 0..<3 { try f.makeFile("other/note\(n).csv", "団体,事業\n\(n),x\n") }
        var names = sheets.prefix(48).map(\.path)
        names += ["other/note0.csv", "other/note1.csv", "other/note2.csv"]
        // Exact duplicates under other names.
        for n in [5, 6, 7] {
            try FileManager.default.copyItem(atPath: f.pool + "/d\(n % 3)/s\(n).xlsx", toPath: f.pool + "/dup_s\(n).xlsx")
            names.append("dup_s\(n).xlsx")
        }
        names += sheets.suffix(3).map(\.path)
        let base = Date(timeIntervalSince1970: 1_700_000_000)
        return names.enumerated().map { ($0.element, base.addingTimeInterval(Double($0.offset))) }
    }

    /// Returns as soon as archive/ or rejected/ gains an entry (hidden temporaries included or not),
    /// the run ends, or the deadline passes.
    func waitForChange(in f: IntakeFixture, hidden: Bool, until deadline: Date, process: Process) {
        func count() -> Int {
            ["archive", "rejected"].reduce(0) { $0 + IntakeFixture.files(under: f.workspace + "/" + $1, includeHidden: hidden).count }
        }
        let start = count()
        while process.isRunning && Date() < deadline && count() == start { usleep(500) }
    }

    @Test func killingRunAtRandomMomentsNeverLosesOrDoublesAFile() throws {
        let reference = try IntakeFixture()
        defer { reference.remove() }
        let pool = try Self.makePool(reference)
        // The clean run: every file dropped at once, one run.
        for file in pool { try reference.drop(file.name, modified: file.modified) }
        let clean = try reference.furikaeri(["run"])
        #expect(clean.status == 0)
        let expected = reference.outputCSVs()
        #expect(!expected.isEmpty)

        let crashed = try IntakeFixture()
        defer { crashed.remove() }
        try FileManager.default.removeItem(atPath: crashed.pool)
        try FileManager.default.copyItem(atPath: reference.pool, toPath: crashed.pool)
        var contents: [String: Data] = [:]
        for file in pool { contents[file.name] = try Data(contentsOf: URL(fileURLWithPath: crashed.pool + "/" + file.name)) }
        var generator = SeededRandom(seed: testSeed())
        var dropped = 0
        var kills = 0
        var attempts = 0
        var killsInsideAMove = 0
        let perWave = 2
        // How long after its start a run is killed at random; shortened whenever a run finished
        // first, so that kills keep landing inside runs as they get faster.
        var window = 0.3
        // Until 24 runs were killed mid-way: drop the next few files (pool order), start `run`, kill it
        // at a random moment of its work (startup, validation, copies, commit, removal, outputs).
        while kills < 24 && attempts < 120 {
            attempts += 1
            let end = min(pool.count, dropped + perWave)
            for file in pool[dropped..<end] { try crashed.drop(file.name, modified: file.modified) }
            dropped = end
            let errors = crashed.root.appendingPathComponent("stderr-\(attempts)")
            let process = try FurikaeriBinary.start(["run", "--workspace", crashed.workspace], stderr: errors)
            switch attempts % 3 {
            case 0:
                // At a random moment: a run over a few files takes a tenth of a second or more.
                usleep(UInt32(Double.random(in: 0.0...window, using: &generator) * 1_000_000))
            case 1:
                // As soon as a temporary copy shows up (the batch is being staged).
                waitForChange(in: crashed, hidden: true, until: Date().addingTimeInterval(3), process: process)
            default:
                // As soon as a copy takes its final name (before or around the commit and the removal).
                waitForChange(in: crashed, hidden: false, until: Date().addingTimeInterval(3), process: process)
            }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            } else if attempts % 3 == 0 {
                window = max(0.02, window * 0.6)
            }
            process.waitUntilExit()
            // Whatever the moment: nothing dropped so far is lost. A second copy means the kill hit
            // between a copy and its commit, or between the commit and the removal from the inbox.
            var droppedSoFar: [Data: Int] = [:]
            for file in pool[..<dropped] { droppedSoFar[contents[file.name]!, default: 0] += 1 }
            var doubled = false
            for (data, count) in droppedSoFar {
                let copies = crashed.copies(of: data)
                #expect(copies >= count, "a file was lost after kill \(kills)")
                if copies > count { doubled = true }
            }
            if doubled { killsInsideAMove += 1 }
        }
        #expect(kills >= 24, "only \(kills) of \(attempts) runs were still running when killed")
        // Some kills landed inside a move (the copy made, the inbox copy not yet removed); the next
        // run's recovery put each right, as the exactly-once check below shows.
        print("crash test: \(kills) kills in \(attempts) runs, \(killsInsideAMove) of them inside a move")
        #expect(killsInsideAMove >= 1)
        for file in pool[dropped...] { try crashed.drop(file.name, modified: file.modified) }

        let final = try crashed.furikaeri(["run"])
        #expect(final.status == 0)
        // Exactly once: as many copies of each content as were dropped.
        var droppedCount: [Data: Int] = [:]
        for file in pool { droppedCount[contents[file.name]!, default: 0] += 1 }
        for (data, count) in droppedCount {
            #expect(crashed.copies(of: data) == count)
        }
        #expect(crashed.files(under: "inbox").isEmpty)
        #expect(IntakeFixture.files(under: crashed.workspace, includeHidden: true).allSatisfy { !$0.contains(".furikaeri-partial-") })
        let actual = crashed.outputCSVs()
        #expect(actual.keys.sorted() == expected.keys.sorted())
        for (name, data) in expected {
            #expect(actual[name] == data, "\(name) differs from the clean run")
        }
        // The same files, archived and rejected, as in the clean run.
        #expect(crashed.files(under: "archive").count == reference.files(under: "archive").count)
        #expect(crashed.files(under: "rejected").count == reference.files(under: "rejected").count)
    }

    /// `run` asked to stop with SIGINT (Ctrl+C) or SIGTERM at random moments: it finishes the batch in
    /// hand and exits with 130 or 143 within 2 s, and every file dropped exists exactly once at that
    /// very moment (no second copy left for the next run to put right), with nothing half written.
    @Test func stoppingRunWithSIGINTOrSIGTERMLeavesEveryFileExactlyOnceAtOnce() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        let pool = try Self.makePool(f)
        var contents: [String: Data] = [:]
        for file in pool { contents[file.name] = try Data(contentsOf: URL(fileURLWithPath: f.pool + "/" + file.name)) }
        var generator = SeededRandom(seed: testSeed())
        var dropped = 0
        var stopped: [Int32: Int] = [:]
        var attempts = 0
        let perWave = 5
        while (stopped[130, default: 0] < 4 || stopped[143, default: 0] < 4) && attempts < 40 {
            attempts += 1
            if dropped >= pool.count {  // every file taken: the same sheets again, under new names
                for file in pool.prefix(perWave * 2) {
                    try f.drop(file.name, as: "again\(attempts)/" + (file.name as NSString).lastPathComponent, age: 60)
                    contents["again\(attempts)/" + (file.name as NSString).lastPathComponent] = contents[file.name]
                }
            }
            let end = min(pool.count, dropped + perWave)
            for file in pool[dropped..<end] { try f.drop(file.name, modified: file.modified) }
            dropped = end
            let number = attempts % 2 == 0 ? SIGINT : SIGTERM
            let process = try FurikaeriBinary.start(["run", "--workspace", f.workspace, "--batch-size", "2"])
            if attempts % 3 == 0 {
                usleep(UInt32(Double.random(in: 0.05...0.3, using: &generator) * 1_000_000))
            } else {
                waitForChange(in: f, hidden: attempts % 3 == 1, until: Date().addingTimeInterval(3), process: process)
            }
            guard process.isRunning else { process.waitUntilExit(); continue }
            let signalled = Date()
            kill(process.processIdentifier, number)
            process.waitUntilExit()
            let seconds = Date().timeIntervalSince(signalled)
            #expect(seconds <= 2, "run took \(seconds) s to stop")
            if process.terminationReason == .exit {
                #expect([0, 128 + number].contains(process.terminationStatus))
                if process.terminationStatus == 128 + number { stopped[128 + number, default: 0] += 1 }
            }
            // Exactly once, now: every content as many times as it was dropped.
            var expected: [Data: Int] = [:]
            for file in pool[..<dropped] { expected[contents[file.name]!, default: 0] += 1 }
            for (name, data) in contents where name.hasPrefix("again") { expected[data, default: 0] += 1 }
            for (data, count) in expected {
                #expect(f.copies(of: data) == count, "after a stop by signal \(number)")
            }
            #expect(IntakeFixture.files(under: f.workspace, includeHidden: true).allSatisfy { !$0.contains(".furikaeri-partial-") })
        }
        print("stop test: \(attempts) runs, \(stopped[130, default: 0]) stopped by SIGINT, \(stopped[143, default: 0]) by SIGTERM")
        #expect(stopped[130, default: 0] >= 4 && stopped[143, default: 0] >= 4)
        // What is left is taken by the next run, and outputs follow.
        let final = try f.furikaeri(["run"])
        #expect(final.status == 0)
        #expect(f.files(under: "inbox").isEmpty)
        #expect(!f.outputCSVs().isEmpty)
    }
}

/// The seed of a test's random moments: `FURIKAERI_TEST_SEED` to repeat a run, else a new one;
/// printed either way, so that a failure can be replayed.
private func testSeed(_ function: String = #function) -> UInt64 {
    let seed = ProcessInfo.processInfo.environment["FURIKAERI_TEST_SEED"].flatMap { UInt64($0) }
        ?? UInt64.random(in: 0...UInt64.max)
    print("\(function): seed \(seed) (FURIKAERI_TEST_SEED=\(seed) repeats it)")
    return seed
}
