import Foundation
import Testing
import TestSupport

/// A file that cannot be written is said in one line, in the run's language, naming the file the
/// user asked for and the system's real reason; libxlsxwriter's own stderr lines are not shown.
@Suite struct WriteFailureTests {
    static func lines(_ text: String) -> [Substring] { text.split(separator: "\n") }

    @Test func anExistingFileAsTheOutputFolderIsNamedWithItsReason() throws {
        let root = try makeTemporaryDirectory("write-failure")
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("結果").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let ja = try FurikaeriBinary.run(["process", TestPaths.samples.path, "--output", file])
        #expect(ja.status == 1)
        #expect(Self.lines(ja.stderr) == ["「\(file)」を書き出せませんでした（同じ名前のファイルがすでにあります）。別の名前を指定してください。"], "\(ja.stderr)")
        let en = try FurikaeriBinary.run(["process", TestPaths.samples.path, "--output", file + "/sub", "--lang", "en"])
        #expect(en.status == 1)
        #expect(Self.lines(en.stderr) == ["Could not write \"\(file)\" (a file of that name already exists). Give another name."], "\(en.stderr)")
    }

    @Test func templateIntoAMissingFolderNamesTheUsersPath() throws {
        let root = try makeTemporaryDirectory("write-failure")
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("ない/様式.xlsx").path
        let ja = try FurikaeriBinary.run(["template", "reflection", "-o", target])
        #expect(ja.status == 1)
        #expect(Self.lines(ja.stderr) == ["「\(target)」を書き出せませんでした（ファイルまたはフォルダがありません）。フォルダがあるか確かめてください。"], "\(ja.stderr)")
        let en = try FurikaeriBinary.run(["template", "proposal", "-o", target, "--lang", "en"])
        #expect(Self.lines(en.stderr) == ["Could not write \"\(target)\" (no such file or folder). Check that the folder exists."], "\(en.stderr)")
        // A folder of the name asked for is not overwritten, and is said to be a folder.
        let folder = root.appendingPathComponent("フォルダ.xlsx").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let forced = try FurikaeriBinary.run(["template", "reflection", "-o", folder, "--force"])
        #expect(forced.status == 1)
        #expect(forced.stderr.contains("（同じ名前のフォルダがあります）"), "\(forced.stderr)")
    }

    @Test func templateOutputMustEndInXlsx() throws {
        let root = try makeTemporaryDirectory("write-failure")
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("r.txt").path
        let ja = try FurikaeriBinary.run(["template", "reflection", "-o", target])
        #expect(ja.status == 2)
        #expect(ja.stderr.contains("書き出すファイルの名前は .xlsx で終えてください"), "\(ja.stderr)")
        let en = try FurikaeriBinary.run(["template", "reflection", "-o", target, "--lang", "en"])
        #expect(en.status == 2 && en.stderr.contains("The file to write must end in .xlsx"), "\(en.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(try FurikaeriBinary.run(["template", "reflection", "-o", root.appendingPathComponent("r.XLSX").path]).status == 0)
    }

    /// A workbook that fails while libxlsxwriter writes it (the file-size limit stops its zip stream):
    /// one line naming the workbook by its real name, and no "[ERROR] workbook_close()" line.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/sh")))
    func aWorkbookThatFailsWhileWritingIsOneLineOfOurs() throws {
        let root = try makeTemporaryDirectory("write-failure")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out").path
        for lang in ["ja", "en"] {
            // SIGXFSZ ignored (inherited through exec), so a write past the limit fails with EFBIG.
            let script = "trap '' XFSZ; ulimit -f 40; exec \"$0\" process \"$1\" --output \"$2\" --lang \"$3\""
            let result = try InstallTests.run(["sh", "-c", script, FurikaeriBinary.path, TestPaths.samples.path, out, lang])
            #expect(result.status == 1)
            let lines = Self.lines(result.output)
            #expect(lines.count == 1, "\(result.output)")
            #expect(!result.output.contains("[ERROR]") && !result.output.contains(".tmp"), "\(result.output)")
            let expected = lang == "ja" ? "（ファイルの大きさの上限を超えました）" : "(the file is larger than allowed)"
            #expect(lines.first?.contains(out + "/ふりかえり集計_令和") == true && lines.first?.contains(expected) == true, "\(result.output)")
            #expect(IntakeFixture.files(under: out, includeHidden: true).isEmpty, "nothing half-written is left")
        }
    }

    /// As root (who writes anywhere) these run as `nobody`, for whom the folder is read-only.
    @Test(.enabled(if: InstallTests.tool("setpriv") != nil || geteuid() != 0))
    func aReadOnlyFolderIsPermissionDenied() throws {
        let root = try makeTemporaryDirectory("write-failure")
        defer { chmod(root.path + "/ro", 0o755); try? FileManager.default.removeItem(at: root) }
        chmod(root.path, 0o755)
        let readOnly = root.path + "/ro"
        try FileManager.default.createDirectory(atPath: readOnly, withIntermediateDirectories: true)
        chmod(readOnly, 0o555)
        let prefix = geteuid() == 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        let initJa = try InstallTests.run(prefix + [FurikaeriBinary.path, "init", readOnly])
        #expect(initJa.status == 1)
        #expect(initJa.output.contains("（権限がありません）") && !initJa.output.contains("Input/output"), "\(initJa.output)")
        let initEn = try InstallTests.run(prefix + [FurikaeriBinary.path, "init", readOnly + "/ws", "--lang", "en"])
        #expect(initEn.output.contains("(permission denied)"), "\(initEn.output)")
        let template = try InstallTests.run(prefix + [FurikaeriBinary.path, "template", "reflection", "-o", readOnly + "/t.xlsx"])
        #expect(template.status == 1)
        #expect(Self.lines(template.output) == ["「\(readOnly)/t.xlsx」を書き出せませんでした（権限がありません）。書き込みの権限がある場所を指定するか、権限を変えてください。"],
                "\(template.output)")
    }

    /// `run` whose output folder is read-only for the user who runs it: the files are taken, and the
    /// outputs' failure names the year's folder (never the hidden temporary one) with its reason.
    @Test(.enabled(if: InstallTests.tool("setpriv") != nil || geteuid() != 0))
    func runNamesTheOutputFolderItCannotWrite() throws {
        let f = try IntakeFixture()
        defer { _ = try? InstallTests.run(["chmod", "-R", "u+rwX", f.root.path]); f.remove() }
        try f.make([.init(name: "a.xlsx", org: "会", project: "事業")])
        try f.drop("a.xlsx")
        chmod(f.root.path, 0o755)
        #expect(try InstallTests.run(["chmod", "-R", "a+rwX", f.workspace]).status == 0)
        chmod(f.workspace + "/output", 0o555)
        let prefix = geteuid() == 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        for (lang, expected) in [("ja", "「\(f.workspace)/output/2024」の書き込みに失敗しました（権限がありません）"),
                                 ("en", "Writing \"\(f.workspace)/output/2024\" failed (permission denied)")] {
            let run = try InstallTests.run(prefix + [FurikaeriBinary.path, "run", "--workspace", f.workspace, "--lang", lang])
            #expect(run.status == 1, "\(run.output)")
            #expect(run.output.contains(expected), "\(run.output)")
            #expect(!run.output.contains(".furikaeri-partial") && !run.output.contains("[ERROR]"), "\(run.output)")
        }
        #expect(f.files(under: "archive") == ["archive/2024/a.xlsx"], "the file is taken all the same")
    }
}
