import Foundation

/// The fuzz targets' replay builds (`.build/debug/fuzz-*`, built with the test products).
public enum ReplayBinary {
    /// The path of the replay binary `name`, such as `fuzz-workbook`.
    public static func path(_ name: String) -> String {
        TestPaths.repositoryRoot.appendingPathComponent(".build/debug/\(name)").path
    }
}
