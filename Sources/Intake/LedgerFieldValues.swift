import Core
import Forms
import Foundation
import GRDB

/// Each submission's field values as SQLite JSON, so that IT staff can read the ledger with plain SQL.
///
/// The program reads fields back from `submission_fields.packed` (see `FieldPacking`: compact and fast);
/// beside it, `submission_fields.field_values` holds `{"field key": value, …}` (texts as strings,
/// numbers as numbers, a blank as null), and the view `field_values` lists one row per field of every
/// submission:
///
///     SELECT fiscal_year, org_name, project_name, value FROM field_values
///     WHERE field = 'org_comment' AND superseded_by IS NULL;
extension Ledger {
    static func registerFieldValues(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v9: field values as JSON, and the field_values view") { db in
            try db.execute(sql: "ALTER TABLE submission_fields ADD COLUMN field_values TEXT")
            // The submissions recorded before this version, from their packed fields.
            let update = try db.makeStatement(sql: "UPDATE submission_fields SET field_values = ? WHERE submission_id = ?")
            let rows = try Row.fetchAll(db, sql: "SELECT submission_id, packed FROM submission_fields")
            for row in rows {
                let id: Int64 = row[0]
                let packed: Data = row[1]
                let fields = try packed.withUnsafeBytes { try FieldPacking.unpack($0) }
                try update.execute(arguments: [fieldValuesJSON(fields), id])
            }
            try db.execute(sql: """
                CREATE VIEW field_values AS
                SELECT s.id AS submission_id, s.kind, s.fiscal_year, s.org_name, s.project_name, s.phase,
                       s.superseded_by, j.key AS field, j.value AS value
                FROM submissions s
                JOIN submission_fields f ON f.submission_id = s.id, json_each(f.field_values) j;
                """)
        }
    }

    /// `{"field key": value, …}`, keys in code-point order: what `field_values` holds for one submission.
    /// Written straight into bytes (no dictionary of JSON values per submission: `run` writes one per sheet).
    static func fieldValuesJSON(_ fields: [String: FieldReading]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(48 * fields.count)
        for (i, key) in fields.keys.sorted(by: ByteOrder.less).enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.encodeString(key, into: &out)
            out.append(UInt8(ascii: ":"))
            switch fields[key]!.value {
            case .blank: out.append(contentsOf: "null".utf8)
            case .text(let text), .unreadable(let text): JSONValue.encodeString(text, into: &out)
            case .integer(let n), .fiscalYear(let n), .yen(let n): out.append(contentsOf: String(n).utf8)
            case .decimal(let d): JSONValue.double(d).encode(into: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}
