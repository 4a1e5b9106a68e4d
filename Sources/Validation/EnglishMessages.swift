import Forms

/// Every English message template (`--lang en`), in one place.
///
/// Labels stay in Japanese, as printed on the form, so staff can find them; the English name follows.
enum EnglishMessages {
    static func message(_ problem: Problem, at p: IssuePlace) -> String {
        let s = subject(p)
        let w = whereText(p)
        switch problem {
        case .scoreMissing:
            if p.cell == nil {
                return "\(p.file): the \(s) was not found on sheet \"\(p.sheet)\". Check that the form's headings were not deleted or changed, and enter a whole number from 1 to 5."
            }
            return "\(p.file), \(w): the \(s) is blank. Enter a whole number from 1 to 5."
        case .scoreOutOfRange(let shown):
            return "\(p.file), \(w): the \(s) is \(shown). Enter a whole number from 1 to 5."
        case .scoreNotInteger(let shown):
            return "\(p.file), \(w): the \(s) is \(shown). Fractions are not allowed; enter a whole number from 1 to 5."
        case .scoreUnreadable(let shown):
            return "\(p.file), \(w): the \(s) is \"\(shown)\", which is not a number. Enter a whole number from 1 to 5."
        case .scoreNormalised(let shown, let score):
            return "\(p.file), \(w): the \(s) \"\(shown)\" was read as \(score). Please retype it as the plain digit \(score)."
        case .scoreLowWithoutComment(let score, let threshold, let commentCell):
            let label = p.viewpointLabel?.label ?? p.fieldLabel
            if let commentCell {
                return "\(p.file), sheet \"\(p.sheet)\" cell \(commentCell): the score for \(label) is \(score) but the organisation's comment is blank. Viewpoints scored \(threshold) or below need a comment giving the reason or the issue."
            }
            return "\(p.file), \(w): the score for \(label) is \(score) but no comment column was found for it. Viewpoints scored \(threshold) or below need a comment giving the reason or the issue."
        case .scoreGap(let orgScore, let cityScore, let orgCell):
            return "\(p.file), \(w): the \(s) is \(cityScore), \(abs(orgScore - cityScore)) away from the organisation's score of \(orgScore) (cell \(orgCell)). If this is not a typo, explain the difference in the comments."
        case .commentMissing:
            if p.cell == nil {
                return "\(p.file): the \(s) was not found on sheet \"\(p.sheet)\". Check that the form's headings were not deleted or changed, and fill it in; it is required."
            }
            return "\(p.file), \(w): the \(s) is blank. It is required; please fill it in."
        case .commentPlaceholder(let shown):
            return "\(p.file), \(w): the \(s) only says \"\(shown)\". Please write concrete issues, improvements or requests."
        case .fieldMissing:
            if p.cell == nil {
                return "\(p.file): the \(s) was not found on sheet \"\(p.sheet)\". Check that the form's headings were not deleted or changed, and fill it in."
            }
            return "\(p.file), \(w): the \(s) is blank. Please fill it in."
        case .choiceInvalid(let shown, let allowed):
            return "\(p.file), \(w): the \(s) is \"\(shown)\". Enter one of: \(allowed.joined(separator: ", "))."
        case .departmentUnknown(let shown):
            return "\(p.file), \(w): the \(s) \"\(shown)\" is not in the list of departments. Check the department's name (for a new department, add it to departments in the settings file)."
        case .themeMissing:
            return "\(p.file), \(w): the proposal type is テーマ設定型 (set theme) but the \(s) is blank. Enter the chosen theme."
        case .yearNumberOutOfRange(let shown, let range):
            return "\(p.file), \(w): the \(s) is \(shown). Enter a whole number from \(range.lowerBound) to \(range.upperBound) (a project continues for at most \(range.upperBound) years)."
        case .yearNumberUnreadable(let shown, let range):
            return "\(p.file), \(w): the \(s) is \"\(shown)\", which is not a number of years. Enter a whole number from \(range.lowerBound) to \(range.upperBound)."
        case .moneyUnreadable(let shown):
            return "\(p.file), \(w): the \(s) is \"\(shown)\", which is not an amount. Enter digits only, in yen (for example 500000)."
        case .moneyNormalised(let shown, let amount):
            return "\(p.file), \(w): the \(s) \"\(shown)\" was read as \(groupedDigits(amount)) yen. If that is right, retype it as the plain digits \(amount)."
        case .moneyNegative(let shown):
            return "\(p.file), \(w): the \(s) is \(shown). Enter an amount of 0 yen or more."
        case .moneyRequestedExceedsTotal(let requested, let total, let totalCell):
            return "\(p.file), \(w): the \(s) of \(groupedDigits(requested)) yen exceeds the total cost of \(groupedDigits(total)) yen (cell \(totalCell)). The requested amount may not exceed the total cost."
        case .contactEmailFormat(let shown):
            return "\(p.file), \(w): the \(s) \"\(shown)\" is not an e-mail address. Enter it in half-width characters, like info@example.jp."
        case .contactPhoneFormat(let shown):
            return "\(p.file), \(w): the \(s) \"\(shown)\" is not a phone number. Enter it with the area code, in digits and hyphens, like 03-1234-5678."
        case .fiscalYearUnreadable(let shown):
            return "\(p.file), \(w): the \(s) \"\(shown)\" cannot be read as a fiscal year. Enter it like 令和6年度 or 2024年度."
        case .fiscalYearOutOfRange(let year, let range):
            return "\(p.file), \(w): the \(s) is \(year). Enter a fiscal year from \(range.lowerBound) to \(range.upperBound). If the year is right, review fiscal_years in the settings file."
        case .fiscalYearMissing(let origin, let shown, let year):
            let taken = year.map { "fiscal year \($0)" } ?? ""
            switch origin {
            case .title:
                return "\(p.file), sheet \"\(p.sheet)\": the form has no fiscal year field; \(taken) is taken from its title\(p.cell.map { " (cell \($0))" } ?? ""), \"\(shown)\". If that is wrong, add a 実施年度 field and fill it in."
            case .fileName:
                return "\(p.file), sheet \"\(p.sheet)\": the form has no fiscal year; \(taken) is taken from the file name (\"\(shown)\"). If that is wrong, enter the 実施年度 on the form."
            case .folderName:
                return "\(p.file), sheet \"\(p.sheet)\": the form has no fiscal year; \(taken) is taken from the folder name \"\(shown)\". If that is wrong, enter the 実施年度 on the form."
            case .setting:
                return "\(p.file), sheet \"\(p.sheet)\": the form has no fiscal year; \(taken) is taken from the settings (intake.fiscal_year, the year being collected). If that is wrong, enter the 実施年度 on the form."
            case .form, .receipt:
                return "\(p.file), sheet \"\(p.sheet)\": the form has no fiscal year, and neither its title, file name nor folder names one; run files it under the fiscal year in which it is received, process under --year. If that is wrong, enter the 実施年度 on the form."
            }
        case .scoreSeveralMarks(let cells):
            return "\(p.file), sheet \"\(p.sheet)\": the \(s) is marked \(cells.count) times (cells \(cells.joined(separator: ", "))). Mark exactly one."
        case .scoreNotAMark(let shown):
            return "\(p.file), \(w): the \(s) grid holds \"\(shown)\", which is not a mark. Put one ○ in the column of the score and leave the others empty."
        case .choiceSeveralTicked(let options, let allowed):
            return "\(p.file), \(w): the \(s) has \(options.count) options ticked (\(options.joined(separator: ", "))). Tick exactly one of \(allowed.joined(separator: ", "))."
        case .choiceNoneTicked(let allowed):
            let list = allowed.isEmpty ? "" : " of \(allowed.joined(separator: ", "))"
            return "\(p.file), \(w): no option of the \(s) is ticked. Tick exactly one\(list) (☑)."
        case .evaluationProjectUnknown(let projectID, let year):
            let named = year.map { "fiscal year \($0)" } ?? "that fiscal year"
            return "\(p.file), \(w): \"\(projectID)\" is not a project with an accepted final reflection in \(named). Use the evaluation sheet made by furikaeri evaluation-sheets as it is and do not change the project ID."
        case .evaluationProjectMismatch(let shown, let expected, let projectID):
            return "\(p.file), \(w): the \(s) is \"\(shown)\", but project \"\(projectID)\" has \"\(expected)\". Do not change the project's facts on an evaluation sheet; fill in only the evaluation."
        case .formulaNotCalculated:
            return "\(p.file), \(w): the \(s) is a formula whose result was never saved. Open the file in Excel and save it again."
        case .formNotFound(let sheetNames):
            let list = sheetNames.isEmpty ? "" : " (sheets: \(sheetNames.map { "\"\($0)\"" }.joined(separator: ", ")))"
            return "\(p.file): no reflection sheet or proposal form was found\(list). Check that this is a filled-in form; headings such as 団体名 or ①協働の有効性 must not be deleted or changed."
        case .reader(_, _, let english):
            return "\(p.file) cannot be read. \(english)"
        case .fileNotXLSX(let ext):
            if ext.lowercased() == "xls" {
                return "\(p.file) is in the old Excel 97-2003 format (.xls), which cannot be read. Open it in Excel and use Save As → Excel Workbook (.xlsx)."
            }
            return "\(p.file) is not an Excel workbook (.xlsx) and cannot be read. Give the filled-in .xlsx form instead."
        case .fileUnreadable(let missing):
            if missing {
                return "\(p.file) was not found: it was moved or deleted before it could be read. Check where the file is."
            }
            return "\(p.file) cannot be opened. Check that it may be read and is not locked by another program."
        }
    }

    /// `score for ④目的の達成度 (Achievement of goals)`, `city's comment (*市のコメント)`.
    static func subject(_ p: IssuePlace) -> String {
        if let (family, viewpoint, label) = p.viewpointLabel {
            switch family {
            case "scores": return "score for \(label) (\(viewpoint.englishName))"
            case "city_scores": return "city's score for \(label) (\(viewpoint.englishName))"
            default: return "organisation's comment on \(label) (\(viewpoint.englishName))"
            }
        }
        return "\(FieldCatalog.englishName(p.key)) (\(p.fieldLabel))"
    }

    /// `sheet "ふりかえり" cell D7`
    static func whereText(_ p: IssuePlace) -> String {
        if let cell = p.cell { return "sheet \"\(p.sheet)\" cell \(cell)" }
        return "sheet \"\(p.sheet)\""
    }
}

/// English wording of the human-readable report of `validate`.
extension EnglishMessages {
    static func severityWord(_ severity: Severity) -> String { severity == .error ? "error" : "warning" }

    static func fileHeading(path: String, status: FileStatus, errors: Int, warnings: Int) -> String {
        switch status {
        case .valid: return warnings == 0 ? "✓ \(path) (no issues)" : "✓ \(path) (acceptable, \(plural(warnings, "warning")))"
        case .invalid: return "✗ \(path) (invalid: \(plural(errors, "error")), \(plural(warnings, "warning")))"
        case .unreadable: return "✗ \(path) (unreadable)"
        }
    }

    static func total(files: Int, valid: Int, invalid: Int, unreadable: Int, errors: Int, warnings: Int) -> String {
        "Total \(plural(files, "file")): \(valid) valid, \(invalid) invalid, \(unreadable) unreadable (\(plural(errors, "error")), \(plural(warnings, "warning")))"
    }

    static func noFiles() -> String { "No workbooks (.xlsx, .xlsm or .ods) were found to validate. Check the folder." }

    static func plural(_ n: Int, _ word: String) -> String { n == 1 ? "1 \(word)" : "\(n) \(word)s" }
}
