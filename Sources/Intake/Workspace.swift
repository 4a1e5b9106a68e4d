import Core
import Foundation
import Settings
import Validation

/// The folders and files of a workspace, and how to create one.
///
/// ```
/// DIR/
///   furikaeri.yml        settings, with a Japanese comment beside each
///   inbox/               staff drop files here (subfolders included)
///   archive/<西暦年度>/   accepted sheets, e.g. archive/2024/ for 令和6年度
///   rejected/            files that could not be accepted, each with <name>.エラー.txt
///   output/<西暦年度>/    summary workbook and CSV per fiscal year
///   templates/           the two blank forms
///   .furikaeri/          ledger.sqlite (the ledger) and lock
/// ```
/// Archive folders use the Western year in which the fiscal year starts (2024 = 令和6年度) so that
/// they sort in order across eras.
public struct Workspace: Sendable {
    public let root: String

    public init(root: String) {
        self.root = (root as NSString).standardizingPath
    }

    public var inbox: String { path("inbox") }
    public var archive: String { path("archive") }
    public var rejected: String { path("rejected") }
    public var output: String { path("output") }
    public var templates: String { path("templates") }
    public var settingsFile: String { path("furikaeri.yml") }
    public var stateDirectory: String { path(".furikaeri") }
    public var ledgerFile: String { (stateDirectory as NSString).appendingPathComponent("ledger.sqlite") }
    public var lockFile: String { (stateDirectory as NSString).appendingPathComponent("lock") }

    /// The archive folder of a fiscal year.
    public func archive(fiscalYear: Int) -> String { PathText.join(archive, String(fiscalYear)) }
    /// The output folder of a fiscal year.
    public func output(fiscalYear: Int) -> String { (output as NSString).appendingPathComponent(String(fiscalYear)) }

    /// A path inside the workspace.
    public func path(_ relative: String) -> String { PathText.join(root, relative) }

    /// The path relative to the workspace root, for the ledger and messages.
    public func relative(_ absolute: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }

    /// Whether this folder looks like a workspace (it has an inbox and a settings file).
    public var exists: Bool {
        FileManager.default.fileExists(atPath: inbox) && FileManager.default.fileExists(atPath: settingsFile)
    }

    /// Creates the folders and, when missing, the settings file. Existing files are kept.
    /// Returns the paths created.
    @discardableResult
    public func create() throws -> [String] {
        var created: [String] = []
        for folder in [root, inbox, archive, rejected, output, templates, stateDirectory] {
            if !FileManager.default.fileExists(atPath: folder) {
                try DurableFiles.createDirectory(folder)
                created.append(folder)
            }
        }
        if !FileManager.default.fileExists(atPath: settingsFile) {
            try DurableFiles.write(Data(SettingsFileTemplate.yaml().utf8), to: settingsFile)
            created.append(settingsFile)
        }
        return created
    }

    /// The workspace's settings: `furikaeri.yml`, or the defaults when it is absent.
    public func loadSettings() throws -> Settings {
        FileManager.default.fileExists(atPath: settingsFile) ? try Settings.load(path: settingsFile, vocabulary: .standard) : .defaults
    }
}

/// Fiscal-year arithmetic: a Japanese fiscal year runs from April to March.
public enum FiscalYear {
    /// The fiscal year (Western year of its April) that contains `date`, in Japan time.
    public static func containing(_ date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Tokyo") ?? .current
        let parts = calendar.dateComponents([.year, .month], from: date)
        let year = parts.year ?? 1970
        return (parts.month ?? 4) >= 4 ? year : year - 1
    }

    /// 令和/平成 name of a fiscal year, such as 令和6年度 for 2024.
    public static func japaneseName(_ year: Int) -> String {
        if year >= 2019 { return year == 2019 ? "令和元年度" : "令和\(year - 2018)年度" }
        if year >= 1989 { return year == 1989 ? "平成元年度" : "平成\(year - 1988)年度" }
        return "\(year)年度"
    }
}
