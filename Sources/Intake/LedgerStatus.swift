import Foundation
import GRDB

/// One fiscal year's figures for `status`.
public struct YearStatus: Equatable, Sendable {
    public var fiscalYear: Int
    /// Current reflection sheets (resubmissions counted once).
    public var reflections = 0
    /// Current proposals.
    public var proposals = 0
    /// Earlier versions replaced by a resubmission.
    public var superseded = 0
    /// Exact duplicates received and not counted.
    public var duplicates = 0
    /// Files rejected whose sheets name this year.
    public var rejected = 0
    /// Projects expected to hand in a (final) reflection that have not.
    public var missing: [MissingReflection] = []
    /// Accepted files filed under this year only because they were received in it (their forms name
    /// no year, not even in the title, file name or folder), as dropped: for staff to check.
    public var filedByReceipt: [String] = []
}

/// A project with no final reflection yet for a fiscal year: the 未提出 list.
public struct MissingReflection: Equatable, Sendable {
    public var fiscalYear: Int
    public var orgName: String
    public var projectName: String
    /// What makes its final reflection expected.
    public var basis: Basis

    /// A current 企画提案書, or an interim ふりかえりシート without a final one.
    public enum Basis: Equatable, Sendable {
        case proposal, interimReflection

        /// As the 未提出一覧 and `status` word it.
        public var japaneseText: String { self == .proposal ? "企画提案書あり" : "中間ふりかえりシートのみ" }
        /// As `status --lang en` words it.
        public var englishText: String {
            self == .proposal ? "a proposal was received" : "only the interim reflection was received"
        }
    }

    /// Why it is expected, in Japanese.
    public var reason: String { basis.japaneseText }
}

extension Ledger {
    /// Figures per fiscal year, oldest first.
    public func yearStatuses() throws -> [YearStatus] {
        try queue.read { db in
            var byYear: [Int: YearStatus] = [:]
            func touch(_ year: Int) { if byYear[year] == nil { byYear[year] = YearStatus(fiscalYear: year) } }
            for row in try Row.fetchAll(db, sql: """
                SELECT fiscal_year, kind, superseded_by IS NULL AS current, COUNT(*) FROM submissions
                GROUP BY fiscal_year, kind, current
                """) {
                let year: Int = row[0]
                touch(year)
                let kind: String = row[1]
                // 第三者評価票 have their own lines (`evaluationReturns`).
                if kind == "evaluation" { continue }
                let current: Bool = row[2]
                let count: Int = row[3]
                if !current { byYear[year]!.superseded += count }
                else if kind == "proposal" { byYear[year]!.proposals += count }
                else { byYear[year]!.reflections += count }
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT fiscal_year, outcome, COUNT(*) FROM files
                WHERE fiscal_year IS NOT NULL AND outcome IN ('duplicate', 'rejected') GROUP BY fiscal_year, outcome
                """) {
                let year: Int = row[0]
                touch(year)
                if (row[1] as String) == "duplicate" { byYear[year]!.duplicates += row[2] } else { byYear[year]!.rejected += row[2] }
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT fiscal_year, original_name FROM files
                WHERE outcome = 'accepted' AND fiscal_year_source = 'receipt' AND fiscal_year IS NOT NULL
                ORDER BY fiscal_year, original_name
                """) {
                let year: Int = row[0]
                touch(year)
                byYear[year]!.filedByReceipt.append(row[1])
            }
            for missing in try Self.missingReflections(db) {
                touch(missing.fiscalYear)
                byYear[missing.fiscalYear]!.missing.append(missing)
            }
            return byYear.keys.sorted().map { byYear[$0]! }
        }
    }

    /// Rejected files whose year is not known (unreadable, not .xlsx, or no 実施年度).
    public func rejectedWithoutYear() throws -> Int {
        try queue.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM files WHERE outcome IN ('rejected', 'not_xlsx') AND fiscal_year IS NULL") ?? 0
        }
    }

    /// The 未提出 list of one fiscal year.
    public func missingReflections(fiscalYear: Int) throws -> [MissingReflection] {
        try queue.read { db in try Self.missingReflections(db).filter { $0.fiscalYear == fiscalYear } }
    }

    /// Projects with a current proposal or interim reflection for a year, but no current final (or
    /// phase-less) reflection for that year, sorted by 団体名 and 事業名.
    static func missingReflections(_ db: Database) throws -> [MissingReflection] {
        try Row.fetchAll(db, sql: """
            SELECT e.fiscal_year, e.org_name, e.project_name,
                   MAX(CASE WHEN e.kind = 'proposal' THEN 1 ELSE 0 END) AS has_proposal
            FROM submissions e
            WHERE e.superseded_by IS NULL
              AND (e.kind = 'proposal' OR (e.kind = 'reflection' AND e.phase = '中間'))
              AND NOT EXISTS (
                SELECT 1 FROM submissions r
                WHERE r.superseded_by IS NULL AND r.kind = 'reflection' AND r.phase IN ('最終', '')
                  AND r.fiscal_year = e.fiscal_year AND r.org_key = e.org_key AND r.project_key = e.project_key)
            GROUP BY e.fiscal_year, e.org_key, e.project_key
            ORDER BY e.fiscal_year, e.org_key, e.project_key
            """).map { row in
            MissingReflection(fiscalYear: row[0], orgName: row[1], projectName: row[2],
                              basis: (row[3] as Int) == 1 ? .proposal : .interimReflection)
        }
    }

    /// Average organisation score per viewpoint and year, for the comparison with earlier years:
    /// `[year: [viewpoint: (average, count)]]`, current submissions only.
    public func averageScoresByYear(upTo year: Int) throws -> [Int: [String: (average: Double, count: Int)]] {
        try queue.read { db in
            var result: [Int: [String: (average: Double, count: Int)]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT s.fiscal_year, sc.viewpoint, AVG(sc.score), COUNT(sc.score)
                FROM scores sc JOIN submissions s ON s.id = sc.submission_id
                WHERE sc.side = 'org' AND sc.score IS NOT NULL AND s.superseded_by IS NULL
                  AND s.kind = 'reflection' AND s.fiscal_year <= ?
                GROUP BY s.fiscal_year, sc.viewpoint
                """, arguments: [year]) {
                result[row[0], default: [:]][row[1]] = (row[2], row[3])
            }
            return result
        }
    }
}
