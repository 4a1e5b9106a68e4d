import Core
import Forms
import Foundation
import Validation
import XLSX
#if canImport(Glibc)
import Glibc
#endif

/// Checks workbooks for intake: reads, extracts, validates and hashes each file.
///
/// The CLI passes the real `FileValidator`; intake's unit tests pass their own, so the move protocol
/// can be tested without building workbooks.
public protocol WorkbookChecking: Sendable {
    /// One result per path, in the same order. Never throws: unreadable files are results too.
    func check(paths: [String]) -> [FileResult]

    /// `check(paths:)`, each result with the bytes it was made from, kept while their total stays
    /// within `byteBudget` (nil beyond it, and for files not read whole): intake stores those bytes
    /// rather than reading and hashing the file again.
    func checkKeepingBytes(paths: [String], byteBudget: Int) -> [CheckedFile]

    /// The validator whose settings and language the checked files' issues use, for the issues intake
    /// adds itself (a 第三者評価票 checked against the ledger); nil for checkers without one.
    var formValidator: Validator? { get }
}

extension WorkbookChecking {
    /// No validator: intake adds no issues of its own.
    public var formValidator: Validator? { nil }

    /// Keeps no bytes: every file is copied from the inbox when it is stored.
    public func checkKeepingBytes(paths: [String], byteBudget: Int) -> [CheckedFile] {
        check(paths: paths).map { CheckedFile(result: $0, bytes: nil) }
    }
}

/// One checked file: its result, and the bytes the result was made from when they were kept.
public struct CheckedFile: Sendable {
    public var result: FileResult
    /// Exactly the bytes validated and hashed into `result.sha256`.
    public var bytes: FileBytes?
    /// What the ledger will store of each form in `result.forms`, made by the worker that validated
    /// the file; nil: made when committed.
    public var formColumns: [LedgerFormColumns]?

    public init(result: FileResult, bytes: FileBytes?, formColumns: [LedgerFormColumns]? = nil) {
        self.result = result
        self.bytes = bytes
        self.formColumns = formColumns
    }
}

/// Writes the outputs (summary workbook, CSV) of one fiscal year.
public protocol YearOutputWriting {
    /// Writes every output of `fiscalYear` into `directory`, an empty folder; intake then moves each file
    /// into place atomically. `submissions` reads the current submissions of `fiscalYear` and of every
    /// earlier year (for the comparison across years), oldest year first, in a stable order.
    func writeOutputs(fiscalYear: Int, submissions: YearSubmissions, into directory: String) throws

    /// Writes the 事例集 (every year's current submissions) into `outputDirectory`, after the years'
    /// outputs were written. Writers that have none keep the default, which writes nothing.
    func writeCaseSites(ledger: Ledger, outputDirectory: String) throws
}

extension YearOutputWriting {
    public func writeCaseSites(ledger: Ledger, outputDirectory: String) throws {}
}

/// The current submissions one year's outputs are made from, read from the ledger when asked:
/// whole, or form by form so that 10,000 forms' fields are never all in memory.
public struct YearSubmissions {
    public let ledger: Ledger
    /// The year written; its submissions and every earlier year's are read.
    public let fiscalYear: Int

    public init(ledger: Ledger, fiscalYear: Int) {
        self.ledger = ledger
        self.fiscalYear = fiscalYear
    }

    /// Every current submission as files with their forms' fields (`Ledger.currentFiles(throughYear:)`).
    public func files() throws -> [FileResult] {
        try ledger.currentFiles(throughYear: fiscalYear)
    }

    /// Form by form (`Ledger.mapCurrentForms(throughYear:parts:_:)`): files without fields, and one
    /// value per form in the files' order. `transform` is called from several threads at once.
    public func mapForms<Value: Sendable>(_ transform: @Sendable (_ path: String, _ form: ExtractedForm) throws -> Value)
        throws -> (files: [FileResult], values: [Value]) {
        try ledger.mapCurrentForms(throughYear: fiscalYear, transform)
    }
}

/// What happened to one file, for the one line per file that `run` and `watch` print.
public struct IntakeEvent: Equatable, Sendable {
    public var relativePath: String
    /// nil when the file was left in the inbox for now.
    public var outcome: FileOutcome?
    /// Where it went, relative to the workspace.
    public var storedPath: String?
    public var fiscalYear: Int?
    /// Where an accepted sheet's fiscal year came from when its form has no 実施年度 (nil: the form's).
    public var fiscalYearSource: FieldOrigin? = nil
    /// Errors found (rejected workbooks).
    public var errorCount: Int
    /// Earlier submissions this one replaced.
    public var superseded: Int

    /// The system error that kept the file from being read, when that is why it was left.
    public var unreadableErrno: Int32?
    /// What failed while storing the file, when that is why it was left (its name too long for the
    /// destination, the disk full…): the file stays in the inbox and the others go on.
    public var failure: FileError?

    /// The line printed for this file, in Japanese (`line(in:)` for either language).
    public var line: String { line(in: .ja) }
}
