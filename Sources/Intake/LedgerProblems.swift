import Foundation
import GRDB

/// A file a run could not take, as the line `run` printed for it in either language.
public struct IntakeProblem: Equatable, Sendable {
    public var name: String
    public var japanese: String
    public var english: String

    public init(name: String, japanese: String, english: String) {
        self.name = name
        self.japanese = japanese
        self.english = english
    }
}

extension Ledger {
    /// Records what this run could not take (one row per file).
    public func recordProblems(_ problems: [IntakeProblem], runID: Int64) throws {
        guard !problems.isEmpty else { return }
        try queue.write { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO intake_problems (run_id, original_name, line_ja, line_en) VALUES (?, ?, ?, ?)")
            for problem in problems {
                try insert.execute(arguments: [runID, problem.name, problem.japanese, problem.english])
            }
        }
    }

    /// What the latest run could not take.
    public func latestRunProblems() throws -> [IntakeProblem] {
        try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT original_name, line_ja, line_en FROM intake_problems
                WHERE run_id = (SELECT MAX(id) FROM runs) ORDER BY rowid
                """).map { IntakeProblem(name: $0[0], japanese: $0[1], english: $0[2]) }
        }
    }
}
