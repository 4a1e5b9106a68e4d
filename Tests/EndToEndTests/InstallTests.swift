import Foundation
import Testing
import TestSupport

/// `make install` / `make uninstall` into a temporary DESTDIR, with the built binary (BINARY=…), and
/// the systemd unit it installs.
@Suite(.serialized) struct InstallTests {
    static let expected = [
        "usr/local/bin/furikaeri",
        "usr/local/lib/systemd/system/furikaeri-watch@.service",
        "usr/local/share/bash-completion/completions/furikaeri",
        "usr/local/share/fish/vendor_completions.d/furikaeri.fish",
        "usr/local/share/man/ja/man1/furikaeri.1",
        "usr/local/share/man/man1/furikaeri.1",
        "usr/local/share/zsh/site-functions/_furikaeri",
    ]

    static func tool(_ name: String) -> String? {
        ["/usr/bin/", "/bin/", "/usr/sbin/"].map { $0 + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a program (found in /usr/bin or /bin) in the repository and returns its status and output.
    static func run(_ arguments: [String], environment: [String: String] = [:], in directory: URL = TestPaths.repositoryRoot)
        throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = environment.map { "\($0.key)=\($0.value)" } + arguments
        process.currentDirectoryURL = directory
        let scratch = try makeTemporaryDirectory("install-run")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let handle = try FileHandle(forWritingTo: out)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: out), as: UTF8.self))
    }

    /// `make install` of the built binary into a fresh DESTDIR; returns DESTDIR.
    static func install(_ extra: [String] = []) throws -> URL {
        let root = try makeTemporaryDirectory("install")
        let result = try run(["make", "--no-print-directory", "install", "DESTDIR=\(root.path)/dest",
                              "BINARY=\(FurikaeriBinary.path)", "DIST=\(root.path)/dist"] + extra)
        #expect(result.status == 0, "\(result.output)")
        return root.appendingPathComponent("dest")
    }

    @Test func installWritesEveryFileAndUninstallRemovesExactlyThem() throws {
        let dest = try Self.install()
        defer { try? FileManager.default.removeItem(at: dest.deletingLastPathComponent()) }
        #expect(IntakeFixture.files(under: dest.path) == Self.expected)
        let binary = dest.appendingPathComponent("usr/local/bin/furikaeri").path
        #expect(FileManager.default.isExecutableFile(atPath: binary))
        #expect(try Self.run([binary, "status", "--help"]).status == 0)

        let bash = dest.appendingPathComponent("usr/local/share/bash-completion/completions/furikaeri")
        #expect(try Self.run(["bash", "-n", bash.path]).status == 0)
        let bashText = try String(contentsOf: bash, encoding: .utf8)
        #expect(bashText.contains("complete") && bashText.contains("watch") && bashText.contains("--log-format"))
        let zsh = try String(contentsOf: dest.appendingPathComponent("usr/local/share/zsh/site-functions/_furikaeri"), encoding: .utf8)
        #expect(zsh.hasPrefix("#compdef furikaeri"))
        let fish = try String(contentsOf: dest.appendingPathComponent("usr/local/share/fish/vendor_completions.d/furikaeri.fish"), encoding: .utf8)
        #expect(fish.contains("complete -c 'furikaeri'") && fish.contains("'doctor'"))

        let unit = try String(contentsOf: dest.appendingPathComponent("usr/local/lib/systemd/system/furikaeri-watch@.service"), encoding: .utf8)
        #expect(unit.contains("\nExecStart=/usr/local/bin/furikaeri watch --workspace \"%f\" --log-format journal\n"))
        #expect(unit.contains("\nUser=furikaeri\n") && unit.contains("\nRestart=on-failure\n"))
        #expect(!unit.contains("@BINDIR@"))

        // Someone else's file beside ours stays.
        let foreign = dest.appendingPathComponent("usr/local/bin/other")
        try Data("x".utf8).write(to: foreign)
        let result = try Self.run(["make", "--no-print-directory", "uninstall", "DESTDIR=\(dest.path)"])
        #expect(result.status == 0, "\(result.output)")
        #expect(IntakeFixture.files(under: dest.path) == ["usr/local/bin/other"])
    }

    @Test func prefixMovesEveryPathAndTheUnitsCommand() throws {
        let dest = try Self.install(["PREFIX=/opt/furikaeri"])
        defer { try? FileManager.default.removeItem(at: dest.deletingLastPathComponent()) }
        #expect(IntakeFixture.files(under: dest.path) == Self.expected.map { "opt/furikaeri/" + $0.dropFirst("usr/local/".count) })
        let unit = try String(contentsOf: dest.appendingPathComponent("opt/furikaeri/lib/systemd/system/furikaeri-watch@.service"), encoding: .utf8)
        #expect(unit.contains("\nExecStart=/opt/furikaeri/bin/furikaeri watch"))
    }

    @Test(.enabled(if: tool("man") != nil, "man is not installed"))
    func manualPagesShowEveryCommandInBothLanguages() throws {
        let dest = try Self.install()
        defer { try? FileManager.default.removeItem(at: dest.deletingLastPathComponent()) }
        let commands = ["inspect", "validate", "template", "process", "init", "run", "watch", "report", "status", "doctor"]
        for (page, phrase) in [("man/man1/furikaeri.1", "Looks at the inbox at intervals"),
                               ("man/ja/man1/furikaeri.1", "受付フォルダを一定の間隔で見に行き")] {
            let path = dest.appendingPathComponent("usr/local/share/" + page).path
            let shown = try Self.run(["man", "-l", path], environment: ["LANG": "C.UTF-8", "MANWIDTH": "200", "MAN_KEEP_FORMATTING": ""])
            #expect(shown.status == 0, "\(shown.output)")
            let text = shown.output.replacingOccurrences(of: "\u{2010}", with: "-")
            for command in commands { #expect(text.contains("furikaeri \(command)"), "\(page): \(command)") }
            #expect(text.contains("--log-format"))
            #expect(text.contains(phrase), "\(page)")
        }
    }

    /// Every help text has its English in packaging/manpage-en.json: a changed help text fails here.
    @Test func everyHelpTextHasItsEnglishForTheManualPage() throws {
        let result = try Self.run(["python3", "packaging/make_manpage.py", "--binary", FurikaeriBinary.path, "--lang", "en", "--strict"])
        #expect(result.status == 0, "\(result.output.suffix(2000))")
        #expect(result.output.hasPrefix(".TH FURIKAERI 1"))
    }

    @Test(.enabled(if: tool("systemd-analyze") != nil, "systemd-analyze is not installed"))
    func systemdAnalyzeVerifiesTheUnit() throws {
        let dest = try Self.install(["BINDIR=\(TestPaths.repositoryRoot.path)/.build/debug"])
        defer { try? FileManager.default.removeItem(at: dest.deletingLastPathComponent()) }
        // An instance of the template, as systemctl would make it for /srv/ws.
        let units = dest.deletingLastPathComponent().appendingPathComponent("units")
        try FileManager.default.createDirectory(at: units, withIntermediateDirectories: true)
        let template = dest.appendingPathComponent("usr/local/lib/systemd/system/furikaeri-watch@.service")
        try FileManager.default.copyItem(at: template, to: units.appendingPathComponent("furikaeri-watch@srv-ws.service"))
        let result = try Self.run(["systemd-analyze", "verify", units.appendingPathComponent("furikaeri-watch@srv-ws.service").path],
                                  environment: ["MANPATH": dest.appendingPathComponent("usr/local/share/man").path], in: units)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.isEmpty, "\(result.output)")
    }

    /// The unit's own command line (with %f put in as systemd does), stopped with SIGTERM as systemd
    /// stops it: exit 0, every file exactly once, lines with journal priorities.
    @Test func theUnitsCommandStopsCleanlyOnSIGTERMWithEveryFileOnce() throws {
        let dest = try Self.install(["BINDIR=\(TestPaths.repositoryRoot.path)/.build/debug"])
        defer { try? FileManager.default.removeItem(at: dest.deletingLastPathComponent()) }
        let unit = try String(contentsOf: dest.appendingPathComponent("usr/local/lib/systemd/system/furikaeri-watch@.service"), encoding: .utf8)
        let execStart = try #require(unit.split(separator: "\n").first { $0.hasPrefix("ExecStart=") })
        let f = try IntakeFixture()
        defer { f.remove() }
        let words = execStart.dropFirst("ExecStart=".count).split(separator: " ").map { $0 == "\"%f\"" ? f.workspace : String($0) }  // systemd drops the quotes
        #expect(words.first == FurikaeriBinary.path)
        let sheets = (0..<12).map { IntakeFixture.Sheet(name: "s\($0).xlsx", org: "団体\($0)", project: "事業", valid: $0 != 3, seed: $0) }
        try f.make(sheets)
        for sheet in sheets { try f.drop(sheet.path) }
        let out = f.root.appendingPathComponent("out"), err = f.root.appendingPathComponent("err")
        let watch = try FurikaeriBinary.start(Array(words.dropFirst()) + ["--interval", "0.2"], stdout: out, stderr: err)
        usleep(1_500_000)
        kill(watch.processIdentifier, SIGTERM)
        watch.waitUntilExit()
        #expect(watch.terminationReason == .exit && watch.terminationStatus == 0)
        for sheet in sheets {
            #expect(f.copies(of: try Data(contentsOf: URL(fileURLWithPath: f.pool + "/" + sheet.path))) == 1)
        }
        let lines = ((try? String(contentsOf: out, encoding: .utf8)) ?? "").split(separator: "\n")
        #expect(lines.first?.hasPrefix("<6>監視を始めました") == true)
        #expect(lines.last == "<6>監視を終了しました。")
        #expect(lines.allSatisfy { $0.hasPrefix("<6>") || $0.hasPrefix("<4>") || $0.hasPrefix("<3>") })
        #expect(lines.filter { $0.hasPrefix("<6>受付 ") }.count == f.files(under: "archive").count)
        if f.files(under: "rejected").contains("rejected/s3.xlsx") { #expect(lines.contains { $0.hasPrefix("<4>差戻 s3.xlsx") }) }
    }
}
