import Core
import XLSXWriting

/// Why a workbook could not be written.
public enum TemplateError: Error, Equatable, CustomStringConvertible {
    /// The file the user asked for could not be written, with the system's reason.
    case writeFailed(WriteFailure)
    /// libxlsxwriter refused a step of building the workbook (a program error, not the user's).
    case buildFailed(path: String, step: String)
    /// The output file exists and overwriting was not asked for.
    case outputExists(path: String)

    /// The message for staff, in Japanese.
    public var japaneseMessage: String {
        switch self {
        case .writeFailed(let failure):
            return failure.message(japanese: true)
        case .buildFailed(let path, let step):
            return "様式ファイル「\(path)」を作る途中で失敗しました（\(step)）。"
        case .outputExists(let path):
            return "「\(path)」はすでにあります。別の名前を -o で指定するか、上書きしてよければ --force を付けてください。"
        }
    }

    /// The message in English, for `--lang en`.
    public var englishMessage: String {
        switch self {
        case .writeFailed(let failure):
            return failure.message(japanese: false)
        case .buildFailed(let path, let step):
            return "Building the template \"\(path)\" failed (\(step))."
        case .outputExists(let path):
            return "\"\(path)\" already exists. Choose another name with -o, or add --force to overwrite it."
        }
    }

    public var description: String { japaneseMessage }

    /// A failure of the workbook: the file that could not be written, or the step that failed.
    init(_ error: XLSXWriteError) {
        if let failure = error.writeFailure {
            self = .writeFailed(failure)
        } else {
            self = .buildFailed(path: error.path, step: "\(error.step): \(error.reason)")
        }
    }
}
