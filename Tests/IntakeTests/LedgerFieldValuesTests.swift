import Forms
import Foundation
import GRDB
@testable import Intake
import Testing
import TestSupport
import XLSX

/// The ledger read with plain SQL: `field_values` lists every field of every submission, for
/// sheets committed now and for those a ledger held before the view existed; Python's own sqlite3
/// module (a reader we did not write) sees the same rows.
struct LedgerFieldValuesTests {
    @Test func everyFieldOfEverySheetIsARowOfTheView() throws {
        let folder = try makeTemporaryDirectory("ledger-field-values")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ledger.sqlite").path
        let ledger = try Ledger(path: path)
        let runID = try ledger.beginRun(command: "run")
        try ledger.commit([LedgerScoresTests.entry(org: "会A", sha: "a1", scores: [1, 1, 1, 1, 1, 1, 1]),
                           LedgerScoresTests.entry(org: "会B", sha: "b", scores: [5, 4, nil, 2, 1, 5, 4])], runID: runID)
        try ledger.commit([LedgerScoresTests.entry(org: "会A", sha: "a2", scores: [3, 4, 5, 2, 3, 3, 2])], runID: runID)
        let sql = """
            SELECT org_name, value FROM field_values
            WHERE field = 'scores.effectiveness' AND superseded_by IS NULL ORDER BY org_name
            """
        let rows = try ledger.queue.read { db in try Row.fetchAll(db, sql: sql) }
        #expect(rows.map { "\($0[0] as String) \($0[1] as Int)" } == ["会A 3", "会B 5"])
        let unreadable = try ledger.queue.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM field_values WHERE org_name = '会B' AND field = 'scores.sharing'")
        }
        #expect(unreadable == "よい")
        let count = try ledger.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM field_values") }
        #expect(count == 3 * 18)

        let python = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            for org, value in db.execute(sys.argv[2]): print(org, value)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", python, path, sql]
        let oracle = try runCapturingOutput(process)
        #expect(oracle.status == 0, "\(String(decoding: oracle.stderr, as: UTF8.self))")
        #expect(String(decoding: oracle.stdout, as: UTF8.self) == "会A 3\n会B 5\n")
    }

    @Test func aLedgerFromBeforeTheViewGetsItsFieldValuesFilledIn() throws {
        let folder = try makeTemporaryDirectory("ledger-field-values-migration")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ledger.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try LedgerSchema.migrator.migrate(queue, upTo: "v8: comment and proposal texts searchable (FTS5 trigram)")
            try queue.write { db in
                try insertAcceptedReflections(db, count: 1)
                let fields: [String: FieldReading] = [
                    "org_comment": FieldReading(key: "org_comment", label: "団体のコメント", labelCell: nil,
                                                cell: CellReference(row: 20, column: 1), raw: .text("楽しかった"), value: .text("楽しかった")),
                    "scores.achievement": FieldReading(key: "scores.achievement", label: "達成度", labelCell: nil,
                                                       cell: CellReference(row: 9, column: 3), raw: .number(4), value: .integer(4)),
                    "outlook": FieldReading(key: "outlook", label: "今後の展望", labelCell: nil,
                                            cell: CellReference(row: 22, column: 1), raw: .empty, value: .blank),
                ]
                try db.execute(sql: "INSERT INTO submission_fields (submission_id, packed) VALUES (1, ?)",
                               arguments: [Data(FieldPacking.pack(fields))])
            }
        }
        let ledger = try Ledger(path: path)
        let rows = try ledger.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT field, value FROM field_values WHERE submission_id = 1 ORDER BY field")
        }
        #expect(rows.map { "\($0[0] as String)=\(($0[1] as DatabaseValue).description)" }
                == ["org_comment=\"楽しかった\"", "outlook=NULL", "scores.achievement=4"])
    }
}
