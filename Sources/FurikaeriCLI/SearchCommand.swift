import ArgumentParser
import Core
import Forms
import Foundation
import Intake
import Validation

/// `furikaeri search --workspace DIR WORDS...`: the comments and proposal texts of the accepted sheets
/// (the ledger's FTS5 table) that hold every word.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: HelpText.text("受け付けたシートのコメントと企画提案書の文章を、語で検索します。"),
        discussion: HelpText.text("""
            すべての語を含む文章（団体のコメント・市のコメント・今後の展望・視点ごとのコメント、
            企画提案書のテーマ・地域課題・目的・事業内容・期待される効果・役割）を、年度・事業・
            どの欄か・該当箇所とともに表示します。全角と半角、大文字と小文字は区別しません。
            3文字以上の語は台帳の索引（SQLite FTS5 trigram）で、1〜2文字の語はすべての文章を
            順に調べて探します。再提出で置き換えられたシートと取り下げたシートは含みません。
            --json の形は docs/contracts.md にあります。
            """))

    @Option(name: .long, help: HelpText.argument("作業フォルダ"))
    var workspace: String

    @Argument(help: HelpText.argument("探す語（空白で区切ると、すべての語を含む文章）"))
    var words: [String] = []

    @Flag(name: .long, help: HelpText.argument("結果を JSON で出力します"))
    var json = false

    @OptionGroup var lang: LanguageOptions

    func validate() throws {
        guard !SearchFolding.words(words.joined(separator: " ")).isEmpty else {
            throw RunLanguage.current.usage("探す語を指定してください。", "Give at least one word to search for.")
        }
    }

    func run() throws {
        let language = lang.language
        let workspace = try existingWorkspace(self.workspace, language: language)
        let query = words.joined(separator: " ")
        let folded = SearchFolding.words(query)
        let hits: [Ledger.TextHit]
        do {
            hits = try Ledger.openGuarded(workspace).searchTexts(words: folded)
        } catch let error as IntakeSessionError {
            printError(error.message(in: language))
            throw ExitCode(error.exitCode)
        } catch {
            printError(language == .ja ? "検索できませんでした: \(IntakeErrorText.message(error, language: language))"
                       : "Could not search: \(IntakeErrorText.message(error, language: language))")
            throw ExitCode(1)
        }
        let text = SearchText(language: language)
        if json {
            print(text.json(query: query, words: folded, hits: hits).encoded())
        } else {
            print(text.lines(words: folded, hits: hits), terminator: "")
        }
    }
}

/// What `search` prints, in Japanese or English.
struct SearchText {
    var language: Language

    private func t(_ ja: String, _ en: String) -> String { language == .en ? en : ja }

    /// A field's name: 団体のコメント, ④目的の達成度のコメント, 地域課題 … (English with `--lang en`).
    func fieldLabel(_ key: String) -> String {
        if let (_, viewpoint) = FieldCatalog.viewpointKey(key) {
            return t("\(viewpoint.label)のコメント", "comment on \(viewpoint.number). \(viewpoint.englishName)")
        }
        if language == .en { return FieldCatalog.englishName(key) }
        var label = FieldCatalog.japaneseLabel(key)
        if label.hasPrefix("*") { label.removeFirst() }
        if let paren = label.firstIndex(of: "(") { label = String(label[..<paren]) }
        return label
    }

    func phaseLabel(_ hit: Ledger.TextHit) -> String {
        if hit.kind == "proposal" { return t("企画提案書", "proposal") }
        switch hit.phase {
        case "中間": return t("中間", "interim")
        case "最終": return t("最終", "final")
        default: return t("ふりかえり", "reflection")
        }
    }

    func year(_ year: Int) -> String { language == .en ? "FY\(year)" : FiscalYearText.japanese(year) }

    /// The snippet with the matches in 【】.
    func snippet(_ hit: Ledger.TextHit, words: [String]) -> String {
        (SearchFolding.snippet(hit.text, words: words) ?? [(hit.text, false)])
            .map { $0.isMatch ? "【\($0.text)】" : $0.text }.joined()
    }

    func lines(words: [String], hits: [Ledger.TextHit]) -> String {
        var out = ""
        for hit in hits {
            out += t("\(year(hit.fiscalYear)) \(hit.projectID) \(hit.orgName)「\(hit.projectName)」 \(phaseLabel(hit)) \(fieldLabel(hit.field))\n",
                     "\(year(hit.fiscalYear)) \(hit.projectID) \(hit.orgName) \"\(hit.projectName)\" \(phaseLabel(hit)), \(fieldLabel(hit.field))\n")
            out += "  " + snippet(hit, words: words) + "\n"
        }
        out += hits.isEmpty ? t("該当する文章はありません。\n", "No text matches.\n") : t("\(hits.count) 件\n", "\(hits.count) text(s)\n")
        return out
    }

    /// The `--json` document (docs/contracts.md).
    func json(query: String, words: [String], hits: [Ledger.TextHit]) -> JSONValue {
        .object([
            "query": .string(query),
            "words": .array(words.map(JSONValue.string)),
            "method": .string(Ledger.searchMethod(words: words)),
            "count": .int(hits.count),
            "hits": .array(hits.map { hit in
                .object([
                    "fiscal_year": .int(hit.fiscalYear),
                    "project_id": .string(hit.projectID),
                    "org_name": .string(hit.orgName),
                    "project_name": .string(hit.projectName),
                    "kind": .string(hit.kind),
                    "phase": hit.phase.isEmpty ? .null : .string(hit.phase),
                    "field": .string(hit.field),
                    "field_label": .string(fieldLabel(hit.field)),
                    "file": .string(hit.file),
                    "snippet": .string(snippet(hit, words: words)),
                    "text": .string(hit.text),
                ])
            }),
        ])
    }
}
