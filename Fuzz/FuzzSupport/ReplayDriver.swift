import Foundation
import XLSX

/// The fuzz targets' normal-build `main`: replays the files (or every file in the folders) named
/// on the command line through the target's harness, one line per file:
/// `<path>\t<outcome>\t<milliseconds>`. A crash ends the process, as it would the fuzzer.
///
/// Options: `--max-cells N` lowers the reader's cell limit (resource-bound tests use it).
public enum ReplayDriver {
    public static func run(_ arguments: [String], harness: ([UInt8], ReaderLimits) -> FuzzOutcome) -> Int32 {
        var limits = ReaderLimits.default
        var paths: [String] = []
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            if argument == "--max-cells", let value = rest.popFirst().flatMap(Int.init) {
                limits.maxCells = value
            } else if argument.hasPrefix("-") {
                FileHandle.standardError.write(Data("unknown option \(argument)\n".utf8))
                return 2
            } else {
                paths.append(argument)
            }
        }
        if paths.isEmpty {
            FileHandle.standardError.write(Data("usage: <fuzz-target> [--max-cells N] FILE_OR_FOLDER...\n".utf8))
            return 2
        }
        for path in paths.flatMap(files) {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("\(path)\tunreadable\t0")
                continue
            }
            let start = DispatchTime.now().uptimeNanoseconds
            let outcome = harness(Array(data), limits)
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            print("\(path)\t\(outcome)\t\(String(format: "%.1f", milliseconds))")
        }
        return 0
    }

    /// `path` itself, or the regular files under it (sorted) when it is a folder.
    static func files(_ path: String) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return [path] }
        let children = (try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? []
        return children.sorted().map { path + "/" + $0 }.filter {
            var folder: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0, isDirectory: &folder) && !folder.boolValue
        }
    }
}
