import Core
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
    /// Submissions withdrawn (`furikaeri withdraw`): in no output.
    public var withdrawn = 0
    /// Exact duplicates received and not counted.
    public var duplicates = 0
    /// Files rejected whose sheets name this year, still waiting for a correction.
    public var rejected = 0
    /// Files rejected whose sheets name this year, corrected since by an accepted sheet.
    public var corrected = 0
    /// Projects expected to hand in a (final) reflection that have not.
    public var missing: [MissingReflection] = []
    /// Accepted files filed under this year only because they were received in it (their forms name
    /// no year, not even in the title, file name or folder), as dropped: for staff to check.
    public var filedByReceipt: [String] = []
}

/// A project with no final reflection yet for a fiscal year: the 未提出 list, saying what is
/// really there (a proposal, an interim sheet, a final sheet sent back and not yet corrected).
public struct MissingReflection: Equatable, Sendable {
    public var fiscalYear: Int
    public var orgName: String
    public var projectName: String
    /// A current 企画提案書 of the project was accepted.
    public var proposalReceived: Bool
    /// A current 中間 ふりかえりシート was accepted.
    public var interimReceived: Bool
    /// Final (or phase-less) reflection sheets of the project in rejected/, waiting for a correction
    /// (relative to the workspace).
    public var rejectedFinals: [String] = []
    var orgKey = ""
    var projectKey = ""

    public init(fiscalYear: Int, orgName: String, projectName: String, proposalReceived: Bool, interimReceived: Bool,
                rejectedFinals: [String] = []) {
        self.fiscalYear = fiscalYear
        self.orgName = orgName
        self.projectName = projectName
        self.proposalReceived = proposalReceived
        self.interimReceived = interimReceived
        self.rejectedFinals = rejectedFinals
    }

    /// What is there, as `status` words it (naming the rejected files).
    public var japaneseText: String { japaneseText(namingFiles: true) }

    /// What is there; the rejected final sheets are named only when `namingFiles` (not in the
    /// 未提出一覧, which may leave the office: file names can hold names, even anonymised).
    public func japaneseText(namingFiles: Bool) -> String {
        var parts: [String] = []
        if proposalReceived { parts.append("企画提案書あり") }
        if interimReceived { parts.append(proposalReceived || !rejectedFinals.isEmpty ? "中間ふりかえりシートあり" : "中間ふりかえりシートのみ") }
        if !rejectedFinals.isEmpty {
            parts.append("最終ふりかえりシートは差戻し中で訂正待ち"
                         + (namingFiles ? ": " + rejectedFinals.map(NameText.shown).joined(separator: "、") : ""))
        }
        return parts.joined(separator: "・")
    }

    /// As `status --lang en` words it.
    public var englishText: String {
        var parts: [String] = []
        if proposalReceived { parts.append("a proposal was received") }
        if interimReceived {
            parts.append(proposalReceived || !rejectedFinals.isEmpty ? "the interim reflection was received" : "only the interim reflection was received")
        }
        if !rejectedFinals.isEmpty {
            parts.append("the final reflection was sent back and awaits its correction: " + rejectedFinals.map(NameText.shown).joined(separator: ", "))
        }
        return parts.joined(separator: "; ")
    }

    /// Why it is expected, in Japanese, naming no file: the 未提出一覧's 理由.
    public var reason: String { japaneseText(namingFiles: false) }
}

extension Ledger {
    /// Figures per fiscal year, oldest first.
    public func yearStatuses() throws -> [YearStatus] {
        try queue.read { db in
            var byYear: [Int: YearStatus] = [:]
            func touch(_ year: Int) { if byYear[year] == nil { byYear[year] = YearStatus(fiscalYear: year) } }
            for row in try Row.fetchAll(db, sql: """
                SELECT fiscal_year, kind, superseded_by IS NULL AS current, withdrawn, COUNT(*) FROM submissions
                GROUP BY fiscal_year, kind, current, withdrawn
                """) {
                let year: Int = row[0]
                touch(year)
                let kind: String = row[1]
                // 第三者評価票 have their own lines (`evaluationReturns`).
                if kind == "evaluation" { continue }
                let current: Bool = row[2]
                let withdrawn: Bool = row[3]
                let count: Int = row[4]
                if withdrawn { byYear[year]!.withdrawn += count }
                else if !current { byYear[year]!.superseded += count }
                else if kind == "proposal" { byYear[year]!.proposals += count }
                else { byYear[year]!.reflections += count }
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT fiscal_year, outcome, COUNT(*) FROM files
                WHERE fiscal_year IS NOT NULL AND outcome = 'duplicate' GROUP BY fiscal_year, outcome
                """) {
                let year: Int = row[0]
                touch(year)
                byYear[year]!.duplicates += row[2]
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
            // Rejected files count while they wait for a correction, not once corrected.
            for rejection in try Self.rejections(db) {
                guard let year = rejection.fiscalYear else { continue }
                touch(year)
                if rejection.correctedBy == nil { byYear[year]!.rejected += 1 } else { byYear[year]!.corrected += 1 }
            }
            for missing in try Self.missingReflections(db) {
                touch(missing.fiscalYear)
                byYear[missing.fiscalYear]!.missing.append(missing)
            }
            return byYear.keys.sorted().map { byYear[$0]! }
        }
    }

    /// Rejected files whose year is not known (unreadable, not .xlsx, or no 実施年度), still waiting
    /// for a correction.
    public func rejectedWithoutYear() throws -> Int {
        try rejections().filter { $0.fiscalYear == nil && $0.correctedBy == nil }.count
    }

    /// The 未提出 list of one fiscal year.
    public func missingReflections(fiscalYear: Int) throws -> [MissingReflection] {
        try queue.read { db in try Self.missingReflections(db).filter { $0.fiscalYear == fiscalYear } }
    }

    /// Projects with a current proposal or interim reflection for a year, but no current final (or
    /// phase-less) reflection for that year, sorted by 団体名 and 事業名.
    static func missingReflections(_ db: Database) throws -> [MissingReflection] {
        let waiting = try rejections(db).filter { $0.correctedBy == nil }
        return try Row.fetchAll(db, sql: """
            SELECT e.fiscal_year, e.org_name, e.project_name,
                   MAX(CASE WHEN e.kind = 'proposal' THEN 1 ELSE 0 END) AS has_proposal,
                   MAX(CASE WHEN e.kind = 'reflection' THEN 1 ELSE 0 END) AS has_interim,
                   e.org_key, e.project_key
            FROM submissions e
            WHERE e.superseded_by IS NULL AND e.withdrawn = 0
              AND (e.kind = 'proposal' OR (e.kind = 'reflection' AND e.phase = '中間'))
              AND NOT EXISTS (
                SELECT 1 FROM submissions r
                WHERE r.superseded_by IS NULL AND r.withdrawn = 0 AND r.kind = 'reflection' AND r.phase IN ('最終', '')
                  AND r.fiscal_year = e.fiscal_year AND r.org_key = e.org_key AND r.project_key = e.project_key)
            GROUP BY e.fiscal_year, e.org_key, e.project_key
            ORDER BY e.fiscal_year, e.org_key, e.project_key
            """).map { row in
            var missing = MissingReflection(fiscalYear: row[0], orgName: row[1], projectName: row[2],
                                            proposalReceived: (row[3] as Int) == 1, interimReceived: (row[4] as Int) == 1)
            missing.orgKey = row[5]
            missing.projectKey = row[6]
            // Its final sheet sent back: a rejected reflection of the project, final or without a
            // phase, of this year (or stating none but received for it).
            missing.rejectedFinals = waiting.filter { rejection in
                rejection.sheets.contains { sheet in
                    sheet.kind == "reflection" && (sheet.phase == "最終" || sheet.phase.isEmpty)
                        && sheet.orgKey == missing.orgKey && sheet.projectKey == missing.projectKey
                        && (sheet.fiscalYear ?? rejection.fiscalYear) == missing.fiscalYear
                }
            }.map(\.storedPath)
            return missing
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
                WHERE sc.side = 'org' AND sc.score IS NOT NULL AND s.superseded_by IS NULL AND s.withdrawn = 0
                  AND s.kind = 'reflection' AND s.fiscal_year <= ?
                GROUP BY s.fiscal_year, sc.viewpoint
                """, arguments: [year]) {
                result[row[0], default: [:]][row[1]] = (row[2], row[3])
            }
            return result
        }
    }
}
