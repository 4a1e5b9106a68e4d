import Foundation
import Testing
import TestSupport

/// Fault injection: each `write`, `fsync`/`syncfs`, rename (`rename`, `renameat2`, `link`) and
/// `unlink`/`unlinkat` that `run` makes inside the workspace fails once in turn (ENOSPC or EIO, through
/// an LD_PRELOAD library compiled here), then a clean run follows. Nothing is lost or doubled, and
/// the ledger matches the disk.
@Suite(.serialized) struct FaultInjectionTests {
    /// The preload library: fails the FAULT_NTH-th call of FAULT_OP whose path (or descriptor's path)
    /// contains FAULT_MATCH, once; writes how many such calls it saw to FAULT_COUNT_FILE.
    static let source = #"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <stdatomic.h>

static atomic_long calls;
static const char *op(void) { const char *s = getenv("FAULT_OP"); return s ? s : ""; }
static long nth(void) { const char *s = getenv("FAULT_NTH"); return s ? atol(s) : 0; }
static int code(void) { const char *s = getenv("FAULT_ERRNO"); return s ? atoi(s) : EIO; }
static const char *match(void) { const char *s = getenv("FAULT_MATCH"); return s ? s : "/"; }

static int path_matches(const char *path) { return path && strstr(path, match()) != NULL; }
static int dirpath_matches(int dirfd, const char *path) {
    if (path && path[0] == '/') return path_matches(path);
    char link[64], target[4096];
    if (dirfd == AT_FDCWD) { if (!getcwd(target, sizeof target)) return 0; }
    else { snprintf(link, sizeof link, "/proc/self/fd/%d", dirfd); ssize_t n = readlink(link, target, sizeof target - 1); if (n < 0) return 0; target[n] = 0; }
    return path_matches(target);
}
static int fd_matches(int fd) { return dirpath_matches(fd, ""); }

/* Fails the nth matching call of the chosen operation, once; counts every matching call. */
static int should_fail(const char *name, int matches) {
    if (!matches || strcmp(op(), name) != 0) return 0;
    long n = atomic_fetch_add(&calls, 1) + 1;
    return n == nth();
}

__attribute__((destructor)) static void report(void) {
    const char *out = getenv("FAULT_COUNT_FILE");
    if (!out) return;
    FILE *f = fopen(out, "w");
    if (f) { fprintf(f, "%ld\n", (long)atomic_load(&calls)); fclose(f); }
}

#define NEXT(ret, name, ...) static ret (*real)(__VA_ARGS__); if (!real) real = dlsym(RTLD_NEXT, name)

ssize_t write(int fd, const void *b, size_t n) { NEXT(ssize_t, "write", int, const void *, size_t);
    if (fd > 2 && should_fail("write", fd_matches(fd))) { errno = code(); return -1; } return real(fd, b, n); }
ssize_t pwrite64(int fd, const void *b, size_t n, off_t o) { NEXT(ssize_t, "pwrite64", int, const void *, size_t, off_t);
    if (should_fail("write", fd_matches(fd))) { errno = code(); return -1; } return real(fd, b, n, o); }
int fsync(int fd) { NEXT(int, "fsync", int);
    if (should_fail("fsync", fd_matches(fd))) { errno = code(); return -1; } return real(fd); }
int fdatasync(int fd) { NEXT(int, "fdatasync", int);
    if (should_fail("fsync", fd_matches(fd))) { errno = code(); return -1; } return real(fd); }
int syncfs(int fd) { NEXT(int, "syncfs", int);
    if (should_fail("fsync", fd_matches(fd))) { errno = code(); return -1; } return real(fd); }
int rename(const char *a, const char *b) { NEXT(int, "rename", const char *, const char *);
    if (should_fail("rename", path_matches(b))) { errno = code(); return -1; } return real(a, b); }
int renameat(int d1, const char *a, int d2, const char *b) { NEXT(int, "renameat", int, const char *, int, const char *);
    if (should_fail("rename", dirpath_matches(d2, b))) { errno = code(); return -1; } return real(d1, a, d2, b); }
int renameat2(int d1, const char *a, int d2, const char *b, unsigned f) { NEXT(int, "renameat2", int, const char *, int, const char *, unsigned);
    if (should_fail("rename", dirpath_matches(d2, b))) { errno = code(); return -1; } return real(d1, a, d2, b, f); }
int link(const char *a, const char *b) { NEXT(int, "link", const char *, const char *);
    if (should_fail("rename", path_matches(b))) { errno = code(); return -1; } return real(a, b); }
int unlink(const char *p) { NEXT(int, "unlink", const char *);
    if (should_fail("unlink", path_matches(p))) { errno = code(); return -1; } return real(p); }
int unlinkat(int d, const char *p, int f) { NEXT(int, "unlinkat", int, const char *, int);
    if (should_fail("unlink", dirpath_matches(d, p))) { errno = code(); return -1; } return real(d, p, f); }
"""#

    static let compiler = ["/usr/bin/cc", "/usr/bin/gcc", "/usr/bin/clang"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Builds the preload library into `folder`.
    static func build(in folder: URL) throws -> String {
        let source = folder.appendingPathComponent("fail_once.c"), library = folder.appendingPathComponent("fail_once.so")
        try Self.source.write(to: source, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: compiler!)
        process.arguments = ["-shared", "-fPIC", "-O1", "-o", library.path, source.path, "-ldl"]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "cc fail_once.c failed")
        return library.path
    }

    /// Runs `furikaeri run` on the fixture with the library preloaded; returns the exit status and
    /// how many matching calls of `op` it made.
    static func run(_ f: IntakeFixture, library: String, op: String, nth: Int, errno code: Int32) throws -> (status: Int32, calls: Int) {
        let counts = f.root.appendingPathComponent("calls-\(op)-\(nth)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FurikaeriBinary.path)
        process.arguments = ["run", "--workspace", f.workspace, "--batch-size", "3"]
        var environment = ProcessInfo.processInfo.environment
        environment["LD_PRELOAD"] = library
        environment["FAULT_OP"] = op
        environment["FAULT_NTH"] = String(nth)
        environment["FAULT_ERRNO"] = String(code)
        environment["FAULT_MATCH"] = f.workspace
        environment["FAULT_COUNT_FILE"] = counts.path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let calls = Int((try? String(contentsOf: counts, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
        return (process.terminationStatus, calls)
    }

    /// The stored paths the ledger records, read with Python's sqlite3.
    static func ledgerPaths(_ f: IntakeFixture) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sqlite3,sys,json; print(json.dumps(sorted(r[0] for r in sqlite3.connect(sys.argv[1]).execute('SELECT stored_path FROM files'))))",
                             f.workspace + "/.furikaeri/ledger.sqlite"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (try? JSONDecoder().decode([String].self, from: data)) ?? ["<unreadable ledger>"]
    }

    @Test(.enabled(if: compiler != nil && FileManager.default.fileExists(atPath: "/proc/self/fd")))
    func eachWriteFsyncRenameAndUnlinkOfRunFailingOnceLosesAndDoublesNothing() throws {
        let scratch = try makeTemporaryDirectory("fault-injection")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let library = try Self.build(in: scratch)
        let template = try IntakeFixture()
        defer { template.remove() }
        try template.make([
            .init(name: "a.xlsx", org: "みどりの会", project: "公園清掃"),
            .init(name: "課/b.xlsx", org: "ひかり", project: "子ども食堂", year: "令和5年度"),
            .init(name: "bad.xlsx", org: "そら", project: "見守り", valid: false),
            .init(name: "fix.xlsx", org: "みどりの会", project: "公園清掃", scores: [5, 5, 5, 5, 5, 5, 5], seed: 3),
        ])
        try template.makeFile("memo.csv", "a,b\n")
        let names = ["a.xlsx", "課/b.xlsx", "bad.xlsx", "memo.csv", "fix.xlsx"]
        var contents: [Data] = []
        for name in names { contents.append(try Data(contentsOf: URL(fileURLWithPath: template.pool + "/" + name))) }
        contents.append(contents[0])  // a copy of a.xlsx under another name: a duplicate

        /// A fresh workspace with the files dropped, oldest first.
        func fixture() throws -> IntakeFixture {
            let f = try IntakeFixture()
            try FileManager.default.removeItem(atPath: f.pool)
            try FileManager.default.copyItem(atPath: template.pool, toPath: f.pool)
            let base = Date(timeIntervalSince1970: 1_700_000_000)
            for (index, name) in names.enumerated() { try f.drop(name, modified: base.addingTimeInterval(Double(index))) }
            try FileManager.default.copyItem(atPath: f.pool + "/a.xlsx", toPath: f.inbox + "/a のコピー.xlsx")
            return f
        }

        var injected = 0
        for (op, code) in [("write", ENOSPC), ("fsync", EIO), ("rename", ENOSPC), ("unlink", EIO)] {
            // How many such calls a clean run makes, then each of them failing once in turn (at most 12, spread out).
            let probe = try fixture()
            let clean = try Self.run(probe, library: library, op: op, nth: 0, errno: code)
            probe.remove()
            #expect(clean.status == 0 && clean.calls > 0, "\(op): \(clean.calls) calls")
            let picks = clean.calls <= 12 ? Array(1...max(1, clean.calls))
                : (0..<12).map { 1 + $0 * (clean.calls - 1) / 11 }
            for nth in Set(picks).sorted() {
                let f = try fixture()
                defer { f.remove() }
                let failed = try Self.run(f, library: library, op: op, nth: nth, errno: code)
                injected += 1
                // Whatever the failure did to that run, nothing was lost meanwhile.
                for data in contents { #expect(f.copies(of: data) >= 1, "\(op) #\(nth): lost") }
                let next = try f.furikaeri(["run"])
                #expect(next.status == 0, "\(op) #\(nth) (first run exited \(failed.status)): \(next.stderr)")
                // Exactly once, the inbox empty, nothing half written, and the ledger matches the disk.
                var expected: [Data: Int] = [:]
                for data in contents { expected[data, default: 0] += 1 }
                for (data, count) in expected { #expect(f.copies(of: data) == count, "\(op) #\(nth): copies") }
                #expect(f.files(under: "inbox").isEmpty, "\(op) #\(nth): inbox")
                #expect(IntakeFixture.files(under: f.workspace, includeHidden: true).allSatisfy { !$0.contains(".furikaeri-partial-") })
                let stored = (f.files(under: "archive") + f.files(under: "rejected")).filter { !$0.hasSuffix(".エラー.txt") }.sorted()
                #expect(try Self.ledgerPaths(f) == stored, "\(op) #\(nth): ledger and disk differ")
                #expect(f.outputCSVs().keys.contains("2024/ふりかえり_事業別_令和6年度.csv"), "\(op) #\(nth): outputs")
            }
        }
        print("fault injection: \(injected) runs, each with one failing call")
        #expect(injected >= 20)
    }
}
