import Foundation

/// Paths shared by the test targets.
public enum TestPaths {
    /// The repository's root, found from this source file's location.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `Tests/Fixtures`.
    public static let fixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures")
    /// `../shared`, beside the checkout, when it exists.
    public static let shared = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
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
