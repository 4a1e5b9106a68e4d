import Aggregation
import Foundation
import Validation

/// Removes what third parties must not see from any text before it is written: the run's personal
/// values (代表者, 所在地, 電話, メール) always, and the 団体名 too with `--anonymize`. Also says how a
/// file and a sheet are named in the outputs: anonymised, by 提出ID and sheet number only, since
/// file and sheet names are often the organisation's or the representative's name.
public struct Redactor: Sendable {
    public var personal: PersonalDataScrubber
    public var anonymizer: Anonymizer?
    /// File path → its 提出ID, when anonymising.
    private var submissionIDs: [String: String] = [:]
    /// File path → its forms' sheet names in order, when anonymising.
    private var sheetNames: [String: [String]] = [:]

    /// `files`: every file of the run, to name them by 提出ID when anonymising.
    public init(personal: PersonalDataScrubber, anonymizer: Anonymizer? = nil, files: [FileResult] = []) {
        self.personal = personal
        self.anonymizer = anonymizer
        guard anonymizer != nil else { return }
        for file in files where submissionIDs[file.path] == nil {
            submissionIDs[file.path] = SubmissionID.of(sha256: file.sha256, path: file.path)
            var names: [String] = []
            for form in file.forms where !names.contains(form.form.sheet) { names.append(form.form.sheet) }
            sheetNames[file.path] = names
        }
    }

    /// The text with personal values masked and, when anonymising, 団体名 replaced by codes.
    public func scrub(_ text: String) -> String {
        let masked = personal.scrub(text)
        return anonymizer?.scrub(masked) ?? masked
    }

    /// How outputs name a file: its 提出ID when anonymising, else its path (relative to the inbox or
    /// the input folder) with personal values masked.
    public func file(_ path: String) -> String {
        guard anonymizer != nil else { return scrub(path) }
        return submissionIDs[path] ?? SubmissionID.of(sha256: "", path: path)
    }

    /// How outputs name a file of the run: its 提出ID from its own SHA-256 when anonymising (two files
    /// dropped under one name keep apart), else its path with personal values masked.
    public func file(_ result: FileResult) -> String {
        anonymizer == nil ? scrub(result.path) : SubmissionID.of(sha256: result.sha256, path: result.path)
    }

    /// How outputs name a sheet of a file: `シート2` (its place among the file's forms) when
    /// anonymising, else its name with personal values masked.
    public func sheet(_ name: String, in path: String) -> String {
        guard anonymizer != nil, !name.isEmpty else { return scrub(name) }
        guard let index = sheetNames[path]?.firstIndex(of: name) else { return "シート" }
        return "シート\(index + 1)"
    }

    /// A message about a file: scrubbed, and when anonymising with the file's and its sheets' names
    /// (which a message may quote) replaced by what the outputs call them.
    public func message(_ text: String, in path: String) -> String {
        var text = text
        if anonymizer != nil {
            let name = (path as NSString).lastPathComponent, stem = (name as NSString).deletingPathExtension
            for (phrase, label) in [(path, file(path)), (name, file(path)), (stem, file(path))] where phrase.count >= 2 {
                text = text.replacingOccurrences(of: phrase, with: label)
            }
            for sheet in (sheetNames[path] ?? []).sorted(by: { $0.count > $1.count }) where !sheet.isEmpty {
                text = text.replacingOccurrences(of: "「\(sheet)」", with: "「\(self.sheet(sheet, in: path))」")
            }
        }
        return scrub(text)
    }
}

/// 提出ID: how anonymised outputs name a submitted file, `提出-` and the first 10 hexadecimal digits
/// of its SHA-256, so the office can find the file (`validate --json` prints the SHA-256) while
/// evaluators learn nothing from the name.
public enum SubmissionID {
    public static func of(sha256: String, path: String) -> String {
        if sha256.count >= 10 { return "提出-" + sha256.prefix(10).uppercased() }
        // A file that could not be read has no SHA-256: a hash of its path stands in.
        return "提出-" + StableHash.hex(path).prefix(10)
    }
}
