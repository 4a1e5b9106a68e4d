#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file operation failed: the operation, the path and the system's errno.
public enum FileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A system call failed on a path.
    case system(operation: FileOperation, path: String, errno: Int32)

    /// The path the failed call was made on.
    public var path: String {
        switch self { case .system(_, let path, _): return path }
    }

    /// The errno of the failed call.
    public var errno: Int32 {
        switch self { case .system(_, _, let code): return code }
    }

    /// The message for staff: which file, what failed, the system's own reason, and what to check.
    public var japaneseMessage: String {
        switch self {
        case .system(let operation, let path, let code):
            let reason = Self.systemReason(code, japanese: true), advice = Self.advice(for: code, japanese: true)
            return "「\(NameText.shown(path))」の\(operation.japaneseName)に失敗しました（\(reason)）。\(advice)"
        }
    }

    /// `japaneseMessage` in English.
    public var englishMessage: String {
        switch self {
        case .system(let operation, let path, let code):
            let reason = Self.systemReason(code, japanese: false), advice = Self.advice(for: code, japanese: false)
            return "\(operation.englishName) \"\(NameText.shown(path))\" failed (\(reason)). \(advice)"
        }
    }

    /// The Japanese message.
    public var description: String { japaneseMessage }

    /// What `code` means, in Japanese or English (see `SystemErrorText`).
    public static func systemReason(_ code: Int32, japanese: Bool) -> String { SystemErrorText.meaning(code, japanese: japanese) }

    /// What to check after a system call failed with `code`: what that errno means, not a guess.
    public static func advice(for code: Int32, japanese: Bool) -> String {
        let ja: String, en: String
        switch code {
        case ENOSPC, EDQUOT:
            (ja, en) = ("ディスクの空き（または容量の上限）を確かめてください。", "Check the free disk space (or the quota).")
        case EACCES, EPERM:
            (ja, en) = ("ファイルとフォルダの権限を確かめてください。", "Check the permissions of the file and its folder.")
        case EROFS:
            (ja, en) = ("書き込めない（読み取り専用の）場所です。", "The place is read-only.")
        case ENAMETOOLONG:
            (ja, en) = ("名前が長すぎます。短い名前にしてください。", "The name is too long; use a shorter one.")
        case ENOENT:
            (ja, en) = ("処理の途中でなくなりました（移されたか消されました）。", "It disappeared during the run (moved or removed).")
        case ENOTDIR, EEXIST:
            (ja, en) = ("フォルダのはずの場所にファイルがあります。", "A file is where a folder should be.")
        case ELOOP:
            (ja, en) = ("シンボリックリンクはたどりません。", "Symbolic links are not followed.")
        case EIO:
            (ja, en) = ("ディスクか共有フォルダの接続に問題があります。", "The disk or the connection to the shared folder has a problem.")
        default:
            (ja, en) = ("原因を取り除いてから、もう一度実行してください。", "Remove the cause and run again.")
        }
        return japanese ? ja : en
    }
}

/// What was being done to a file when a system call failed.
public enum FileOperation: Sendable, Equatable {
    case read, write, fsync, syncfs, rename, save, remove, syncFolder, createFolder, replaceOutput

    /// As the Japanese message names it: 「…」の読み込みに失敗しました.
    public var japaneseName: String {
        switch self {
        case .read: return "読み込み"
        case .write: return "書き込み"
        case .fsync: return "保存(fsync)"
        case .syncfs: return "保存(syncfs)"
        case .rename: return "名前の変更"
        case .save: return "保存"
        case .remove: return "削除"
        case .syncFolder: return "フォルダの同期"
        case .createFolder: return "フォルダの作成"
        case .replaceOutput: return "出力の置き換え"
        }
    }

    /// As the English message names it, at the start of a sentence: Reading "…" failed.
    public var englishName: String {
        switch self {
        case .read: return "Reading"
        case .write: return "Writing"
        case .fsync: return "Saving (fsync)"
        case .syncfs: return "Saving (syncfs)"
        case .rename: return "Renaming"
        case .save: return "Saving"
        case .remove: return "Removing"
        case .syncFolder: return "Syncing the folder"
        case .createFolder: return "Creating the folder"
        case .replaceOutput: return "Replacing the output"
        }
    }
}
