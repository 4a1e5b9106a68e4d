import Foundation

/// What a system call's errno means, said in Japanese or English (strerror speaks only English).
///
/// The one place messages take a reason from: "permission denied" for EACCES, never a guess such as
/// "check the free space" for an error that is not about space.
public enum SystemErrorText {
    /// The meaning of `code`; for a code not listed, strerror's text in English and its number in Japanese.
    public static func meaning(_ code: Int32, japanese: Bool) -> String {
        let pair: (String, String)?
        switch code {
        case EACCES, EPERM: pair = ("権限がありません", "permission denied")
        case ENOENT: pair = ("ファイルまたはフォルダがありません", "no such file or folder")
        case ENOTDIR: pair = ("途中の名前がフォルダではありません", "a part of the path is not a folder")
        case EISDIR: pair = ("同じ名前のフォルダがあります", "a folder has that name")
        case EEXIST: pair = ("同じ名前のファイルがすでにあります", "a file of that name already exists")
        case ENOSPC: pair = ("ディスクに空きがありません", "no space left on the disk")
        case EDQUOT: pair = ("ディスク容量の上限に達しています", "the disk quota is used up")
        case EROFS: pair = ("読み取り専用の場所です", "the place is read-only")
        case ENAMETOOLONG: pair = ("名前が長すぎます", "the name is too long")
        case ELOOP: pair = ("シンボリックリンクが多すぎるか、たどれません", "too many symbolic links")
        case EIO: pair = ("ディスクの読み書きに失敗しました", "input/output error on the disk")
        case EBUSY, ETXTBSY: pair = ("ほかのプログラムが使用中です", "in use by another program")
        case EMFILE, ENFILE: pair = ("開いているファイルが多すぎます", "too many open files")
        case EXDEV: pair = ("別のディスクへは名前の変更で移せません", "cannot rename across disks")
        case ENOTEMPTY: pair = ("フォルダが空ではありません", "the folder is not empty")
        case EINVAL: pair = ("指定が正しくありません", "invalid argument")
        case EFBIG: pair = ("ファイルの大きさの上限を超えました", "the file is larger than allowed")
        default: pair = nil
        }
        if let pair { return japanese ? pair.0 : pair.1 }
        return japanese ? "システムのエラー（番号 \(code)）" : String(cString: strerror(code))
    }
}
