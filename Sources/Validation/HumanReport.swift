/// The human-readable output of `validate`: issues grouped by file, then a total.
public enum HumanReport {
    /// The report text, ending with a newline.
    public static func render(_ results: [FileResult], language: Language) -> String {
        var lines: [String] = []
        var totalErrors = 0, totalWarnings = 0
        for result in results {
            let issues = result.issues + result.forms.flatMap(\.issues)
            let errors = issues.filter { $0.severity == .error }.count
            totalErrors += errors
            totalWarnings += issues.count - errors
            lines.append(heading(path: result.path, status: result.status, errors: errors,
                                 warnings: issues.count - errors, language: language))
            for issue in issues {
                let word = language == .ja ? JapaneseMessages.severityWord(issue.severity) : EnglishMessages.severityWord(issue.severity)
                lines.append("  [\(word)] \(issue.code): \(issue.message)")
            }
        }
        if results.isEmpty {
            lines.append(language == .ja ? JapaneseMessages.noFiles() : EnglishMessages.noFiles())
        }
        let valid = results.filter { $0.status == .valid }.count
        let invalid = results.filter { $0.status == .invalid }.count
        let unreadable = results.count - valid - invalid
        switch language {
        case .ja:
            lines.append(JapaneseMessages.total(files: results.count, valid: valid, invalid: invalid, unreadable: unreadable,
                                                errors: totalErrors, warnings: totalWarnings))
        case .en:
            lines.append(EnglishMessages.total(files: results.count, valid: valid, invalid: invalid, unreadable: unreadable,
                                               errors: totalErrors, warnings: totalWarnings))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func heading(path: String, status: FileStatus, errors: Int, warnings: Int, language: Language) -> String {
        switch language {
        case .ja: return JapaneseMessages.fileHeading(path: path, status: status, errors: errors, warnings: warnings)
        case .en: return EnglishMessages.fileHeading(path: path, status: status, errors: errors, warnings: warnings)
        }
    }

    /// The exit status `validate` ends with: 0 when every file is valid (warnings allowed), 1 otherwise.
    public static func exitStatus(_ results: [FileResult]) -> Int32 {
        results.allSatisfy { $0.status == .valid } ? 0 : 1
    }
}
