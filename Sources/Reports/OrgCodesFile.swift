import Core
import Aggregation
import Foundation

/// The codes file of `process --anonymize`: which organisation got which code, read by later runs
/// and extended, so that 団体A01 stays 団体A01. It names every organisation: it is for the office,
/// never for evaluators, and so lives beside the output folder, not in it.
///
/// UTF-8 text, one line per organisation: the code, a tab, the normalised 団体名 (NFKC, spaces
/// removed); lines starting with `#` are comments. Written in code order.
public enum OrgCodesFile {
    /// `団体コード表_非公開.tsv` in the output folder's parent folder, shared by every output folder there.
    public static func defaultPath(outputDirectory: String) -> String {
        let output = URL(fileURLWithPath: outputDirectory).standardizedFileURL
        return output.deletingLastPathComponent().appendingPathComponent(fileName).path
    }

    public static let fileName = "団体コード表_非公開.tsv"

    public struct ReadError: Error, Equatable {
        public var path: String
        public var line: Int
    }

    /// The codes in the file (normalised 団体名 → code); none when the file does not exist.
    public static func read(_ path: String) throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        var codes: [String: String] = [:], taken = Set<String>()
        for (index, line) in String(decoding: data, as: UTF8.self).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .enumerated() where !line.isEmpty && !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            let code = parts.first.map(String.init) ?? ""
            guard parts.count == 2, code.hasPrefix("団体"), !parts[1].isEmpty, taken.insert(code).inserted else {
                throw ReadError(path: path, line: index + 1)
            }
            codes[NameNormalizer.normalize(String(parts[1]))] = code
        }
        return codes
    }

    /// The file's text for `codes`, in code order.
    public static func text(_ codes: [String: String]) -> String {
        let lines = codes.sorted { a, b in
            a.value.count != b.value.count ? a.value.count < b.value.count : ByteOrder.less(a.value, b.value)
        }.map { "\($0.value)\t\($0.key)" }
        return "# furikaeri 団体コード表（団体名を含むため、第三者に渡さないでください）。process --anonymize が読み、足します。\n"
            + lines.joined(separator: "\n") + "\n"
    }

    /// Writes the file durably through a temporary file and a rename (`DurableFiles.write`).
    public static func write(_ codes: [String: String], to path: String) throws {
        try ReportError.writing { try DurableFiles.write(Data(text(codes).utf8), to: path, replacing: true) }
    }
}
