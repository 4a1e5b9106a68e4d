import Foundation
import Intake
import Settings
import TestSupport

/// A workspace in a temporary folder, with a runner wired to the test doubles.
struct TestWorkspace {
    let workspace: Workspace
    let ledger: Ledger
    let runner: IntakeRunner

    init() throws {
        let root = try makeTemporaryDirectory("intake")
        workspace = Workspace(root: root.path)
        try workspace.create()
        ledger = try Ledger(path: workspace.ledgerFile)
        var settings = Settings.defaults
        settings.intake.settleSeconds = 1
        runner = IntakeRunner(workspace: workspace, settings: settings, ledger: ledger,
                              checker: TextFormChecker(), outputs: ListingOutputWriter())
        runner.batchSize = 3
    }

    /// Drops a file into the inbox, dated `age` seconds ago (old enough to be taken by default).
    @discardableResult
    func drop(_ relativePath: String, _ text: String, age: Double = 60) throws -> String {
        let path = workspace.inbox + "/" + relativePath
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: path)
        return path
    }

    /// One pass as `run` does it: recover, take the ready files, regenerate outputs.
    @discardableResult
    func runOnce() throws -> (RunCounts, [IntakeEvent]) {
        _ = try Recovery(workspace: workspace, ledger: ledger).run()
        let scan = InboxScanner(inbox: workspace.inbox, settleSeconds: 1).scan()
        let runID = try ledger.beginRun(command: "run")
        var events: [IntakeEvent] = []
        let counts = try runner.process(scan.ready, runID: runID, onEvent: { events.append($0) })
        try runner.regenerateStaleOutputs()
        try runner.finishInboxRemovals(runID: runID)
        try ledger.finishRun(runID, counts: counts)
        return (counts, events)
    }

    /// Every regular file under a folder of the workspace, relative to the workspace, sorted.
    func files(under folder: String) -> [String] {
        let base = workspace.path(folder)
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                found.append(folder + "/" + relative)
            }
        }
        return found.sorted()
    }

    func read(_ relative: String) -> String {
        (try? String(contentsOfFile: workspace.path(relative), encoding: .utf8)) ?? ""
    }

    func remove() { try? FileManager.default.removeItem(atPath: workspace.root) }
}
