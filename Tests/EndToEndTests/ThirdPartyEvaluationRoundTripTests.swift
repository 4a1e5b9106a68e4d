import Foundation
import Testing
import TestSupport

/// Third-party evaluation through the built binary: samples → `run` → `evaluation-sheets` → sheets
/// filled with openpyxl (scripts/fill_evaluation_sheets.py) by simulated evaluators → `run` → outputs
/// read with openpyxl and LibreOffice.
@Suite(.serialized) struct ThirdPartyEvaluationRoundTripTests {
    /// Fills an evaluator workbook as an evaluator would (openpyxl).
    static func fill(_ source: String, _ target: String, _ options: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestPaths.repositoryRoot.appendingPathComponent("scripts/fill_evaluation_sheets.py").path,
                             source, target] + options
        let output = try runCapturingOutput(process)
        guard output.status == 0 else {
            throw FillFailed(message: String(decoding: output.stderr, as: UTF8.self))
        }
    }

    struct FillFailed: Error { var message: String }

    static func csvRows(_ path: String) throws -> [[String]] {
        (try PythonOracle.run("summary_oracle.py", ["csv", path, "utf-8-sig"]) as? [String: Any])?["rows"] as? [[String]] ?? []
    }

    /// A workspace with the samples taken in and evaluator workbooks written for `evaluators`.
    static func workspaceWithSheets(_ evaluators: [String]) throws -> IntakeFixture {
        let f = try IntakeFixture()
        try f.dropSamples()
        #expect(try f.furikaeri(["run"]).status == 0)
        let sheets = try f.furikaeri(["evaluation-sheets", "--year", "令和6年度", "--evaluators", evaluators.joined(separator: ",")])
        #expect(sheets.status == 0, "\(sheets.stderr)")
        #expect(sheets.stdout.contains("評価者 \(evaluators.count)人分、各 3事業"), "\(sheets.stdout)")
        return f
    }

    static func sheet(_ f: IntakeFixture, _ evaluator: String) -> String {
        f.workspace + "/output/2024/第三者評価/第三者評価票_令和6年度_\(evaluator).xlsx"
    }

    @Test func blankEvaluatorSheetsAreInvalidOnlyForTheEvaluatorsInputs() throws {
        let f = try Self.workspaceWithSheets(["委員A"])
        defer { f.remove() }
        let run = try FurikaeriBinary.run(["validate", "--json", Self.sheet(f, "委員A")])
        #expect(run.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let file = try #require((json["files"] as? [[String: Any]])?.first)
        let forms = file["forms"] as? [[String: Any]] ?? []
        #expect(forms.count == 3)
        let inputs: Set<String> = Set(["effectiveness", "goal_setting", "goal_sharing", "achievement", "cooperation",
                                       "beneficiary_satisfaction", "org_satisfaction"].map { "scores." + $0 } + ["overall", "findings"])
        for form in forms {
            #expect(form["kind"] as? String == "evaluation")
            let issues = form["issues"] as? [[String: Any]] ?? []
            #expect(Set(issues.compactMap { $0["field"] as? String }) == inputs)
            #expect(issues.count == inputs.count)
            let fields = form["fields"] as? [String: Any] ?? [:]
            #expect((fields["project_id"] as? String)?.hasPrefix("R6-") == true)
            #expect(fields["project_id"] as? String == form["sheet"] as? String)
            #expect(fields["evaluator"] as? String == "委員A")
            #expect(fields["fiscal_year"] as? Int == 2024)
            let cells = form["cells"] as? [String: String] ?? [:]
            #expect(cells["scores.effectiveness"] == "E12" && cells["overall"] == "B22" && cells["findings"] == "B23")
        }
        // Locked facts, unlocked inputs, dropdowns and input messages, A4 portrait on one page.
        let facts = try OpenpyxlOracle.json("template_properties.py", [Self.sheet(f, "委員A")])
        let sheets = facts["sheets"] as? [[String: Any]] ?? []
        #expect(sheets.count == 3)
        for sheet in sheets {
            #expect(sheet["protected"] as? Bool == true && sheet["paper"] as? Int == 9)
            #expect(sheet["orientation"] as? String == "portrait" && sheet["fit_to_page"] as? Bool == true)
            let cells = sheet["cells"] as? [String: [String: Any]] ?? [:]
            for locked in ["B3", "B4", "B5", "C12", "D12", "B19"] { #expect(cells[locked]?["locked"] as? Bool == true, "\(locked)") }
            for open in ["E12", "E18", "B22", "B23", "B24", "B25", "E25"] { #expect(cells[open]?["locked"] as? Bool == false, "\(open)") }
            let validations = sheet["validations"] as? [[String: Any]] ?? []
            let scores = validations.first { $0["sqref"] as? String == "E12:E18" }
            #expect(scores?["type"] as? String == "list" && scores?["formula1"] as? String == "\"1,2,3,4,5\"")
            #expect((scores?["prompt"] as? String)?.contains("1（低い）〜5（高い）") == true)
            #expect(validations.contains { $0["sqref"] as? String == "B22" && $0["type"] as? String == "list" })
        }
    }

    @Test func evaluationsRoundTripWithMistakesResubmissionAndAnonymisedReports() throws {
        let f = try Self.workspaceWithSheets(["委員A", "委員B", "委員C", "委員D"])
        defer { f.remove() }
        try Self.fill(Self.sheet(f, "委員A"), f.pool + "/A.xlsx", ["--seed", "1"])
        try Self.fill(Self.sheet(f, "委員B"), f.pool + "/B.xlsx", ["--seed", "2"])
        try Self.fill(Self.sheet(f, "委員C"), f.pool + "/C-bad.xlsx", ["--seed", "3", "--mistakes"])
        try Self.fill(Self.sheet(f, "委員C"), f.pool + "/C-fact.xlsx", ["--seed", "3", "--change-fact", "1"])
        for name in ["A.xlsx", "B.xlsx", "C-bad.xlsx", "C-fact.xlsx"] { try f.drop(name) }
        let first = try f.furikaeri(["run"])
        #expect(first.status == 0)
        #expect(first.stdout.contains("受付 2件、差戻 2件"), "\(first.stdout)")
        let bad = try String(contentsOfFile: f.workspace + "/rejected/C-bad.xlsx.エラー.txt", encoding: .utf8)
        #expect(bad.contains("E12") && bad.contains("が 6 です") && bad.contains("B23") && bad.contains("*所見"))
        let fact = try String(contentsOfFile: f.workspace + "/rejected/C-fact.xlsx.エラー.txt", encoding: .utf8)
        #expect(fact.contains("B5") && fact.contains("（改）") && fact.contains("書き換えないでください"))

        var status = try f.furikaeri(["status"])
        #expect(status.stdout.contains("令和6年度: 評価票 送付 4人・返送 2人（評価 6件）、未返送 2人: 委員C、委員D"), "\(status.stdout)")

        // 委員A sends a corrected workbook: it replaces the first; 委員C's corrected one is taken.
        try Self.fill(Self.sheet(f, "委員A"), f.pool + "/A2.xlsx", ["--seed", "5"])
        try Self.fill(Self.sheet(f, "委員C"), f.pool + "/C.xlsx", ["--seed", "3"])
        try f.drop("A2.xlsx")
        try f.drop("C.xlsx")
        let second = try f.furikaeri(["run", "--verbose"])
        #expect(second.stdout.contains("受付 2件、差戻 0件") && second.stdout.contains("置き換え"), "\(second.stdout)")
        status = try f.furikaeri(["status", "--lang", "en"])
        #expect(status.stdout.contains("FY2024: evaluation workbooks sent to 4, returned by 3 (9 evaluation(s)); not returned by 1: 委員D"))

        // The long CSV: 3 projects × 3 evaluators × (7 viewpoints + 総合評価); 委員A's scores are A2's.
        let rows = try Self.csvRows(f.workspace + "/output/2024/第三者評価_令和6年度.csv")
        #expect(rows.first == ["年度", "事業ID", "団体名", "事業名", "評価者", "視点番号", "視点", "評価"])
        #expect(rows.count == 1 + 3 * 3 * 8)
        let filled = try OpenpyxlOracle.json("dump_cells.py", [f.pool + "/A2.xlsx"])["sheets"] as? [[String: Any]] ?? []
        #expect(filled.count == 3)
        for sheet in filled {
            let name = sheet["name"] as? String ?? ""
            let written = ((sheet["cells"] as? [String: [String: Any]])?["E12"]?["v"] as? String) ?? "?"
            let mine = rows.filter { $0[1] == name && $0[4] == "委員A" && $0[5] == "1" }
            #expect(mine.count == 1 && mine.first?[7] == written, "\(name): \(mine) vs \(written)")
        }

        // The summary workbook's 第三者評価 sheet, read with openpyxl: means, n, the chart.
        let book = f.workspace + "/output/2024/ふりかえり集計_令和6年度.xlsx"
        let facts = try #require(try PythonOracle.run("summary_oracle.py", ["workbook", book]) as? [String: Any])
        #expect((facts["sheets"] as? [String])?.last == "第三者評価")
        let sheet = try #require((facts["sheet_facts"] as? [String: [String: Any]])?["第三者評価"])
        let cells = sheet["cells"] as? [String: Any] ?? [:]
        #expect(cells["A5"] as? String == "①協働の有効性")
        #expect((cells["H5"] as? NSNumber)?.intValue == 9 && (cells["F5"] as? NSNumber)?.intValue == 3)
        let effectiveness = rows.filter { $0[5] == "1" }
        let projects = Set(effectiveness.map { $0[1] })
        let projectMeans = projects.map { id -> Double in
            let scores = effectiveness.filter { $0[1] == id }.compactMap { Double($0[7]) }
            return scores.reduce(0, +) / Double(scores.count)
        }
        let expectedMean = projectMeans.reduce(0, +) / Double(projectMeans.count)
        #expect(abs(((cells["D5"] as? NSNumber)?.doubleValue ?? -1) - expectedMean) < 1e-9)
        let charts = sheet["charts"] as? [[String: Any]] ?? []
        #expect(charts.count == 1 && charts.first?["series"] as? Int == 3 && charts.first?["type"] as? String == "BarChart")

        // 事業カルテ: one sheet (page) per project, a radar chart of 団体 / 市 / 第三者, the path over years.
        let karte = f.workspace + "/output/2024/事業カルテ_令和6年度.xlsx"
        let karteFacts = try #require(try PythonOracle.run("summary_oracle.py", ["workbook", karte]) as? [String: Any])
        let karteSheets = karteFacts["sheet_facts"] as? [String: [String: Any]] ?? [:]
        #expect(Set(karteSheets.keys) == projects)
        for (id, page) in karteSheets {
            let charts = page["charts"] as? [[String: Any]] ?? []
            #expect(charts.count == 1 && charts.first?["type"] as? String == "RadarChart" && charts.first?["series"] as? Int == 3)
            #expect(page["orientation"] as? String == "portrait" && page["paper_size"] as? Int == 9 && page["fit_to_page"] as? Bool == true)
            let pageCells = page["cells"] as? [String: Any] ?? [:]
            #expect(pageCells["B4"] as? String == id && pageCells["A13"] as? String == "①協働の有効性")
            let scores = effectiveness.filter { $0[1] == id }.compactMap { Double($0[7]) }
            #expect(abs(((pageCells["D13"] as? NSNumber)?.doubleValue ?? -1) - scores.reduce(0, +) / Double(scores.count)) < 1e-9)
            #expect((pageCells["E13"] as? NSNumber)?.intValue == 3)
        }
        let multilingual = karteSheets.values.first { ($0["cells"] as? [String: Any])?["B6"] as? String == "多言語情報提供事業" }
        let steps = (multilingual?["cells"] as? [String: Any] ?? [:]).values.compactMap { $0 as? String }
        #expect(steps.contains("令和5年度") && steps.contains("令和6年度"), "the path over earlier years")

        // Anonymised: evaluators as codes, organisations as codes, in the CSV and the workbook.
        let review = f.root.appendingPathComponent("review").path
        let report = try f.furikaeri(["report", "--year", "令和6年度", "--anonymize", "--output", review])
        #expect(report.status == 0, "\(report.stderr)")
        let anonymous = try Self.csvRows(review + "/第三者評価_令和6年度.csv")
        #expect(Set(anonymous.dropFirst().map { $0[4] }) == ["評価者01", "評価者02", "評価者03"])
        #expect(anonymous.dropFirst().allSatisfy { $0[2].hasPrefix("団体") && !$0[2].contains("NPO") })
        let text = try #require(try PythonOracle.run("summary_oracle.py", ["text", review + "/ふりかえり集計_令和6年度.xlsx"]) as? [String: Any])
        let inside = text["text"] as? String ?? ""
        #expect(!inside.contains("委員A") && !inside.contains("こども食堂ひだまり") && inside.contains("評価者02"))
        let anonymousKarte = try #require(try PythonOracle.run("summary_oracle.py", ["text", review + "/事業カルテ_令和6年度.xlsx"]) as? [String: Any])
        let karteText = anonymousKarte["text"] as? String ?? ""
        #expect(!karteText.contains("委員") && !karteText.contains("こども食堂ひだまり") && karteText.contains("評価者01")
                && karteText.contains("団体A"))
    }

    @Test func anonymisedSheetsForCodedEvaluatorsCarryOrganisationCodesAndAreTakenBack() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.dropSamples()
        #expect(try f.furikaeri(["run"]).status == 0)
        let sheets = try f.furikaeri(["evaluation-sheets", "--year", "2024", "--count", "2", "--anonymize", "--lang", "en"])
        #expect(sheets.status == 0 && sheets.stdout.contains("FY2024: 2 evaluator workbook(s), 3 project(s) each"), "\(sheets.stdout)")
        let blank = Self.sheet(f, "評価者01")
        let dump = try OpenpyxlOracle.json("dump_cells.py", [blank])["sheets"] as? [[String: Any]] ?? []
        let texts = dump.flatMap { ($0["cells"] as? [String: [String: Any]] ?? [:]).values.compactMap { $0["v"] as? String } }
        #expect(texts.contains("団体A01") && texts.contains("評価者01"))
        #expect(!texts.contains { $0.contains("こども食堂ひだまり") || $0.contains("多文化ネット") })
        try Self.fill(blank, f.pool + "/e1.xlsx", ["--seed", "1"])
        try Self.fill(Self.sheet(f, "評価者02"), f.pool + "/e2.xlsx", ["--seed", "2"])
        try f.drop("e1.xlsx")
        try f.drop("e2.xlsx")
        let run = try f.furikaeri(["run"])
        #expect(run.stdout.contains("受付 2件、差戻 0件"), "\(run.stdout)")
        #expect(try f.furikaeri(["status"]).stdout.contains("令和6年度: 評価票 送付 2人・返送 2人（評価 6件）"))
        // A year without projects is nothing to write (4); neither --evaluators nor --count is a usage error (2).
        #expect(try f.furikaeri(["evaluation-sheets", "--year", "2030", "--count", "1"]).status == 4)
        #expect(try f.furikaeri(["evaluation-sheets", "--year", "2024"]).status == 2)
    }

    @Test func evaluatorSheetsDroppedWithTheirProjectsReflectionsAreTakenInTheSameRun() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.dropSamples()
        try f.dropSamples(evaluations: true)
        let run = try f.furikaeri(["run"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("受付 27件、差戻 6件"), "\(run.stdout)")
        #expect(try f.furikaeri(["status"]).stdout.contains("令和6年度: 評価票 送付 0人・返送 3人（評価 9件）"))
        #expect(f.outputCSVs()["2024/第三者評価_令和6年度.csv"] != nil)
    }

    /// `process` has no ledger to check evaluator sheets against: one whose 事業名 was changed is left
    /// out of the figures and listed on the 第三者評価 sheet, never counted silently.
    @Test func processListsAnEvaluatorSheetWithChangedFactsInsteadOfCountingIt() throws {
        let directory = try makeTemporaryDirectory("process-evaluations")
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in").path
        try FileManager.default.copyItem(atPath: TestPaths.samples.path, toPath: input)
        try Self.fill(input + "/第三者評価/E06_第三者評価_委員A.xlsx", input + "/第三者評価/E06_委員Z.xlsx",
                      ["--seed", "9", "--evaluator", "委員Z", "--change-fact", "0"])
        let out = directory.appendingPathComponent("out").path
        let run = try FurikaeriBinary.run(["process", input, "--output", out])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try Self.csvRows(out + "/第三者評価_令和6年度.csv")
        #expect(rows.count == 1 + 3 * 3 * 8 + 2 * 8, "委員Z's two other projects count, the changed one does not")
        let facts = try #require(try PythonOracle.run("summary_oracle.py", ["workbook", out + "/ふりかえり集計_令和6年度.xlsx"]) as? [String: Any])
        let cells = (facts["sheet_facts"] as? [String: [String: Any]])?["第三者評価"]?["cells"] as? [String: Any] ?? [:]
        let texts = cells.values.compactMap { $0 as? String }
        #expect(texts.contains { $0.hasPrefix("照合できなかった評価票") })
        #expect(texts.contains("第三者評価/E06_委員Z.xlsx"))
    }

    @Test(.enabled(if: PythonOracle.isInstalled("soffice"), "needs LibreOffice (soffice)"))
    func libreOfficeOpensTheEvaluatorWorkbookAndTheSummary() throws {
        let f = try Self.workspaceWithSheets(["委員A", "委員B"])
        defer { f.remove() }
        try Self.fill(Self.sheet(f, "委員A"), f.pool + "/A.xlsx", ["--seed", "1"])
        try Self.fill(Self.sheet(f, "委員B"), f.pool + "/B.xlsx", ["--seed", "2"])
        try f.drop("A.xlsx")
        try f.drop("B.xlsx")
        #expect(try f.furikaeri(["run"]).status == 0)
        let blank = try #require(try PythonOracle.run("summary_oracle.py", ["libreoffice", Self.sheet(f, "委員A"), f.root.appendingPathComponent("lo1").path]) as? [String: Any])
        #expect(blank["ok"] as? Bool == true, "\(blank)")
        let csv = blank["csv"] as? [[String]] ?? []
        #expect(csv.first?.first == "協働事業 第三者評価票")
        #expect(csv.contains { $0.first == "事業ID" && $0.count > 1 && $0[1].hasPrefix("R6-") })
        let pages = try #require(try PythonOracle.run("summary_oracle.py", ["pdf_pages", Self.sheet(f, "委員A"), f.root.appendingPathComponent("lo2").path]) as? [String: Any])
        #expect(pages["ok"] as? Bool == true, "\(pages)")
        #expect((pages["pages"] as? [String: Int])?.values.allSatisfy { $0 == 1 } == true, "\(pages)")
        let summary = try #require(try PythonOracle.run("summary_oracle.py", ["libreoffice", f.workspace + "/output/2024/ふりかえり集計_令和6年度.xlsx", f.root.appendingPathComponent("lo3").path]) as? [String: Any])
        #expect(summary["ok"] as? Bool == true, "\(summary)")
        // The カルテ prints one A4 page per project.
        let karte = try #require(try PythonOracle.run("summary_oracle.py", ["pdf_pages", f.workspace + "/output/2024/事業カルテ_令和6年度.xlsx", f.root.appendingPathComponent("lo4").path]) as? [String: Any])
        #expect(karte["ok"] as? Bool == true, "\(karte)")
        #expect((karte["pages"] as? [String: Int])?.count == 3 && karte["total"] as? Int == 3, "\(karte)")
    }
}
