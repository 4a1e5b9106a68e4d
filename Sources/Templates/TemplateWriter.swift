import Core
import Foundation
import Forms
import Settings
import XLSXWriting

/// Writes the project's blank forms: the standard layout that extraction reads back.
public enum TemplateWriter {
    /// The sheet each template's form is on.
    public static func sheetName(_ kind: FormKind) -> String {
        switch kind {
        case .reflection: return "ふりかえりシート"
        case .proposal: return "企画提案書"
        case .evaluation: return "第三者評価票"
        }
    }

    /// The file name `furikaeri template` uses when `-o` is not given.
    public static func defaultFileName(_ kind: FormKind) -> String {
        switch kind {
        case .reflection: return "ふりかえりシート_様式.xlsx"
        case .proposal: return "企画提案書_様式.xlsx"
        case .evaluation: return "第三者評価票_様式.xlsx"
        }
    }

    /// Writes the blank `kind` form to `path`. The file appears whole or not at all (`writeWhole`).
    public static func write(_ kind: FormKind, settings: Settings = .defaults, to path: String,
                             overwrite: Bool = false) throws {
        try writeWhole(to: path, overwrite: overwrite) { workbook, styles in
            switch kind {
            case .reflection:
                ReflectionTemplate(settings: settings, workbook: workbook, styles: styles).build()
            case .proposal:
                ProposalTemplate(settings: settings, workbook: workbook, styles: styles).build()
            case .evaluation:
                // A blank 第三者評価票: one sheet with empty facts (the office's own copy of the layout).
                EvaluationSheetTemplate(workbook: workbook, styles: styles)
                    .build(EvaluationSheetProject(projectID: "", fiscalYear: nil, orgName: "", projectName: ""),
                           evaluator: "")
            }
        }
    }

    /// Builds a workbook with `build` and puts it at `path` whole or not at all: it is written beside the
    /// target under a temporary name and then made durable and moved into place (`DurableFiles.replace`).
    static func writeWhole(to path: String, overwrite: Bool,
                           _ build: (XLSXWorkbook, TemplateStyles) -> Void) throws {
        if FileManager.default.fileExists(atPath: path), !overwrite { throw TemplateError.outputExists(path: path) }
        let parent = (path as NSString).deletingLastPathComponent
        let directory = parent.isEmpty ? "." : parent
        let temporary = DurableFiles.temporaryPath(in: directory)
        defer { unlink(temporary) }
        do throws(XLSXWriteError) {
            let workbook = try XLSXWorkbook(path: temporary, shownPath: path)
            build(workbook, TemplateStyles(workbook))
            try workbook.close()
        } catch {
            throw TemplateError(error)
        }
        // rename(2) replaces the target in one step: there is never a moment without a whole file.
        do {
            try DurableFiles.replace(temporary: temporary, as: path)
            try DurableFiles.syncDirectory(directory)
        } catch let error as FileError {
            throw TemplateError.writeFailed(WriteFailure(path: path, errno: error.errno))
        }
    }
}

/// Dropdown lists: short ones inline, long ones (over Excel's 255 characters) on a hidden sheet.
struct ChoiceLists {
    let workbook: XLSXWorkbook
    private var listSheet: XLSXSheet?
    private var nextColumn = 0
    static let sheetName = "選択肢"

    init(workbook: XLSXWorkbook) { self.workbook = workbook }

    mutating func rule(for items: [String]) -> XLSXSheet.Rule {
        let joinedLength = items.reduce(0) { $0 + $1.utf16.count + 1 }
        if joinedLength <= 255, !items.contains(where: { $0.contains(",") }) { return .list(items) }
        if listSheet == nil {
            let sheet = workbook.addSheet(Self.sheetName)
            sheet.hide()
            listSheet = sheet
        }
        let column = nextColumn
        nextColumn += 1
        for (row, item) in items.enumerated() { listSheet!.text(row, column, item, nil) }
        let letter = A1Reference.columnLetters(column)
        return .listFormula("='\(Self.sheetName)'!$\(letter)$1:$\(letter)$\(max(items.count, 1))")
    }
}
