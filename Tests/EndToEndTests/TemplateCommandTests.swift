import Foundation
import TestSupport
import Testing

/// Runs the built `furikaeri` binary; returns exit status, standard output and standard error.
private func furikaeri(_ arguments: [String], in directory: URL) throws -> (status: Int32, out: String, err: String) {
    let binary = URL(fileURLWithPath: furikaeriBinaryPath)
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

private func properties(of path: String) throws -> [String: Any] {
    let json = try OpenpyxlOracle.json("template_properties.py", [path])
    let sheets = try #require(json["sheets"] as? [[String: Any]])
    return try #require(sheets.first { ($0["state"] as? String) == "visible" })
}

private func validations(_ sheet: [String: Any]) -> [String: [String: Any]] {
    var bySqref: [String: [String: Any]] = [:]
    for validation in sheet["validations"] as? [[String: Any]] ?? [] {
        bySqref[validation["sqref"] as? String ?? ""] = validation
    }
    return bySqref
}

private func cell(_ sheet: [String: Any], _ a1: String) -> [String: Any]? {
    (sheet["cells"] as? [String: [String: Any]])?[a1]
}

@Suite(.serialized) struct TemplateCommandTests {
    @Test func reflectionTemplateHasScoreAndListValidationsSeenByOpenpyxl() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try furikaeri(["template", "reflection", "-o", "r.xlsx"], in: directory)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("r.xlsx"))
        let sheet = try properties(of: directory.appendingPathComponent("r.xlsx").path)
        #expect(sheet["name"] as? String == "ふりかえりシート")
        let byRange = validations(sheet)
        for range in ["D8:D14", "E8:E14"] {
            // A 1–5 dropdown, with an input message and an error for anything else.
            let score = try #require(byRange[range], "\(range)")
            #expect(score["type"] as? String == "list")
            #expect(score["formula1"] as? String == "\"1,2,3,4,5\"")
            #expect((score["prompt"] as? String)?.contains("一覧から 1（低い）〜5（高い）を選んでください") == true)
            #expect(score["show_input"] as? Bool == true)
            #expect(score["show_error"] as? Bool == true)
        }
        // Comment rows sized for several lines, resizable under the protection, printed on as many
        // pages as they need (one page wide).
        let heights = try #require(sheet["heights"] as? [String: Double])
        for row in 8...14 { #expect(heights["\(row)"] ?? 0 >= 64, "row \(row)") }
        for row in 15...17 { #expect(heights["\(row)"] ?? 0 >= 110, "row \(row)") }
        #expect(sheet["rows_resizable"] as? Bool == true)
        #expect((sheet["fit_width"] as? Int ?? 1) == 1)  // 1 is the default, which the file may leave out
        #expect(sheet["fit_height"] as? Int == 0)
        #expect(byRange["D3:E3"]?["formula1"] as? String == "\"中間,最終\"")
        #expect((byRange["B4"]?["formula1"] as? String)?.contains("文化振興課") == true)
        #expect(byRange["B4"]?["type"] as? String == "list")
        #expect((byRange["D15:F15"]?["prompt"] as? String)?.contains("必須") == true)
        #expect(sheet["protected"] as? Bool == true)
        #expect(sheet["password"] is NSNull)
        #expect(sheet["paper"] as? Int == 9)
        #expect(sheet["orientation"] as? String == "landscape")
        #expect(sheet["fit_to_page"] as? Bool == true)
        // Labels locked and plain; input cells unlocked and shaded.
        for a1 in ["A6", "C8", "D7", "E7", "A15", "A16", "A17"] {
            #expect(cell(sheet, a1)?["locked"] as? Bool == true, "\(a1)")
        }
        for a1 in ["B3", "D3", "B4", "A8", "B8", "D8", "E14", "F8", "D15", "D16", "D17"] {
            #expect(cell(sheet, a1)?["locked"] as? Bool == false, "\(a1)")
            #expect(cell(sheet, a1)?["fill"] as? String == "FFFFF2CC", "\(a1)")
        }
        #expect(cell(sheet, "C6")?["value"] as? String == "ふりかえりの視点(5段階評価)")
        #expect((sheet["widths"] as? [String: Double])?["C"] ?? 0 > 40)
    }

    @Test func proposalTemplateListsComeFromTheSettingsFile() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("furikaeri.yml")
        try """
        departments: [協働コミュニティ課, 道路課, 下水道課]
        choices:
          collaboration_form: [委託, 共催, 実行委員会]
        """.write(to: config, atomically: true, encoding: .utf8)
        let result = try furikaeri(["template", "proposal", "--output", "p.xlsx", "--config", config.path], in: directory)
        #expect(result.status == 0, "\(result.err)")
        let sheet = try properties(of: directory.appendingPathComponent("p.xlsx").path)
        let byRange = validations(sheet)
        #expect(byRange["B5:D5"]?["formula1"] as? String == "\"新規チャレンジ部門,継続ステップアップ部門\"")
        #expect(byRange["B6:D6"]?["formula1"] as? String == "\"自由テーマ型,テーマ設定型\"")
        #expect(byRange["B14:D14"]?["formula1"] as? String == "\"委託,共催,実行委員会\"")
        #expect(byRange["B15:D15"]?["formula1"] as? String == "\"協働コミュニティ課,道路課,下水道課\"")
        #expect(byRange["B16:D16"]?["formula2"] as? String == "3")
        #expect(byRange["B23:D23"]?["type"] as? String == "whole")
        #expect(sheet["protected"] as? Bool == true)
        #expect(sheet["rows_resizable"] as? Bool == true)
        #expect(sheet["orientation"] as? String == "portrait")
        #expect(cell(sheet, "A8")?["value"] as? String == "*団体名")
        #expect(cell(sheet, "B8")?["locked"] as? Bool == false)
        #expect(cell(sheet, "A8")?["locked"] as? Bool == true)
    }

    @Test func longDepartmentListGoesToAHiddenSheetBeyondExcelsListLimit() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let departments = (1...40).map { "第\($0)担当課" }
        let config = directory.appendingPathComponent("long.yml")
        try "departments: [\(departments.joined(separator: ", "))]\n".write(to: config, atomically: true, encoding: .utf8)
        let result = try furikaeri(["template", "reflection", "-o", "r.xlsx", "--config", config.path], in: directory)
        #expect(result.status == 0, "\(result.err)")
        let json = try OpenpyxlOracle.json("template_properties.py", [directory.appendingPathComponent("r.xlsx").path])
        let sheets = try #require(json["sheets"] as? [[String: Any]])
        let lists = try #require(sheets.first { $0["name"] as? String == "選択肢" })
        #expect(lists["state"] as? String == "hidden")
        #expect(cell(lists, "A40")?["value"] as? String == "第40担当課")
        let form = try #require(sheets.first { $0["name"] as? String == "ふりかえりシート" })
        #expect(validations(form)["B4"]?["formula1"] as? String == "'選択肢'!$A$1:$A$40")
    }

    @Test func existingFileIsNotOverwrittenWithoutForce() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("keep.xlsx")
        try Data("original".utf8).write(to: target)
        let refused = try furikaeri(["template", "proposal", "-o", "keep.xlsx"], in: directory)
        #expect(refused.status != 0)
        #expect(refused.err.contains("すでにあります"))
        #expect(try Data(contentsOf: target) == Data("original".utf8))
        let english = try furikaeri(["template", "proposal", "-o", "keep.xlsx", "--lang", "en"], in: directory)
        #expect(english.err.contains("already exists"))
        let forced = try furikaeri(["template", "proposal", "-o", "keep.xlsx", "--force"], in: directory)
        #expect(forced.status == 0)
        #expect(try Data(contentsOf: target).prefix(2) == Data("PK".utf8))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp.xlsx") }
        #expect(leftovers.isEmpty)
    }

    @Test func unknownKindAndBadSettingsAreRefusedWithAMessage() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let unknown = try furikaeri(["template", "report"], in: directory)
        #expect(unknown.status != 0)
        #expect(unknown.err.contains("reflection、proposal か evaluation"))
        let config = directory.appendingPathComponent("bad.yml")
        try "departments: 12\n".write(to: config, atomically: true, encoding: .utf8)
        let bad = try furikaeri(["template", "reflection", "--config", config.path], in: directory)
        #expect(bad.status != 0)
        #expect(bad.err.contains("departments"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".xlsx") }.isEmpty)
    }

    @Test(.enabled(if: OpenpyxlOracle.sofficePath != nil, "needs LibreOffice (soffice)"))
    func libreOfficeOpensBothTemplates() throws {
        let soffice = try #require(OpenpyxlOracle.sofficePath)
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for kind in ["reflection", "proposal"] {
            #expect(try furikaeri(["template", kind, "-o", "\(kind).xlsx"], in: directory).status == 0)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: soffice)
            process.arguments = ["-env:UserInstallation=file://\(directory.path)/lo-profile", "--headless",
                                 "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", directory.path, directory.appendingPathComponent("\(kind).xlsx").path]
            process.standardOutput = Pipe()
            process.standardError = Pipe()
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            let csv = try String(contentsOf: directory.appendingPathComponent("\(kind).csv"), encoding: .utf8)
            #expect(csv.contains(kind == "reflection" ? "協働の有効性" : "補助金申請額"))
        }
        // Printed through LibreOffice: landscape A4, one page wide.
        let pdf = Process()
        pdf.executableURL = URL(fileURLWithPath: soffice)
        pdf.arguments = ["-env:UserInstallation=file://\(directory.path)/lo-profile", "--headless", "--convert-to", "pdf",
                         "--outdir", directory.path, directory.appendingPathComponent("reflection.xlsx").path]
        pdf.standardOutput = Pipe()
        pdf.standardError = Pipe()
        try pdf.run()
        pdf.waitUntilExit()
        let bytes = try Data(contentsOf: directory.appendingPathComponent("reflection.pdf"))
        let text = String(decoding: bytes, as: UTF8.self)
        let pages = text.components(separatedBy: "/Type/Page").count - 1 - (text.components(separatedBy: "/Type/Pages").count - 1)
        let spacedPages = text.components(separatedBy: "/Type /Page").count - 1 - (text.components(separatedBy: "/Type /Pages").count - 1)
        #expect((1...2).contains(pages + spacedPages))
        #expect(text.contains("841.88") && text.contains("595.30"))
    }

    /// Comments as long as the rows are sized for print in full: a five-line viewpoint comment and an
    /// eight-line 団体のコメント, filled in by openpyxl and printed by LibreOffice, keep their last lines
    /// (with the former 48- and 80-point rows LibreOffice leaves those lines out of the PDF).
    @Test(.enabled(if: OpenpyxlOracle.sofficePath != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext"),
                   "needs LibreOffice (soffice) and pdftotext"))
    func longCommentsPrintInFull() throws {
        let soffice = try #require(OpenpyxlOracle.sofficePath)
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try furikaeri(["template", "reflection", "-o", "blank.xlsx"], in: directory).status == 0)
        // Lines of about 18 characters, each with its own number, the last one easy to find.
        func lines(_ count: Int, _ mark: String) -> String {
            (1...count).map { $0 == count ? "\(mark)最後の行です。" : "\($0)行目は地域の人と話し合いました。" }.joined(separator: "\n")
        }
        let spec = ["sheet": "ふりかえりシート", "cells": ["F8": lines(5, "視点"), "D15": lines(8, "団体")]] as [String: Any]
        let specURL = directory.appendingPathComponent("spec.json")
        try JSONSerialization.data(withJSONObject: spec).write(to: specURL)
        try runOracle("fill_workbook.py", [directory.appendingPathComponent("blank.xlsx").path,
                                           directory.appendingPathComponent("filled.xlsx").path, specURL.path])
        let convert = Process()
        convert.executableURL = URL(fileURLWithPath: soffice)
        convert.arguments = ["-env:UserInstallation=file://\(directory.path)/lo-profile", "--headless", "--convert-to", "pdf",
                             "--outdir", directory.path, directory.appendingPathComponent("filled.xlsx").path]
        convert.standardOutput = Pipe()
        convert.standardError = Pipe()
        try convert.run()
        convert.waitUntilExit()
        let toText = Process()
        toText.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        toText.arguments = [directory.appendingPathComponent("filled.pdf").path, "-"]
        let out = Pipe()
        toText.standardOutput = out
        try toText.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        toText.waitUntilExit()
        #expect(printed.contains("視点最後の行です。"), "\(printed)")
        #expect(printed.contains("団体最後の行です。"), "\(printed)")
        #expect(printed.contains("2行目は地域の人と話し合いました。"))
    }
}
