import Foundation

/// A workspace made by the real `furikaeri init`, with sheets made by openpyxl, for end-to-end tests
/// of `run`, `watch`, `status` and `report`.
public struct IntakeFixture {
    public let root: URL
    public var workspace: String { root.appendingPathComponent("ws").path }
    public var inbox: String { workspace + "/inbox" }
    public var pool: String { root.appendingPathComponent("pool").path }

    /// Creates a workspace with `settle_seconds` as given (0: take files at once).
    public init(settleSeconds: Double = 0) throws {
        root = try makeTemporaryDirectory("intake-e2e")
        let result = try FurikaeriBinary.run(["init", root.appendingPathComponent("ws").path])
        guard result.status == 0 else { throw OracleFailure(script: "furikaeri init", message: result.stderr) }
        let settings = workspace + "/furikaeri.yml"
        var text = try String(contentsOfFile: settings, encoding: .utf8)
        text = text.replacingOccurrences(of: "settle_seconds: 2.0", with: "settle_seconds: \(settleSeconds)")
        try text.write(toFile: settings, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: pool, withIntermediateDirectories: true)
    }

    /// A reflection sheet to make.
    public struct Sheet: Encodable {
        public var path: String
        public var org: String
        public var project: String
        public var year: String
        public var phase: String
        public var scores: [Int]
        public var city_comment: String
        public var seed: Int

        public init(name: String, org: String, project: String, year: String = "令和6年度", phase: String = "最終",
                    scores: [Int] = [4, 4, 3, 4, 5, 4, 3], valid: Bool = true, seed: Int = 0) {
            path = name
            self.org = org
            self.project = project
            self.year = year
            self.phase = phase
            self.scores = scores
            city_comment = valid ? "地域の課題に沿った取り組みでした（\(seed)）。" : ""
            self.seed = seed
        }
    }

    /// Makes sheets in the pool (paths relative to it) with openpyxl.
    public func make(_ sheets: [Sheet]) throws {
        var absolute = sheets
        for index in absolute.indices { absolute[index].path = pool + "/" + sheets[index].path }
        let spec = root.appendingPathComponent("spec-\(UUID().uuidString).json")
        try JSONEncoder().encode(absolute).write(to: spec)
        try runOracle("make_reflection_sheets.py", [spec.path])
    }

    /// Writes any file into the pool.
    public func makeFile(_ name: String, _ contents: String) throws {
        let path = pool + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Copies a pool file into the inbox (dated `age` seconds ago), as staff drop it.
    public func drop(_ name: String, as target: String? = nil, age: Double = 60) throws {
        let destination = inbox + "/" + (target ?? name)
        try FileManager.default.createDirectory(atPath: (destination as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: pool + "/" + name, toPath: destination)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: destination)
    }

    /// Copies a pool file into the inbox with a given modification time (the order intake takes files in).
    public func drop(_ name: String, modified: Date) throws {
        let destination = inbox + "/" + name
        try FileManager.default.createDirectory(atPath: (destination as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: pool + "/" + name, toPath: destination)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: destination)
    }

    /// Runs `furikaeri ARGS… --workspace <this workspace>`.
    @discardableResult
    public func furikaeri(_ arguments: [String], timeout: Double = 300) throws -> FurikaeriBinary.Output {
        try FurikaeriBinary.run(arguments + ["--workspace", workspace], timeout: timeout)
    }

    /// Every regular, non-hidden file under a folder of the workspace, relative to the workspace.
    public func files(under folder: String) -> [String] {
        IntakeFixture.files(under: workspace + "/" + folder).map { folder + "/" + $0 }
    }

    /// Every regular file under `base` (hidden names included only when asked), relative to it, sorted.
    public static func files(under base: String, includeHidden: Bool = false) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if !includeHidden && name.hasPrefix(".") { walker.skipDescendants(); continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                found.append(relative)
            }
        }
        return found.sorted()
    }

    /// How many copies of `data` are in inbox/, archive/ and rejected/ together.
    public func copies(of data: Data) -> Int {
        var count = 0
        for folder in ["inbox", "archive", "rejected"] {
            for file in files(under: folder) where !file.hasSuffix(".エラー.txt") {
                let path = workspace + "/" + file
                if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size == data.count,
                   FileManager.default.contents(atPath: path) == data {
                    count += 1
                }
            }
        }
        return count
    }

    /// The CSV files under output/, by path relative to output/.
    public func outputCSVs() -> [String: Data] {
        var result: [String: Data] = [:]
        for file in IntakeFixture.files(under: workspace + "/output") where file.hasSuffix(".csv") {
            result[file] = FileManager.default.contents(atPath: workspace + "/output/" + file)
        }
        return result
    }

    /// Copies every workbook of `samples/` into the pool and drops it into the inbox, `age` seconds old;
    /// the returned evaluator sheets (`samples/第三者評価/`) instead with `evaluations`, so that the
    /// figures of tests about the forms stay those of the forms alone.
    public func dropSamples(age: Double = 60, evaluations: Bool = false) throws {
        for name in IntakeFixture.files(under: TestPaths.samples.path)
        where name.hasSuffix(".xlsx") && name.hasPrefix(Self.evaluationSamples + "/") == evaluations {
            try FileManager.default.createDirectory(atPath: (pool + "/" + name as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: TestPaths.samples.path + "/" + name, toPath: pool + "/" + name)
            try drop(name, age: age)
        }
    }

    /// The folder of `samples/` holding returned 第三者評価票.
    public static let evaluationSamples = "第三者評価"

    public func remove() { try? FileManager.default.removeItem(at: root) }
}
