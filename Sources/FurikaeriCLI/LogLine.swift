import ArgumentParser
import Core
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

/// Writes the lines of `watch` and `run`, each on the stream it always went to: without
/// `--log-format`, each starts with the local time (`2026-12-07 11:02:03`); `journal` puts the priority
/// first instead (journald adds the time), `plain` the ISO 8601 time and the severity.
struct LogLine {
    var format: LogFormat?
    var language: Language

    /// `message` as written in this format at `date`; a message of several lines gets the stamp on each.
    func text(_ message: String, _ severity: LogSeverity, at date: Date = Date()) -> String {
        let prefix: String
        switch format {
        case nil: prefix = LogLine.localTime(date) + " "
        case .journal?: prefix = "<\(severity.rawValue)>"
        case .plain?: prefix = LogLine.localTimestamp(date) + " " + severity.word(language) + " "
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

    /// `2026-12-07 18:30:05`: local time to the second, as people read it.
    static func localTime(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// `2026-12-07T18:30:05+09:00`: local time with its offset, second precision.
    static func localTimestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone.current
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
