import Foundation
import Testing
import TestSupport

/// A sheet whose form names no 実施年度 is filed by the same rule in `validate`, `run` and `process`:
/// its title, its file name, its folder, `intake.fiscal_year`, and only then the date of receipt;
/// `run` says which per file, the ledger records it, `status` lists the sheets filed by receipt.
@Suite(.serialized) struct FiscalYearSourceTests {
    static let layouts = TestPaths.fixtures.appendingPathComponent("layouts").path

    /// Copies layout fixtures into the workspace's inbox (`folder/name` keeps the folder).
    func drop(_ names: [String], into f: IntakeFixture) throws {
        for name in names {
            let target = f.inbox + "/" + name
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Self.layouts + "/" + name, toPath: target)
        }
    }

    /// `original_name → fiscal_year_source` as Python's sqlite3 reads the ledger.
    func sources(_ f: IntakeFixture) throws -> [String: String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import json, sqlite3, sys
            rows = sqlite3.connect(sys.argv[1]).execute("SELECT original_name, fiscal_year, fiscal_year_source FROM files")
            print(json.dumps({name: f"{year}:{source or 'form'}" for name, year, source in rows}, ensure_ascii=False))
            """, f.workspace + "/.furikaeri/ledger.sqlite"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONSerialization.jsonObject(with: data) as? [String: String] ?? [:]
    }

    @Test func runSaysWhereEachYearCameFromAndStatusListsTheSheetsFiledByReceipt() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try drop(["R6_みどりの会_最終_openpyxl.xlsx", "title_year_valid_xlsxwriter.xlsx", "令和6年度/ひだまりの会_中間_xlsxwriter.xlsx",
                  "year_nowhere_mistaken_openpyxl.xlsx", "circle_grid_valid_openpyxl.xlsx"], into: f)
        let run = try FurikaeriBinary.run(["run", "--workspace", f.workspace])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("受付 R6_みどりの会_最終_openpyxl.xlsx → archive/2024/R6_みどりの会_最終_openpyxl.xlsx（令和6年度、年度はファイル名から）"), "\(run.stdout)")
        #expect(run.stdout.contains("（令和6年度、年度は表題から）"))
        #expect(run.stdout.contains("（令和6年度、年度はフォルダー名から）"))
        #expect(run.stdout.contains("様式に年度がないため受付日の年度"))
        // A sheet with its own 実施年度 is not listed one by one (no --verbose).
        #expect(!run.stdout.contains("circle_grid_valid_openpyxl.xlsx"))
        let receipt = FiscalYearSourceTests.receiptYear()
        let ledger = try sources(f)
        #expect(ledger["R6_みどりの会_最終_openpyxl.xlsx"] == "2024:file_name")
        #expect(ledger["title_year_valid_xlsxwriter.xlsx"] == "2024:title")
        #expect(ledger["令和6年度/ひだまりの会_中間_xlsxwriter.xlsx"] == "2024:folder_name")
        #expect(ledger["year_nowhere_mistaken_openpyxl.xlsx"] == "\(receipt):receipt")
        #expect(ledger["circle_grid_valid_openpyxl.xlsx"] == "2024:form")
        let status = try FurikaeriBinary.run(["status", "--workspace", f.workspace])
        #expect(status.stdout.contains("様式に年度がなく、受け付けた日の年度で整理したシート: 1件（年度を確かめてください）\n    - year_nowhere_mistaken_openpyxl.xlsx"), "\(status.stdout)")
        let english = try FurikaeriBinary.run(["status", "--workspace", f.workspace, "--lang", "en"])
        #expect(english.stdout.contains("Sheets filed by the date received, their forms naming no year: 1 (check their year)"))
    }

    @Test func theYearBeingCollectedComesBeforeTheDateOfReceipt() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        let settings = f.workspace + "/furikaeri.yml"
        let text = try String(contentsOfFile: settings, encoding: .utf8)
        try text.replacingOccurrences(of: "  fiscal_year:\n", with: "  fiscal_year: 令和5年度\n")
            .write(toFile: settings, atomically: true, encoding: .utf8)
        try drop(["year_nowhere_mistaken_openpyxl.xlsx"], into: f)
        let run = try FurikaeriBinary.run(["run", "--workspace", f.workspace, "--lang", "en"])
        #expect(run.stdout.contains("→ archive/2023/year_nowhere_mistaken_openpyxl.xlsx (FY2023, year from intake.fiscal_year)"), "\(run.stdout)")
        #expect(try sources(f)["year_nowhere_mistaken_openpyxl.xlsx"] == "2023:setting")
    }

    @Test func processNamesTheSourcesAndTheFormsItLeftOut() throws {
        let output = try makeTemporaryDirectory("process-years")
        defer { try? FileManager.default.removeItem(at: output) }
        let inputs = ["R6_みどりの会_最終_openpyxl.xlsx", "title_year_valid_xlsxwriter.xlsx", "year_nowhere_mistaken_openpyxl.xlsx"]
            .map { Self.layouts + "/" + $0 }
        let run = try FurikaeriBinary.run(["process"] + inputs + ["--output", output.path + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("R6_みどりの会_最終_openpyxl.xlsx シート「ふりかえり」: 実施年度の欄がないため、ファイル名から令和6年度としました。"), "\(run.stdout)")
        #expect(run.stdout.contains("実施年度が分からず集計しなかった様式 1 件（--year で年度を指定できます）:"))
        #expect(run.stdout.contains("year_nowhere_mistaken_openpyxl.xlsx シート「"))
    }

    /// The fiscal year (April start) of today, as `run` files a sheet by its date of receipt.
    static func receiptYear() -> Int {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
        return (parts.month ?? 4) >= 4 ? (parts.year ?? 0) : (parts.year ?? 1) - 1
    }
}
