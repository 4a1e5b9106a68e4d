/// The language of messages: Japanese by default, English with `--lang en`.
public enum Language: String, Codable, Hashable, Sendable, CaseIterable {
    case ja
    case en
}
