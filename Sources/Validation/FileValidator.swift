import Core
import Dispatch
import Forms
import Foundation
import Settings
import XLSX
#if canImport(Glibc)
import Glibc
#endif

/// What reading one workbook gives: its sheet names and the forms found on them.
public struct WorkbookForms: Sendable {
    public var sheetNames: [String]
    public var forms: [ExtractedForm]

    public init(sheetNames: [String], forms: [ExtractedForm]) {
        self.sheetNames = sheetNames
        self.forms = forms
    }
}

/// A reader error that can tell staff what to do, in both languages.
public protocol LocalizedReaderError: Error {
    var japaneseMessage: String { get }
    var englishMessage: String { get }
    /// The snake_case case name for the code `reader.<case>`; nil to derive it from the enum case.
    var issueCaseName: String? { get }
}

extension LocalizedReaderError {
    public var issueCaseName: String? { nil }
}

/// Validates files: reads each workbook, extracts its forms, checks them and hashes the bytes.
///
/// Never throws: whatever goes wrong with a file becomes an issue on its `FileResult`.
public struct FileValidator: Sendable {
    public typealias FormReader = @Sendable (_ path: String) throws -> WorkbookForms
    /// Reads the forms of a file already read into memory (`file.path` names it), drawing on memory
    /// as `memory` says (see `MemoryBudget`).
    public typealias InMemoryFormReader = @Sendable (_ file: FileBytes, _ memory: MemoryShare) throws -> WorkbookForms

    public let validator: Validator
    let readForms: FormReader
    let readFormsInMemory: InMemoryFormReader?
    /// Memory shared by the files read at once; the bytes of a file read whole count against it.
    let memory: MemoryBudget?
    /// Files read at once; nil for one per core.
    public var workers: Int?

    /// Files up to this size are read into memory once, hashed and parsed from there; bigger ones
    /// are hashed and parsed from disk as they are read, so memory stays bounded per worker.
    public static let maxBytesReadWhole = 64 << 20

    /// A validator that reads workbooks with `readForms` (the XLSX reader and the form extractor in
    /// production, hand-built forms in tests).
    public init(settings: Settings = .defaults, language: Language = .ja, readForms: @escaping FormReader) {
        self.init(settings: settings, language: language, readForms: readForms, readFormsInMemory: nil)
    }

    /// A validator that reads each file (up to `maxBytesReadWhole`) into memory once, hashes it and
    /// reads its forms with `readFormsInMemory`; bigger files go through `readForms` by path.
    public init(settings: Settings = .defaults, language: Language = .ja, readForms: @escaping FormReader,
                readFormsInMemory: InMemoryFormReader?, memory: MemoryBudget? = nil) {
        validator = Validator(settings: settings, language: language)
        self.readForms = readForms
        self.readFormsInMemory = readFormsInMemory
        self.memory = memory
    }

    public var language: Language { validator.language }

    /// Everything about one file. A file that is not a workbook, cannot be read or holds no form
    /// gets a file-level issue.
    public func validateFile(at path: String) -> FileResult {
        validateFileKeepingBytes(at: path).result
    }

    /// `validateFile(at:)`, with the bytes the result (and its SHA-256) was made from when the file
    /// was read into memory whole; nil for a file read from disk as it went, or not read at all.
    public func validateFileKeepingBytes(at path: String) -> (result: FileResult, bytes: FileBytes?) {
        if let readFormsInMemory {
            // With a memory budget the bytes count against it while the file is read (what a caller
            // keeps afterwards is under its own budget); a file too large for that is read from disk.
            let held = memory?.takeForReadingWhole(path: path, maxBytes: Self.maxBytesReadWhole) ?? 0
            var heldReleased = false
            func releaseHeld() {
                if !heldReleased { memory?.release(held) }
                heldReleased = true
            }
            defer { releaseHeld() }
            let file: FileBytes?
            do {
                file = try FileBytes.read(path: path, maxBytes: memory == nil ? Self.maxBytesReadWhole : max(held - 1, 0))
            } catch {
                return (unreadableFile(path), nil)
            }
            if let file {
                let sha256 = SHA256.hex(of: file.bytes)
                let share: MemoryShare = memory.map { .shared($0, holding: held) } ?? .unshared
                var memoryWasShort = false
                let result = validateForms(path: path, sha256: sha256) {
                    do {
                        return try readFormsInMemory(file, share)
                    } catch XLSXError.memoryBusy {
                        memoryWasShort = true
                        throw XLSXError.memoryBusy
                    }
                }
                guard memoryWasShort else { return (result, file) }
                // Read again from disk, alone once memory allows (see `MemoryBudget.reading`), holding
                // nothing meanwhile: the same workbook, so the same result.
                releaseHeld()
                return (validateForms(path: path, sha256: sha256) { try readForms(path) }, nil)
            }
        }
        let sha256: String
        do {
            sha256 = try SHA256.hex(ofFileAt: path)
        } catch {
            return (unreadableFile(path), nil)
        }
        return (validateForms(path: path, sha256: sha256) { try readForms(path) }, nil)
    }

    /// The result for a file whose bytes could not be read.
    private func unreadableFile(_ path: String) -> FileResult {
        let missing = !FileManager.default.fileExists(atPath: path)
        return fileResult(path: path, sha256: "", problem: .fileUnreadable(missing: missing))
    }

    /// Reads the forms of a file already hashed, and checks them.
    private func validateForms(path: String, sha256: String, read: () throws -> WorkbookForms) -> FileResult {
        let ext = PathExpansion.fileExtension(Validator.displayName(of: path))
        let workbook: WorkbookForms
        do {
            workbook = try read()
        } catch {
            // A file that is not named as a workbook gets a message about its type; a workbook that
            // the reader refuses gets the reader's own message.
            let named = ext == "xlsx" || ext == "xlsm" || ext == "ods"
            return fileResult(path: path, sha256: sha256,
                              problem: named ? Self.readerProblem(error) : .fileNotXLSX(fileExtension: ext))
        }
        guard !workbook.forms.isEmpty else {
            return fileResult(path: path, sha256: sha256, problem: .formNotFound(sheetNames: workbook.sheetNames))
        }
        let forms = workbook.forms.map { extracted in
            let form = FiscalYearSource.completing(extracted, path: path, settings: validator.settings)
            return ValidatedForm(form: form, issues: validator.validate(form, file: path))
        }
        let hasError = forms.contains { $0.issues.contains { $0.severity == .error } }
        return FileResult(path: path, sha256: sha256, status: hasError ? .invalid : .valid, issues: [], forms: forms)
    }

    /// Validates every file the paths name (folders expanded), in parallel, sorted by path.
    /// Paths that do not exist are left out; the CLI reports them as a usage error beforehand.
    public func validate(paths: [String]) -> [FileResult] {
        validate(files: PathExpansion.expand(paths).files)
    }

    /// Validates the given files in parallel across cores; results come back in the files' order.
    public func validate(files: [String]) -> [FileResult] {
        validate(files: files) { $0 }
    }

    /// Validates the given files in parallel and turns each result into what the caller keeps
    /// (its JSON bytes, say) on the worker that made it: the results are neither kept nor freed on
    /// the calling thread, which would be work done on one core. Values come back in the files' order.
    public func validate<T: Sendable>(files: [String], transform: @Sendable (FileResult) -> T) -> [T] {
        validateKeepingBytes(files: files) { result, _ in transform(result) }
    }

    /// `validate(files:transform:)`, handing `transform` also the bytes each result was made from
    /// (see `validateFileKeepingBytes(at:)`), so that a caller storing the file need not read it again.
    public func validateKeepingBytes<T: Sendable>(files: [String], transform: @Sendable (FileResult, FileBytes?) -> T) -> [T] {
        return Parallel.map(count: files.count, workers: workers) {
            let (result, bytes) = validateFileKeepingBytes(at: files[$0])
            return transform(result, bytes)
        }
    }

    /// A result holding one file-level issue.
    func fileResult(path: String, sha256: String, problem: Problem) -> FileResult {
        let place = IssuePlace(file: Validator.displayName(of: path))
        let issue = ValidationIssue(
            severity: validator.severity(of: problem), code: problem.code, field: "", sheet: "", cell: "",
            message: MessageRenderer.message(problem, at: place, language: validator.language))
        let status: FileStatus = problem.makesFileUnreadable ? .unreadable : (issue.severity == .error ? .invalid : .valid)
        return FileResult(path: path, sha256: sha256, status: status, issues: [issue], forms: [])
    }

    /// `reader.<case>`: the reader error's case name in snake_case, with its messages.
    static func readerProblem(_ error: Error) -> Problem {
        let caseName = (error as? LocalizedReaderError)?.issueCaseName ?? snakeCase(readerCaseName(error))
        if let localized = error as? LocalizedReaderError {
            return .reader(caseName: caseName, japanese: localized.japaneseMessage, english: localized.englishMessage)
        }
        let detail = String(describing: error)
        return .reader(caseName: caseName,
                       japanese: "読み取り中に問題が起きました（\(detail)）。Excel で開いて保存し直してから、もう一度お試しください。",
                       english: "Reading failed (\(detail)). Open the file in Excel, save it again and retry.")
    }

    /// The enum case's name: the label of its payload, or its description when it has none.
    static func readerCaseName(_ error: Error) -> String {
        let mirror = Mirror(reflecting: error)
        if mirror.displayStyle == .enum {
            if let label = mirror.children.first?.label { return label }
            let text = String(describing: error)
            if let paren = text.firstIndex(of: "(") { return String(text[..<paren]) }
            return text
        }
        return "unknown"
    }

    /// `corruptArchive` → `corrupt_archive`, `legacyXLS` → `legacy_xls`, `notAZip` → `not_a_zip`.
    static func snakeCase(_ name: String) -> String {
        let scalars = Array(name.unicodeScalars).filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
        var out = ""
        for (i, scalar) in scalars.enumerated() {
            if scalar.properties.isUppercase, i > 0 {
                let previous = scalars[i - 1]
                let nextIsLower = i + 1 < scalars.count && scalars[i + 1].properties.isLowercase
                if !previous.properties.isUppercase || nextIsLower { out.append("_") }
            }
            out.append(String(scalar).lowercased())
        }
        return out.isEmpty ? "unknown" : out
    }
}
