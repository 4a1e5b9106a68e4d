import Foundation
import Testing
import TestSupport
@testable import Core

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func matchesTheFIPSVectors(_ input: String, _ digest: String) {
        #expect(SHA256.hex(of: Array(input.utf8)) == digest)
    }

    @Test func matchesTheMillionAVector() {
        #expect(SHA256.hex(of: [UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func incrementalUpdatesAcrossBlockBoundariesGiveTheSameDigest() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let whole = SHA256.hex(of: bytes)
        for split in [1, 55, 56, 63, 64, 65, 127, 999] {
            let hasher = SHA256()
            hasher.update(bytes[..<split])
            hasher.update(bytes[split...])
            #expect(hasher.finalizeHex() == whole, "split at \(split)")
        }
    }

    static let sha256sum = "/usr/bin/sha256sum"

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: sha256sum), "needs sha256sum (coreutils)"))
    func fileDigestMatchesSha256sum() throws {
        let tool = Self.sha256sum
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for length in [0, 1, 55, 56, 64, 1000, 70_000, (1 << 20) + 3] {
            let url = dir.appendingPathComponent("f\(length).bin")
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: ($0 &* 2654435761) >> 7) }
            try Data(bytes).write(to: url)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = [url.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let expected = String(output.prefix(64))
            #expect(try SHA256.hex(ofFileAt: url.path) == expected, "length \(length)")
        }
    }
}
