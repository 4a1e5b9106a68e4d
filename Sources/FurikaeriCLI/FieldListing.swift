import Core
import Forms
import Settings
import Validation
import XLSX

/// `inspect --fields`: each form's fields with the value taken, the cell it came from and the label
/// it was found by, so staff can see why a value was read (or not), then the form's issues.
enum FieldListing {
    static func render(_ result: FileResult, english: Bool) -> String {
        var out = ""
        func line(_ text: String) { out += text + "\n" }
        line("== \(result.path)")
        if result.forms.isEmpty {
            for issue in result.issues { line("  " + issue.message) }
            return out
        }
        for validated in result.forms {
            let form = validated.form
            let kind: String
            switch form.kind {
            case .reflection: kind = english ? "reflection sheet" : "ふりかえりシート"
            case .proposal: kind = english ? "proposal form" : "企画提案書"
            case .evaluation: kind = english ? "third-party evaluation sheet" : "第三者評価票"
            }
            line(english ? "-- sheet \"\(form.sheet)\": \(kind)" : "-- シート「\(form.sheet)」: \(kind)")
            for reading in form.fields.values.sorted(by: { order($0) < order($1) }) {
                line("  " + describe(reading, english: english))
            }
            for issue in validated.issues {
                let word = issue.severity == .error ? (english ? "error" : "エラー") : (english ? "warning" : "警告")
                line("  [\(word)] \(issue.message)")
            }
        }
        return out
    }

    /// Catalogue order: the form's own fields first, then each viewpoint's score, 市の評価 and comment.
    static func order(_ reading: FieldReading) -> (Int, Int, String) {
        let keys = FieldCatalog.reflectionKeys + FieldCatalog.proposalKeys + FieldCatalog.evaluationKeys
        if let index = keys.firstIndex(of: reading.key) { return (index, 0, "") }
        if let (family, viewpoint) = FieldCatalog.viewpointKey(reading.key) {
            let families = ["scores", "city_scores", "comments"]
            return (keys.count + viewpoint.number, families.firstIndex(of: family) ?? families.count, "")
        }
        return (keys.count + 8, 0, reading.key)
    }

    static func describe(_ reading: FieldReading, english: Bool) -> String {
        let value = shown(reading.value, english: english)
        let place: String
        switch reading.origin {
        case .form:
            let label = reading.labelCell.map { english ? "label \"\(reading.label)\" at \($0.a1)" : "見出し「\(reading.label)」\($0.a1)" } ?? ""
            place = english ? "cell \(reading.cell.a1), \(label)" : "セル \(reading.cell.a1)・\(label)"
        case .title: place = english ? "from the title, cell \(reading.cell.a1)" : "表題から（\(reading.cell.a1)）"
        case .fileName: place = english ? "from the file name" : "ファイル名から"
        case .folderName: place = english ? "from the folder name" : "フォルダー名から"
        case .setting: place = english ? "from intake.fiscal_year" : "設定 intake.fiscal_year から"
        case .receipt: place = english ? "the fiscal year of receipt" : "受付日の年度"
        }
        var text = "\(reading.key) = \(value)  (\(place))"
        if let doubt = reading.doubt { text += english ? "  not taken: \(doubtText(doubt, english: true))" : "  読み取らず: \(doubtText(doubt, english: false))" }
        if let note = reading.normalisation, !english { text += "  " + note }
        return text
    }

    static func shown(_ value: FieldValue, english: Bool) -> String {
        switch value {
        case .blank: return english ? "(blank)" : "（空欄）"
        case .text(let s): return english ? "\"\(s)\"" : "「\(s)」"
        case .integer(let n), .yen(let n): return String(n)
        case .decimal(let d): return String(d)
        case .fiscalYear(let y): return english ? "fiscal year \(y)" : FiscalYearText.japanese(y)
        case .unreadable(let s): return english ? "unreadable \"\(s)\"" : "読めない「\(s)」"
        }
    }

    static func doubtText(_ doubt: ReadingDoubt, english: Bool) -> String {
        switch doubt {
        case .severalMarks(let cells): return english ? "marks in \(cells.map(\.a1).joined(separator: ", "))" : "印が複数（\(cells.map(\.a1).joined(separator: "・"))）"
        case .severalChoices(let options): return english ? "several ticked: \(options.joined(separator: ", "))" : "複数に印: \(options.joined(separator: "・"))"
        case .notAMark(let shown): return english ? "\"\(shown)\" is not a mark" : "「\(shown)」は印でない"
        case .noChoice: return english ? "nothing ticked" : "どれにも印なし"
        case .formulaNotCalculated: return english ? "formula without a saved result" : "計算結果のない数式"
        }
    }
}
