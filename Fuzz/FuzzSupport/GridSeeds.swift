import Foundation
import XLSX

/// Seeds for the form-grid target: the sheets of real workbooks, encoded with `GridDecoder.encode`.
public enum GridSeeds {
    /// Writes one seed per sheet of each workbook into `folder`; returns the exit status.
    public static func write(workbooks: [String], to folder: String) -> Int32 {
        var status: Int32 = 0
        for path in workbooks {
            do {
                let workbook = try Workbook.open(path: path)
                for sheet in workbook.sheets {
                    let bytes = GridDecoder.encode(try workbook.grid(sheetAt: sheet.index))
                    let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + "-\(sheet.index)"
                    try Data(bytes).write(to: URL(fileURLWithPath: folder).appendingPathComponent(name))
                }
            } catch {
                FileHandle.standardError.write(Data("\(path): \(error)\n".utf8))
                status = 1
            }
        }
        return status
    }
}
