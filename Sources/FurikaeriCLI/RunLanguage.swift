import ArgumentParser
import Core
import Foundation
import Validation

/// The one language of a run, decided from the command line and the environment before the argument
/// parser runs, so that help, abstracts and the parser's own errors are in it too.
///
/// - Messages: `--lang en` gives English; otherwise Japanese (the environment never changes what
///   a run writes into notes, logs and outputs).
/// - Help (`--help`, `help`, the abstracts): `--lang` when given; otherwise English when `LC_ALL`,
///   `LC_MESSAGES` or `LANG` (the first one set) starts with `en`.
/// - `--experimental-dump-help` and completion scripts stay Japanese: the manual page and the
///   installed completions are made from them (the manual page's English from `manpage-en.json`).
struct RunLanguage: Sendable {
    var messages: Language
    var help: Language

    /// This process's: from `CommandLine.arguments` and the environment, once.
    static let current = RunLanguage(arguments: Array(CommandLine.arguments.dropFirst()),
                                     environment: ProcessInfo.processInfo.environment)

    init(arguments: [String], environment: [String: String]) {
        let explicit = Self.explicitLanguage(arguments)
        messages = explicit ?? .ja
        if arguments.contains(where: { $0 == "--experimental-dump-help" || $0.hasPrefix("--generate-completion-script") }) {
            help = .ja
        } else if let explicit {
            help = explicit
        } else {
            let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
            help = locale.hasPrefix("en") ? .en : .ja
        }
    }

    /// The value of `--lang X` / `--lang=X` (before a `--`), when it is a language; the last one wins
    /// as in the parser (a repeated `--lang` is a usage error anyway).
    static func explicitLanguage(_ arguments: [String]) -> Language? {
        var found: Language?
        var index = 0
        while index < arguments.count, arguments[index] != "--" {
            let argument = arguments[index]
            if argument == "--lang", index + 1 < arguments.count {
                found = Language(rawValue: arguments[index + 1]) ?? found
                index += 1
            } else if argument.hasPrefix("--lang=") {
                found = Language(rawValue: String(argument.dropFirst("--lang=".count))) ?? found
            }
            index += 1
        }
        return found
    }

    /// `furikaeri --lang en run …`: a `--lang` given before the command is moved after it (to the
    /// end, before any `--`), where the command's own option takes it. A command that only groups
    /// others (`ledger`), the root (`--help`, a word that is not a command) and `help` take no
    /// `--lang`: it is dropped there, the language having been read already.
    static func languageAfterCommand(_ arguments: [String], takesOptions: Bool) -> [String] {
        guard takesOptions else { return withoutLanguage(arguments) }
        var arguments = arguments
        var moved: [String] = []
        if arguments.first == "--lang", arguments.count >= 2 {
            moved = Array(arguments[0...1])
            arguments.removeFirst(2)
        } else if let first = arguments.first, first.hasPrefix("--lang=") {
            moved = [first]
            arguments.removeFirst()
        }
        let end = arguments.firstIndex(of: "--") ?? arguments.endIndex
        arguments.insert(contentsOf: moved, at: end)
        return arguments
    }

    /// The arguments without any `--lang X` / `--lang=X` (before a `--`).
    static func withoutLanguage(_ arguments: [String]) -> [String] {
        var kept: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { kept += arguments[index...]; break }
            if argument == "--lang" { index += 2; continue }
            if !argument.hasPrefix("--lang=") { kept.append(argument) }
            index += 1
        }
        return kept
    }

    /// `ja` or `en` by the run's message language.
    func say(_ japanese: String, _ english: String) -> String { messages == .en ? english : japanese }

    /// A usage error (exit status 2) in the run's language.
    func usage(_ japanese: String, _ english: String) -> ValidationError { ValidationError(say(japanese, english)) }
}

/// Help texts are written in Japanese in the code; with English help, each is looked up in the
/// English table (packaging/manpage-en.json, compiled in). A text missing there stays Japanese, and
/// the tests (InstallTests, the help tests) fail on it.
enum HelpText {
    /// The table, read from the bytes compiled into the binary only when English help is asked for.
    static let english: [String: String] = {
        guard RunLanguage.current.help == .en else { return [:] }
        let data = Data(PackageResources.manpage_en_json)
        return (try? JSONDecoder().decode([String: String].self, from: data)) ?? [:]
    }()

    /// `japanese` in the help's language.
    static func text(_ japanese: String) -> String {
        guard RunLanguage.current.help == .en else { return japanese }
        return english[japanese] ?? japanese
    }

    /// An option's help, hidden or not, in the help's language.
    static func argument(_ japanese: String, visibility: ArgumentVisibility = .default) -> ArgumentHelp {
        ArgumentHelp(text(japanese), visibility: visibility)
    }
}

/// `--lang ja|en`: one option, the same in every command.
struct LanguageOptions: ParsableArguments {
    @Option(name: .long, help: HelpText.argument("メッセージとヘルプの言語: ja または en。"))
    var lang: String = "ja"

    /// The language the command was given (Japanese unless `--lang en`).
    var language: Language { Language(rawValue: lang) ?? .ja }

    func validate() throws {
        guard Language(rawValue: lang) != nil else {
            throw RunLanguage.current.usage("--lang には ja か en を指定してください（指定された値: \(lang)）。",
                                            "--lang must be ja or en (got \(lang)).")
        }
    }
}
