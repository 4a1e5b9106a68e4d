import Forms
import XLSX

/// The rules only the proposal form (企画提案書) has.
extension Validator {
    func checkProposal(_ form: ExtractedForm, _ sink: inout IssueSink) {
        checkTheme(form, &sink)
        checkYearNumber(form, &sink)
        checkMoney(form, &sink)
        checkContact(form, &sink)
    }

    /// テーマ設定型 needs a テーマ.
    func checkTheme(_ form: ExtractedForm, _ sink: inout IssueSink) {
        guard let type = form["proposal_type"], TextChecks.squeeze(Self.valueText(type)) == "テーマ設定型" else { return }
        guard let theme = form["theme"] else {
            sink.add(.themeMissing, key: "theme")
            return
        }
        if Self.isBlank(theme) { sink.add(.themeMissing, theme) }
    }

    /// 継続年数 is a whole number within the configured range (1…3).
    func checkYearNumber(_ form: ExtractedForm, _ sink: inout IssueSink) {
        guard let reading = form["year_number"], !Self.isBlank(reading) else { return }
        let range = settings.rules.yearNumbers
        let shown = Self.shown(reading)
        var years: Int?
        switch reading.value {
        case .integer(let n): years = n
        case .decimal(let d) where d.rounded() == d && abs(d) < 1e9: years = Int(d)
        case .text(let text), .unreadable(let text):
            var s = TextChecks.squeeze(text.isEmpty ? shown : text)
            for suffix in ["年目", "年度目", "年"] where s.hasSuffix(suffix) {
                s.removeLast(suffix.count)
                break
            }
            years = TextChecks.integerFromText(s)
        default: years = nil
        }
        guard let years else {
            sink.add(.yearNumberUnreadable(shown: shown, range: range), reading)
            return
        }
        if !range.contains(years) { sink.add(.yearNumberOutOfRange(shown: String(years), range: range), reading) }
    }

    /// Money is readable yen, not negative, and the requested amount is at most the total cost.
    func checkMoney(_ form: ExtractedForm, _ sink: inout IssueSink) {
        func amount(_ key: String) -> (Int, FieldReading)? {
            guard let reading = form[key], !Self.isBlank(reading) else { return nil }
            let yen: Int?
            switch reading.value {
            case .yen(let n), .integer(let n): yen = n
            case .decimal(let d) where d.rounded() == d && abs(d) < 1e15: yen = Int(d)
            default: yen = nil
            }
            guard let yen else {
                sink.add(.moneyUnreadable(shown: Self.shown(reading)), reading)
                return nil
            }
            if yen < 0 {
                sink.add(.moneyNegative(shown: Self.shown(reading)), reading)
                return nil
            }
            if Self.needsMoneyCheck(reading.raw) {
                sink.add(.moneyNormalised(shown: Self.shown(reading), yen: yen), reading)
            }
            return (yen, reading)
        }
        let total = amount("total_cost")
        let requested = amount("requested_amount")
        if let (totalYen, totalReading) = total, let (requestedYen, requestedReading) = requested,
           requestedYen > totalYen {
            sink.add(.moneyRequestedExceedsTotal(requested: requestedYen, total: totalYen,
                                                 totalCell: totalReading.cell.a1), requestedReading)
        }
    }

    /// Whether an amount typed as text was read in a way staff should confirm: full-width digits or
    /// a unit such as 万 or 千 (`１２０万円`). `850,000円` and `¥600,000` are plain and pass quietly.
    static func needsMoneyCheck(_ raw: CellValue) -> Bool {
        guard case .text(let text) = raw else { return false }
        return text.unicodeScalars.contains { (0xFF10...0xFF19).contains($0.value) || $0 == "万" || $0 == "千" }
    }

    /// A malformed e-mail address or phone number is a warning.
    func checkContact(_ form: ExtractedForm, _ sink: inout IssueSink) {
        if let email = form["email"], !Self.isBlank(email) {
            let shown = Self.shown(email)
            if !TextChecks.isPlausibleEmail(shown) { sink.add(.contactEmailFormat(shown: shown), email) }
        }
        if let phone = form["phone"], !Self.isBlank(phone) {
            let shown = Self.shown(phone)
            if !TextChecks.isPlausiblePhone(shown) { sink.add(.contactPhoneFormat(shown: shown), phone) }
        }
    }
}
