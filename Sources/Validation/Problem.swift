import Forms

/// What is wrong, before it is put into words: each case is one rule, with the facts its message needs.
///
/// `code` is stable (other tools and the office's settings refer to it); the message templates for
/// each language live in `JapaneseMessages` and `EnglishMessages`.
public enum Problem: Hashable, Sendable {
    /// A score (評価) is blank, or its row was not found.
    case scoreMissing
    /// A whole-number score outside 1…5, such as 0 or 6.
    case scoreOutOfRange(shown: String)
    /// A number with a fraction, such as 3.5.
    case scoreNotInteger(shown: String)
    /// Text that is not a number, such as `A` or `よい`.
    case scoreUnreadable(shown: String)
    /// Text that had to be normalised to read as a score (`４`, `4点`, a number stored as text).
    case scoreNormalised(shown: String, score: Int)
    /// A score at or below the threshold, with the viewpoint's comment blank.
    case scoreLowWithoutComment(score: Int, threshold: Int, commentCell: String?)
    /// The org's and the city's scores for a viewpoint differ by the gap or more; reported on the
    /// city's score, with the org's cell in the message.
    case scoreGap(orgScore: Int, cityScore: Int, orgCell: String)
    /// A required comment is blank or its label was not found.
    case commentMissing
    /// A required comment holds only a placeholder such as 特になし.
    case commentPlaceholder(shown: String)
    /// A required field is blank or its label was not found.
    case fieldMissing
    /// A choice field holds something other than its allowed values.
    case choiceInvalid(shown: String, allowed: [String])
    /// 担当課 is not in the office's list of departments.
    case departmentUnknown(shown: String)
    /// テーマ設定型 without a テーマ.
    case themeMissing
    /// 継続年数 outside the allowed range.
    case yearNumberOutOfRange(shown: String, range: ClosedRange<Int>)
    /// 継続年数 is not a whole number.
    case yearNumberUnreadable(shown: String, range: ClosedRange<Int>)
    /// An amount of money that cannot be read as yen.
    case moneyUnreadable(shown: String)
    /// An amount of money typed as text with full-width digits or a unit (`１２０万円`): read, but worth confirming.
    case moneyNormalised(shown: String, yen: Int)
    /// An amount of money below zero.
    case moneyNegative(shown: String)
    /// 補助金申請額 is larger than 総事業費.
    case moneyRequestedExceedsTotal(requested: Int, total: Int, totalCell: String)
    /// メールアドレス does not look like one.
    case contactEmailFormat(shown: String)
    /// 電話番号 does not look like one.
    case contactPhoneFormat(shown: String)
    /// 実施年度 cannot be read as a fiscal year.
    case fiscalYearUnreadable(shown: String)
    /// 実施年度 is outside the configured range.
    case fiscalYearOutOfRange(year: Int, range: ClosedRange<Int>)
    /// The form has no 実施年度: the year was taken from `origin` (`shown` is what was read there), or
    /// will be the fiscal year of receipt when `year` is nil.
    case fiscalYearMissing(origin: FieldOrigin, shown: String, year: Int?)
    /// Several ○ in one row of a 5-4-3-2-1 grid: the cells marked.
    case scoreSeveralMarks(cells: [String])
    /// Something other than a mark in a 5-4-3-2-1 grid.
    case scoreNotAMark(shown: String)
    /// Several options ticked in a check-box choice.
    case choiceSeveralTicked(options: [String], allowed: [String])
    /// A check-box choice with no option ticked.
    case choiceNoneTicked(allowed: [String])
    /// A formula whose result was never stored: the file must be opened and saved in a spreadsheet.
    case formulaNotCalculated
    /// No sheet of the workbook holds a recognisable form.
    case formNotFound(sheetNames: [String])
    /// The reader could not read the file; `caseName` is the reader error's case in snake_case.
    case reader(caseName: String, japanese: String, english: String)
    /// A file given explicitly that is not an `.xlsx` workbook.
    case fileNotXLSX(fileExtension: String)
    /// The file's bytes could not be read at all: it vanished (`missing`), or permissions or I/O.
    case fileUnreadable(missing: Bool)
    /// A 第三者評価票's 事業ID names no project with a 最終 reflection in that fiscal year.
    case evaluationProjectUnknown(projectID: String, year: Int?)
    /// A 第三者評価票's 団体名 or 事業名 differs from the project its 事業ID names (a fact changed by hand).
    case evaluationProjectMismatch(shown: String, expected: String, projectID: String)

    /// The stable dotted code.
    public var code: String {
        switch self {
        case .scoreMissing: return "score.missing"
        case .scoreOutOfRange: return "score.out_of_range"
        case .scoreNotInteger: return "score.not_integer"
        case .scoreUnreadable: return "score.unreadable"
        case .scoreNormalised: return "score.normalised"
        case .scoreLowWithoutComment: return "score.low_without_comment"
        case .scoreGap: return "score.gap"
        case .commentMissing: return "comment.missing"
        case .commentPlaceholder: return "comment.placeholder"
        case .fieldMissing: return "field.missing"
        case .choiceInvalid: return "choice.invalid"
        case .departmentUnknown: return "department.unknown"
        case .themeMissing: return "theme.missing"
        case .yearNumberOutOfRange: return "year_number.out_of_range"
        case .yearNumberUnreadable: return "year_number.unreadable"
        case .moneyUnreadable: return "money.unreadable"
        case .moneyNormalised: return "money.normalised"
        case .moneyNegative: return "money.negative"
        case .moneyRequestedExceedsTotal: return "money.requested_exceeds_total"
        case .contactEmailFormat: return "contact.email_format"
        case .contactPhoneFormat: return "contact.phone_format"
        case .fiscalYearUnreadable: return "fiscal_year.unreadable"
        case .fiscalYearOutOfRange: return "fiscal_year.out_of_range"
        case .fiscalYearMissing: return "fiscal_year.missing"
        case .scoreSeveralMarks: return "score.multiple_marks"
        case .scoreNotAMark: return "score.unreadable"
        case .choiceSeveralTicked: return "choice.invalid"
        case .choiceNoneTicked: return "field.missing"
        case .formulaNotCalculated: return "formula.not_calculated"
        case .formNotFound: return "form.not_found"
        case .reader(let caseName, _, _): return "reader.\(caseName)"
        case .fileNotXLSX: return "file.not_xlsx"
        case .fileUnreadable: return "file.unreadable"
        case .evaluationProjectUnknown: return "evaluation.project_unknown"
        case .evaluationProjectMismatch: return "evaluation.project_mismatch"
        }
    }

    /// The severity before the office's overrides.
    public var defaultSeverity: Severity {
        switch self {
        case .scoreNormalised, .scoreGap, .commentPlaceholder, .moneyNormalised, .departmentUnknown,
             .contactEmailFormat, .contactPhoneFormat, .fiscalYearMissing:
            return .warning
        default:
            return .error
        }
    }

    /// Whether this problem means the file could not be read (status `unreadable`).
    public var makesFileUnreadable: Bool {
        switch self {
        case .reader, .fileNotXLSX, .fileUnreadable: return true
        default: return false
        }
    }
}
