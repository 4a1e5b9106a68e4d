import Forms

/// How bad an issue is: an error makes the file invalid, a warning does not.
public enum Severity: String, Codable, Hashable, Sendable {
    case error
    case warning
}

/// One problem found in a file or a form, with where to fix it.
public struct ValidationIssue: Hashable, Sendable {
    public var severity: Severity
    /// A stable code such as `score.out_of_range`.
    public var code: String
    /// The key path of the field, such as `scores.achievement`; empty for file-level issues.
    public var field: String
    /// The sheet the cell is on; empty for file-level issues.
    public var sheet: String
    /// The A1 reference of the cell to fix; empty for file-level issues.
    public var cell: String
    /// The message, already rendered in the requested language.
    public var message: String

    public init(severity: Severity, code: String, field: String, sheet: String, cell: String, message: String) {
        self.severity = severity
        self.code = code
        self.field = field
        self.sheet = sheet
        self.cell = cell
        self.message = message
    }
}

/// Whether a file can be accepted.
public enum FileStatus: String, Codable, Hashable, Sendable {
    /// Readable, and no issue is an error.
    case valid
    /// Readable, with at least one error.
    case invalid
    /// The reader could not open it.
    case unreadable
}

/// A form with the issues found in it.
public struct ValidatedForm: Hashable, Sendable {
    public var form: ExtractedForm
    public var issues: [ValidationIssue]

    public init(form: ExtractedForm, issues: [ValidationIssue]) {
        self.form = form
        self.issues = issues
    }
}

/// Everything known about one file after validation.
public struct FileResult: Hashable, Sendable {
    public var path: String
    public var sha256: String
    public var status: FileStatus
    /// File-level issues: reader errors, `form.not_found`.
    public var issues: [ValidationIssue]
    public var forms: [ValidatedForm]

    public init(path: String, sha256: String, status: FileStatus, issues: [ValidationIssue], forms: [ValidatedForm]) {
        self.path = path
        self.sha256 = sha256
        self.status = status
        self.issues = issues
        self.forms = forms
    }
}
