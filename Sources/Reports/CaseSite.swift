import Aggregation
import Core
import Forms
import Foundation
import Validation

/// The 事例集: a static site of every accepted project across the years, opened by double-click
/// (file://) from a shared folder. No server, no network, nothing outside its own folder:
///
/// - `index.html`: the list with filters, sorting and search (`index.html#q=広報`, or `?q=`);
/// - `site.css`, `site.js`: the one style sheet and script, beside it;
/// - `data.js`: the projects, their texts and a character-bigram index of the texts, assigned to a
///   global (`fetch()` of a file:// URL is refused by Chrome, a script is not);
/// - `projects/<年度>-<n>.html`: the pages of up to `projectsPerFile` projects of one year, each
///   project an `<article id="<事業ID>">` of its own, readable without any script. A project's address
///   is `projects/<年度>-<n>.html#<事業ID>`: the style sheet then shows that project alone (and prints
///   it alone); without a fragment the file shows all its projects. Thousands of projects thus make
///   hundreds of files, not thousands (creating and later removing a file is what costs most when a
///   large site is written again on every run).
///
/// Built from a `SummaryReport` (every year, records already masked, and anonymised with
/// `--anonymize`): what the summary workbooks show, the site shows; nothing else (no file or sheet
/// names). The caller writes the files (`CaseSiteFolder` in Intake: durably, the folder replaced as a
/// whole).
public struct CaseSite: Sendable {
    /// The folder's name in an output folder.
    public static let folderName = "事例集"
    /// The anonymised site's folder beside it, for `report --anonymize` and the `publish` setting.
    public static let publicFolderName = "事例集_公開用"

    public var language: Language
    /// 第三者 (third-party evaluators') scores of a project page: the evaluators' mean per viewpoint,
    /// from the report's 第三者評価 (`SummaryReport.thirdParty`), shown as a third series in the chart
    /// and table. Nil, or nil for a project, shows 団体 and 市 only.
    public var thirdPartyScores: (@Sendable (_ projectID: String) -> [Viewpoint: Double]?)?

    let projects: [SiteProject]
    let paths: [ProjectKey: ProjectPath]
    /// Each project's pages, by year: the file (in `projects/`) and the 事業ID.
    let pagesByKey: [ProjectKey: [(year: Int, id: String, file: String)]]
    /// The files of `projects/`, in order, each with the indices (in `projects`) of its projects.
    let pageFiles: [(name: String, projects: [Int])]

    /// How many projects one file of `projects/` holds at most: ~170 KB of HTML.
    public static let projectsPerFile = 25
    let anonymized: Bool

    /// One project in one fiscal year: its reflections (中間 and 最終) and its proposal.
    struct SiteProject {
        var id: String
        var year: Int
        var key: ProjectKey
        var rows: [ProjectRow]
        var proposal: ProposalRecord?

        var orgName: String { rows.last?.submission.orgName ?? proposal?.orgName ?? "" }
        var projectName: String { rows.last?.submission.projectName ?? proposal?.projectName ?? "" }
        var department: String { rows.last?.department ?? proposal?.department ?? "" }
        /// The row whose scores stand for the year: the closing one, else the 中間.
        var main: ProjectRow? { rows.last { $0.submission.phase.closesYear } ?? rows.last }
        /// The name of its file in `projects/` (`<年度>-<n>.html`), set once the projects are known.
        var file = ""
        /// Its address from the site's folder.
        var page: String { "projects/\(file)#\(id)" }
    }

    /// The site of `report`'s years (`report.summaries`), or with `allYears` of every year it
    /// aggregated (`report.allSummaries`, also when it was made for one year's outputs).
    public init(report: SummaryReport, language: Language, allYears: Bool = false) {
        self.language = language
        anonymized = report.redactor.anonymizer != nil
        var projects: [SiteProject] = []
        let summaries = allYears ? report.allSummaries : report.summaries
        // 第三者評価: each evaluated project's evaluators' mean per viewpoint, the chart's third series.
        var third: [String: [Viewpoint: Double]] = [:]
        for summary in summaries {
            for evaluated in report.thirdParty(summary).projects {
                var means: [Viewpoint: Double] = [:]
                for v in Viewpoint.allCases { if let mean = evaluated.mean(v) { means[v] = mean } }
                if !means.isEmpty { third[evaluated.projectID] = means }
            }
        }
        if !third.isEmpty {
            let means = third
            thirdPartyScores = { means[$0] }
        }
        for summary in summaries {
            var byKey: [ProjectKey: Int] = [:]
            for row in summary.reflections {
                let key = row.submission.projectKey
                if let i = byKey[key] {
                    projects[i].rows.append(row)
                } else {
                    byKey[key] = projects.count
                    projects.append(SiteProject(id: row.projectID, year: summary.fiscalYear, key: key, rows: [row],
                                                proposal: row.proposal))
                }
            }
            // Proposals without any reflection yet: listed too, their texts searchable.
            for missing in summary.missingReflections {
                guard let proposal = missing.proposal, byKey[proposal.projectKey] == nil else { continue }
                byKey[proposal.projectKey] = projects.count
                projects.append(SiteProject(id: missing.projectID, year: summary.fiscalYear, key: proposal.projectKey,
                                            rows: [], proposal: proposal))
            }
        }
        for i in projects.indices { projects[i].rows.sort { $0.submission.phase < $1.submission.phase } }
        // Each year's projects, in the order listed, `projectsPerFile` to a file.
        var files: [(name: String, projects: [Int])] = []
        var countByYear: [Int: Int] = [:]
        for i in projects.indices {
            let year = projects[i].year, n = countByYear[year, default: 0]
            countByYear[year] = n + 1
            if n % Self.projectsPerFile == 0 {
                let number = String(n / Self.projectsPerFile + 1)
                files.append(("\(year)-\(String(repeating: "0", count: max(0, 3 - number.count)))\(number).html", []))
            }
            files[files.count - 1].projects.append(i)
            projects[i].file = files[files.count - 1].name
        }
        pageFiles = files
        self.projects = projects
        var years: [ProjectKey: [(year: Int, id: String, file: String)]] = [:]
        for project in projects { years[project.key, default: []].append((project.year, project.id, project.file)) }
        pagesByKey = years
        var paths: [ProjectKey: ProjectPath] = [:]
        for path in report.crossYear.paths { paths[path.key] = path }
        self.paths = paths
    }

    /// Every file of the site: path relative to the site's folder, and its bytes; index.html, site.css,
    /// site.js and data.js, then the project pages.
    public func files() -> [(path: String, data: Data)] {
        let made = MadeFiles()
        try? forEachFileConcurrently { path, produce in  // collecting never throws
            var data = Data()
            try produce { data.append($0) }
            made.add(path, data)
        }
        let byPath = made.all
        return (["index.html", "site.css", "site.js", "data.js"] + pageFiles.map { "projects/\($0.name)" }).compactMap { path in
            byPath[path].map { (path: path, data: $0) }
        }
    }

    /// A file's bytes, made piece by piece: it hands each piece, in order, to the `write` it is given.
    public typealias FileProducer = (_ write: (Data) throws -> Void) throws -> Void

    /// Hands every file of the site to `body` (path relative to the site's folder, and the producer of
    /// its bytes, which `body` calls once), each on one of several threads at once, so `body` must be
    /// safe to call concurrently: the pages' writing shares the cores with their rendering (and with
    /// data.js's index), no more pages are in memory than there are threads (never the pages of
    /// thousands of projects at once), and data.js (26 MB for 10,000 projects) is handed over a piece
    /// at a time as it is made. After the first error `body` throws, the files not yet begun are
    /// skipped, and that error is thrown once every thread is done.
    public func forEachFileConcurrently(_ body: @Sendable (_ path: String, _ produce: FileProducer) throws -> Void) throws {
        let text = CaseSiteText(language: language)
        let pages = CaseSitePages(site: self, text: text)
        // data.js first: the largest single file, begun while the other threads render pages.
        let shared: [(path: String, produce: @Sendable (_ write: (Data) throws -> Void) throws -> Void)] = [
            ("data.js", { try CaseSiteSearchData(projects: projects, text: text).javaScript(into: $0) }),
            ("index.html", { try $0(Data(pages.index().utf8)) }),
            ("site.css", { try $0(Data(CaseSiteAssets.css.utf8)) }),
            ("site.js", { try $0(Data(CaseSiteAssets.javaScript.utf8)) }),
        ]
        let failure = FirstFailure()
        _ = Parallel.map(count: shared.count + pageFiles.count) { i -> Bool in
            guard !failure.happened else { return false }
            do {
                if i < shared.count {
                    try body(shared[i].path, shared[i].produce)
                } else {
                    let file = pageFiles[i - shared.count]
                    try body("projects/\(file.name)") { write in
                        try write(Data(pages.projectsFile(file.projects.map { projects[$0] }).utf8))
                    }
                }
            } catch {
                failure.keep(error)
            }
            return true
        }
        if let error = failure.error { throw error }
    }

    /// Pages of the same project in other years, by year.
    func otherYears(of project: SiteProject) -> [(year: Int, id: String, file: String)] {
        (pagesByKey[project.key] ?? []).filter { $0.year != project.year }
    }
}

/// The files `files()` collects from several threads.
private final class MadeFiles: @unchecked Sendable {  // `byPath` is guarded by `lock`
    private let lock = NSLock()
    private var byPath: [String: Data] = [:]

    var all: [String: Data] { lock.withLock { byPath } }

    func add(_ path: String, _ data: Data) {
        lock.withLock { byPath[path] = data }
    }
}

/// The first error of work done on several threads.
private final class FirstFailure: @unchecked Sendable {  // `first` is guarded by `lock`
    private let lock = NSLock()
    private var first: Error?

    var error: Error? { lock.withLock { first } }
    var happened: Bool { error != nil }

    func keep(_ error: Error) {
        lock.withLock { if first == nil { first = error } }
    }
}

/// The site's words in the run's language: Japanese by default, English with `--lang en`.
struct CaseSiteText {
    var language: Language

    func t(_ ja: String, _ en: String) -> String { language == .en ? en : ja }

    var htmlLang: String { t("ja", "en") }
    var siteTitle: String { t("協働事業 事例集", "Collaborative projects: case collection") }
    var skipToContent: String { t("本文へ移動", "Skip to content") }
    var searchHeading: String { t("事例を探す", "Find cases") }
    var searchLabel: String { t("コメント・企画提案書の文章から検索", "Search the comments and proposals") }
    var searchHint: String { t("例: 広報、ボランティア（空白で区切った語は、すべてを含む文章を探します）",
                               "Type a word of the comments or proposals; words separated by spaces must all occur in one text") }
    var searchButton: String { t("検索", "Search") }
    var clear: String { t("条件をクリア", "Clear") }
    var filters: String { t("絞り込み", "Filters") }
    var all: String { t("すべて", "All") }
    var year: String { t("年度", "Fiscal year") }
    var department: String { t("担当課", "Department") }
    var collaborationForm: String { t("協働の形態", "Form of collaboration") }
    var category: String { t("募集区分", "Category") }
    var phase: String { t("中間/最終", "Interim/final") }
    var sort: String { t("並べ替え", "Sort by") }
    var sortYearDesc: String { t("年度（新しい順）", "Fiscal year (newest first)") }
    var sortYearAsc: String { t("年度（古い順）", "Fiscal year (oldest first)") }
    var sortName: String { t("事業名", "Project name") }
    var sortMeanDesc: String { t("平均評価（高い順）", "Mean score (highest first)") }
    var sortMeanAsc: String { t("平均評価（低い順）", "Mean score (lowest first)") }
    var listHeading: String { t("事業の一覧", "Projects") }
    var projectID: String { t("事業ID", "Project ID") }
    var orgName: String { t("団体名", "Organisation") }
    var projectName: String { t("事業名", "Project") }
    var mean: String { t("平均", "Mean") }
    var cityMean: String { t("市の平均", "City's mean") }
    var matches: String { t("該当箇所", "Matches") }
    var noScript: String { t("一覧と検索には JavaScript が必要です。各事業のページ（projects フォルダ）は JavaScript なしで読めます。",
                             "The list and the search need JavaScript. Each project's page (the projects folder) reads without it.") }
    var backToList: String { t("事例集の一覧へ戻る", "Back to the list") }
    var facts: String { t("基本情報", "Facts") }
    var category2: String { t("募集の種類", "Proposal type") }
    var theme: String { t("テーマ", "Theme") }
    var yearNumber: String { t("継続年数", "Year of continuation") }
    var reflections: String { t("ふりかえり", "Reflections") }
    var scores: String { t("評価", "Scores") }
    var viewpoint: String { t("視点", "Viewpoint") }
    var orgSide: String { t("団体", "Organisation") }
    var citySide: String { t("市", "City") }
    var thirdParty: String { t("第三者", "Third party") }
    var comments: String { t("コメント", "Comments") }
    var orgComment: String { t("団体のコメント（今後に向けての課題・改善策・要望など）", "Organisation's comment (issues, improvements, requests)") }
    var orgCommentShort: String { t("団体のコメント", "Organisation's comment") }
    var cityComment: String { t("市のコメント", "City's comment") }
    var outlook: String { t("今後の展望", "Outlook") }
    var proposal: String { t("企画提案書", "Proposal") }
    var localIssue: String { t("地域課題", "Local issue") }
    var purpose: String { t("事業の目的", "Purpose") }
    var description: String { t("事業内容", "Description") }
    var expectedEffect: String { t("期待される効果", "Expected effect") }
    var orgRole: String { t("団体の役割", "Organisation's role") }
    var cityRole: String { t("市の役割", "City's role") }
    var noProposal: String { t("この年度の企画提案書はありません。", "No proposal for this year.") }
    var noReflection: String { t("この年度のふりかえりシートはまだありません。", "No reflection sheet for this year yet.") }
    var pathHeading: String { t("これまでの歩み", "Over the years") }
    var noPath: String { t("他の年度の記録はありません。", "No other year is recorded.") }
    var thisYear: String { t("（この年度）", "(this year)") }
    var notStated: String { t("記載なし", "not stated") }
    var chartTitle: String { t("視点別の評価（5段階）", "Scores by viewpoint (1 to 5)") }
    var proposalOnly: String { t("提案のみ", "Proposal only") }
    var anonymizedNote: String { t("この事例集は公開用です。団体名は記号に置き換えています。",
                                   "This collection is for publication: organisation names are replaced by codes.") }
    func resultCount(_ n: Int) -> String { t("\(n)件", "\(n) project(s)") }

    func yearLabel(_ year: Int) -> String { language == .en ? "FY\(year)" : FiscalYearLabel.japanese(year) }

    func phaseLabel(_ phase: Phase) -> String {
        switch phase {
        case .interim: return t("中間", "Interim")
        case .final: return t("最終", "Final")
        case .unspecified: return t("最終（時期の記載なし）", "Final (phase not stated)")
        }
    }

    /// The filter value of a phase: 中間 or 最終 (a sheet that states none closes the year).
    func phaseFilter(_ phase: Phase) -> String { phase == .interim ? t("中間", "Interim") : t("最終", "Final") }

    func viewpointLabel(_ viewpoint: Viewpoint) -> String {
        language == .en ? "\(viewpoint.number). \(viewpoint.englishName)" : viewpoint.label
    }

    func viewpointComment(_ viewpoint: Viewpoint) -> String {
        t("\(viewpoint.label)のコメント", "Comment on \(viewpoint.number). \(viewpoint.englishName)")
    }

    func of(_ label: String, phase: Phase) -> String { t("\(label)（\(phaseFilter(phase))）", "\(label) (\(phaseFilter(phase).lowercased()))") }

    func ofProposal(_ label: String) -> String { t("\(label)（企画提案書）", "\(label) (proposal)") }

    func mean(_ value: Double?) -> String { value.map { Self.fixed($0, digits: 2) } ?? "—" }

    /// A non-negative number with `digits` (1 or 2) decimals, as `%.2f` writes it, without Foundation's
    /// formatter (thousands of pages each write a dozen).
    static func fixed(_ value: Double, digits: Int) -> String {
        let scale = digits == 1 ? 10 : 100
        let n = Int((value * Double(scale)).rounded())
        let fraction = String(n % scale)
        return "\(n / scale)." + String(repeating: "0", count: (digits == 1 ? 1 : 2) - fraction.count) + fraction
    }
}
