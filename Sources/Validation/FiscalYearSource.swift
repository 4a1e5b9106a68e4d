import Core
import Forms
import Settings
import XLSX

/// Where a form without a 実施年度 gets its year, in this order: its title (read by the extractor),
/// the file's name (`R6_…xlsx`), the folder it is in (`令和6年度/…`), the year being collected
/// (`intake.fiscal_year`); failing all of them, the fiscal year in which it is received, which only
/// intake knows. `validate`, `process` and `run` all go through here, so they file a sheet alike.
public enum FiscalYearSource {
    /// `form` with a `fiscal_year` reading added from the file's path or the settings when the form
    /// has none; unchanged otherwise.
    public static func completing(_ form: ExtractedForm, path: String, settings: Settings) -> ExtractedForm {
        guard form["fiscal_year"] == nil else { return form }
        var form = form
        let components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let name = components.last ?? path
        // The name without its extension: `R6_みどりの会.xlsx`.
        let stem = name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
        if let year = single(FiscalYearText.years(in: stem)) {
            form.fields["fiscal_year"] = reading(year, shown: name, origin: .fileName)
        } else if components.count >= 2, let year = single(FiscalYearText.years(in: components[components.count - 2])) {
            form.fields["fiscal_year"] = reading(year, shown: components[components.count - 2], origin: .folderName)
        } else if let year = settings.intake.fiscalYear {
            form.fields["fiscal_year"] = reading(year, shown: "intake.fiscal_year", origin: .setting)
        }
        return form
    }

    /// The year when every year named is the same one.
    static func single(_ years: [Int]) -> Int? {
        guard let first = years.first, years.allSatisfy({ $0 == first }) else { return nil }
        return first
    }

    static func reading(_ year: Int, shown: String, origin: FieldOrigin) -> FieldReading {
        FieldReading(key: "fiscal_year", label: "実施年度", labelCell: nil, cell: CellReference(row: 0, column: 0),
                     raw: .text(shown), value: .fiscalYear(year), origin: origin)
    }
}
