import Foundation
import Aggregation
import Forms

/// What makes two sheets "the same submission": kind, fiscal year, 団体名, 事業名 and phase (for a
/// 第三者評価票, its evaluator: one evaluation per evaluator and project).
///
/// A later accepted sheet with the same identity supersedes the earlier one (a corrected
/// resubmission); both stay in the ledger and the archive.
public struct SubmissionIdentity: Hashable, Sendable {
    public var kind: FormKind
    public var fiscalYear: Int
    public var orgName: String
    public var projectName: String
    /// 中間 or 最終, or empty when the sheet has no phase; for a 第三者評価票, `評価者:` and the
    /// evaluator normalised.
    public var phase: String
    public var orgKey: String
    public var projectKey: String

    /// The identity of a form; `fallbackYear` is used when the sheet has no readable 実施年度.
    public init(form: ExtractedForm, fallbackYear: Int) {
        kind = form.kind
        fiscalYear = Self.fiscalYear(of: form) ?? fallbackYear
        orgName = Self.text(form["org_name"]?.value)
        projectName = Self.text(form["project_name"]?.value)
        phase = form.kind == .evaluation ? Self.evaluatorPhase(Self.text(form["evaluator"]?.value))
            : Self.normalise(Self.text(form["phase"]?.value))
        orgKey = Self.normalise(orgName)
        projectKey = Self.normalise(projectName)
    }

    /// What a 第三者評価票 keeps in `phase`: its evaluator, normalised.
    public static func evaluatorPhase(_ evaluator: String) -> String { "評価者:" + normalise(evaluator) }

    /// The 実施年度 written on the form, when readable.
    public static func fiscalYear(of form: ExtractedForm) -> Int? {
        switch form["fiscal_year"]?.value {
        case .fiscalYear(let year)?, .integer(let year)?: return year
        default: return nil
        }
    }

    static func text(_ value: FieldValue?) -> String {
        switch value {
        case .text(let s)?: return s
        case .integer(let i)?: return String(i)
        case .unreadable(let s)?: return s
        default: return ""
        }
    }

    /// The reports' name (`NameNormalizer`: NFKC, without any kind of space), lowercased and without
    /// zero-width spaces or BOMs: 「ＮＰＯ法人　みどり」 = 「npo法人みどり」.
    public static func normalise(_ text: String) -> String {
        let folded = NameNormalizer.normalize(text).lowercased()
        guard folded.unicodeScalars.contains(where: { $0 == "\u{200B}" || $0 == "\u{FEFF}" }) else { return folded }
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter { $0 != "\u{200B}" && $0 != "\u{FEFF}" }))
    }
}
