import Core
import Aggregation
import Foundation
import Reports
import Validation

/// The yearly review (`furikaeri report`): one fiscal year's outputs, the comparison with earlier
/// years, and the 未提出 list, written from the ledger.
public struct YearlyReview {
    public var workspace: Workspace
    public var fiscalYear: Int
    public var options: ReportOptions

    public init(workspace: Workspace, fiscalYear: Int, options: ReportOptions) {
        self.workspace = workspace
        self.fiscalYear = fiscalYear
        self.options = options
    }

    /// `output/年次レビュー_令和6年度/` by default.
    public var defaultDirectory: String {
        (workspace.output as NSString).appendingPathComponent("年次レビュー_\(FiscalYear.japaneseName(fiscalYear))")
    }

    /// The 未提出 list's file name.
    public var missingListName: String { "未提出一覧_\(FiscalYear.japaneseName(fiscalYear)).csv" }

    /// What the review wrote.
    public struct Written: Equatable {
        public var directory: String
        public var names: [String]
        public var submissions: Int
        public var missing: Int
    }

    /// Writes the review into `directory` (each file through a temporary and a rename). Call with the
    /// workspace lock held so that a running intake does not change the ledger meanwhile.
    public func write(ledger: Ledger, to directory: String? = nil) throws -> Written {
        let target = directory ?? defaultDirectory
        let files = try ledger.currentFiles(throughYear: fiscalYear)
        var options = self.options
        options.onlyYear = fiscalYear
        options.defaultFiscalYear = fiscalYear
        // Codes given once are kept in the ledger: the same 団体A01 in every year and rerun.
        if options.anonymize { options.knownCodes = try ledger.orgCodes() }
        var report = try SummaryReport(files: files, options: options)
        report.addRejected(try ledger.rejectedFiles(receivedInFiscalYear: fiscalYear), year: fiscalYear)
        try ledger.addOrgCodes(report.redactor.anonymizer?.newCodes ?? [:])
        var names = try report.write(to: target)
        let missing = try ledger.missingReflections(fiscalYear: fiscalYear)
        let table = missingTable(missing, anonymizer: report.redactor.anonymizer)
        let (data, unencodable) = CSVEncoder(encoding: options.encoding, replaceUnencodable: options.replaceUnencodable).encode(table)
        if !unencodable.isEmpty && !options.replaceUnencodable { throw ReportError.unencodable(unencodable) }
        try DurableFiles.write(data, to: (target as NSString).appendingPathComponent(missingListName), replacing: true)
        names.append(missingListName)
        let count = files.reduce(0) { total, file in
            total + file.forms.filter { SubmissionIdentity.fiscalYear(of: $0.form) == fiscalYear }.count
        }
        return Written(directory: target, names: names, submissions: count, missing: missing.count)
    }

    /// The 事例集's folder: `output/事例集/`, or `output/事例集_公開用/` when anonymised; inside
    /// `directory` when the review is written elsewhere.
    public func caseSiteDirectory(reviewDirectory directory: String? = nil) -> String {
        if let directory { return (directory as NSString).appendingPathComponent(CaseSite.folderName) }
        return (workspace.output as NSString)
            .appendingPathComponent(options.anonymize ? CaseSite.publicFolderName : CaseSite.folderName)
    }

    /// Writes the 事例集 of every year in the ledger (not only the review's) into `directory`.
    public func writeCaseSite(ledger: Ledger, language: Language, to directory: String) throws {
        try ReportsYearWriter.writeCaseSite(ledger: ledger, options: options, language: language, to: directory)
    }

    /// One row per project still missing its reflection; 団体名 replaced by its code when anonymized.
    func missingTable(_ missing: [MissingReflection], anonymizer: Anonymizer?) -> CSVTable {
        CSVTable(fileName: missingListName, header: ["年度", "団体名", "事業名", "理由"], rows: missing.map { item in
            let org = anonymizer?.code(for: item.orgName) ?? item.orgName
            let project = anonymizer?.scrub(item.projectName) ?? item.projectName
            return [.text(FiscalYear.japaneseName(item.fiscalYear)), .text(org), .text(project), .text(item.reason)]
        })
    }
}

/// Messages for the Reports module's errors, saying what to do.
public enum ReportErrorText {
    public static func message(_ error: ReportError, language: Language = .ja) -> String {
        if language == .en { return englishMessage(error) }
        switch error {
        case .unencodable(let characters):
            let shown = UnencodableCharacterPlaces.grouping(characters).map(\.description).joined(separator: "\n  ")
            return "cp932（Shift_JIS）で表せない文字があるため、何も書き出していません:\n  \(shown)\n"
                + "その文字を直すか、--replace を付けて 〓 に置き換えるか、--encoding utf8 を使ってください。"
        case .cp932Unavailable:
            return "この環境には cp932 への変換がありません。--encoding utf8 を使ってください。"
        case .writeFailed(let failure):
            return failure.message(japanese: true)
        }
    }
}

extension ReportErrorText {
    static func englishMessage(_ error: ReportError) -> String {
        switch error {
        case .unencodable(let characters):
            let shown = UnencodableCharacterPlaces.grouping(characters).map(\.description).joined(separator: "\n  ")
            return "Nothing was written: some characters cannot be written in cp932 (Shift_JIS):\n  \(shown)\n"
                + "Correct them, add --replace to write 〓 in their place, or use --encoding utf8."
        case .cp932Unavailable:
            return "This system cannot convert to cp932. Use --encoding utf8."
        case .writeFailed(let failure):
            return failure.message(japanese: false)
        }
    }
}
