import Forms
import Foundation
import GRDB
@testable import Intake
import Testing
import TestSupport
import XLSX

/// Packed fields read back as the ledger's v1 field rows read back, and v1 ledgers are converted.
struct FieldPackingTests {
    /// Fields of every value kind, with and without label cell, text and normalisation.
    static let fields: [String: FieldReading] = {
        let cells: [(String, CellValue, FieldValue, String?)] = [
            ("org_name", .text("ＮＰＯ法人　みどり"), .text("NPO法人 みどり"), "全角を半角にしました"),
            ("scores.achievement", .number(4), .integer(4), nil),
            ("city_scores.achievement", .text("４点"), .unreadable("４点"), nil),
            ("fiscal_year", .text("令和6年度"), .fiscalYear(2024), nil),
            ("total_cost", .number(1_234_567.5), .yen(1_234_567), nil),
            ("year_number", .bool(true), .decimal(0.1 + 0.2), nil),
            ("outlook", .empty, .blank, nil),
            ("phase", .error("#N/A"), .text(""), ""),
            ("department", .dateTime(ExcelDateTime(serial: 45_383.25, is1904: false, isoText: "2024-04-01T06:00:00")), .text("x"), nil),
            ("purpose", .dateTime(ExcelDateTime(serial: -1.5, is1904: true, isoText: nil)), .integer(-7), nil),
        ]
        var fields: [String: FieldReading] = [:]
        for (index, (key, raw, value, normalisation)) in cells.enumerated() {
            fields[key] = FieldReading(key: key, label: "ラベル\(index)", labelCell: index % 2 == 0 ? nil : CellReference(row: index, column: 2),
                                       cell: CellReference(row: 1_048_575 - index, column: 16_383 - index),
                                       raw: raw, value: value, normalisation: normalisation)
        }
        return fields
    }()

    /// What the v1 `fields` columns gave back for a reading.
    static func throughColumns(_ reading: FieldReading) -> FieldReading {
        let raw = LedgerCoding.encode(reading.raw), value = LedgerCoding.encode(reading.value)
        return FieldReading(key: reading.key, label: reading.label, labelCell: reading.labelCell, cell: reading.cell,
                            raw: LedgerCoding.decodeRaw(kind: raw.kind, text: raw.text, number: raw.number),
                            value: LedgerCoding.decodeValue(kind: value.kind, text: value.text, number: value.number),
                            normalisation: reading.normalisation)
    }

    @Test func packedFieldsReadBackAsFieldRowsDid() throws {
        let packed = FieldPacking.pack(Self.fields)
        let unpacked = try packed.withUnsafeBytes { try FieldPacking.unpack($0) }
        #expect(unpacked == Self.fields.mapValues(Self.throughColumns))
        #expect(try [UInt8]([1, 0]).withUnsafeBytes { try FieldPacking.unpack($0) }.isEmpty)
    }

    @Test func formsReadWithOnePoolShareTheirRepeatedLabelsAndKeepTheirOwnDifferentOnes() throws {
        let long = "①協働の有効性（団体の評価、5段階）"
        func fields(label: String, note: String?) -> [String: FieldReading] {
            ["scores.effectiveness": FieldReading(key: "scores.effectiveness", label: label, labelCell: nil,
                                                  cell: CellReference(row: 7, column: 3), raw: .number(4), value: .integer(4),
                                                  normalisation: note)]
        }
        let forms = [fields(label: long, note: "全角を半角にしました（長い注記です）"), fields(label: long, note: nil),
                     fields(label: "①協働の有効性", note: "全角を半角にしました（長い注記です）"), fields(label: long, note: "別の注記")]
        var pool = FieldPacking.TextPool()
        let read = try forms.map { form in try FieldPacking.pack(form).withUnsafeBytes { try FieldPacking.unpack($0, pool: &pool) } }
        #expect(read == forms.map { $0.mapValues(Self.throughColumns) })
        func address(_ text: String?) -> UnsafePointer<UInt8>? {
            var text = text ?? ""
            return text.withUTF8 { $0.baseAddress }
        }
        let labels = read.map { $0["scores.effectiveness"]?.label }
        #expect(address(labels[0]) == address(labels[1]) && address(labels[1]) != address(labels[2]))
        #expect(labels[3] == long)
    }

    @Test func aTextReadAsTypedIsStoredOnce() throws {
        let comment = String(repeating: "地域の課題に沿った取り組みでした。", count: 10)
        let fields = ["org_comment": FieldReading(key: "org_comment", label: "団体のコメント", labelCell: nil,
                                                  cell: CellReference(row: 15, column: 3), raw: .text(comment), value: .text(comment))]
        let packed = FieldPacking.pack(fields)
        #expect(packed.count < comment.utf8.count + 100)
        #expect(try packed.withUnsafeBytes { try FieldPacking.unpack($0) } == fields)
    }

    @Test func damagedPackedFieldsAreAnErrorNotACrash() {
        let packed = FieldPacking.pack(Self.fields)
        for cut in [0, 1, 2, packed.count / 2, packed.count - 1] {
            #expect(throws: FieldPacking.Damaged.self) {
                try Array(packed.prefix(cut)).withUnsafeBytes { try FieldPacking.unpack($0) }
            }
        }
        #expect(throws: FieldPacking.Damaged.self) {
            try (packed + [0]).withUnsafeBytes { try FieldPacking.unpack($0) }
        }
        #expect(throws: FieldPacking.Damaged.self) {
            try ([2] + packed.dropFirst()).withUnsafeBytes { try FieldPacking.unpack($0) }
        }
    }

    @Test func aVersionOneLedgerHasItsFieldRowsPackedWhenOpened() throws {
        let folder = try makeTemporaryDirectory("ledger-v1")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ledger.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try LedgerSchema.migrator.migrate(queue, upTo: "v1: runs, files, submissions, fields, scores, issues")
            try queue.write { db in
                try insertAcceptedReflections(db, count: 3)
                // Submission 1 has every kind of field, 2 has one (and a cell that does not parse), 3 none.
                var rows = Self.fields.values.map { (1, $0, $0.cell.a1) }
                rows.append((2, Self.fields["org_name"]!, "not a cell"))
                for (submission, reading, cell) in rows {
                    let raw = LedgerCoding.encode(reading.raw), value = LedgerCoding.encode(reading.value)
                    try db.execute(sql: """
                        INSERT INTO fields (submission_id, key, label, label_cell, cell, raw_kind, raw_text, raw_number,
                                            value_kind, value_text, value_number, normalisation)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [submission, reading.key, reading.label, reading.labelCell?.a1, cell,
                                         raw.kind, raw.text, raw.number, value.kind, value.text, value.number,
                                         reading.normalisation])
                }
            }
        }
        let ledger = try Ledger(path: path)
        let files = try ledger.currentFiles(throughYear: 2024)
        #expect(files.map(\.path) == ["s1.xlsx", "s2.xlsx", "s3.xlsx"])
        let forms = files.map { $0.forms[0].form.fields }
        #expect(forms[0] == Self.fields.mapValues(Self.throughColumns))
        var second = Self.throughColumns(Self.fields["org_name"]!)
        second.cell = CellReference(row: 0, column: 0)
        #expect(forms[1]["org_name"] == second)
        // No 実施年度 on the sheet: the year it was filed under, as before.
        #expect(forms[1]["fiscal_year"]?.value == .fiscalYear(2024) && forms[2]["fiscal_year"]?.value == .fiscalYear(2024))
        #expect(forms[2].count == 1)
        let tables = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(tables.contains("submission_fields") && !tables.contains("fields"))
    }
}

/// One run with `count` accepted files, each with one reflection of 2024 (ids 1…count): the rows an
/// older ledger holds before its migration is tested.
func insertAcceptedReflections(_ db: Database, count: Int) throws {
    try db.execute(sql: "INSERT INTO runs (command, started_at) VALUES ('run', '2024-05-01T00:00:00.000Z')")
    for id in 1...count {
        try db.execute(sql: """
            INSERT INTO files (run_id, sha256, size, original_name, received_at, outcome, status, fiscal_year,
                               stored_path, inbox_state)
            VALUES (1, ?, 10, ?, '2024-05-01T00:00:00.000Z', 'accepted', 'valid', 2024, ?, 'removed')
            """, arguments: ["sha\(id)", "s\(id).xlsx", "archive/2024/s\(id).xlsx"])
        try db.execute(sql: """
            INSERT INTO submissions (file_id, sheet, sheet_index, kind, fiscal_year, org_name, project_name,
                                     phase, org_key, project_key)
            VALUES (?, 'Sheet1', 0, 'reflection', 2024, ?, '事業', '最終', ?, '事業')
            """, arguments: [id, "会\(id)", "会\(id)"])
    }
}
