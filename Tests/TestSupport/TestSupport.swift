import Foundation

/// Paths shared by the test targets.
public enum TestPaths {
    /// The repository's root, found from this source file's location.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `Tests/Fixtures`.
    public static let fixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures")
    /// The reference corpus and its tools, vendored from the team's `../shared` so CI's fresh clone has them.
    public static let shared = fixtures.appendingPathComponent("shared")
    /// `samples/`.
    public static let samples = repositoryRoot.appendingPathComponent("samples")
}

/// A fresh temporary directory, removed by the caller when done.
public func makeTemporaryDirectory(_ prefix: String = "furikaeri-test") throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
