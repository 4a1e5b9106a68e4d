import Core
import Forms
import GRDB
import Validation

/// Reading a year's current forms back for the outputs, in parallel parts.
extension Ledger {
    /// The current submissions of every fiscal year up to `fiscalYear` read form by form, without
    /// holding every form: each form (with its file's original name) is turned into a value by
    /// `transform` and let go. Returns the files of `currentFiles(throughYear:)`, in the same order,
    /// whose forms keep their sheet, kind and issues but no fields, and the values in that same order.
    ///
    /// The forms are read in `parts` ranges of submission ids at once, each on its own connection
    /// (WAL lets readers run side by side), so `transform` is called from several threads. Why: the
    /// outputs are written after the whole inbox is taken, and reading 10,000 forms' fields on one
    /// thread was most of that wait.
    public func mapCurrentForms<Value: Sendable>(throughYear fiscalYear: Int, parts: Int = 2,
                                       _ transform: @Sendable (_ path: String, _ form: ExtractedForm) throws -> Value)
        throws -> (files: [FileResult], values: [Value]) {
        let years = Int.min...fiscalYear
        let (submissions, files) = try queue.read { db in
            let submissions = try Self.currentSubmissions(db, years: years)
            let files = try Self.assembleFiles(db, years: years, submissions: submissions) { submission in
                ExtractedForm(sheet: submission.sheet, kind: submission.kind, fields: [:])
            }
            return (submissions, files)
        }
        let ranges = Self.idRanges(of: submissions.ordered.map(\.id), parts: parts)
        let path = self.path, queue = self.queue
        let found = Parallel.map(count: ranges.count) { part in
            Result {
                // The first part on the ledger's own connection, the others each on a read-only one.
                let reader = part == 0 ? queue : try DatabaseQueue(path: path, configuration: Self.readOnlyConfiguration)
                return try reader.read { db in
                    var values: [Int64: Value] = [:]
                    try Self.forEachCurrentForm(db, years: years, submissions: submissions, ids: ranges[part]) { id, form in
                        values[id] = try transform(submissions.byID[id]?.path ?? "", form)
                    }
                    return values
                }
            }
        }
        var values: [Int64: Value] = [:]
        for part in found { values.merge(try part.get()) { first, _ in first } }
        var ordered: [Value] = []
        ordered.reserveCapacity(values.count)
        for submission in submissions.ordered {
            if let value = values.removeValue(forKey: submission.id) { ordered.append(value) }
        }
        return (files, ordered)
    }

    /// A connection that only reads, waiting (rather than failing) if the ledger is busy.
    private static var readOnlyConfiguration: Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        return configuration
    }

    /// Up to `parts` contiguous ranges of ids, together covering every id, holding about as many of
    /// `ids` each (`ids` need not be sorted).
    static func idRanges(of ids: [Int64], parts: Int) -> [ClosedRange<Int64>] {
        let sorted = ids.sorted()
        var ranges: [ClosedRange<Int64>] = []
        var lower = Int64.min
        for part in stride(from: 1, to: parts, by: 1) where !sorted.isEmpty {
            let boundary = sorted[sorted.count * part / parts]
            // Equal ids or a first part with none: no empty range.
            guard boundary > lower, boundary > sorted[0] else { continue }
            ranges.append(lower...(boundary - 1))
            lower = boundary
        }
        ranges.append(lower...Int64.max)
        return ranges
    }
}
