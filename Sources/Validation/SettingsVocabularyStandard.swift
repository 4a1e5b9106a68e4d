import Forms
import Settings

extension SettingsVocabulary {
    /// The field keys and rule codes this version knows: what a settings file may name.
    public static let standard: SettingsVocabulary = {
        let definitions = FormDefinition.all(settings: .defaults)
        var fieldKeys: [String: [String]] = [:]
        for definition in definitions { fieldKeys[definition.kind.rawValue] = definition.fields.map(\.key) }
        let viewpointLabels = Viewpoint.allCases.map { "scores.\($0.rawValue)" } + FieldCatalog.viewpointFamilies
        let labelKeys = Array(Set(definitions.flatMap { $0.fields.map(\.key) } + viewpointLabels)).sorted()
        return SettingsVocabulary(fieldKeys: fieldKeys, labelKeys: labelKeys, ruleCodes: Problem.allCodes,
                                  ruleCodePrefixes: [Problem.readerCodePrefix])
    }()
}

extension Settings {
    /// Loads a settings file, checking its keys, rule codes and field keys against this version's.
    public static func load(path: String) throws -> Settings {
        try load(path: path, vocabulary: .standard)
    }
}
