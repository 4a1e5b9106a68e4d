import Aggregation
import Reports
import Forms
import Foundation
import Validation
import XLSX

/// Measures how long the summary takes for many projects: synthetic validated files in memory,
/// then aggregation, CSV encoding and the workbook written to disk. Used by `make bench`
/// (`summary-bench`, not part of the `furikaeri` product).
public enum SummaryBenchmark {
    /// Seconds spent from validated files to every output file written.
    public struct Timing: Sendable {
        public var projects: Int
        public var aggregateSeconds: Double
        public var writeSeconds: Double
        /// Workbook writing and CSV encoding, which run side by side, and the renames.
        public var totalSeconds: Double { aggregateSeconds + writeSeconds }
        /// CPU time of the process over the same span: on a shared machine the wall clock also
        /// counts time spent waiting for a core.
        public var cpuSeconds: Double
        public var files: [String]
    }

    /// Runs once with `projects` reflections, each with a linked proposal carrying personal data.
    public static func run(projects: Int, outputDirectory: String, encoding: CSVEncoding = .utf8) throws -> Timing {
        let files = syntheticFiles(projects: projects)
        let cpuStart = processCPUSeconds()
        let start = DispatchTime.now()
        let report = try SummaryReport(files: files, options: ReportOptions(encoding: encoding, replaceUnencodable: true))
        let middle = DispatchTime.now()
        let written = try report.write(to: outputDirectory)
        let end = DispatchTime.now()
        let cpuEnd = processCPUSeconds()
        let seconds = { (a: DispatchTime, b: DispatchTime) in Double(b.uptimeNanoseconds - a.uptimeNanoseconds) / 1e9 }
        return Timing(projects: projects, aggregateSeconds: seconds(start, middle),
                      writeSeconds: seconds(middle, end), cpuSeconds: cpuEnd - cpuStart, files: written)
    }

    static func processCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Deterministic synthetic validated files: scores from a simple linear congruential sequence.
    public static func syntheticFiles(projects: Int) -> [FileResult] {
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        let departments = benchmarkDepartments
        let forms = ["委託", "共催", "事業協力", "補助・助成", "その他"]
        var files: [FileResult] = []
        files.reserveCapacity(projects * 2)
        for i in 0..<projects {
            let org = "NPO法人テスト団体\(i)", project = "地域の協働事業その\(i)"
            var fields: [String: FieldValue] = [
                "org_name": .text(org), "project_name": .text(project), "fiscal_year": .fiscalYear(2024),
                "phase": .text("最終"), "department": .text(departments[i % departments.count]),
                "org_comment": .text("今年度は地域の皆さんと一緒に\(i)回の活動を行い、参加者から好評を得た。来年度は周知を工夫したい。"),
                "city_comment": .text("団体の主体的な取組により事業が円滑に進んだ。引き続き連携していきたい。"),
                "outlook": .text("次年度も継続して実施する予定。"),
            ]
            for v in Viewpoint.allCases {
                fields["scores.\(v.rawValue)"] = .integer(1 + next(5))
                fields["city_scores.\(v.rawValue)"] = .integer(1 + next(5))
                if next(3) == 0 { fields["comments.\(v.rawValue)"] = .text("視点についてのコメント\(i)") }
            }
            files.append(file("bench/r\(i).xlsx", .reflection, fields))
            files.append(file("bench/p\(i).xlsx", .proposal, [
                "org_name": .text(org), "project_name": .text(project), "fiscal_year": .fiscalYear(2024),
                "category": .text(i % 2 == 0 ? "新規チャレンジ部門" : "継続ステップアップ部門"),
                "proposal_type": .text(i % 3 == 0 ? "テーマ設定型" : "自由テーマ型"),
                "collaboration_form": .text(forms[i % forms.count]), "year_number": .integer(1 + i % 3),
                "representative": .text("代表者\(i)"), "address": .text("東京都どこか市\(i)番地"),
                "phone": .text("03-0000-\(String(format: "%04d", i % 10000))"), "email": .text("rep\(i)@example.jp"),
            ]))
        }
        return files
    }

    static func file(_ path: String, _ kind: FormKind, _ values: [String: FieldValue]) -> FileResult {
        var fields: [String: FieldReading] = [:]
        for (row, (key, value)) in values.sorted(by: { $0.key < $1.key }).enumerated() {
            let raw: CellValue
            switch value {
            case .text(let s), .unreadable(let s): raw = .text(s)
            case .integer(let n), .yen(let n), .fiscalYear(let n): raw = .number(Double(n))
            case .decimal(let d): raw = .number(d)
            case .blank: raw = .empty
            }
            fields[key] = FieldReading(key: key, label: key, labelCell: nil, cell: CellReference(row: row, column: 2), raw: raw, value: value)
        }
        let form = ExtractedForm(sheet: "Sheet1", kind: kind, fields: fields)
        return FileResult(path: path, sha256: "", status: .valid, issues: [], forms: [ValidatedForm(form: form, issues: [])])
    }

    /// The default 担当課 list, repeated here so the benchmark needs no settings file.
    static let benchmarkDepartments = [
        "協働コミュニティ課", "文化振興課", "児童青少年課", "みどり公園課", "高齢者支援課",
        "環境保全課", "危機管理課", "健康課", "障害福祉課", "社会教育課",
    ]
}
