import Foundation
import Settings
import Testing
import TestSupport
@testable import Validation

/// The names a settings file may use are this version's: every rule code the contracts list and
/// every rule the validator reports can be switched off or re-weighted, and nothing else.
@Suite struct SettingsVocabularyTests {
    /// The codes in docs/contracts.md's table of rules (`reader.<case>` is a family).
    static func documentedCodes() throws -> Set<String> {
        let text = try String(contentsOf: TestPaths.repositoryRoot.appendingPathComponent("docs/contracts.md"), encoding: .utf8)
        let table = try #require(text.range(of: "| code | default | meaning |"))
        var codes = Set<String>()
        for line in text[table.upperBound...].split(separator: "\n").prefix(while: { $0.hasPrefix("|") }) {
            let first = line.split(separator: "|").first ?? ""
            for match in first.matches(of: #/`([a-z_]+\.[a-z_<>]+)`/#) where !match.1.contains("<") { codes.insert(String(match.1)) }
        }
        return codes
    }

    @Test func everyDocumentedAndReportedCodeCanBeNamedInTheSettings() throws {
        let documented = try Self.documentedCodes()
        #expect(documented.count > 20)
        #expect(documented == Set(Problem.allCodes), "\(documented.symmetricDifference(Set(Problem.allCodes)))")
        for code in MessageTests.everyFormCode { #expect(SettingsVocabulary.standard.ruleCodes.contains(code), "\(code)") }
        let yaml = "rules:\n  disabled: [reader.not_a_zip, contact.phone_format]\n  severity: {comment.placeholder: warning}\n"
        let settings = try Settings.parse(yaml: yaml, vocabulary: .standard)
        #expect(settings.rules.disabled == ["reader.not_a_zip", "contact.phone_format"])
        #expect(throws: SettingsError.self) { try Settings.parse(yaml: "rules: {disabled: [reader.]}", vocabulary: .standard) }
    }

    @Test func labelsAndRequiredFieldsTakeTheFormsFieldKeys() throws {
        let vocabulary = SettingsVocabulary.standard
        for key in ["org_name", "city_comment", "requested_amount", "scores.achievement", "scores", "comments"] {
            #expect(vocabulary.labelKeys.contains(key), "\(key)")
        }
        #expect(vocabulary.fieldKeys["proposal"]?.contains("theme") == true)
        #expect(vocabulary.fieldKeys["reflection"]?.contains("theme") == false)
        let settings = try Settings.parse(yaml: "labels: {scores.achievement: [達成度]}\nrules: {required_fields: {reflection: [department]}}",
                                          vocabulary: vocabulary)
        #expect(settings.labels["scores.achievement"] == ["達成度"])
        do {
            _ = try Settings.parse(yaml: "rules: {required_fields: {reflection: [theme]}}", vocabulary: vocabulary)
            Issue.record("theme is not a field of the reflection sheet")
        } catch let error as SettingsError {
            #expect(error.description.contains("rules.required_fields.reflection の theme という項目はありません。"), "\(error.description)")
        }
    }

    @Test func theNearestNameIsOnlyOfferedWhenItIsClose() {
        let keys = ["low_score_threshold", "low_score_comment_is_error", "score_gap", "placeholders"]
        #expect(NearestName.nearest(to: "low_scor_threshold", in: keys) == "low_score_threshold")
        #expect(NearestName.nearest(to: "score_gaps", in: keys) == "score_gap")
        #expect(NearestName.nearest(to: "colour", in: keys) == nil)
        #expect(NearestName.editDistance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
    }
}
