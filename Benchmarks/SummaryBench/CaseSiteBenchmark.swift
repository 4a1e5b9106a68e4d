import Aggregation
import Core
import Forms
import Foundation
import Reports
import Validation

/// Measures the 事例集 for many years of projects (`make bench`: 10 years × 200 projects): synthetic
/// reflections and proposals with texts of realistic length and vocabulary, aggregated, then every
/// file of the site made in memory. The caller writes them and reports the size.
public enum CaseSiteBenchmark {
    public struct Result {
        public var projects: Int
        /// Aggregation of every year (the `SummaryReport`).
        public var aggregateSeconds: Double
        /// Making every file of the site (pages, data.js and its bigram index).
        public var renderSeconds: Double
        public var files: [(path: String, data: Data)]
    }

    public static func run(years: Int, projectsPerYear: Int, language: Language = .ja) throws -> Result {
        let files = syntheticFiles(years: years, projectsPerYear: projectsPerYear)
        let start = DispatchTime.now()
        let report = try SummaryReport(files: files, options: ReportOptions(replaceUnencodable: true))
        let middle = DispatchTime.now()
        let site = CaseSite(report: report, language: language).files()
        let end = DispatchTime.now()
        let seconds = { (a: DispatchTime, b: DispatchTime) in Double(b.uptimeNanoseconds - a.uptimeNanoseconds) / 1e9 }
        return Result(projects: years * projectsPerYear, aggregateSeconds: seconds(start, middle),
                      renderSeconds: seconds(middle, end), files: site)
    }

    /// Phrases a comment or proposal is made of, several to a text, so that the texts share words as
    /// real ones do (広報, ボランティア, 参加者 …) and the bigram index has a realistic size.
    static let phrases = [
        "広報の方法を見直し、", "ボランティアの確保が課題となった。", "参加者アンケートでは満足度が高かった。",
        "地域の高齢者と子どもが交流する場をつくる。", "市の担当課との打合せを月に一度行った。", "SNSでの発信を強化したい。",
        "会場の確保に苦労した。", "次年度は周知の時期を早める。", "協働によって事業の幅が広がった。",
        "担い手の高齢化が進んでいる。", "町内会や自治会との連携が深まった。", "講座の参加者が前年より増えた。",
        "予算の執行に遅れがあった。", "目標とした参加者数を達成できなかった。", "障害のある人も参加しやすい工夫をした。",
        "外国籍の住民への多言語での案内を行った。", "防災意識の向上につながった。", "公園の清掃活動を定期的に実施した。",
        "子育て世帯の孤立を防ぐ。", "食品ロスの削減に取り組む。", "学校と連携して出前授業を行った。",
        "活動の記録を冊子にまとめた。", "新しいボランティアが十人加わった。", "市報とホームページで広報した。",
        "受益者の声を次の企画に生かす。", "役割分担を明確にしたことで準備が円滑に進んだ。", "継続のための資金確保が必要。",
        "地域課題の把握に時間がかかった。", "関係機関との情報共有を密にした。", "オンライン開催も併用した。",
    ]

    /// `years` fiscal years from 2016, `projectsPerYear` projects each (a reflection and a proposal),
    /// a third of them continuing from the year before under the same names.
    public static func syntheticFiles(years: Int, projectsPerYear: Int) -> [FileResult] {
        var seed: UInt64 = 7
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        func text(_ count: Int) -> String { (0..<count).map { _ in phrases[next(phrases.count)] }.joined() }
        let departments = SummaryBenchmark.benchmarkDepartments
        let forms = ["委託", "共催", "事業協力", "補助・助成", "その他"]
        var files: [FileResult] = []
        for y in 0..<years {
            let year = 2016 + y
            for i in 0..<projectsPerYear {
                // Every third project continues the one of the same number from the year before.
                let n = i % 3 == 0 && y > 0 ? i : y * projectsPerYear + i
                let org = "団体\(n)", project = "地域協働事業\(n)"
                var fields: [String: FieldValue] = [
                    "org_name": .text(org), "project_name": .text(project), "fiscal_year": .fiscalYear(year),
                    "phase": .text("最終"), "department": .text(departments[n % departments.count]),
                    "org_comment": .text(text(4)), "city_comment": .text(text(3)), "outlook": .text(text(2)),
                ]
                for v in Viewpoint.allCases {
                    fields["scores.\(v.rawValue)"] = .integer(1 + next(5))
                    fields["city_scores.\(v.rawValue)"] = .integer(1 + next(5))
                    if next(3) == 0 { fields["comments.\(v.rawValue)"] = .text(text(1)) }
                }
                files.append(SummaryBenchmark.file("bench/\(year)/r\(i).xlsx", .reflection, fields))
                files.append(SummaryBenchmark.file("bench/\(year)/p\(i).xlsx", .proposal, [
                    "org_name": .text(org), "project_name": .text(project), "fiscal_year": .fiscalYear(year),
                    "category": .text(i % 2 == 0 ? "新規チャレンジ部門" : "継続ステップアップ部門"),
                    "proposal_type": .text("自由テーマ型"), "collaboration_form": .text(forms[n % forms.count]),
                    "department": .text(departments[n % departments.count]), "year_number": .integer(1 + min(2, y) * (i % 3 == 0 ? 1 : 0)),
                    "local_issue": .text(text(3)), "purpose": .text(text(3)), "description": .text(text(5)),
                    "expected_effect": .text(text(3)), "org_role": .text(text(2)), "city_role": .text(text(1)),
                ]))
            }
        }
        return files
    }
}
