import Aggregation
import Foundation
import Validation

/// How `process` writes its reports.
public struct ReportOptions: Sendable {
    public var encoding: CSVEncoding
    /// Replace characters CP932 cannot hold instead of failing.
    public var replaceUnencodable: Bool
    /// Replace 団体名 with codes.
    public var anonymize: Bool
    /// Fiscal year for forms that state none; also the only year written when `onlyYear` is set.
    public var defaultFiscalYear: Int?
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
    /// A file could not be written.
    case writeFailed(path: String, reason: String)
}

/// The whole run's reports, computed and encoded in memory before anything is written.
public struct SummaryReport {
    public var records: RecordSet
    public var summaries: [YearSummary]
    public var crossYear: CrossYearSummary
    public var files: [FileResult]
    public var redactor: Redactor
    public var options: ReportOptions
    /// The CSV files by name, already encoded.
    public var csvFiles: [(name: String, data: Data)]
    /// Characters CP932 could not hold (replaced when `replaceUnencodable`).
    public var unencodable: [UnencodableCharacter]

    /// Aggregates the valid files' forms and encodes the CSV files. Invalid and unreadable files
    /// appear only in the validation results.
    public init(files: [FileResult], options: ReportOptions) throws {
        if options.encoding == .cp932, CP932Converter().iconv("あ") == nil { throw ReportError.cp932Unavailable }
        self.files = files
        self.options = options
        // Personal values are masked in the records themselves, before anything is built from them.
        // Building the records and indexing the personal values do not depend on each other.
        var personal = PersonalDataScrubber(values: []), built = RecordSet()
        _ = Parallel.map([
            { personal = PersonalDataScrubber(files: files) },
            { built = RecordBuilder(defaultFiscalYear: options.defaultFiscalYear).records(from: files) },
        ])
        var records = personal.scrub(built)
        var anonymizer: Anonymizer?
        if options.anonymize {
            anonymizer = Anonymizer(records: records)
            records = anonymizer!.anonymize(records)
        }
        self.records = records
        let all = Aggregator(options: options.aggregation).summarize(records)
        crossYear = CrossYearSummary(summaries: all)
        summaries = all.filter { options.onlyYear == nil || $0.fiscalYear == options.onlyYear }
        redactor = Redactor(personal: personal, anonymizer: anonymizer)

        // Each CSV file is built and encoded on its own, across the cores; the order stays fixed.
        let tables = CSVTables(scrubber: redactor)
        var builders: [() -> CSVTable] = []
        for summary in summaries {
            builders += [{ tables.projects(summary) }, { tables.viewpoints(summary) }, { tables.comments(summary) }]
        }
        builders.append { tables.issues(files) }
        let cross = crossYear
        if !all.isEmpty { builders.append { tables.crossYear(cross) } }
        let encoder = CSVEncoder(encoding: options.encoding, replaceUnencodable: options.replaceUnencodable)
        let results = Parallel.map(builders.map { build in { () -> (String, Data, [UnencodableCharacter]) in
            let table = build()
            let (data, bad) = encoder.encode(table)
            return (table.fileName, data, bad)
        } })
        let encoded = results.map { ($0.0, $0.1) }
        let problems = results.flatMap(\.2)
        csvFiles = encoded
        unencodable = problems
        if !problems.isEmpty && !options.replaceUnencodable { throw ReportError.unencodable(problems) }
    }

    /// Writes every workbook and CSV into `directory`, each through a temporary file and a rename,
    /// so a reader never sees half a file. Returns the names written, in order.
    @discardableResult
    public func write(to directory: String) throws -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportError.writeFailed(path: directory, reason: error.localizedDescription)
        }
        var written: [String] = []
        // One workbook per year, written concurrently (each libxlsxwriter workbook is independent).
        let outcomes = Parallel.map(summaries.map { summary in { () -> Result<String, Error> in
            let name = OutputNames.workbook(summary.fiscalYear)
            let input = SummaryWorkbookInput(summary: summary, crossYear: self.crossYear, files: self.files,
                                             undated: self.records.undated, redactor: self.redactor)
            return Result { try AtomicFile.write(directory: directory, name: name) { try SummaryWorkbook.write(input, to: $0) }; return name }
        } })
        for outcome in outcomes { written.append(try outcome.get()) }
        for (name, data) in csvFiles {
            try AtomicFile.write(directory: directory, name: name) { path in
                guard FileManager.default.createFile(atPath: path, contents: data) else {
                    throw ReportError.writeFailed(path: path, reason: "create")
                }
            }
            written.append(name)
        }
        return written
    }
}

/// Writes a file under a temporary name in the same folder, then renames it into place.
enum AtomicFile {
    static func write(directory: String, name: String, _ body: (String) throws -> Void) throws {
        let final = (directory as NSString).appendingPathComponent(name)
        let temporary = (directory as NSString).appendingPathComponent(".\(name).\(getpid()).tmp")
        do {
            try body(temporary)
        } catch let error as ReportError {
            unlink(temporary)
            throw error
        } catch {
            unlink(temporary)
            throw ReportError.writeFailed(path: final, reason: "\(error)")
        }
        guard rename(temporary, final) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw ReportError.writeFailed(path: final, reason: reason)
        }
    }
}
