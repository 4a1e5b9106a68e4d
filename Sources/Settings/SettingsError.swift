import Core
import Foundation

/// Why a settings file could not be used. Every command treats it as a usage error (exit status 2).
public enum SettingsError: Error, Equatable, CustomStringConvertible {
    /// The file could not be read (`errno`).
    case unreadable(path: String, errno: Int32)
    /// The file was read but holds mistakes, each with the line it is on when known.
    case invalid(path: String, problems: [SettingsProblem])

    /// The Japanese message: one line per mistake.
    public var description: String { message(japanese: true) }

    /// The same message in English, for `--lang en`.
    public var englishMessage: String { message(japanese: false) }

    public func message(japanese: Bool) -> String {
        switch self {
        case .unreadable(let path, let code):
            let reason = SystemErrorText.meaning(code, japanese: japanese)
            return japanese ? "設定ファイル「\(path)」を読めません（\(reason)）。ファイルの場所を確かめてください。"
                            : "Cannot read the settings file \"\(path)\" (\(reason)). Check where the file is."
        case .invalid(let path, let problems):
            return problems.map { problem in
                let place = problem.line.map { japanese ? "の\($0)行目" : ", line \($0)" } ?? ""
                return japanese ? "設定ファイル「\(path)」\(place): \(problem.text(japanese: true))"
                                : "Settings file \"\(path)\"\(place): \(problem.text(japanese: false))"
            }.joined(separator: "\n")
        }
    }
}

/// One mistake in a settings file: what is wrong, at which key (a dotted path such as
/// `rules.low_score_threshold`), on which line.
public struct SettingsProblem: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// The text is not YAML; `detail` is the YAML library's own words (English).
        case syntax(detail: String)
        /// The bytes are not UTF-8 (saved as Shift_JIS, for example).
        case notUTF8
        /// A key that is not a setting; `suggestion` is the nearest valid one, `valid` all of them.
        case unknownKey(suggestion: String?, valid: [String])
        /// A rule code that does not exist (in `rules.disabled` or `rules.severity`).
        case unknownRuleCode(code: String, suggestion: String?)
        /// A field key that does not exist (in `labels` or `rules.required_fields`).
        case unknownField(field: String, suggestion: String?)
        /// The value has the wrong shape.
        case wrongType(expected: Expectation)
        /// `from` is after `to`.
        case reversedRange
        /// A fiscal year that cannot be read.
        case badFiscalYear(shown: String)
    }

    /// What a key's value must be.
    public enum Expectation: Equatable, Sendable {
        case section, stringList, listsByKey, integer, number, positiveNumber, boolean, fiscalYear
        case oneOf([String])

        func text(japanese: Bool) -> String {
            switch self {
            case .section: return japanese ? "「キー: 値」の形" : "a mapping of key: value"
            case .stringList: return japanese ? "文字列のリスト（[a, b] か「- a」の行）" : "a list of texts ([a, b] or lines \"- a\")"
            case .listsByKey: return japanese ? "「キー: [値…]」の形" : "a mapping of key: [values…]"
            case .integer: return japanese ? "整数" : "a whole number"
            case .number: return japanese ? "0 以上の数値" : "a number, 0 or more"
            case .positiveNumber: return japanese ? "0 より大きい数値" : "a number above 0"
            case .boolean: return japanese ? "true か false" : "true or false"
            case .fiscalYear: return japanese ? "令和6年度・R6・2024 のような年度（空欄も可）" : "a fiscal year such as 令和6年度, R6 or 2024 (or nothing)"
            case .oneOf(let values): return values.joined(separator: japanese ? " か " : " or ")
            }
        }
    }

    public var key: String
    public var kind: Kind
    public var line: Int?

    public init(key: String, kind: Kind, line: Int?) {
        self.key = key
        self.kind = kind
        self.line = line
    }

    /// The mistake in words, without the file's name.
    public func text(japanese: Bool) -> String {
        let last = key.split(separator: ".").last.map(String.init) ?? key
        let parent = key.split(separator: ".").dropLast().joined(separator: ".")
        switch kind {
        case .syntax(let detail):
            return japanese ? "YAML として読めません。字下げ・「: 」・引用符を確かめてください。"
                            : "not valid YAML (\(detail)). Check the indentation, the \": \" and the quotes."
        case .notUTF8:
            return japanese ? "文字コードが UTF-8 ではありません。メモ帳などで UTF-8 を選んで保存し直してください。"
                            : "the file is not UTF-8. Save it again as UTF-8 (Notepad and most editors offer it)."
        case .unknownKey(let suggestion, let valid):
            let place = parent.isEmpty ? "" : (japanese ? "\(parent) の中の " : " in \(parent)")
            if let suggestion {
                return japanese ? "\(place)\(last) は使えません。\(suggestion) ですか？"
                                : "\(last) cannot be used\(place). Did you mean \(suggestion)?"
            }
            return japanese ? "\(place)\(last) は使えません。使えるのは \(valid.joined(separator: "、")) です。"
                            : "\(last) cannot be used\(place). The settings there are \(valid.joined(separator: ", "))."
        case .unknownRuleCode(let code, let suggestion):
            let hint = suggestion.map { japanese ? "\($0) ですか？" : "Did you mean \($0)?" }
                ?? (japanese ? "コードは docs/contracts.md の表にあります。" : "The codes are listed in docs/contracts.md.")
            return japanese ? "\(key) の \(code) という規則はありません。\(hint)"
                            : "there is no rule \(code) (in \(key)). \(hint)"
        case .unknownField(let field, let suggestion):
            let hint = suggestion.map { japanese ? "\($0) ですか？" : "Did you mean \($0)?" }
                ?? (japanese ? "項目のキーは docs/contracts.md にあります。" : "The field keys are listed in docs/contracts.md.")
            return japanese ? "\(key) の \(field) という項目はありません。\(hint)"
                            : "there is no field \(field) (in \(key)). \(hint)"
        case .wrongType(let expected):
            return japanese ? "\(key) は\(expected.text(japanese: true))で書いてください。"
                            : "write \(key) as \(expected.text(japanese: false))."
        case .reversedRange:
            return japanese ? "\(key) の from が to より後です。from ≦ to にしてください。"
                            : "\(key): from is after to. Make from ≤ to."
        case .badFiscalYear(let shown):
            return japanese ? "\(key) の「\(shown)」を年度として読めません。令和6年度・R6・2024 のように書いてください。"
                            : "\(key): cannot read \"\(shown)\" as a fiscal year. Write it like 令和6年度, R6 or 2024."
        }
    }
}

/// The nearest of `candidates` to `word`, when it is close enough to be what was meant: at most a
/// third of the word's letters (at least 2) edited.
public enum NearestName {
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        let limit = max(2, word.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(Array(word.unicodeScalars), Array(candidate.unicodeScalars))
            if distance <= limit, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// Levenshtein distance, two rows at a time.
    public static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count), current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
