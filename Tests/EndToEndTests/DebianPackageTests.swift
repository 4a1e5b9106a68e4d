import Foundation
import Testing
import TestSupport

/// `make deb`: built from the debug binary to stay fast (DEB_ALLOW_SHARED_SWIFT=1), inspected with
/// dpkg-deb, unpacked and run; lintian on the real package (static Swift runtime) when it is built.
@Suite(.serialized) struct DebianPackageTests {
    static let canBuild = InstallTests.tool("dpkg-deb") != nil && InstallTests.tool("dpkg-shlibdeps") != nil
    static let staticBinary = TestPaths.repositoryRoot.appendingPathComponent(".build-static/release/furikaeri").path

    /// Builds the package into a temporary folder and returns its path.
    static func build(binary: String, extra: [String] = []) throws -> URL {
        let out = try makeTemporaryDirectory("deb")
        let result = try InstallTests.run(["make", "--no-print-directory", "deb", "DEB_BINARY=\(binary)",
                                           "DEB_OUT=\(out.path)"] + extra)
        #expect(result.status == 0, "\(result.output.suffix(3000))")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".deb") }
        return out.appendingPathComponent(try #require(names.first))
    }

    @Test(.enabled(if: canBuild, "dpkg-deb or dpkg-shlibdeps (dpkg-dev) is not installed"))
    func thePackageHoldsEveryFileWithItsDependencies() throws {
        let deb = try Self.build(binary: FurikaeriBinary.path, extra: ["DEB_ALLOW_SHARED_SWIFT=1"])
        defer { try? FileManager.default.removeItem(at: deb.deletingLastPathComponent()) }
        let contents = try InstallTests.run(["dpkg-deb", "--contents", deb.path])
        #expect(contents.status == 0)
        // "-rw-r--r-- root/root  1579 2026-12-07 09:20 ./lib/systemd/system/furikaeri-watch@.service"
        var files: [String: String] = [:]
        for line in contents.output.split(separator: "\n") where !line.hasPrefix("d") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            #expect(fields[1] == "root/root", "\(line)")
            files[String(fields.last!.dropFirst(2))] = String(fields[0])
        }
        #expect(files == [
            "usr/bin/furikaeri": "-rwxr-xr-x",
            "lib/systemd/system/furikaeri-watch@.service": "-rw-r--r--",
            "usr/share/bash-completion/completions/furikaeri": "-rw-r--r--",
            "usr/share/zsh/vendor-completions/_furikaeri": "-rw-r--r--",
            "usr/share/fish/vendor_completions.d/furikaeri.fish": "-rw-r--r--",
            "usr/share/man/man1/furikaeri.1.gz": "-rw-r--r--",
            "usr/share/man/ja/man1/furikaeri.1.gz": "-rw-r--r--",
            "usr/share/doc/furikaeri/copyright": "-rw-r--r--",
            "usr/share/doc/furikaeri/changelog.gz": "-rw-r--r--",
            "usr/share/lintian/overrides/furikaeri": "-rw-r--r--",
        ])

        let control = try InstallTests.run(["dpkg-deb", "--field", deb.path, "Package", "Version", "Depends"])
        #expect(control.output.contains("Package: furikaeri\n"))
        let version = try FurikaeriBinary.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(control.output.contains("Version: \(version)+git"), "\(control.output)")
        for dependency in ["libzip4 (>=", "libxml2 (>=", "libxlsxwriter4 (>=", "libssl3 (>=", "libsqlite3-0 (>=", "libc6 (>=", "adduser"] {
            #expect(control.output.contains(dependency), "\(dependency) in \(control.output)")
        }
        for script in ["postinst", "prerm", "postrm", "md5sums", "control"] {
            #expect(try InstallTests.run(["dpkg-deb", "--info", deb.path, script]).status == 0, "\(script)")
        }

        // Unpacked: the binary runs, the unit names it, the manual pages read.
        let root = deb.deletingLastPathComponent().appendingPathComponent("root")
        #expect(try InstallTests.run(["dpkg-deb", "-x", deb.path, root.path]).status == 0)
        let binary = root.appendingPathComponent("usr/bin/furikaeri").path
        #expect(try InstallTests.run([binary, "--version"]).output == version + "\n")
        let unit = try String(contentsOf: root.appendingPathComponent("lib/systemd/system/furikaeri-watch@.service"), encoding: .utf8)
        #expect(unit.contains("\nExecStart=/usr/bin/furikaeri watch --workspace \"%f\" --log-format journal\n"))
        let bash = try String(contentsOf: root.appendingPathComponent("usr/share/bash-completion/completions/furikaeri"), encoding: .utf8)
        #expect(!bash.hasPrefix("#!"))
        if InstallTests.tool("man") != nil {
            let page = try InstallTests.run(["man", "-l", root.appendingPathComponent("usr/share/man/ja/man1/furikaeri.1.gz").path],
                                            environment: ["LANG": "C.UTF-8", "MANWIDTH": "200"])
            #expect(page.status == 0 && page.output.contains("furikaeri doctor"), "\(page.output.prefix(500))")
        }
    }

    @Test(.enabled(if: canBuild, "dpkg-deb or dpkg-shlibdeps (dpkg-dev) is not installed"))
    func aBinaryNeedingTheSwiftRuntimeIsRefused() throws {
        let out = try makeTemporaryDirectory("deb")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try InstallTests.run(["make", "--no-print-directory", "deb", "DEB_BINARY=\(FurikaeriBinary.path)", "DEB_OUT=\(out.path)"])
        #expect(result.status != 0)
        #expect(result.output.contains("needs the Swift runtime's shared libraries"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    /// lintian on the package as shipped (make build-static first): no error or warning left beyond
    /// the ones packaging/debian/lintian-overrides explains.
    @Test(.enabled(if: canBuild && InstallTests.tool("lintian") != nil && FileManager.default.isExecutableFile(atPath: staticBinary),
                   "lintian, dpkg-dev or .build-static/release/furikaeri (make build-static) is missing"))
    func lintianFindsNoErrorOrWarningInTheShippedPackage() throws {
        let deb = try Self.build(binary: Self.staticBinary)
        defer { try? FileManager.default.removeItem(at: deb.deletingLastPathComponent()) }
        let result = try InstallTests.run(["lintian", "--tag-display-limit", "0", deb.path])
        let tags = result.output.split(separator: "\n").filter { $0.hasPrefix("E: ") || $0.hasPrefix("W: ") }
        #expect(tags.isEmpty, "\(tags)")
        #expect(result.status == 0, "\(result.output)")
    }
}
