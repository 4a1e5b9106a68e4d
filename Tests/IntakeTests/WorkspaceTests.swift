import Foundation
import Intake
import Settings
import Testing
import TestSupport

@Test func initCreatesEveryFolderAndASettingsFileThatParsesBackToTheDefaults() throws {
    let root = try makeTemporaryDirectory("ws")
    defer { try? FileManager.default.removeItem(at: root) }
    let workspace = Workspace(root: root.path + "/新しい作業フォルダ")
    try workspace.create()
    for folder in ["inbox", "archive", "rejected", "output", "templates"] {
        #expect(FileManager.default.fileExists(atPath: workspace.path(folder)))
    }
    #expect(try Settings.load(path: workspace.settingsFile) == Settings.defaults)
    let text = try String(contentsOfFile: workspace.settingsFile, encoding: .utf8)
    // Every setting has a Japanese comment on the line above it.
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for (index, line) in lines.enumerated() where line.contains(":") && !line.hasPrefix("#") && !line.trimmingCharacters(in: .whitespaces).hasPrefix("-") && !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
        let above = lines[index - 1].trimmingCharacters(in: .whitespaces)
        #expect(above.hasPrefix("#"), "no comment above: \(line)")
    }
}

@Test func settingsTemplateKeepsChangedValues() throws {
    var settings = Settings.defaults
    settings.departments = ["市民協働課"]
    settings.rules.disabled = ["score.gap"]
    settings.labels = ["org_name": ["団体名称"]]
    settings.intake.settleSeconds = 10
    settings.rules.severity = ["department.unknown": "error"]
    settings.rules.requiredFields["reflection"] = ["org_name"]
    settings.rules.yearNumbers = 1...5
    #expect(try Settings.parse(yaml: SettingsFileTemplate.yaml(settings)) == settings)
}

@Test func aSecondLockWaitsThenSaysSoInJapanese() throws {
    let root = try makeTemporaryDirectory("lock")
    defer { try? FileManager.default.removeItem(at: root) }
    let path = root.path + "/.furikaeri/lock"
    let first = try WorkspaceLock.acquire(path: path, timeout: 0)
    let start = Date()
    #expect {
        _ = try WorkspaceLock.acquire(path: path, timeout: 0.3)
    } throws: { error in
        "\(error)".contains("処理中") && Date().timeIntervalSince(start) >= 0.3
    }
    first.release()
    let second = try WorkspaceLock.acquire(path: path, timeout: 0)
    second.release()
}

@Test func fiscalYearNamesAndBoundaries() {
    #expect(FiscalYear.japaneseName(2024) == "令和6年度")
    #expect(FiscalYear.japaneseName(2019) == "令和元年度")
    #expect(FiscalYear.japaneseName(2018) == "平成30年度")
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Asia/Tokyo")!
    #expect(FiscalYear.containing(calendar.date(from: DateComponents(year: 2025, month: 3, day: 31, hour: 23))!) == 2024)
    #expect(FiscalYear.containing(calendar.date(from: DateComponents(year: 2025, month: 4, day: 1))!) == 2025)
}
