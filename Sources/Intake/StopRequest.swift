import Dispatch
import Foundation
import Settings

/// A stop request raised from a signal handler and read by a loop; the loop's sleep ends early.
public final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private let wakeUp = DispatchSemaphore(value: 0)

    public init() {}

    /// Asks the loop to stop after the file at hand.
    public func request() {
        lock.lock()
        requested = true
        lock.unlock()
        wakeUp.signal()
    }

    public var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }

    /// Sleeps up to `seconds`, or until a stop is requested.
    public func wait(seconds: Double) {
        guard !isRequested else { return }
        _ = wakeUp.wait(timeout: .now() + seconds)
    }
}

/// Messages for what recovery did and for errors, in Japanese.
public enum RecoveryText {
    public static func line(_ report: RecoveryReport) -> String {
        var parts: [String] = []
        if !report.inboxCopiesRemoved.isEmpty { parts.append("受付済みなのに inbox に残っていたファイル \(report.inboxCopiesRemoved.count)件を削除") }
        if !report.uncommittedCopiesRemoved.isEmpty { parts.append("記録される前のコピー \(report.uncommittedCopiesRemoved.count)件を削除（元は inbox にあります）") }
        if !report.temporaryFilesRemoved.isEmpty { parts.append("書きかけの一時ファイル \(report.temporaryFilesRemoved.count)件を削除") }
        return "前回の処理が途中で止まっていたため整えました: " + parts.joined(separator: "、")
    }
}

/// Turns an error into the message staff see.
public enum IntakeErrorText {
    public static func message(_ error: Error) -> String {
        if let error = error as? WorkspaceLockError { return error.description }
        if let error = error as? IntakeSessionError { return error.description }
        if let error = error as? IntakeFileError { return error.description }
        if let error = error as? SettingsError { return error.description }
        return "処理を続けられませんでした: \(error)。inbox のファイルはそのまま残っています。原因を取り除いてからもう一度実行してください。"
    }
}
