import Core
import Forms
import Settings
import XLSX

extension FileValidator {
    /// The production validator: reads each workbook with the XLSX reader and finds its forms with
    /// the form extractor, under the same settings the rules use.
    /// The files read at once share `memory` (see `MemoryBudget`): peak memory stays bounded
    /// whatever the number of workers, and each file's result depends only on `limits`.
    public static func forWorkbooks(settings: Settings = .defaults, language: Language = .ja,
                                    limits: ReaderLimits = .default,
                                    memory: MemoryBudget = MemoryBudget()) -> FileValidator {
        let extractor = FormExtractor(settings: settings)
        return FileValidator(settings: settings, language: language, readForms: { path in
            try memory.reading(limits: limits) { share in
                try forms(of: Workbook.open(path: path, limits: limits, memory: share), extractor)
            }
        }, readFormsInMemory: { file, share in
            try forms(of: Workbook.open(contents: file, limits: limits, memory: share), extractor)
        }, memory: memory)
    }

    /// The forms on a workbook's visible sheets (the extractor's rule: a form only on a hidden
    /// sheet is form.not_found), with the names of those sheets.
    private static func forms(of workbook: Workbook, _ extractor: FormExtractor) throws -> WorkbookForms {
        let forms = try extractor.extractForms(from: workbook)
        return WorkbookForms(sheetNames: workbook.sheets.filter { !$0.hidden }.map(\.name), forms: forms)
    }
}

extension XLSXError: LocalizedReaderError {
    /// The case name used in the issue code `reader.<case>`, spelled out so codes stay stable
    /// whatever the messages say.
    public var issueCaseName: String? {
        switch self {
        case .cannotOpenFile: return "cannot_open_file"
        case .notAZip: return "not_a_zip"
        case .passwordProtected: return "password_protected"
        case .legacyXLS: return "legacy_xls"
        case .openDocumentSpreadsheet: return "open_document_spreadsheet"
        case .corruptArchive: return "corrupt_archive"
        case .noWorkbookPart: return "no_workbook_part"
        case .limitExceeded: return "limit_exceeded"
        case .unsafeXML: return "unsafe_xml"
        case .malformedXML: return "malformed_xml"
        case .sheetIndexOutOfRange: return "sheet_index_out_of_range"
        case .memoryBusy: return "memory_busy"
        }
    }
}
