import Foundation
import Validation
@testable import Intake
import Testing
import TestSupport

@Test func durableCopyKeepsTheBytesReportsTheirDigestAndNeverOverwrites() throws {
    let root = try makeTemporaryDirectory("durable")
    defer { try? FileManager.default.removeItem(at: root) }
    let source = root.path + "/in.xlsx"
    let bytes = Data((0..<300_000).map { UInt8($0 % 256) })
    try bytes.write(to: URL(fileURLWithPath: source))
    let result = try DurableFiles.copy(from: source, to: root.path + "/out/a.xlsx")
    #expect(result.sha256 == SHA256.hex(of: bytes) && result.size == Int64(bytes.count))
    #expect(FileManager.default.contents(atPath: root.path + "/out/a.xlsx") == bytes)
    try Data("other".utf8).write(to: URL(fileURLWithPath: root.path + "/other"))
    #expect(throws: IntakeFileError.self) { try DurableFiles.copy(from: root.path + "/other", to: root.path + "/out/a.xlsx") }
    #expect(FileManager.default.contents(atPath: root.path + "/out/a.xlsx") == bytes)
    // No temporary left behind by the refused copy.
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path + "/out") == ["a.xlsx"])
}

@Test func folderNamesListAFolderOnceAndRememberTheNamesTaken() throws {
    let root = try makeTemporaryDirectory("folder-names")
    defer { try? FileManager.default.removeItem(at: root) }
    try Data().write(to: URL(fileURLWithPath: root.path + "/a.xlsx"))
    var names = FolderNames()
    let hasA = names.contains(root.path + "/a.xlsx"), hasB = names.contains(root.path + "/b.xlsx")
    #expect(hasA && !hasB)
    names.insert(root.path + "/b.xlsx")
    let takenB = names.contains(root.path + "/b.xlsx")
    #expect(takenB)
    let nextA = DurableFiles.unusedName(for: "a.xlsx", in: root.path) { names.contains($0) }
    let nextB = DurableFiles.unusedName(for: "b.xlsx", in: root.path) { names.contains($0) }
    #expect(nextA == "a (2).xlsx" && nextB == "b (2).xlsx")
    // Listed once: a file made afterwards by someone else is not seen (publish still refuses to replace it).
    try Data().write(to: URL(fileURLWithPath: root.path + "/c.xlsx"))
    let seesLaterFile = names.contains(root.path + "/c.xlsx")
    #expect(!seesLaterFile)
    // A folder that does not exist yet has no names.
    let inNewFolder = names.contains(root.path + "/new/a.xlsx")
    #expect(!inNewFolder)
}

@Test func unusedNamesCountUpBeforeTheExtensionAndAvoidReservedOnes() throws {
    let root = try makeTemporaryDirectory("names")
    defer { try? FileManager.default.removeItem(at: root) }
    try Data().write(to: URL(fileURLWithPath: root.path + "/a.xlsx"))
    try Data().write(to: URL(fileURLWithPath: root.path + "/b" + RejectionNote.suffix))
    #expect(DurableFiles.unusedName(for: "a.xlsx", in: root.path) == "a (2).xlsx")
    #expect(DurableFiles.unusedName(for: "a.xlsx", in: root.path, alsoAvoiding: [root.path + "/a (2).xlsx"]) == "a (3).xlsx")
    #expect(DurableFiles.unusedName(for: "b", in: root.path) == "b (2)")
    #expect(DurableFiles.unusedName(for: "c.xlsx", in: root.path) == "c.xlsx")
}

@Test func inboxRemovalsWaitForStartRemoveEveryQueuedFileAndReportTheFirstFailure() throws {
    let root = try makeTemporaryDirectory("removals")
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = root.path + "/sub"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let files = (0..<50).map { folder + "/f\($0).xlsx" }
    for file in files { try Data("x".utf8).write(to: URL(fileURLWithPath: file)) }
    let removals = InboxRemovals()
    removals.remove(Array(files[0..<25]))
    removals.remove(Array(files[25...]) + [folder + "/already-gone.xlsx"])
    Thread.sleep(forTimeInterval: 0.05)
    #expect(files.allSatisfy { FileManager.default.fileExists(atPath: $0) })  // nothing before start
    removals.start()
    #expect(try removals.finish() == [folder])
    #expect(files.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
    #expect(try removals.finish().isEmpty)  // a second wait returns at once

    // A path that cannot be removed (a folder) is the failure; nothing after it is removed.
    let failing = InboxRemovals()
    try Data("y".utf8).write(to: URL(fileURLWithPath: folder + "/kept.xlsx"))
    failing.remove([folder, folder + "/kept.xlsx"])
    #expect(throws: IntakeFileError.self) { try failing.finish() }
    #expect(FileManager.default.fileExists(atPath: folder + "/kept.xlsx"))
}
