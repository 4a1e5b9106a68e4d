import Foundation
import XLSX

/// Runs the test-time Python scripts under `Tests/oracles/` (openpyxl: a reader we did not write).
public enum OpenpyxlOracle {
    /// Why an oracle script could not give an answer.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `Tests/oracles/<script>` with `arguments`; returns its standard output.
    public static func run(_ script: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestPaths.repositoryRoot.appendingPathComponent("Tests/oracles/\(script)").path]
            + arguments
        let output = try runCapturingOutput(process)
        let data = output.stdout
        let errorText = String(decoding: output.stderr, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(script) failed (\(process.terminationStatus)): \(errorText)")
        }
        return data
    }

    /// Runs a script and parses its JSON output as a dictionary.
    public static func json(_ script: String, _ arguments: [String]) throws -> [String: Any] {
        let data = try run(script, arguments)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure(description: "\(script) did not print a JSON object")
        }
        return object
    }

    /// Every sheet of `path` as openpyxl reads it, as `SheetGrid`s (hidden sheets included).
    public static func grids(of path: String) throws -> [SheetGrid] {
        let dump = try json("dump_cells.py", [path])
        if let error = dump["error"] as? String { throw Failure(description: error) }
        let sheets = dump["sheets"] as? [[String: Any]] ?? []
        return sheets.map { sheet in
            var grid = SheetGrid(name: sheet["name"] as? String ?? "")
            for (a1, cell) in sheet["cells"] as? [String: [String: Any]] ?? [:] {
                guard let ref = CellReference(a1: a1) else { continue }
                switch cell["t"] as? String {
                case "s": grid.cells[ref] = .text(cell["v"] as? String ?? "")
                case "n": grid.cells[ref] = .number((cell["v"] as? NSNumber)?.doubleValue ?? .nan)
                case "b": grid.cells[ref] = .bool(cell["v"] as? Bool ?? false)
                case "e": grid.cells[ref] = .error(cell["v"] as? String ?? "")
                case "d": grid.cells[ref] = .dateTime(ExcelDateTime(serial: 0, isoText: cell["v"] as? String))
                default: continue
                }
            }
            grid.merged = (sheet["merged"] as? [String] ?? []).compactMap { CellRange(a1: $0) }
            return grid
        }
    }

    /// Fills cells of `source` with openpyxl and saves the result at `target`.
    public static func fill(_ source: String, to target: String, sheet: String, cells: [String: Any]) throws {
        let spec = try JSONSerialization.data(withJSONObject: ["sheet": sheet, "cells": cells])
        let specURL = FileManager.default.temporaryDirectory.appendingPathComponent("fill-\(UUID().uuidString).json")
        try spec.write(to: specURL)
        defer { try? FileManager.default.removeItem(at: specURL) }
        _ = try run("fill_workbook.py", [source, target, specURL.path])
    }

    /// Whether `soffice` (LibreOffice) is on the PATH.
    public static var sofficePath: String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = "\(directory)/soffice"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
