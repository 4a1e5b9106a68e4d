import Core

/// Counts over the files reported so far: the closing line, the JSON summary and the exit status.
public struct ValidationTally: Hashable, Sendable {
    public private(set) var files = 0
    public private(set) var valid = 0
    public private(set) var invalid = 0
    public private(set) var unreadable = 0
    public private(set) var errors = 0
    public private(set) var warnings = 0

    public init() {}

    public init(_ results: [FileResult]) {
        for result in results { add(result) }
    }

    /// Counts one more file and its issues.
    public mutating func add(_ result: FileResult) {
        files += 1
        switch result.status {
        case .valid: valid += 1
        case .invalid: invalid += 1
        case .unreadable: unreadable += 1
        }
        for issue in result.issues { count(issue) }
        for form in result.forms { for issue in form.issues { count(issue) } }
    }

    /// Adds the counts of another tally (of other files).
    public mutating func add(_ other: ValidationTally) {
        files += other.files
        valid += other.valid
        invalid += other.invalid
        unreadable += other.unreadable
        errors += other.errors
        warnings += other.warnings
    }

    private mutating func count(_ issue: ValidationIssue) {
        if issue.severity == .error { errors += 1 } else { warnings += 1 }
    }

    /// The exit status `validate` ends with: 0 when every file is valid (warnings allowed), 1 otherwise.
    public var exitStatus: Int32 { valid == files ? 0 : 1 }
}

/// The human-readable output of `validate`: issues grouped by file, then a total.
public enum HumanReport {
    /// The report text, ending with a newline.
    public static func render(_ results: [FileResult], language: Language) -> String {
        let lines = results.flatMap { fileLines($0, language: language) }
            + [totalLines(ValidationTally(results), language: language)]
        return lines.joined(separator: "\n") + "\n"
    }

    /// One file's heading and its issues, one a line.
    public static func fileLines(_ result: FileResult, language: Language) -> [String] {
        let issues = result.issues + result.forms.flatMap(\.issues)
        let errors = issues.filter { $0.severity == .error }.count
        var lines = [heading(path: result.path, status: result.status, errors: errors,
                             warnings: issues.count - errors, language: language)]
        for issue in issues {
            let word = language == .ja ? JapaneseMessages.severityWord(issue.severity) : EnglishMessages.severityWord(issue.severity)
            lines.append("  [\(word)] \(issue.code): \(issue.message)")
        }
        return lines
    }

    /// The closing total (after a note when there were no files), without a final newline.
    public static func totalLines(_ tally: ValidationTally, language: Language) -> String {
        var lines: [String] = []
        if tally.files == 0 {
            lines.append(language == .ja ? JapaneseMessages.noFiles() : EnglishMessages.noFiles())
        }
        switch language {
        case .ja:
            lines.append(JapaneseMessages.total(files: tally.files, valid: tally.valid, invalid: tally.invalid,
                                                unreadable: tally.unreadable, errors: tally.errors, warnings: tally.warnings))
        case .en:
            lines.append(EnglishMessages.total(files: tally.files, valid: tally.valid, invalid: tally.invalid,
                                               unreadable: tally.unreadable, errors: tally.errors, warnings: tally.warnings))
        }
        return lines.joined(separator: "\n")
    }

    static func heading(path: String, status: FileStatus, errors: Int, warnings: Int, language: Language) -> String {
        switch language {
        case .ja: return JapaneseMessages.fileHeading(path: path, status: status, errors: errors, warnings: warnings)
        case .en: return EnglishMessages.fileHeading(path: path, status: status, errors: errors, warnings: warnings)
        }
    }

    /// The exit status `validate` ends with: 0 when every file is valid (warnings allowed), 1 otherwise.
    /// The line saying no workbook was found, in the run's language.
    public static func noFilesMessage(language: Language) -> String {
        language == .ja ? JapaneseMessages.noFiles() : EnglishMessages.noFiles()
    }

    public static func exitStatus(_ results: [FileResult]) -> Int32 {
        ValidationTally(results).exitStatus
    }
}
