import Foundation

/// The argument parser's own words (help headings, its error messages) in the run's language.
///
/// swift-argument-parser writes these in English only; for a Japanese run they are put into Japanese
/// here, so that no English line is mixed into Japanese output.
enum ParserText {
    /// The help text for `language`: the parser's headings and fixed phrases translated.
    static func help(_ text: String, japanese: Bool) -> String {
        guard japanese else { return text }
        var text = text
        let phrases: [(String, String)] = [
            ("OVERVIEW:", "概要:"), ("USAGE:", "使い方:"), ("ARGUMENTS:", "引数:"), ("OPTIONS:", "オプション:"),
            ("SUBCOMMANDS:", "コマンド:"), ("Show help information.", "この説明を表示します。"),
            ("Show the version.", "バージョンを表示します。"),
            ("Show subcommand help information.", "コマンドの説明を表示します。"),
            ("<subcommand>", "<コマンド>"),
        ]
        for (english, japanese) in phrases { text = text.replacingOccurrences(of: english, with: japanese) }
        text = replace(text, #"\(default: ([^()]*)\)"#) { "（既定: \($0[1])）" }
        text = replace(text, #"\(values: ([^;()]*)\)"#) { "（値: \($0[1])）" }
        text = replace(text, #"See '([^']*)' for detailed help\."#) { "各コマンドの説明は \($0[1]) で表示します。" }
        return text
    }

    /// A usage error: the message (the parser's, already in the run's language, or ours), the usage
    /// line and where the help is.
    static func usageError(message: String, usage: String?, helpCommand: String?, japanese: Bool) -> String {
        guard japanese else {
            var lines = ["Error: " + message]
            if let usage { lines.append("Usage: " + usage) }
            if let helpCommand { lines.append("  See '\(helpCommand)' for more information.") }
            return lines.joined(separator: "\n")
        }
        var lines = ["エラー: " + message]
        if let usage { lines.append("使い方: " + usage.replacingOccurrences(of: "<subcommand>", with: "<コマンド>")) }
        if let helpCommand { lines.append("  詳しくは \(helpCommand) で表示します。") }
        return lines.joined(separator: "\n")
    }

    /// The help command a parser error's full text points to (`furikaeri run --help`).
    static func helpCommand(_ full: String) -> String? {
        match(full, #"See '([^']*)' for more information"#)?[1]
    }

    /// The usage line(s) of a parser error's full text, without the word "Usage:".
    static func usageLines(_ full: String) -> String? {
        guard let start = full.range(of: "Usage: ") else { return nil }
        let rest = full[start.upperBound...]
        let end = rest.range(of: "\n  See '")?.lowerBound ?? rest.endIndex
        return String(rest[..<end]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A required option's own request, said the way our other messages say it.
    static let requiredOptionHints: [String: (ja: String, en: String)] = [
        "--year": ("年度を --year で指定してください（例: --year 令和6年度、--year R6、--year 2024）。",
                   "Give the fiscal year with --year (for example --year 2024, --year R6 or --year 令和6年度)."),
        "--workspace": ("作業フォルダを --workspace で指定してください（furikaeri init で作ったフォルダ）。",
                        "Give the workspace with --workspace (a folder made by furikaeri init)."),
        "--output": ("書き出し先のフォルダを --output で指定してください。", "Give the output folder with --output."),
    ]

    /// The parser's English message in Japanese; a message of ours (already in the run's language)
    /// is returned as it is.
    static func parserMessage(_ message: String) -> String {
        let rules: [(String, ([String]) -> String)] = [
            (#"^Unknown option '([^']*)'\. Did you mean '([^']*)'\?$"#, { "「\($0[1])」というオプションはありません。\($0[2]) ですか？" }),
            (#"^Unknown option '([^']*)'$"#, { "「\($0[1])」というオプションはありません。--help で使えるオプションを確かめてください。" }),
            (#"^Missing value for '([^' ]*)( <[^>]*>)?'$"#, { "\($0[1]) の値がありません。\($0[1]) の後に値を書いてください。" }),
            (#"^Missing expected argument '([^' ]*)( <[^>]*>)?'$"#, { groups in
                requiredOptionHints[groups[1]]?.ja ?? "\(groups[1]) を指定してください。" }),
            (#"^Missing expected argument '<([^>]*)>'$"#, { "引数 <\($0[1])> を指定してください。" }),
            (#"^Unexpected argument '([^']*)'$"#, { "余分な引数「\($0[1])」があります。" }),
            (#"^(\d+) unexpected arguments: (.*)$"#, { "余分な引数が \($0[1]) 個あります: \($0[2])" }),
            (#"^The value '([^']*)' is invalid for '([^' ]*)( <[^>]*>)?'\. Please provide one of (.*)\.$"#, { groups in
                let values = groups[4].components(separatedBy: "'").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
                return "\(groups[2]) の値「\(groups[1])」は使えません。\(values.joined(separator: "・")) のどれかを指定してください。" }),
            (#"^The value '([^']*)' is invalid for '([^' ]*)( <[^>]*>)?'(.*)$"#, { "\($0[2]) の値「\($0[1])」は使えません。" }),
            (#"^The option '([^']*)' does not take any value, but '([^']*)' was specified\.$"#, { "\($0[1]) には値を付けません（「\($0[2])」が付いています）。" }),
            (#"^Missing required subcommand\.$"#, { _ in "コマンドを指定してください。" }),
            (#"^Value to be set with (.*) had already been set with (.*)$"#, { _ in "同じ指定が2回あります。" }),
        ]
        for (pattern, render) in rules {
            if let groups = match(message, pattern) { return render(groups) }
        }
        return message
    }

    /// The parser's English message in English, with our wording for a missing required option.
    static func englishParserMessage(_ message: String) -> String {
        if let groups = match(message, #"^Missing expected argument '([^' ]*)( <[^>]*>)?'$"#), let hint = requiredOptionHints[groups[1]] {
            return hint.en
        }
        return message
    }

    private static func match(_ text: String, _ pattern: String) -> [String]? {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]),
              let found = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return (0..<found.numberOfRanges).map { index in
            Range(found.range(at: index), in: text).map { String(text[$0]) } ?? ""
        }
    }

    private static func replace(_ text: String, _ pattern: String, _ render: ([String]) -> String) -> String {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return text }
        var result = "", rest = text.startIndex
        for found in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let whole = Range(found.range, in: text) else { continue }
            let groups = (0..<found.numberOfRanges).map { Range(found.range(at: $0), in: text).map { String(text[$0]) } ?? "" }
            result += text[rest..<whole.lowerBound] + render(groups)
            rest = whole.upperBound
        }
        return result + text[rest...]
    }
}

/// Options given twice: the parser keeps the last silently; we refuse, as a usage error.
enum RepeatedOptions {
    /// The first option name (`--year`) that appears twice before a `--`, if any.
    static func first(in arguments: [String]) -> String? {
        var seen: Set<String> = []
        for argument in arguments {
            if argument == "--" { break }
            guard argument.hasPrefix("--"), argument.count > 2 else { continue }
            let name = String(argument.split(separator: "=", maxSplits: 1)[0])
            if !seen.insert(name).inserted { return name }
        }
        return nil
    }
}
