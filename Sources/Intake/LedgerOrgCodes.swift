import Foundation
import GRDB

/// The organisations' anonymous codes (団体A01 …), allocated once per workspace and kept, so that
/// `report --anonymize` gives an organisation the same code in every year and every rerun.
extension Ledger {
    /// Adds the `org_codes` table: normalised 団体名 → code, each unique.
    static func registerOrgCodes(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("org codes: anonymous codes kept per workspace") { db in
            try db.execute(sql: """
                CREATE TABLE org_codes (
                    org_key TEXT PRIMARY KEY,           -- 団体名, NFKC without spaces
                    code TEXT NOT NULL UNIQUE           -- 団体A01 …
                );
                """)
        }
    }

    /// Every code given so far: normalised 団体名 → code.
    public func orgCodes() throws -> [String: String] {
        try queue.read { db in
            var codes: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT org_key, code FROM org_codes") { codes[row[0]] = row[1] }
            return codes
        }
    }

    /// Stores newly given codes; codes already stored are never changed.
    public func addOrgCodes(_ codes: [String: String]) throws {
        guard !codes.isEmpty else { return }
        try queue.write { db in
            for (key, code) in codes.sorted(by: { $0.value < $1.value }) {
                try db.execute(sql: "INSERT OR IGNORE INTO org_codes (org_key, code) VALUES (?, ?)", arguments: [key, code])
            }
        }
    }
}
