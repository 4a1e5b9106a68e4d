import ArgumentParser
import Foundation
import Intake
import Validation

/// How `watch` writes its lines when it runs unattended (`--log-format`).
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    /// sd-daemon priority prefixes (`<3>` error, `<4>` warning, `<6>` info), which journald reads from
    /// a service's stdout and stderr and strips; the journal adds the time itself.
    case journal
    /// A local ISO 8601 time and a severity word before each line, for a log file.
    case plain
}

/// How serious a line is, with its syslog priority.
enum LogSeverity: Int {
    case error = 3
    case warning = 4
    case info = 6

    func word(_ language: Language) -> String {
        switch (self, language) {
        case (.error, .ja): return "エラー"
        case (.warning, .ja): return "警告"
        case (.info, .ja): return "情報"
        case (.error, .en): return "ERROR"
        case (.warning, .en): return "WARNING"
        case (.info, .en): return "INFO"
        }
    }
}

/// Writes `watch`'s lines: as they always were without `--log-format`, or each one stamped; each on
/// the stream it always went to.
struct LogLine {
    var format: LogFormat?
    var language: Language

    /// `message` as written in this format at `date`; a message of several lines gets the stamp on each.
    func text(_ message: String, _ severity: LogSeverity, at date: Date = Date()) -> String {
        guard let format else { return message }
        let prefix: String
        switch format {
        case .journal: prefix = "<\(severity.rawValue)>"
        case .plain: prefix = LogLine.localTimestamp(date) + " " + severity.word(language) + " "
        }
        return message.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n")
    }

    /// Writes to stdout (what `watch` always printed there).
    func out(_ message: String, _ severity: LogSeverity) {
        print(text(message, severity))
        fflush(nil)  // every stream: C's `stdout` is a global var Swift 6 will not read
    }

    /// Writes to stderr (what `watch` always printed there).
    func err(_ message: String, _ severity: LogSeverity) {
        printError(text(message, severity))
    }

    /// The severity of one file's line: taken files are information, rejected ones need staff
    /// (warning), a file that cannot be read at all is an error.
    static func severity(of event: IntakeEvent) -> LogSeverity {
        switch event.outcome {
        case .accepted?, .duplicate?: return .info
        case .rejected?, .notXLSX?, .rejectedAgain?: return .warning
        case nil: return event.unreadableErrno != nil || event.failure != nil ? .error : .info
        }
    }

    /// `2026-12-07T18:30:05+09:00`: local time with its offset, second precision.
    static func localTimestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone.current
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
