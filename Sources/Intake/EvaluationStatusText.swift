import Core
import Foundation
import Validation

/// `status`'s lines on third-party evaluation: per fiscal year, the evaluator workbooks sent and
/// returned, and who has not returned theirs.
public enum EvaluationStatusText {
    /// The same for `status --json` (key `evaluations`).
    public static func json(_ years: [Ledger.EvaluationReturns]) -> JSONValue {
        .array(years.map { year in
            .object(["fiscal_year": .int(year.fiscalYear), "sent": .array(year.sent.map { .string($0) }),
                     "returned": .array(year.returned.map { .string($0) }),
                     "not_returned": .array(year.notReturned.map { .string($0) }),
                     "evaluations": .int(year.evaluations)])
        })
    }

    public static func render(_ years: [Ledger.EvaluationReturns], language: Language) -> String {
        guard !years.isEmpty else { return "" }
        var out = language == .ja ? "第三者評価:\n" : "Third-party evaluation:\n"
        for year in years {
            let waiting = year.notReturned
            switch language {
            case .ja:
                out += "  \(FiscalYear.japaneseName(year.fiscalYear)): 評価票 送付 \(year.sent.count)人・返送 \(year.returned.count)人"
                    + "（評価 \(year.evaluations)件）"
                out += waiting.isEmpty ? "\n" : "、未返送 \(waiting.count)人: \(waiting.joined(separator: "、"))\n"
            case .en:
                out += "  FY\(year.fiscalYear): evaluation workbooks sent to \(year.sent.count), returned by \(year.returned.count)"
                    + " (\(year.evaluations) evaluation(s))"
                out += waiting.isEmpty ? "\n" : "; not returned by \(waiting.count): \(waiting.joined(separator: ", "))\n"
            }
        }
        return out
    }
}
