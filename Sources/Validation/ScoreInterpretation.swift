import Forms

/// How a score cell reads: shared by the rules and the JSON output so both agree.
public enum ScoreInterpretation: Hashable, Sendable {
    /// Empty or only spaces.
    case blank
    /// A whole number from 1 to 5; `normalised` when it had to be read from text such as `４` or `4点`.
    case score(Int, normalised: Bool)
    /// A whole number outside 1…5.
    case outOfRange(Int)
    /// A number with a fraction, such as 3.5.
    case notInteger
    /// Not a number at all.
    case unreadable

    public init(_ reading: FieldReading) {
        if Validator.isBlank(reading) {
            self = .blank
            return
        }
        func whole(_ n: Int, normalised: Bool) -> ScoreInterpretation {
            (1...5).contains(n) ? .score(n, normalised: normalised) : .outOfRange(n)
        }
        switch reading.value {
        case .integer(let n):
            self = whole(n, normalised: reading.normalisation != nil)
        case .decimal(let d):
            self = d.rounded() == d && abs(d) < 1e9 ? whole(Int(d), normalised: reading.normalisation != nil) : .notInteger
        case .text(let text), .unreadable(let text):
            let source = text.isEmpty ? Validator.shown(reading) : text
            if let n = TextChecks.integerFromText(source) {
                self = whole(n, normalised: true)
            } else if Double(TextChecks.squeeze(source)) != nil {
                self = .notInteger
            } else {
                self = .unreadable
            }
        case .fiscalYear, .yen, .blank:
            self = .unreadable
        }
    }

    /// The score as an integer for output: the whole number when there is one, else nil.
    public var integer: Int? {
        switch self {
        case .score(let n, _), .outOfRange(let n): return n
        default: return nil
        }
    }
}
