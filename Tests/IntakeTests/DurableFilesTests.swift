import Core
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
    #expect(throws: FileError.self) { try DurableFiles.copy(from: root.path + "/other", to: root.path + "/out/a.xlsx") }
    #expect(FileManager.default.contents(atPath: root.path + "/out/a.xlsx") == bytes)
    // No temporary left behind by the refused copy.
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path + "/out") == ["a.xlsx"])
}

@Test func folderNamesListAFolderOnceAndRememberTheNamesTaken() throws {
    let root = try makeTemporaryDirectory("folder-names")
    defer { try? FileManager.default.removeItem(at: root) }
    try Data().write(to: URL(fileURLWithPath: root.path + "/a.xlsx"))
    var names = FolderNames()
    let hasA = names.contains("a.xlsx", in: root.path), hasB = names.contains("b.xlsx", in: root.path)
    #expect(hasA && !hasB)
    names.insert("b.xlsx", in: root.path)
    let takenB = names.contains("b.xlsx", in: root.path)
    #expect(takenB)
    let nextA = StoredNames.unusedName(for: "a.xlsx") { names.contains($0, in: root.path) }
    let nextB = StoredNames.unusedName(for: "b.xlsx") { names.contains($0, in: root.path) }
    #expect(nextA == "a (2).xlsx" && nextB == "b (2).xlsx")
    // A note name taken keeps its file name from being used.
    names.insert("c.xlsx" + RejectionNote.suffix, in: root.path)
    let nextC = StoredNames.unusedName(for: "c.xlsx") { names.contains($0, in: root.path) }
    #expect(nextC == "c (2).xlsx")
    // Listed once: a file made afterwards by someone else is not seen (publish still refuses to replace it).
    try Data().write(to: URL(fileURLWithPath: root.path + "/d.xlsx"))
    let seesLaterFile = names.contains("d.xlsx", in: root.path)
    #expect(!seesLaterFile)
    // A folder that does not exist yet has no names.
    let inNewFolder = names.contains("a.xlsx", in: root.path + "/new")
    #expect(!inNewFolder)
}

@Test func unusedNamesCountUpBeforeTheExtensionAndAvoidReservedOnes() throws {
    let root = try makeTemporaryDirectory("names")
    defer { try? FileManager.default.removeItem(at: root) }
    try Data().write(to: URL(fileURLWithPath: root.path + "/a.xlsx"))
    try Data().write(to: URL(fileURLWithPath: root.path + "/b" + RejectionNote.suffix))
    var names = FolderNames()
    func unused(_ name: String) -> String { StoredNames.unusedName(for: name) { names.contains($0, in: root.path) } }
    #expect(unused("a.xlsx") == "a (2).xlsx")
    names.insert("a (2).xlsx", in: root.path)
    #expect(unused("a.xlsx") == "a (3).xlsx")
    #expect(unused("b") == "b (2)")
    #expect(unused("c.xlsx") == "c.xlsx")
}

@Test func inboxRemovalsWaitForStartRemoveEveryQueuedFileAndReportTheFirstFailure() throws {
    let root = try makeTemporaryDirectory("removals")
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = root.path + "/sub"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let files = (0..<50).map { folder + "/f\($0).xlsx" }
    for file in files { try Data("x".utf8).write(to: URL(fileURLWithPath: file)) }
    func taken(_ paths: [String]) -> [InboxRemovals.Taken] {
        paths.map { path in
            InboxRemovals.Taken(file: InboxFile(path: path, relativePath: PathText.lastComponent(path),
                                                snapshot: FileSnapshot.of(path) ?? FileSnapshot(size: 0, modifiedNanoseconds: 0)),
                                sha256: "")
        }
    }
    let removals = InboxRemovals()
    removals.remove(taken(Array(files[0..<25])))
    removals.remove(taken(Array(files[25...]) + [folder + "/already-gone.xlsx"]))
    Thread.sleep(forTimeInterval: 0.05)
    #expect(files.allSatisfy { FileManager.default.fileExists(atPath: $0) })  // nothing before start
    removals.start()
    #expect(try removals.finish().folders == [folder])
    #expect(files.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
    #expect(try removals.finish().folders.isEmpty)  // a second wait returns at once

    // A name that cannot be looked at (too long) is the failure; the files after it are still removed,
    // and a folder now in the place of a taken file is not ours to remove.
    let failing = InboxRemovals()
    try Data("y".utf8).write(to: URL(fileURLWithPath: folder + "/removed.xlsx"))
    let tooLong = folder + "/" + String(repeating: "x", count: 300)
    var inPlace = taken([folder + "/removed.xlsx"])
    inPlace.insert(InboxRemovals.Taken(file: InboxFile(path: tooLong, relativePath: "x", snapshot: FileSnapshot(size: 1, modifiedNanoseconds: 0)),
                                       sha256: ""), at: 0)
    inPlace.insert(InboxRemovals.Taken(file: InboxFile(path: folder, relativePath: "sub", snapshot: FileSnapshot(size: 1, modifiedNanoseconds: 0)),
                                       sha256: ""), at: 0)
    failing.remove(inPlace)
    #expect(throws: FileError.system(operation: .remove, path: tooLong, errno: ENAMETOOLONG)) { try failing.finish() }
    #expect(!FileManager.default.fileExists(atPath: folder + "/removed.xlsx"))
    #expect(FileManager.default.fileExists(atPath: folder))
}

@Test func pathTextAgreesWithNSStringOnThePathsIntakeBuilds() {
    let paths = ["/ws/inbox/a.xlsx", "/ws/inbox/文化振興課/ふりかえり シート.xlsx", "a.xlsx", "sub/a.xlsx", "/a", "/ws/archive/2024",
                 "/ws/archive/.furikaeri-partial-1f-2e", "ｶﾌｪ/が.xlsx", ""]
    for path in paths {
        #expect(PathText.lastComponent(path) == (path as NSString).lastPathComponent, "\(path)")
        #expect(PathText.parent(path) == (path as NSString).deletingLastPathComponent, "\(path)")
    }
    for (folder, name) in [("/ws/rejected", "sub"), ("/ws/rejected", ""), ("", "a.xlsx"), ("/ws/archive/2024", "a (2).xlsx"),
                           ("/", "tmp"), ("/ws/", "inbox"), ("/ws/archive", "2024/a.xlsx")] {
        #expect(PathText.join(folder, name) == (folder as NSString).appendingPathComponent(name), "\(folder) + \(name)")
    }
}
