import Aggregation
import Core
import Forms
import Foundation
import Reports
import Settings
import Validation
import XLSX
import Synchronization

/// The production stages intake runs: the XLSX reader + form extractor + `FileValidator` to check
/// files, and the Reports module's `SummaryReport` to write each year's outputs.
public enum StandardPipeline {
    /// The real checker: the same production validator as `furikaeri validate`.
    /// `workers` files are read at once (one per core when nil).
    public static func checker(settings: Settings, language: Language, workers: Int? = nil) -> WorkbookChecking {
        var validator = FileValidator.forWorkbooks(settings: settings, language: language)
        validator.workers = workers
        return ValidatorChecker(validator: validator)
    }

    /// The real output writer: `SummaryReport` (summary workbook and CSV) for one year, and the
    /// 事例集 of every year in `language` (with its anonymised copy when the settings' `publish` asks).
    /// With `outputDirectory` (the folder `writeCaseSites` will be given), the 事例集 is written while the
    /// latest year's workbooks and CSV are (see `ReportsYearWriter.caseSiteOutputDirectory`).
    public static func outputs(settings: Settings, options: ReportOptions = ReportOptions(),
                               language: Language = .ja, outputDirectory: String? = nil) -> YearOutputWriting {
        ReportsYearWriter(options: options, language: language, publishesAnonymizedSite: settings.publish.anonymizedSite,
                          caseSiteOutputDirectory: outputDirectory)
    }
}

extension IntakeSession {
    /// A session over `workspace` with the workspace's own settings file, the production validator
    /// and the Reports writers: what `run` and `watch` both take the inbox with.
    public static func standard(workspace: Workspace, language: Language, lockTimeout: Double,
                                workers: Int? = nil) throws -> IntakeSession {
        let settings = try workspace.loadSettings()
        var session = try IntakeSession(workspace: workspace, settings: settings,
                                        checker: StandardPipeline.checker(settings: settings, language: language, workers: workers),
                                        outputs: StandardPipeline.outputs(settings: settings, language: language,
                                                                          outputDirectory: workspace.output),
                                        lockTimeout: lockTimeout)
        session.language = language
        return session
    }
}

/// `FileValidator` as intake's checker: files validated in parallel, results in the files' order.
struct ValidatorChecker: WorkbookChecking {
    let validator: FileValidator

    var formValidator: Validator? { validator.validator }

    func check(paths: [String]) -> [FileResult] {
        validator.validate(files: paths)
    }

    func checkKeepingBytes(paths: [String], byteBudget: Int) -> [CheckedFile] {
        let budget = ByteBudget(byteBudget)
        return validator.validateKeepingBytes(files: paths) { result, bytes in
            // Freed on the worker that read them when the budget is spent. What the ledger stores of
            // each form is made here, on the worker, for valid files (those intake accepts).
            CheckedFile(result: result, bytes: bytes.flatMap { budget.take($0.count) ? $0 : nil },
                        formColumns: result.status == .valid ? result.forms.map { LedgerFormColumns($0.form) } : nil)
        }
    }
}

/// Bytes that may still be kept, shared by the workers of one batch.
final class ByteBudget: Sendable {
    private let remaining: Mutex<Int>

    init(_ bytes: Int) { remaining = Mutex(bytes) }

    /// Takes `count` bytes from the budget; false (taking nothing) when fewer remain.
    func take(_ count: Int) -> Bool {
        remaining.withLock { remaining in
            guard count <= remaining else { return false }
            remaining -= count
            return true
        }
    }
}

/// Writes one fiscal year's outputs with `SummaryReport`; the cross-year comparison uses every year given.
struct ReportsYearWriter: YearOutputWriting {
    var options: ReportOptions
    var language: Language = .ja
    /// Whether the 事例集 is also written anonymised (`publish: anonymized_site: true`).
    var publishesAnonymizedSite = false
    /// The folder `writeCaseSites` will be given, when known beforehand (intake's output/): the
    /// 事例集 is then written from the latest year's report on a thread of its own while that year's
    /// workbooks and CSV are written (the workbook is written on one core), and `writeCaseSites` waits
    /// for it. Nil: the site is written by `writeCaseSites`, after the years.
    var caseSiteOutputDirectory: String?
    /// The report of the latest year written, kept for the 事例集 (see `writeCaseSites`).
    let latest = LatestReport()

    func writeOutputs(fiscalYear: Int, submissions: YearSubmissions, into directory: String) throws {
        var options = self.options
        options.onlyYear = fiscalYear
        options.defaultFiscalYear = fiscalYear
        var report = try Self.report(submissions, options: options)
        report.addRejected(try submissions.ledger.rejectedFiles(receivedInFiscalYear: fiscalYear), year: fiscalYear)
        // The latest year's report aggregated every year (its comparison needs them): the 事例集 is
        // made from it rather than by reading and aggregating every form again.
        guard try submissions.ledger.fiscalYears().last == fiscalYear else {
            latest.keep(nil)
            try report.write(to: directory)
            return
        }
        guard let caseSiteOutputDirectory else {
            try report.write(to: directory)
            latest.keep(.report(report))
            return
        }
        let site = BackgroundSiteWrite(site: CaseSite(report: report, language: language, allYears: true),
                                       to: (caseSiteOutputDirectory as NSString).appendingPathComponent(CaseSite.folderName))
        latest.keep(.writing(site))
        do {
            try report.write(to: directory)
        } catch {
            _ = latest.take()
            try? site.wait()  // nothing is left writing once this returns
            throw error
        }
    }

    /// `output/事例集/` from every year's current submissions, and `output/事例集_公開用/` anonymised
    /// when the settings publish it (organisation codes kept in the ledger, as for `report --anonymize`).
    func writeCaseSites(ledger: Ledger, outputDirectory: String) throws {
        let kept = latest.take()
        for anonymize in publishesAnonymizedSite ? [false, true] : [false] {
            let target = (outputDirectory as NSString).appendingPathComponent(anonymize ? CaseSite.publicFolderName : CaseSite.folderName)
            switch kept {
            case .report(let report)? where !anonymize:
                try CaseSiteFolder.write(CaseSite(report: report, language: language, allYears: true), to: target)
                continue
            case .writing(let site)? where !anonymize:
                try site.wait()
                if site.target == target { continue }
            default:
                break
            }
            var options = self.options
            options.anonymize = anonymize
            try Self.writeCaseSite(ledger: ledger, options: options, language: language, to: target)
        }
    }

    /// Writes the 事例集 of every year's current submissions as the folder `directory`; anonymised
    /// with `options.anonymize` (organisation codes kept in the ledger, as for `report --anonymize`).
    static func writeCaseSite(ledger: Ledger, options: ReportOptions, language: Language, to directory: String) throws {
        guard let last = try ledger.fiscalYears().last else { return }
        var options = options
        options.onlyYear = nil
        options.defaultFiscalYear = nil
        if options.anonymize { options.knownCodes = try ledger.orgCodes() }
        let report = try report(YearSubmissions(ledger: ledger, fiscalYear: last), options: options)
        if let anonymizer = report.redactor.anonymizer { try ledger.addOrgCodes(anonymizer.newCodes) }
        try CaseSiteFolder.write(CaseSite(report: report, language: language), to: directory)
    }

    /// The report of `submissions`' forms. Each form becomes its record as it is read and is let go:
    /// 10,000 forms with every field would take ~130 MiB. With a default year, records built form by
    /// form equal those built from all forms at once (no reflection needs its proposal's year).
    /// Forms are read on several threads: each hands back its own personal values (a set in the end,
    /// so their order does not matter).
    static func report(_ submissions: YearSubmissions, options: ReportOptions) throws -> SummaryReport {
        let builder = RecordBuilder(defaultFiscalYear: options.defaultFiscalYear)
        let (files, parts) = try submissions.mapForms { path, form -> (kind: FormKind, records: RecordSet, personal: [String]) in
            (form.kind, builder.records(from: [(path, form)]), PersonalDataScrubber.personalValues(of: form))
        }
        return try SummaryReport(validationFiles: files, records: RecordSet(joining: parts.map { ($0.kind, $0.records) }),
                                 personal: PersonalDataScrubber(values: parts.flatMap(\.personal)), options: options)
    }
}

/// The latest year's report between its outputs and the 事例集 of the same pass (intake writes years
/// one after the other, the latest last, then the 事例集), or its 事例集 being written already.
final class LatestReport: @unchecked Sendable {
    enum Kept {
        case report(SummaryReport)
        case writing(BackgroundSiteWrite)
    }

    private let lock = NSLock()
    private var kept: Kept?

    func keep(_ kept: Kept?) {
        lock.lock()
        defer { lock.unlock() }
        self.kept = kept
    }

    /// What was kept, let go of here.
    func take() -> Kept? {
        lock.lock()
        defer { lock.unlock() }
        defer { kept = nil }
        return kept
    }
}

/// A 事例集 written (`CaseSiteFolder.write`) on a thread of its own from the moment it is made.
final class BackgroundSiteWrite: @unchecked Sendable {  // `failure` is written before `done` is signalled
    let target: String
    private let done = DispatchSemaphore(value: 0)
    private var failure: Error?

    init(site: CaseSite, to target: String) {
        self.target = target
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            do { try CaseSiteFolder.write(site, to: target) } catch { failure = error }
            done.signal()
        }
    }

    /// Waits until the site is written; throws what writing it threw.
    func wait() throws {
        done.wait()
        done.signal()  // later waits return at once
        if let failure { throw failure }
    }
}
