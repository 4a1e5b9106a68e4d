import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// A statement of the ledger's commit (INSERT or UPDATE) prepared once per commit and run row after row,
/// its values bound straight into SQLite.
///
/// Why not `db.execute(sql:arguments:)`: a sheet makes ~45 rows, and GRDB's arguments box every value
/// (an array of existentials turned into `DatabaseValue`s, strings bound through nested closures) and
/// look the statement up by its SQL text each time. That cost as much as SQLite's own work. The
/// statement still belongs to GRDB (`cachedStatement`), inside GRDB's transaction.
struct PreparedInsert {
    private let statement: Statement
    private let database: Database

    /// Prepares `sql` (or takes it from the connection's cache).
    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        database = db
    }

    /// Binds the values that `bind` adds, in order of the statement's `?`, and runs the statement once.
    func run(_ bind: (inout Bindings) -> Void) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        var bindings = Bindings(handle: handle)
        bind(&bindings)
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let message = database.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
        sqlite3_reset(handle)
    }

    /// The values of one run, bound left to right (SQLite copies text, so nothing outlives the call).
    struct Bindings {
        fileprivate let handle: SQLiteStatement
        private var index: CInt = 1

        fileprivate init(handle: SQLiteStatement) {
            self.handle = handle
        }

        mutating func add(_ value: String?) {
            if let value {
                _ = value.withCString { sqlite3_bind_text(handle, index, $0, -1, transient) }
            } else {
                sqlite3_bind_null(handle, index)
            }
            index += 1
        }

        mutating func add(_ value: Int64?) {
            if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
            index += 1
        }

        mutating func add(_ value: Int?) {
            add(value.map(Int64.init))
        }

        mutating func add(_ bytes: [UInt8]) {
            _ = bytes.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1), CInt($0.count), transient) }
            index += 1
        }

        mutating func add(_ value: Double?) {
            if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
            index += 1
        }
    }
}

/// SQLite's "copy the bytes now" destructor, which the C header spells as a cast of -1.
private let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
