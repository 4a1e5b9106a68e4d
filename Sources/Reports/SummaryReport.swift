import Aggregation
import Core
import Forms
import Foundation
import Validation
import XLSXWriting

/// How `process` writes its reports.
public struct ReportOptions: Sendable {
    public var encoding: CSVEncoding
    /// Replace characters CP932 cannot hold instead of failing.
    public var replaceUnencodable: Bool
    /// Replace 団体名 with codes.
    public var anonymize: Bool
    /// Fiscal year for forms that state none; also the only year written when `onlyYear` is set.
    public var defaultFiscalYear: Int?
    /// Organisation codes already given (normalised 団体名 → code), kept when anonymising.
    public var knownCodes: [String: String] = [:]
    /// Write only this year's workbook and CSVs (the cross-year comparison still uses every year).
    public var onlyYear: Int?
    public var aggregation: AggregationOptions

    public init(encoding: CSVEncoding = .utf8, replaceUnencodable: Bool = false, anonymize: Bool = false,
                defaultFiscalYear: Int? = nil, onlyYear: Int? = nil, aggregation: AggregationOptions = AggregationOptions()) {
        self.encoding = encoding
        self.replaceUnencodable = replaceUnencodable
        self.anonymize = anonymize
        self.defaultFiscalYear = defaultFiscalYear
        self.onlyYear = onlyYear
        self.aggregation = aggregation
    }
}

/// Why the reports were not written.
public enum ReportError: Error, Equatable {
    /// Some text has characters CP932 cannot hold and `--replace` was not given. Nothing was written.
    case unencodable([UnencodableCharacter])
    /// This system's iconv has no CP932 converter.
    case cp932Unavailable
    /// A file could not be written: the file (or folder) the user asked for, and the system's reason.
    case writeFailed(WriteFailure)
}

/// The whole run's reports: aggregated at init, written (workbooks and CSV together) by `write`.
public struct SummaryReport: Sendable {
    public var records: RecordSet
    public var summaries: [YearSummary]
    public var crossYear: CrossYearSummary
    /// Every file of the run for the validation results (検証結果): path, status and issues. The forms
    /// keep their sheet, kind and issues but no fields: those went into `records`, and 10,000 forms'
    /// fields would otherwise stay in memory while the reports are written.
    public var files: [FileResult]
    /// Which year each file belongs to, for each year's 検証結果.
    public var validationYears: ValidationYears
    public var redactor: Redactor
    public var options: ReportOptions

    /// What `writeAll` wrote.
    public struct Outcome {
        /// File names, workbooks first, in a fixed order.
        public var written: [String]
        /// Characters CP932 could not hold, replaced by 〓 (only with `replaceUnencodable`).
        public var unencodable: [UnencodableCharacter]
    }

    /// Aggregates the valid files' forms. Invalid and unreadable files appear only in the
    /// validation results.
    ///
    /// `files` is taken (`consuming`): a caller that hands its only copy over lets the forms' fields
    /// be freed as soon as the records are built, before aggregation and writing.
    public init(files: consuming [FileResult], options: ReportOptions) throws {
        let (personal, built) = Self.personalValuesAndRecords(files, defaultFiscalYear: options.defaultFiscalYear)
        let orgNames = options.anonymize
            ? files.flatMap { $0.forms.compactMap { PersonalDataScrubber.orgName(of: $0.form) } } : []
        // Invalid files' years come from their forms' fields, read before they are let go.
        let years = ValidationYears(files: copy files, records: built, defaultFiscalYear: options.defaultFiscalYear)
        // From here on only the validation results need the files: their fields are let go.
        try self.init(validationFiles: (consume files).map(Self.withoutFields), records: built, personal: personal,
                      otherOrgNames: orgNames, validationYears: years, options: options)
    }

    /// Aggregates records built by the caller (with `RecordBuilder`, from the valid files' forms)
    /// whose personal values are those of `personal`; `validationFiles` are every file of the run for
    /// the validation results, whose forms need no fields. For callers that read forms one at a
    /// time rather than holding them all. `otherOrgNames`: 団体名 of forms that are not in the
    /// records (invalid files), replaced by codes too when anonymising.
    public init(validationFiles files: [FileResult], records built: RecordSet, personal: PersonalDataScrubber,
                otherOrgNames: [String] = [], validationYears: ValidationYears? = nil, options: ReportOptions) throws {
        if options.encoding == .cp932, CP932Converter().iconv("あ") == nil { throw ReportError.cp932Unavailable }
        self.options = options
        self.files = files
        self.validationYears = validationYears
            ?? ValidationYears(files: files, records: built, defaultFiscalYear: options.defaultFiscalYear)
        // Personal values are masked in the records themselves, before anything is built from them.
        var records = personal.scrub(built)
        var anonymizer: Anonymizer?
        if options.anonymize {
            anonymizer = Anonymizer(records: records, otherNames: otherOrgNames, known: options.knownCodes)
            records = anonymizer!.anonymize(records)
        }
        self.records = records
        let all = Aggregator(options: options.aggregation).summarize(records)
        crossYear = CrossYearSummary(summaries: all)
        summaries = all.filter { options.onlyYear == nil || $0.fiscalYear == options.onlyYear }
        redactor = Redactor(personal: personal, anonymizer: anonymizer, files: files)
        hasAnyYear = !all.isEmpty
        allSummaries = all
    }

    /// Every year's summary, `onlyYear` or not (the 事例集 of the latest year's report shows them all).
    public private(set) var allSummaries: [YearSummary]

    private var hasAnyYear: Bool

    /// Adds files that were not accepted and carry no fields (a workspace's rejected files) to the
    /// validation results of `year`.
    public mutating func addRejected(_ rejected: [FileResult], year: Int) {
        guard !rejected.isEmpty else { return }
        files += rejected
        validationYears.assign(rejected, to: year)
        redactor = Redactor(personal: redactor.personal, anonymizer: redactor.anonymizer, files: files)
    }

    /// The years that get a 検証結果 file, ascending; nil (unknown year) last, when some file has none.
    public var validationResultYears: [Int?] {
        if let only = options.onlyYear { return [only] }
        let years = validationYears.allYears(files).union(summaries.map(\.fiscalYear)).sorted()
        let unknown = files.contains { validationYears.years(of: $0).isEmpty }
        return years.map { Optional($0) } + (unknown ? [nil] : [])
    }

    /// The file with its forms' fields dropped; everything the validation results show is kept.
    static func withoutFields(_ file: FileResult) -> FileResult {
        var file = file
        file.forms = file.forms.map { validated in
            ValidatedForm(form: ExtractedForm(sheet: validated.form.sheet, kind: validated.form.kind, fields: [:]),
                          issues: validated.issues)
        }
        return file
    }

    /// The personal values of every form and the valid forms' records. The two do not depend on
    /// each other and are built side by side.
    private static func personalValuesAndRecords(_ files: [FileResult], defaultFiscalYear: Int?)
        -> (PersonalDataScrubber, RecordSet) {
        enum Part: Sendable { case personal(PersonalDataScrubber), records(RecordSet) }
        var personal = PersonalDataScrubber(values: []), built = RecordSet()
        for part in Parallel.map([
            { .personal(PersonalDataScrubber(files: files)) },
            { .records(RecordBuilder(defaultFiscalYear: defaultFiscalYear).records(from: files)) },
        ] as [@Sendable () -> Part]) {
            switch part {
            case .personal(let value): personal = value
            case .records(let value): built = value
            }
        }
        return (personal, built)
    }

    /// The year's third-party evaluation (evaluators shown by code when anonymising).
    public func thirdParty(_ summary: YearSummary) -> ThirdPartySummary {
        ThirdPartySummary(year: summary, evaluations: records.evaluations, anonymize: options.anonymize)
    }

    /// The CSV files, built and encoded in memory, in a fixed order.
    public func encodedCSVFiles() -> [(name: String, data: Data, unencodable: [UnencodableCharacter])] {
        Parallel.map(csvJobs())
    }

    private func csvJobs() -> [@Sendable () -> (name: String, data: Data, unencodable: [UnencodableCharacter])] {
        let tables = CSVTables(scrubber: redactor, tracksOrigins: options.encoding == .cp932)
        var builders: [@Sendable () -> CSVRows] = []
        for summary in summaries {
            builders += [{ tables.projectRows(summary) }, { tables.interimRows(summary) }, { tables.viewpointRows(summary) },
                         { tables.commentRows(summary) }]
        }
        let files = files, cross = crossYear, years = validationYears
        for year in validationResultYears {
            builders.append { tables.issueRows(years.files(files, inYear: year), year: year) }
        }
        for summary in summaries {
            let thirdParty = self.thirdParty(summary)
            if !thirdParty.isEmpty { builders.append { tables.thirdPartyRows(thirdParty) } }
        }
        if hasAnyYear { builders.append { CSVRows(tables.crossYear(cross)) } }
        let encoder = CSVEncoder(encoding: options.encoding, replaceUnencodable: options.replaceUnencodable)
        // Rows are encoded as they are made: only the encoded bytes of each file are ever held.
        return builders.map { build in {
            let rows = build()
            let (data, bad) = encoder.encode(rows)
            return (rows.fileName, data, bad)
        } }
    }

    /// Writes every workbook and CSV into `directory`; see `writeAll`. Returns the names written.
    @discardableResult
    public func write(to directory: String) throws -> [String] {
        try writeAll(to: directory).written
    }

    /// Writes every workbook and CSV into `directory`. The workbooks are written to temporary files
    /// while the CSV files are encoded, side by side; only when everything succeeded (and, for CP932,
    /// every character could be held or `replaceUnencodable` is set) is each file made durable and
    /// renamed into place (`DurableFiles.replace`), so a reader never sees half a file and a failed
    /// run leaves nothing behind.
    public func writeAll(to directory: String) throws -> Outcome {
        do {
            try OutputFiles.makeDirectories(directory)
        } catch {
            throw ReportError.writeFailed(error)
        }
        // Each job gives its output's name and the temporary file it was written to (nil when none was made).
        enum Job: Sendable { case workbook(String, String, Error?), csv(String, String?, Error?, [UnencodableCharacter]) }
        let unknownYearFiles = validationResultYears.contains(nil)
            ? validationYears.files(files, inYear: nil).count : 0
        var jobs: [@Sendable () -> Job] = summaries.map { summary in {
            let name = OutputNames.workbook(summary.fiscalYear)
            var input = SummaryWorkbookInput(summary: summary, crossYear: self.crossYear,
                                             files: self.validationYears.files(self.files, inYear: summary.fiscalYear),
                                             undated: self.records.undated, redactor: self.redactor)
            input.unknownYearFiles = unknownYearFiles
            input.thirdParty = self.thirdParty(summary)
            let temporary = DurableFiles.temporaryPath(in: directory)
            do {
                try SummaryWorkbook.write(input, to: temporary)
                return .workbook(name, temporary, nil)
            } catch {
                return .workbook(name, temporary, ReportError.shown(error, as: PathText.join(directory, name)))
            }
        } }
        // The 事業カルテ of each year with third-party evaluations (for the committee's meetings).
        jobs += summaries.compactMap { summary in
            let thirdParty = self.thirdParty(summary)
            guard !thirdParty.isEmpty else { return nil }
            return {
                let name = ProjectChartWorkbook.fileName(summary.fiscalYear)
                let temporary = DurableFiles.temporaryPath(in: directory)
                do {
                    try ProjectChartWorkbook.write(summary: summary, thirdParty: thirdParty, crossYear: self.crossYear,
                                                   to: temporary)
                    return .workbook(name, temporary, nil)
                } catch {
                    return .workbook(name, temporary, ReportError.shown(error, as: PathText.join(directory, name)))
                }
            }
        }
        // Each CSV file goes to its temporary file as soon as it is encoded, so its bytes are not
        // held while the other files are made.
        jobs += csvJobs().map { job in {
            let r = job()
            do {
                return .csv(r.name, try DurableFiles.stageWrite(r.data, inDirectory: directory), nil, r.unencodable)
            } catch {
                return .csv(r.name, nil, ReportError.shown(error, as: PathText.join(directory, r.name)), r.unencodable)
            }
        } }
        let results = Parallel.map(jobs)

        var workbooks: [String] = [], failure: Error?, csv: [String] = [], problems: [UnencodableCharacter] = []
        var temporaries: [(name: String, path: String)] = []
        for result in results {
            switch result {
            case .workbook(let name, let temporary, let error):
                workbooks.append(name)
                temporaries.append((name, temporary))
                if let error, failure == nil { failure = error }
            case .csv(let name, let temporary, let error, let bad):
                csv.append(name)
                if let temporary { temporaries.append((name, temporary)) }
                if let error, failure == nil { failure = error }
                problems += bad
            }
        }
        if failure == nil, !problems.isEmpty, !options.replaceUnencodable { failure = ReportError.unencodable(problems) }
        if let failure {
            for file in temporaries { unlink(file.path) }
            if let error = failure as? ReportError { throw error }
            throw ReportError.writeFailed(WriteFailure(path: directory, errno: 0))
        }
        try ReportError.writing {
            for (index, file) in temporaries.enumerated() {
                do {
                    try DurableFiles.replace(temporary: file.path, as: PathText.join(directory, file.name))
                } catch {
                    for rest in temporaries[(index + 1)...] { unlink(rest.path) }
                    throw ReportError.shown(error, as: PathText.join(directory, file.name))
                }
            }
            try DurableFiles.syncDirectory(directory)
        }
        return Outcome(written: workbooks + csv, unencodable: problems)
    }
}

extension ReportError {
    /// A file-system failure as a report error: the path and the system's own reason.
    init(_ error: FileError) {
        self = .writeFailed(WriteFailure(path: error.path, errno: error.errno))
    }

    /// A failure writing the output the user knows as `path` (never its hidden temporary name), with
    /// the system's reason where there is one.
    static func shown(_ error: Error, as path: String) -> Error {
        switch error {
        case let error as FileError: return ReportError.writeFailed(WriteFailure(path: path, errno: error.errno))
        case let error as XLSXWriteError: return ReportError.writeFailed(WriteFailure(path: path, errno: error.errno))
        default: return error
        }
    }

    /// Runs `body`, turning a file-system failure into `writeFailed`.
    static func writing<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as FileError {
            throw ReportError(error)
        }
    }
}
