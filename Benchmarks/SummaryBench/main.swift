import Foundation
import Reports

// `summary-bench PROJECTS [--output DIR] [--encoding utf8|cp932]` (`make bench`): times the summary of
// synthetic projects (aggregation, CSV encoding, workbook and CSV writing). Without `--output` it
// writes to a temporary folder and removes it.
/// The value of `--name VALUE` in `arguments`, taken out of them.
func option(_ name: String, from arguments: inout [String]) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    defer { arguments.removeSubrange(i...(i + 1)) }
    return arguments[i + 1]
}
var arguments = Array(CommandLine.arguments.dropFirst())
let output = option("--output", from: &arguments)
let encoding = option("--encoding", from: &arguments).map { CSVEncoding(rawValue: $0) }
guard arguments.count == 1, let projects = Int(arguments[0]), projects > 0, let encoding = encoding ?? .utf8 else {
    FileHandle.standardError.write(Data("usage: summary-bench PROJECTS [--output DIR] [--encoding utf8|cp932]\n".utf8))
    exit(2)
}
let directory = output ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("furikaeri-bench-\(getpid())")
do {
    let timing = try SummaryBenchmark.run(projects: projects, outputDirectory: directory, encoding: encoding)
    print(String(format: "summary of %d projects: %.3f s (aggregate %.3f s, write workbook + encode CSV %.3f s; CPU %.3f s; %d files)",
                 timing.projects, timing.totalSeconds, timing.aggregateSeconds, timing.writeSeconds,
                 timing.cpuSeconds, timing.files.count))
} catch {
    FileHandle.standardError.write(Data("summary-bench: \(error)\n".utf8))
    if output == nil { try? FileManager.default.removeItem(atPath: directory) }
    exit(1)
}
if output == nil { try? FileManager.default.removeItem(atPath: directory) }
