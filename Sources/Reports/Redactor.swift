import Aggregation

/// Removes what third parties must not see from any text before it is written: the run's personal
/// values (代表者, 所在地, 電話, メール) always, and the 団体名 too with `--anonymize`.
public struct Redactor: Sendable {
    public var personal: PersonalDataScrubber
    public var anonymizer: Anonymizer?

    public init(personal: PersonalDataScrubber, anonymizer: Anonymizer? = nil) {
        self.personal = personal
        self.anonymizer = anonymizer
    }

    /// The text with personal values masked and, when anonymising, 団体名 replaced by codes.
    public func scrub(_ text: String) -> String {
        let masked = personal.scrub(text)
        return anonymizer?.scrub(masked) ?? masked
    }
}
