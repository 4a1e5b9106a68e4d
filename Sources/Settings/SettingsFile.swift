import Core
import Foundation
import Yams

/// The names a settings file may use that only later stages know: field keys and rule codes.
/// `Validation` gives the real one (`SettingsVocabulary.standard`).
public struct SettingsVocabulary: Sendable {
    /// Field keys by form kind (`reflection`, `proposal`), for `rules.required_fields`.
    public var fieldKeys: [String: [String]]
    /// Keys `labels` may give variants for (field keys, `scores.<viewpoint>`, table headers).
    public var labelKeys: [String]
    /// Rule codes, for `rules.disabled` and `rules.severity`.
    public var ruleCodes: [String]
    /// Families of codes named at run time (`reader.` + the reader's case).
    public var ruleCodePrefixes: [String]

    public init(fieldKeys: [String: [String]], labelKeys: [String], ruleCodes: [String], ruleCodePrefixes: [String]) {
        self.fieldKeys = fieldKeys
        self.labelKeys = labelKeys
        self.ruleCodes = ruleCodes
        self.ruleCodePrefixes = ruleCodePrefixes
    }

    func isRuleCode(_ code: String) -> Bool {
        ruleCodes.contains(code) || ruleCodePrefixes.contains { code.hasPrefix($0) && code.count > $0.count }
    }
}

/// The file as written, every key optional, decoded with Yams' `YAMLDecoder` once its keys are known
/// to be settings.
struct SettingsFile: Decodable {
    var departments: [String]?
    var choices: [String: [String]]?
    var labels: [String: [String]]?
    var rules: RulesFile?
    var fiscalYears: RangeFile?
    var intake: IntakeFile?
    var publish: PublishFile?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case departments, choices, labels, rules, fiscalYears = "fiscal_years", intake, publish
    }

    struct RulesFile: Decodable {
        var lowScoreThreshold: Int?
        var lowScoreCommentIsError: Bool?
        var cityScoresRequired: Bool?
        var scoreGap: Int?
        var statisticsPhase: String?
        var placeholders: [String]?
        var disabled: [String]?
        var severity: [String: String]?
        var requiredFields: [String: [String]]?
        var yearNumbers: RangeFile?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case lowScoreThreshold = "low_score_threshold", lowScoreCommentIsError = "low_score_comment_is_error"
            case cityScoresRequired = "city_scores_required", scoreGap = "score_gap", statisticsPhase = "statistics_phase"
            case placeholders, disabled, severity, requiredFields = "required_fields", yearNumbers = "year_numbers"
        }
    }

    struct RangeFile: Decodable {
        var from: Int?
        var to: Int?
        enum CodingKeys: String, CodingKey, CaseIterable { case from, to }
    }

    struct PublishFile: Decodable {
        var anonymizedSite: Bool?
        enum CodingKeys: String, CodingKey, CaseIterable { case anonymizedSite = "anonymized_site" }
    }

    struct IntakeFile: Decodable {
        var settleSeconds: Double?
        var watchIntervalSeconds: Double?
        var fiscalYear: String?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case settleSeconds = "settle_seconds", watchIntervalSeconds = "watch_interval_seconds", fiscalYear = "fiscal_year"
        }
    }
}

/// What each key holds: the keys a section allows (for unknown-key errors) and the shape of each value
/// (for type errors), in one table.
private indirect enum Shape {
    /// A value (its expectation said when its type is wrong).
    case value(SettingsProblem.Expectation)
    /// A mapping with these keys only.
    case section([String: Shape])
    /// A mapping whose keys are names from a list (`valid`), each holding `element`.
    case keyed(valid: [String], element: Shape, names: NameKind)

    enum NameKind { case key, field, ruleCode }

    var expectation: SettingsProblem.Expectation {
        switch self {
        case .value(let expected): return expected
        case .section: return .section
        case .keyed(_, .value(.stringList), _): return .listsByKey
        case .keyed: return .section
        }
    }

    static func keys<K: CodingKey & CaseIterable>(_: K.Type) -> [String] { K.allCases.map(\.stringValue) }

    static func settings(_ vocabulary: SettingsVocabulary) -> Shape {
        let range = Shape.section(["from": .value(.integer), "to": .value(.integer)])
        let rules: [String: Shape] = [
            "low_score_threshold": .value(.integer), "low_score_comment_is_error": .value(.boolean),
            "city_scores_required": .value(.boolean), "score_gap": .value(.integer),
            "statistics_phase": .value(.oneOf(["final", "latest"])), "placeholders": .value(.stringList),
            "disabled": .value(.stringList),
            "severity": .keyed(valid: vocabulary.ruleCodes, element: .value(.oneOf(["error", "warning"])), names: .ruleCode),
            "required_fields": .keyed(valid: Settings.Rules.defaultRequiredFields.keys.sorted(), element: .value(.stringList), names: .key),
            "year_numbers": range,
        ]
        return .section([
            "departments": .value(.stringList),
            "choices": .keyed(valid: Settings.defaultChoices.keys.sorted(), element: .value(.stringList), names: .key),
            "labels": .keyed(valid: vocabulary.labelKeys, element: .value(.stringList), names: .field),
            "rules": .section(rules),
            "fiscal_years": range,
            "intake": .section(["settle_seconds": .value(.number), "watch_interval_seconds": .value(.positiveNumber),
                                "fiscal_year": .value(.fiscalYear)]),
            "publish": .section(["anonymized_site": .value(.boolean)]),
        ])
    }

    /// The shape at a dotted key path.
    func at(_ path: [String]) -> Shape? {
        guard let first = path.first else { return self }
        switch self {
        case .value: return nil
        case .section(let keys): return keys[first]?.at(Array(path.dropFirst()))
        case .keyed(_, let element, _): return element.at(Array(path.dropFirst()))
        }
    }
}

extension Settings {
    /// Loads settings from a YAML file; keys it leaves out keep their defaults. Unknown keys, rule
    /// codes and field keys are mistakes (`vocabulary` names the valid ones).
    public static func load(path: String, vocabulary: SettingsVocabulary) throws -> Settings {
        let data = try readAll(path)
        guard let text = String(data: data, encoding: .utf8) else {
            throw SettingsError.invalid(path: path, problems: [SettingsProblem(key: "", kind: .notUTF8, line: nil)])
        }
        return try parse(yaml: text, path: path, vocabulary: vocabulary)
    }

    /// The file's bytes, or `.unreadable` with the system's reason.
    private static func readAll(_ path: String) throws -> Data {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SettingsError.unreadable(path: path, errno: errno) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { throw SettingsError.unreadable(path: path, errno: EISDIR) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SettingsError.unreadable(path: path, errno: errno)
            }
            if count == 0 { return data }
            data.append(contentsOf: buffer[0..<count])
        }
    }

    /// Parses settings from YAML text. Without a vocabulary, field keys and rule codes are not checked
    /// (the sections' own keys always are).
    public static func parse(yaml: String, path: String = "<settings>", vocabulary: SettingsVocabulary? = nil) throws -> Settings {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw SettingsError.invalid(path: path, problems: [SettingsProblem(key: "", kind: .syntax(detail: Self.detail(error)), line: Self.line(error))])
        }
        guard let node else { return .defaults }
        let vocabulary = vocabulary ?? SettingsVocabulary(fieldKeys: [:], labelKeys: [], ruleCodes: [], ruleCodePrefixes: [])
        let checkNames = !vocabulary.ruleCodes.isEmpty
        let shape = Shape.settings(vocabulary)
        var problems: [SettingsProblem] = []
        if case .mapping = node {
            check(node, shape: shape, path: [], checkNames: checkNames, into: &problems)
        } else if case .scalar(let scalar) = node, scalar.string.isEmpty || scalar.tag == .init(.null) {
            return .defaults
        }
        guard problems.isEmpty else { throw SettingsError.invalid(path: path, problems: problems) }
        let file: SettingsFile
        do {
            file = try YAMLDecoder().decode(SettingsFile.self, from: node)
        } catch let error as DecodingError {
            throw SettingsError.invalid(path: path, problems: [problem(error, root: node, shape: shape)])
        }
        if checkNames { checkValues(file, root: node, vocabulary: vocabulary, into: &problems) }
        let settings = apply(file, root: node, into: &problems)
        guard problems.isEmpty else { throw SettingsError.invalid(path: path, problems: problems) }
        return settings
    }

    // MARK: keys

    /// Every key of `node` must be one its shape allows; names that only the vocabulary knows are
    /// checked when `checkNames`.
    private static func check(_ node: Node, shape: Shape, path: [String], checkNames: Bool, into problems: inout [SettingsProblem]) {
        guard case .mapping(let mapping) = node else { return }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let keyPath = (path + [key]).joined(separator: ".")
            switch shape {
            case .value:
                return
            case .section(let keys):
                guard let inner = keys[key] else {
                    let valid = keys.keys.sorted()
                    problems.append(SettingsProblem(key: keyPath, kind: .unknownKey(suggestion: NearestName.nearest(to: key, in: valid), valid: valid),
                                                    line: keyNode.mark?.line))
                    continue
                }
                check(value, shape: inner, path: path + [key], checkNames: checkNames, into: &problems)
            case .keyed(let valid, let element, let names):
                if names == .key || checkNames, !valid.contains(key) {
                    let parent = path.joined(separator: ".")
                    let suggestion = NearestName.nearest(to: key, in: valid)
                    let kind: SettingsProblem.Kind
                    switch names {
                    case .key: kind = .unknownKey(suggestion: suggestion, valid: valid)
                    case .field: kind = .unknownField(field: key, suggestion: suggestion)
                    case .ruleCode: kind = .unknownRuleCode(code: key, suggestion: suggestion)
                    }
                    problems.append(SettingsProblem(key: names == .key ? keyPath : parent, kind: kind, line: keyNode.mark?.line))
                    continue
                }
                check(value, shape: element, path: path + [key], checkNames: checkNames, into: &problems)
            }
        }
    }

    /// Rule codes in `rules.disabled`, field keys in `rules.required_fields`.
    private static func checkValues(_ file: SettingsFile, root: Node, vocabulary: SettingsVocabulary, into problems: inout [SettingsProblem]) {
        for code in file.rules?.disabled ?? [] where !vocabulary.isRuleCode(code) {
            problems.append(SettingsProblem(key: "rules.disabled", kind: .unknownRuleCode(code: code, suggestion: NearestName.nearest(to: code, in: vocabulary.ruleCodes)),
                                            line: line(of: ["rules", "disabled"], in: root)))
        }
        for (kind, keys) in (file.rules?.requiredFields ?? [:]).sorted(by: { $0.key < $1.key }) {
            let valid = vocabulary.fieldKeys[kind] ?? []
            for key in keys where !valid.contains(key) {
                problems.append(SettingsProblem(key: "rules.required_fields.\(kind)", kind: .unknownField(field: key, suggestion: NearestName.nearest(to: key, in: valid)),
                                                line: line(of: ["rules", "required_fields", kind], in: root)))
            }
        }
    }

    // MARK: values

    /// The defaults with what the file says put in; values out of their range are mistakes.
    private static func apply(_ file: SettingsFile, root: Node, into problems: inout [SettingsProblem]) -> Settings {
        var settings = Settings.defaults
        func wrong(_ path: [String], _ kind: SettingsProblem.Kind) {
            problems.append(SettingsProblem(key: path.joined(separator: "."), kind: kind, line: line(of: path, in: root)))
        }
        func range(_ given: SettingsFile.RangeFile?, _ current: ClosedRange<Int>, _ path: [String]) -> ClosedRange<Int> {
            guard let given else { return current }
            let from = given.from ?? current.lowerBound, to = given.to ?? current.upperBound
            guard from <= to else { wrong(path, .reversedRange); return current }
            return from...to
        }
        if let departments = file.departments { settings.departments = departments }
        for (key, list) in file.choices ?? [:] { settings.choices[key] = list }
        for (key, list) in file.labels ?? [:] { settings.labels[key] = list }
        if let rules = file.rules {
            if let v = rules.lowScoreThreshold { settings.rules.lowScoreThreshold = v }
            if let v = rules.lowScoreCommentIsError { settings.rules.lowScoreCommentIsError = v }
            if let v = rules.cityScoresRequired { settings.rules.cityScoresRequired = v }
            if let v = rules.scoreGap { settings.rules.scoreGap = v }
            if let v = rules.statisticsPhase {
                if v == "final" || v == "latest" { settings.rules.statisticsPhase = v } else {
                    wrong(["rules", "statistics_phase"], .wrongType(expected: .oneOf(["final", "latest"])))
                }
            }
            if let v = rules.placeholders { settings.rules.placeholders = v }
            if let v = rules.disabled { settings.rules.disabled = v }
            for (code, level) in (rules.severity ?? [:]).sorted(by: { $0.key < $1.key }) {
                if level == "error" || level == "warning" { settings.rules.severity[code] = level } else {
                    wrong(["rules", "severity", code], .wrongType(expected: .oneOf(["error", "warning"])))
                }
            }
            for (kind, list) in rules.requiredFields ?? [:] { settings.rules.requiredFields[kind] = list }
            settings.rules.yearNumbers = range(rules.yearNumbers, settings.rules.yearNumbers, ["rules", "year_numbers"])
        }
        settings.fiscalYears = range(file.fiscalYears, settings.fiscalYears, ["fiscal_years"])
        if let intake = file.intake {
            if let v = intake.settleSeconds {
                if v >= 0 { settings.intake.settleSeconds = v } else { wrong(["intake", "settle_seconds"], .wrongType(expected: .number)) }
            }
            if let v = intake.watchIntervalSeconds {
                if v > 0 { settings.intake.watchIntervalSeconds = v } else {
                    wrong(["intake", "watch_interval_seconds"], .wrongType(expected: .positiveNumber))
                }
            }
            if let v = intake.fiscalYear, !v.isEmpty {
                if let year = FiscalYearText.parse(v) { settings.intake.fiscalYear = year } else {
                    wrong(["intake", "fiscal_year"], .badFiscalYear(shown: v))
                }
            }
        }
        if let v = file.publish?.anonymizedSite { settings.publish.anonymizedSite = v }
        return settings
    }

    // MARK: where

    /// A decoding error as a mistake at its key, said with what the key should hold.
    private static func problem(_ error: DecodingError, root: Node, shape: Shape) -> SettingsProblem {
        let codingPath: [CodingKey]
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
             .dataCorrupted(let context):
            codingPath = context.codingPath
        @unknown default:
            codingPath = []
        }
        // A list's element is reported at the list.
        let path = Array(codingPath.prefix { $0.intValue == nil }.map(\.stringValue))
        let expected = shape.at(path)?.expectation ?? .section
        return SettingsProblem(key: path.joined(separator: "."), kind: .wrongType(expected: expected), line: line(of: path, in: root))
    }

    /// The line of the value at a key path.
    private static func line(of path: [String], in root: Node) -> Int? {
        var node = root
        for key in path {
            guard let next = node[key] else { return node.mark?.line }
            node = next
        }
        return node.mark?.line
    }

    private static func line(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    private static func detail(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        default: return "\(error)"
        }
    }
}
