import Aggregation
import Forms
import Validation

/// Which fiscal year each file of a run belongs to, so that each year's 検証結果 lists that year's
/// files (accepted and rejected) and nothing from other years.
///
/// A form's year is the one its record was filed under, else the year the form states, else the
/// run's default year (`--year`). A file without any (unreadable, or a rejected file of a workspace)
/// takes the year it is assigned (the fiscal year a workspace received it in); otherwise its year is
/// unknown and it is listed in `ふりかえり_検証結果_年度不明.csv`.
public struct ValidationYears: Sendable {
    /// File path → sheet → fiscal year.
    private var formYears: [String: [String: Int]] = [:]
    /// SHA-256 and path of a file → its year, for files whose forms say nothing.
    private var assigned: [String: Int] = [:]
    private var defaultFiscalYear: Int?

    /// `files` with their forms' fields where they still have them; `records` built from them.
    public init(files: [FileResult], records: RecordSet, defaultFiscalYear: Int?) {
        self.defaultFiscalYear = defaultFiscalYear
        for file in files {
            for validated in file.forms {
                if let year = RecordBuilder.statedFiscalYear(of: validated.form) {
                    formYears[file.path, default: [:]][validated.form.sheet] = year
                }
            }
        }
        for s in records.submissions { formYears[s.source.file, default: [:]][s.source.sheet] = s.fiscalYear }
        for p in records.proposals { formYears[p.source.file, default: [:]][p.source.sheet] = p.fiscalYear }
    }

    /// Files listed under `year` whatever their forms say: a workspace's rejected files, by the
    /// fiscal year they were received in.
    public mutating func assign(_ files: [FileResult], to year: Int) {
        for file in files { assigned[Self.key(file)] = year }
    }

    private static func key(_ file: FileResult) -> String { file.sha256 + "\u{1F}" + file.path }

    /// The years a file belongs to; empty when unknown.
    public func years(of file: FileResult) -> Set<Int> {
        if let year = assigned[Self.key(file)] { return [year] }
        var years = Set(file.forms.compactMap { formYears[file.path]?[$0.form.sheet] })
        if let stated = formYears[file.path], file.forms.isEmpty { years.formUnion(stated.values) }
        if years.isEmpty, let defaultFiscalYear { years.insert(defaultFiscalYear) }
        return years
    }

    /// Every year some file belongs to.
    public func allYears(_ files: [FileResult]) -> Set<Int> {
        files.reduce(into: Set<Int>()) { $0.formUnion(years(of: $1)) }
    }

    /// The files of `year` (nil: those of unknown year), each with only the forms of that year (and
    /// those without a year) and its file-level issues.
    public func files(_ files: [FileResult], inYear year: Int?) -> [FileResult] {
        files.compactMap { file in
            let years = years(of: file)
            guard let year else { return years.isEmpty ? file : nil }
            guard years.contains(year) else { return nil }
            guard assigned[Self.key(file)] == nil, years.count > 1 else { return file }
            var kept = file
            kept.forms = file.forms.filter { (formYears[file.path]?[$0.form.sheet] ?? year) == year }
            return kept
        }
    }
}
