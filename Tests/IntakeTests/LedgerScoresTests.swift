import Forms
import Foundation
import GRDB
@testable import Intake
import Testing
import TestSupport
import Validation
import XLSX

/// The ledger's `scores` table: one row per score of each accepted sheet, queryable in SQL.
struct LedgerScoresTests {
    static let viewpoints = ["effectiveness", "purpose", "sharing", "roles", "process", "achievement", "outlook"]

    /// A reflection of 団体 `org` whose viewpoint scores are `scores` (org side) and 3 on the city side;
    /// a nil score is a cell that could not be read.
    static func entry(org: String, sha: String, scores: [Int?]) -> LedgerEntry {
        func reading(_ key: String, _ value: FieldValue) -> FieldReading {
            FieldReading(key: key, label: key, labelCell: nil, cell: CellReference(row: 1, column: 1),
                         raw: .text("\(value)"), value: value)
        }
        var fields: [String: FieldReading] = [
            "org_name": reading("org_name", .text(org)),
            "project_name": reading("project_name", .text("事業")),
            "fiscal_year": reading("fiscal_year", .fiscalYear(2024)),
            "phase": reading("phase", .text("最終")),
        ]
        for (viewpoint, score) in zip(viewpoints, scores) {
            fields["scores.\(viewpoint)"] = reading("scores.\(viewpoint)", score.map(FieldValue.integer) ?? .unreadable("よい"))
            fields["city_scores.\(viewpoint)"] = reading("city_scores.\(viewpoint)", .integer(3))
        }
        let form = ExtractedForm(sheet: "Sheet1", kind: .reflection, fields: fields)
        let result = FileResult(path: "\(sha).xlsx", sha256: sha, status: .valid, issues: [],
                                forms: [ValidatedForm(form: form, issues: [])])
        return LedgerEntry(originalName: "\(sha).xlsx", sha256: sha, size: 1, receivedAt: Date(timeIntervalSince1970: 0),
                           outcome: .accepted, status: .valid, fiscalYear: 2024, storedPath: "archive/2024/\(sha).xlsx",
                           notePath: nil, duplicateOf: nil, result: result,
                           identities: [SubmissionIdentity(form: form, fallbackYear: 2024)])
    }

    @Test func everyScoreOfEverySheetIsARowAndAveragesLeaveOutUnreadableAndSupersededOnes() throws {
        let folder = try makeTemporaryDirectory("ledger-scores")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = try Ledger(path: folder.appendingPathComponent("ledger.sqlite").path)
        let runID = try ledger.beginRun(command: "run")
        // Seven scores each side; a sheet with three rows only; a resubmission of 会A replacing its first sheet.
        try ledger.commit([Self.entry(org: "会A", sha: "a1", scores: [1, 1, 1, 1, 1, 1, 1]),
                           Self.entry(org: "会B", sha: "b", scores: [5, 4, nil, 2, 1, 5, 4]),
                           Self.entry(org: "会C", sha: "c", scores: [2, 2, 2])], runID: runID)
        try ledger.commit([Self.entry(org: "会A", sha: "a2", scores: [3, 4, 5, 2, 3, 3, 2])], runID: runID)

        let rows = try ledger.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT submission_id, side, viewpoint, score FROM scores ORDER BY submission_id, side, viewpoint")
        }
        #expect(rows.count == 14 + 14 + 6 + 14)
        let unreadable = rows.filter { ($0[3] as Int?) == nil }
        #expect(unreadable.count == 1 && unreadable[0][1] == "org" && unreadable[0][2] == "sharing")
        #expect(rows.filter { ($0[0] as Int64) == 3 }.map { $0[2] as String } == ["effectiveness", "purpose", "sharing",
                                                                                   "effectiveness", "purpose", "sharing"])

        let averages = try #require(try ledger.averageScoresByYear(upTo: 2024)[2024])
        // Current sheets only: 会A's second (not its first), 会B, 会C.
        #expect(averages["effectiveness"]?.average == (3.0 + 5 + 2) / 3 && averages["effectiveness"]?.count == 3)
        #expect(averages["sharing"]?.average == (5.0 + 2) / 2 && averages["sharing"]?.count == 2)
        #expect(averages["outlook"]?.average == (2.0 + 4) / 2 && averages["outlook"]?.count == 2)
        #expect(try ledger.averageScoresByYear(upTo: 2023).isEmpty)
    }

    @Test func aVersionTwoLedgerKeepsItsScoresWhenTheyAreKeyedBySubmissionSideAndViewpoint() throws {
        let folder = try makeTemporaryDirectory("ledger-v2")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ledger.sqlite").path
        let scores: [(Int64, String, String, Int?)] = [(1, "org", "purpose", 4), (1, "city", "purpose", nil),
                                                         (2, "org", "outlook", 2)]
        do {
            let queue = try DatabaseQueue(path: path)
            try LedgerSchema.migrator.migrate(queue, upTo: "v2: fields packed one row per submission")
            try queue.write { db in
                try insertAcceptedReflections(db, count: 2)
                for (id, side, viewpoint, score) in scores {
                    try db.execute(sql: "INSERT INTO scores (submission_id, side, viewpoint, score) VALUES (?, ?, ?, ?)",
                                   arguments: [id, side, viewpoint, score])
                }
            }
        }
        let ledger = try Ledger(path: path)
        let (rows, definition, indexes) = try ledger.queue.read { db in
            (try Row.fetchAll(db, sql: "SELECT submission_id, side, viewpoint, score FROM scores ORDER BY submission_id, side DESC"),
             try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'scores'") ?? "",
             try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'scores' AND sql IS NOT NULL"))
        }
        #expect(rows.map { "\($0[0] as Int64) \($0[1] as String) \($0[2] as String) \(($0[3] as Int?).map(String.init) ?? "NULL")" }
                == ["1 org purpose 4", "1 city purpose NULL", "2 org outlook 2"])
        #expect(definition.contains("WITHOUT ROWID") && definition.contains("PRIMARY KEY (submission_id, side, viewpoint)"))
        #expect(indexes.isEmpty)
    }
}
