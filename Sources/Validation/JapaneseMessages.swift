import Core
import Forms

/// Every Japanese message template, in one place.
///
/// Each message names the file, the sheet, the cell, the label as printed on the form, what is
/// wrong and what to type instead. Staff read these, so they avoid technical words.
enum JapaneseMessages {
    static func message(_ problem: Problem, at p: IssuePlace) -> String {
        let file = "ファイル「\(p.file)」の"
        let s = subject(p)
        let w = whereText(p)
        switch problem {
        case .scoreMissing:
            if p.cell == nil {
                return "\(file)\(s)の欄がシート「\(p.sheet)」に見つかりません。様式の見出しを消したり変えたりしていないか確かめ、1〜5の整数を入力してください。"
            }
            return "\(file)\(s)\(w)が空欄です。1〜5の整数を入力してください。"
        case .scoreOutOfRange(let shown):
            return "\(file)\(s)\(w)が \(shown) です。1〜5の整数を入力してください。"
        case .scoreNotInteger(let shown):
            return "\(file)\(s)\(w)が \(shown) です。小数は使えません。1〜5の整数を入力してください。"
        case .scoreUnreadable(let shown):
            return "\(file)\(s)\(w)が「\(shown)」で、数として読めません。1〜5の整数を入力してください。"
        case .scoreNormalised(let shown, let score):
            return "\(file)\(s)\(w)の「\(shown)」を \(score) として読みました。半角の数字だけで \(score) と入力し直してください。"
        case .scoreLowWithoutComment(let score, let threshold, let commentCell):
            let label = p.viewpointLabel?.label ?? p.fieldLabel
            if let commentCell {
                return "\(file)「\(label)」の評価が \(score) ですが、団体のコメント（シート「\(p.sheet)」\(commentCell)）が空欄です。評価が\(threshold)以下の視点には、理由や課題をコメント欄に書いてください。"
            }
            return "\(file)「\(label)」の評価\(w)が \(score) ですが、この視点の団体のコメントが見つかりません。評価が\(threshold)以下の視点には、理由や課題を団体のコメント欄に書いてください。"
        case .scoreGap(let orgScore, let cityScore, let orgCell):
            return "\(file)\(s)\(w)が \(cityScore) で、団体の評価 \(orgScore)（\(orgCell)）と \(abs(orgScore - cityScore)) 離れています。入力の誤りでなければ、食い違いの理由をコメント欄に書いておいてください。"
        case .commentMissing:
            if p.cell == nil {
                return "\(file)\(s)の欄がシート「\(p.sheet)」に見つかりません。様式の見出しを消したり変えたりしていないか確かめ、必ず記入してください。"
            }
            return "\(file)\(s)\(w)が空欄です。必ず記入してください。"
        case .commentPlaceholder(let shown):
            return "\(file)\(s)\(w)が「\(shown)」だけです。課題・改善策・要望など具体的な内容を書いてください。"
        case .fieldMissing:
            if p.cell == nil {
                return "\(file)\(s)の欄がシート「\(p.sheet)」に見つかりません。様式の見出しを消したり変えたりしていないか確かめ、記入してください。"
            }
            return "\(file)\(s)\(w)が空欄です。記入してください。"
        case .choiceInvalid(let shown, let allowed):
            return "\(file)\(s)\(w)が「\(shown)」です。次のどれかを入力してください: \(allowed.joined(separator: "、"))。"
        case .departmentUnknown(let shown):
            return "\(file)\(s)\(w)の「\(shown)」は担当課の一覧にありません。課の名前を確かめてください（新しい課なら設定ファイルの departments に加えてください）。"
        case .themeMissing:
            return "\(file)募集の種類が「テーマ設定型」ですが、\(s)\(w)が空欄です。選んだテーマを記入してください。"
        case .yearNumberOutOfRange(let shown, let range):
            return "\(file)\(s)\(w)が \(shown) です。\(range.lowerBound)〜\(range.upperBound)の整数を入力してください（協働事業は最長\(range.upperBound)年です）。"
        case .yearNumberUnreadable(let shown, let range):
            return "\(file)\(s)\(w)が「\(shown)」で、年数として読めません。\(range.lowerBound)〜\(range.upperBound)の整数を入力してください。"
        case .moneyUnreadable(let shown):
            return "\(file)\(s)\(w)が「\(shown)」で、金額として読めません。円単位の数字だけを入力してください（例: 500000）。"
        case .moneyNormalised(let shown, let amount):
            return "\(file)\(s)\(w)の「\(shown)」を \(yen(amount)) として読みました。正しければ、半角の数字だけで \(amount) と入力し直してください。"
        case .moneyNegative(let shown):
            return "\(file)\(s)\(w)が \(shown) です。0以上の金額を円単位で入力してください。"
        case .moneyRequestedExceedsTotal(let requested, let total, let totalCell):
            return "\(file)\(s)\(w)の \(yen(requested)) が、総事業費（\(totalCell)）の \(yen(total)) を超えています。申請額は総事業費以下にしてください。"
        case .contactEmailFormat(let shown):
            return "\(file)\(s)\(w)の「\(shown)」はメールアドレスの形になっていません。「info@example.jp」のように半角で入力してください。"
        case .contactPhoneFormat(let shown):
            return "\(file)\(s)\(w)の「\(shown)」は電話番号の形になっていません。「03-1234-5678」のように市外局番から数字とハイフンで入力してください。"
        case .fiscalYearUnreadable(let shown):
            return "\(file)\(s)\(w)の「\(shown)」を年度として読めません。「令和6年度」や「2024年度」のように入力してください。"
        case .fiscalYearOutOfRange(let year, let range):
            let era = MessageRenderer.japaneseEra(year).map { "（\($0)年度）" } ?? ""
            return "\(file)\(s)\(w)が \(year)年度\(era)です。\(range.lowerBound)〜\(range.upperBound)年度の範囲で入力してください。年度が正しければ、設定ファイルの fiscal_years を見直してください。"
        case .fiscalYearMissing(let origin, let shown, let year):
            let era = year.map(FiscalYearText.japanese) ?? ""
            switch origin {
            case .title:
                return "\(file)シート「\(p.sheet)」に実施年度の欄がないため、表題\(p.cell.map { "（\($0)）" } ?? "")の「\(shown)」から\(era)として受け付けます。違う場合は実施年度の欄を設けて記入してください。"
            case .fileName:
                return "\(file)シート「\(p.sheet)」に実施年度がないため、ファイル名の「\(shown)」から\(era)として受け付けます。違う場合は様式に実施年度を記入してください。"
            case .folderName:
                return "\(file)シート「\(p.sheet)」に実施年度がないため、フォルダー名「\(shown)」から\(era)として受け付けます。違う場合は様式に実施年度を記入してください。"
            case .setting:
                return "\(file)シート「\(p.sheet)」に実施年度がないため、設定ファイルの intake.fiscal_year（受付中の年度）から\(era)として受け付けます。違う場合は様式に実施年度を記入してください。"
            case .form, .receipt:
                return "\(file)シート「\(p.sheet)」に実施年度がありません。表題・ファイル名・フォルダー名にも年度がないため、受付（run）では受け付けた日の年度、集計（process）では --year の年度として扱います。違う場合は様式に実施年度を記入してください。"
            }
        case .scoreSeveralMarks(let cells):
            return "\(file)\(s)に印が\(cells.count)つあります（シート「\(p.sheet)」\(cells.joined(separator: "・"))）。1つだけに印を付けてください。"
        case .scoreNotAMark(let shown):
            return "\(file)\(s)の欄\(w)に「\(shown)」とあり、印として読めません。評価する列に ○ を1つだけ付け、ほかの列は空けてください。"
        case .choiceSeveralTicked(let options, let allowed):
            return "\(file)\(s)\(w)で「\(options.joined(separator: "」と「"))」の\(options.count)つに印があります。\(allowed.joined(separator: "、")) のうち1つだけに印を付けてください。"
        case .choiceNoneTicked(let allowed):
            let list = allowed.isEmpty ? "" : "\(allowed.joined(separator: "、")) のうち"
            return "\(file)\(s)\(w)のどの選択肢にも印がありません。\(list)1つに印（☑ など）を付けてください。"
        case .evaluationProjectUnknown(let projectID, let year):
            let era = year.map { FiscalYearText.japanese($0) } ?? "その年度"
            return "\(file)\(s)\(w)の「\(projectID)」は、\(era)の最終ふりかえりシートを受け付けた事業にありません。評価票は furikaeri evaluation-sheets で作ったものをそのまま使い、事業IDを変えないでください。"
        case .evaluationProjectMismatch(let shown, let expected, let projectID):
            return "\(file)\(s)\(w)が「\(shown)」ですが、事業ID「\(projectID)」の事業では「\(expected)」です。評価票の事業の情報は書き換えないでください（配られた評価票に評価だけを記入してください）。"
        case .formulaNotCalculated:
            return "\(file)\(s)\(w)は数式で、計算結果が保存されていません。Excel で開いて保存し直してください。"
        case .formNotFound(let sheetNames):
            let list = sheetNames.isEmpty ? "" : "（シート: \(sheetNames.map { "「\($0)」" }.joined(separator: "、"))）"
            return "ファイル「\(p.file)」にふりかえりシートも企画提案書も見つかりません\(list)。様式に記入したファイルか確かめてください。「団体名」「①協働の有効性」などの見出しを消したり変えたりすると読み取れません。"
        case .reader(_, let japanese, _):
            return "ファイル「\(p.file)」を読めません。\(japanese)"
        case .fileNotXLSX(let ext):
            if ext.lowercased() == "xls" {
                return "ファイル「\(p.file)」は古い Excel 97-2003 形式（.xls）のため読めません。Excel で開き、「名前を付けて保存」で「Excel ブック（.xlsx）」を選んで保存し直してください。"
            }
            return "ファイル「\(p.file)」は Excel ブック（.xlsx）ではないため読めません。様式に記入した .xlsx ファイルを指定してください。"
        case .fileUnreadable(let missing):
            if missing {
                return "ファイル「\(p.file)」が見つかりません。読み取る前に移動または削除されました。ファイルの場所を確かめてください。"
            }
            return "ファイル「\(p.file)」を開けません。読み取りが許可されているか、ほかのアプリで使用中でないか確かめてください。"
        }
    }

    /// 「④目的の達成度」の評価, 「*市のコメント」 and the like.
    static func subject(_ p: IssuePlace) -> String {
        if let (family, _, label) = p.viewpointLabel {
            switch family {
            case "scores": return "「\(label)」の評価"
            case "city_scores": return "「\(label)」の市の評価"
            default: return "「\(label)」の団体のコメント"
            }
        }
        return "「\(p.fieldLabel)」"
    }

    /// （シート「ふりかえり」D7）
    static func whereText(_ p: IssuePlace) -> String {
        if let cell = p.cell { return "（シート「\(p.sheet)」\(cell)）" }
        return "（シート「\(p.sheet)」）"
    }

    /// 1,200,000円
    static func yen(_ amount: Int) -> String { "\(groupedDigits(amount))円" }
}

/// `1200000` → `1,200,000`.
func groupedDigits(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return n < 0 ? "-" + out : out
}

/// Japanese wording of the human-readable report of `validate`.
extension JapaneseMessages {
    static func severityWord(_ severity: Severity) -> String { severity == .error ? "エラー" : "警告" }

    static func fileHeading(path: String, status: FileStatus, errors: Int, warnings: Int) -> String {
        switch status {
        case .valid: return warnings == 0 ? "✓ \(path)（問題なし）" : "✓ \(path)（受付可・警告 \(warnings)件）"
        case .invalid: return "✗ \(path)（不備あり: エラー \(errors)件・警告 \(warnings)件）"
        case .unreadable: return "✗ \(path)（読み取れません）"
        }
    }

    static func total(files: Int, valid: Int, invalid: Int, unreadable: Int, errors: Int, warnings: Int) -> String {
        "合計 \(files)ファイル: 受付可 \(valid)・不備あり \(invalid)・読み取れない \(unreadable)（エラー \(errors)件・警告 \(warnings)件）"
    }

    static func noFiles() -> String { "検証するブック（.xlsx・.xlsm・.ods）が見つかりませんでした。フォルダーを確かめてください。" }
}
