import XLSX

extension FormExtractor {
    /// The forms on the visible worksheets of `workbook`, in tab order.
    ///
    /// Sheets that are not forms are skipped quietly. Hidden sheets are skipped too: templates keep
    /// their dropdown lists there and staff hide superseded copies; a form only on a hidden sheet is
    /// therefore reported as "no form found" rather than read. Throws the reader's `XLSXError`.
    public func extractForms(from workbook: Workbook) throws -> [ExtractedForm] {
        var forms: [ExtractedForm] = []
        for sheet in workbook.sheets where !sheet.hidden {
            if let form = extract(try workbook.grid(sheetAt: sheet.index)) { forms.append(form) }
        }
        return forms
    }
}
