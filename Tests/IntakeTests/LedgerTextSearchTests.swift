import Core
import Forms
import Foundation
import GRDB
@testable import Intake
import Testing
import TestSupport
import Validation
import XLSX

/// The ledger's searchable texts (FTS5 `submission_texts`): written with each submission, filled by
/// the migration from submissions recorded before it, searched as a substring scan would.
struct LedgerTextSearchTests {
    static func reading(_ key: String, _ value: FieldValue) -> FieldReading {
        FieldReading(key: key, label: key, labelCell: nil, cell: CellReference(row: 1, column: 1), raw: .text("\(value)"), value: value)
    }

    static func entry(sha: String, kind: FormKind, org: String, texts: [String: String]) -> LedgerEntry {
        var fields: [String: FieldReading] = [
            "org_name": reading("org_name", .text(org)), "project_name": reading("project_name", .text("事業")),
            "fiscal_year": reading("fiscal_year", .fiscalYear(2024)),
        ]
        if kind == .reflection { fields["phase"] = reading("phase", .text("最終")) }
        for (key, text) in texts { fields[key] = reading(key, .text(text)) }
        let form = ExtractedForm(sheet: "Sheet1", kind: kind, fields: fields)
        let result = FileResult(path: "\(sha).xlsx", sha256: sha, status: .valid, issues: [], forms: [ValidatedForm(form: form, issues: [])])
        return LedgerEntry(originalName: "\(sha).xlsx", sha256: sha, size: 1, receivedAt: Date(timeIntervalSince1970: 0),
                           outcome: .accepted, status: .valid, fiscalYear: 2024, storedPath: "archive/2024/\(sha).xlsx",
                           notePath: nil, duplicateOf: nil, result: result,
                           identities: [SubmissionIdentity(form: form, fallbackYear: 2024)])
    }

    /// Three sheets of 会A (a reflection replaced by a resubmission) and a proposal with personal data.
    static func filledLedger(_ path: String) throws -> Ledger {
        let ledger = try Ledger(path: path)
        let run = try ledger.beginRun(command: "run")
        try ledger.commit([
            entry(sha: "a1", kind: .reflection, org: "会A", texts: ["org_comment": "古い版の広報の工夫", "city_comment": "市も協力した"]),
            entry(sha: "p", kind: .proposal, org: "会A", texts: [
                "local_issue": "ＮＰＯと地域の広報が弱い", "purpose": "居場所をつくる", "representative": "山田太郎", "phone": "03-1234-5678",
            ]),
        ], runID: run)
        try ledger.commit([
            entry(sha: "a2", kind: .reflection, org: "会A", texts: [
                "org_comment": "広報を工夫し、ボランティアが増えた", "comments.achievement": "目標の広報回数を達成", "outlook": "npo と連携",
            ]),
        ], runID: run)
        return ledger
    }

    static func hits(_ ledger: Ledger, _ query: String) throws -> [String] {
        try ledger.searchTexts(words: SearchFolding.words(query)).map { "\($0.file) \($0.field) \($0.text)" }
    }

    @Test func currentTextsAreFoundAsASubstringScanFindsThem() throws {
        let folder = try makeTemporaryDirectory("ledger-search")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = try Self.filledLedger(folder.appendingPathComponent("ledger.sqlite").path)
        // The replaced reflection is left out; reflections before proposals, fields in the form's order.
        #expect(try Self.hits(ledger, "広報") == ["a2.xlsx org_comment 広報を工夫し、ボランティアが増えた",
                                                 "a2.xlsx comments.achievement 目標の広報回数を達成",
                                                 "p.xlsx local_issue ＮＰＯと地域の広報が弱い"])
        #expect(try Self.hits(ledger, "広報 ボランティア") == ["a2.xlsx org_comment 広報を工夫し、ボランティアが増えた"])
        // One- and two-character words (instr), width and case folded, three or more (FTS5).
        #expect(try Self.hits(ledger, "NPO") == ["a2.xlsx outlook npo と連携", "p.xlsx local_issue ＮＰＯと地域の広報が弱い"])
        #expect(try Self.hits(ledger, "np") == ["a2.xlsx outlook npo と連携", "p.xlsx local_issue ＮＰＯと地域の広報が弱い"])
        #expect(try Self.hits(ledger, "居").count == 1)
        #expect(try Self.hits(ledger, "古い版").isEmpty)
        // Personal fields are never indexed.
        #expect(try Self.hits(ledger, "山田").isEmpty && (try Self.hits(ledger, "1234")).isEmpty)
        // A quote inside a word is a character to find, not FTS5 syntax.
        #expect(try Self.hits(ledger, "\"広報\" OR").isEmpty)
        let hit = try #require(try ledger.searchTexts(words: ["居場所"]).first)
        #expect(hit.projectID.hasPrefix("R6-") && hit.kind == "proposal" && hit.phase == "")
        #expect(Ledger.searchMethod(words: ["広報"]) == "instr" && Ledger.searchMethod(words: ["ボランティア"]) == "fts5"
                && Ledger.searchMethod(words: ["広報", "ボランティア"]) == "fts5+instr")
    }

    @Test func theMigrationFillsTheTableFromSubmissionsRecordedBeforeIt() throws {
        let folder = try makeTemporaryDirectory("ledger-search-migration")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ledger.sqlite").path
        let before = try Self.hits(try Self.filledLedger(path), "広報")
        // As a ledger of the previous version: no table, the migration not yet applied.
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: "DROP TABLE submission_texts")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v8:%'")
            }
        }
        let reopened = try Ledger(path: path)
        #expect(try Self.hits(reopened, "広報") == before)
        let rows = try reopened.queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM submission_texts") ?? 0 }
        #expect(rows == 2 + 2 + 3, "every non-blank searchable text of every submission, replaced ones included")
    }
}
