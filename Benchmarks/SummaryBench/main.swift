import Foundation
import Intake
import Reports

// `summary-bench PROJECTS [--output DIR] [--encoding utf8|cp932]` (`make bench`): times the summary of
// synthetic projects (aggregation, CSV encoding, workbook and CSV writing). Without `--output` it
// writes to a temporary folder and removes it.
// `summary-bench --site YEARSxPROJECTS [--output DIR]` (`make bench`, Benchmarks/site_bench.py): makes
// the 事例集 of synthetic years and prints the time it took and its size; with `--output`,
// `DIR/事例集/` is kept (for site_bench.py to open in Chromium).
/// The value of `--name VALUE` in `arguments`, taken out of them.
func option(_ name: String, from arguments: inout [String]) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    defer { arguments.removeSubrange(i...(i + 1)) }
    return arguments[i + 1]
}
var arguments = Array(CommandLine.arguments.dropFirst())
let output = option("--output", from: &arguments)
if let shape = option("--site", from: &arguments) {
    let parts = shape.split(separator: "x").compactMap { Int($0) }
    guard arguments.isEmpty, parts.count == 2, parts[0] > 0, parts[1] > 0 else {
        FileHandle.standardError.write(Data("usage: summary-bench --site YEARSxPROJECTS (such as 10x200) [--output DIR]\n".utf8))
        exit(2)
    }
    let directory = output ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("furikaeri-bench-site-\(getpid())")
    do {
        let result = try CaseSiteBenchmark.run(years: parts[0], projectsPerYear: parts[1])
        let start = DispatchTime.now()
        try CaseSiteFolder.write(result.files, to: (directory as NSString).appendingPathComponent(CaseSite.folderName))
        let write = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let total = result.files.reduce(0) { $0 + $1.data.count }
        let data = result.files.first { $0.path == "data.js" }?.data.count ?? 0
        print(String(format: "事例集 of %d years x %d projects: aggregate %.3f s, render %.3f s, write %.3f s; %d files, %.1f MB (data.js %.1f MB, pages %.1f MB)",
                     parts[0], parts[1], result.aggregateSeconds, result.renderSeconds, write, result.files.count,
                     Double(total) / 1e6, Double(data) / 1e6, Double(total - data) / 1e6))
    } catch {
        FileHandle.standardError.write(Data("summary-bench: \(error)\n".utf8))
        if output == nil { try? FileManager.default.removeItem(atPath: directory) }
        exit(1)
    }
    if output == nil { try? FileManager.default.removeItem(atPath: directory) }
    exit(0)
}
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
