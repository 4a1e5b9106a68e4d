import Core
import Foundation
import Testing
import TestSupport

/// `DurableFiles.writeNew(at:_:)`: a new file made of the pieces handed over, never replacing a file,
/// and gone again when its producer fails part way.
struct DurableFilesTests {
    struct ProducerFailed: Error {}

    @Test func piecesAreWrittenInOrderIntoANewFile() throws {
        let folder = try makeTemporaryDirectory("durable-files")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("data.js").path
        let pieces = (0..<300).map { Data(repeating: UInt8($0 % 251), count: 4096 + $0) }
        try DurableFiles.writeNew(at: path) { write in for piece in pieces { try write(piece) } }
        #expect(FileManager.default.contents(atPath: path) == pieces.reduce(Data(), +))
        // The name is taken: a second file is refused and the first left as it was.
        #expect(throws: FileError.self) { try DurableFiles.writeNew(Data("x".utf8), at: path) }
        #expect(FileManager.default.contents(atPath: path)?.count == pieces.reduce(0) { $0 + $1.count })
    }

    @Test func aProducerThatFailsLeavesNoFile() throws {
        let folder = try makeTemporaryDirectory("durable-files")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("data.js").path
        #expect(throws: ProducerFailed.self) {
            try DurableFiles.writeNew(at: path) { write in
                try write(Data(repeating: 1, count: 1 << 20))
                throw ProducerFailed()
            }
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
