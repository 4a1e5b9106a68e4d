/// A date or time as Excel holds it: a serial number of days, on the 1900 or the 1904 system.
/// An ISO 8601 `t="d"` cell keeps its text as written.
public struct ExcelDateTime: Hashable, Sendable {
    public var serial: Double
    public var is1904: Bool
    /// Text from a `t="d"` cell, kept as written.
    public var isoText: String?
    /// Whether the format shows elapsed time (`[h]:mm:ss`) rather than a point in time.
    public var isDuration: Bool

    public init(serial: Double, is1904: Bool = false, isoText: String? = nil, isDuration: Bool = false) {
        self.serial = serial
        self.is1904 = is1904
        self.isoText = isoText
        self.isDuration = isDuration
    }
}

/// Converts between Excel serial dates (1900 or 1904 system) and calendar dates, without
/// Foundation's calendar (fast, and free of time zones).
extension ExcelDateTime {
    /// ISO 8601 text, following the reference readers' conventions: `2021-01-01` at midnight,
    /// `2021-01-01T10:10:10` with a time, `10:10:10` for a time of day alone (serial below 1),
    /// `PT918610.0S` for elapsed time; a `t="d"` cell's own text as written.
    public var isoString: String {
        if let isoText { return isoText }
        if isDuration {
            let seconds = (serial * 86_400 * 1000).rounded() / 1000
            return "PT\(seconds)S"
        }
        guard Self.representableSerials.contains(serial) else { return "\(serial)" }
        let parts = components
        let time = Self.timeText(parts.millisecond)
        if serial >= 0 && serial < 1 { return time }
        let date = Self.dateText(year: parts.year, month: parts.month, day: parts.day)
        return parts.millisecond == 0 ? date : date + "T" + time
    }

    /// Serials that name a calendar day Excel can show (up to 9999-12-31); others are written
    /// as plain numbers, never converted (a hostile serial must not overflow).
    static let representableSerials: ClosedRange<Double> = -693_594...2_958_466

    /// Calendar date and the millisecond of the day, the serial rounded to the millisecond.
    /// Serials outside `representableSerials` are clamped to its ends.
    public var components: (year: Int, month: Int, day: Int, millisecond: Int) {
        let clamped = serial.isNaN ? 0 : min(max(serial, Self.representableSerials.lowerBound), Self.representableSerials.upperBound)
        let totalMs = Int((clamped * 86_400_000).rounded())
        var days = totalMs >= 0 ? totalMs / 86_400_000 : -((-totalMs + 86_400_000 - 1) / 86_400_000)
        let ms = totalMs - days * 86_400_000
        var epoch: Int
        if is1904 {
            epoch = Self.daysFromCivil(1904, 1, 1)
        } else if days < 60 {
            // Excel counts 1900-01-01 as day 1 and keeps a fictitious 1900-02-29 (day 60).
            epoch = Self.daysFromCivil(1899, 12, 31)
        } else {
            epoch = Self.daysFromCivil(1899, 12, 30)
            if days == 60 { days = 61 }
        }
        let civil = Self.civilFromDays(epoch + days)
        return (civil.year, civil.month, civil.day, ms)
    }

    /// Parses `t="d"` text (`2021-01-01`, `2021-01-01T10:10:10.5Z`, `10:10:10`) into a value whose
    /// serial is on the 1900 system; nil when the text is not such a date or time.
    public init?(isoText text: String) {
        let b = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var v = 0
            for k in from..<from + count {
                guard b[k] >= 48 && b[k] <= 57 else { return nil }
                v = v * 10 + Int(b[k] - 48)
            }
            return v
        }
        func timeOfDay(_ at: Int) -> Double? {
            guard let h = number(at, 2), at + 2 < b.count, b[at + 2] == 58, let m = number(at + 3, 2) else { return nil }
            var seconds = 0.0
            if at + 5 < b.count, b[at + 5] == 58, let s = number(at + 6, 2) {
                seconds = Double(s)
                var k = at + 8
                if k < b.count, b[k] == 46 {
                    var scale = 0.1
                    k += 1
                    while k < b.count, b[k] >= 48 && b[k] <= 57 { seconds += Double(b[k] - 48) * scale; scale /= 10; k += 1 }
                }
            }
            return (Double(h * 3600 + m * 60) + seconds) / 86_400
        }
        if b.count >= 10, let y = number(0, 4), b[4] == 45, let mo = number(5, 2), b[7] == 45, let d = number(8, 2),
           (1...12).contains(mo), (1...31).contains(d) {
            var serial = Double(Self.daysFromCivil(y, mo, d) - Self.daysFromCivil(1899, 12, 30))
            if serial < 61 { serial -= 1 }
            if b.count > 11, b[10] == 84 || b[10] == 32 {
                guard let t = timeOfDay(11) else { return nil }
                serial += t
            }
            self.init(serial: serial, is1904: false, isoText: text)
        } else if let t = timeOfDay(0) {
            self.init(serial: t, is1904: false, isoText: text)
        } else {
            return nil
        }
    }

    /// `YYYY-MM-DD`, zero-padded.
    public static func dateText(year: Int, month: Int, day: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        appendDigits(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(day, width: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func timeText(_ millisecondOfDay: Int) -> String {
        let ms = millisecondOfDay % 1000
        let s = millisecondOfDay / 1000
        var bytes: [UInt8] = []
        bytes.reserveCapacity(15)
        appendDigits(s / 3600, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(s / 60 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(s % 60, width: 2, to: &bytes)
        if ms != 0 {
            bytes.append(UInt8(ascii: "."))
            appendDigits(ms * 1000, width: 6, to: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decimal digits of `value`, zero-padded to `width` (a minus sign first when negative).
    private static func appendDigits(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: [UInt8] = []
        repeat {
            digits.append(UInt8(48 + magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        if digits.count < width { bytes.append(contentsOf: repeatElement(UInt8(48), count: width - digits.count)) }
        bytes.append(contentsOf: digits.reversed())
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
