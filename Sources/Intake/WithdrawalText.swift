import Core
import Foundation
import Validation

/// What `furikaeri withdraw` says, in Japanese or English.
public enum WithdrawalText {
    /// The line saying what was done.
    public static func done(_ result: WithdrawalResult, undo: Bool, _ language: Language) -> String {
        let name = NameText.shown(result.originalName)
        let from = NameText.shown(result.from)
        switch (undo, language) {
        case (false, .ja):
            let moved = result.to.map { "\(from) → \(NameText.shown($0))" }
                ?? "\(from) はありませんでした。台帳の記録だけを取り下げにしました"
            return "取り下げました: \(result.submissionID) \(name)（\(moved)）。このファイルのシートは出力に含めません。"
        case (false, .en):
            let moved = result.to.map { "\(from) → \(NameText.shown($0))" }
                ?? "\(from) was not there; only the ledger's record is withdrawn"
            return "Withdrawn: \(result.submissionID) \(name) (\(moved)). Its sheets are in no output."
        case (true, .ja):
            let moved = result.to.map { "\(from) → \(NameText.shown($0))" } ?? "ファイルは動かしていません: \(from)"
            return "取り下げを取り消しました: \(result.submissionID) \(name)（\(moved)）。このファイルのシートをまた出力に含めます。"
        case (true, .en):
            let moved = result.to.map { "\(from) → \(NameText.shown($0))" } ?? "the file was not moved: \(from)"
            return "Withdrawal undone: \(result.submissionID) \(name) (\(moved)). Its sheets are in the outputs again."
        }
    }

    /// Why nothing was done.
    public static func message(_ error: WithdrawalError, undo: Bool, _ language: Language) -> String {
        switch (error, language) {
        case (.notFound(let target), .ja):
            return undo ? "「\(target)」という取り下げたファイルはありません。furikaeri status の「取り下げたファイル」で提出ID を確かめてください。"
                : "「\(target)」という受付済みのファイルはありません。提出ID（提出-ABCDEF0123）か、受け付けたときのファイル名で指定してください（furikaeri export で一覧にできます）。"
        case (.notFound(let target), .en):
            return undo ? "No withdrawn file is \"\(target)\". Check its submission ID under \"Withdrawn files\" in furikaeri status."
                : "No accepted file is \"\(target)\". Give its submission ID (提出-ABCDEF0123) or the name it was received under (furikaeri export lists them)."
        case (.ambiguous(let target, let candidates), .ja):
            return "「\(target)」に当たるファイルが \(candidates.count)件あります。提出ID で指定してください: " + candidates.joined(separator: "、")
        case (.ambiguous(let target, let candidates), .en):
            return "\(candidates.count) files match \"\(target)\"; give the submission ID of one: " + candidates.joined(separator: ", ")
        case (.alreadyWithdrawn(let name), .ja):
            return "「\(NameText.shown(name))」はすでに取り下げてあります。戻すには --undo を付けてください。"
        case (.alreadyWithdrawn(let name), .en):
            return "\"\(NameText.shown(name))\" is already withdrawn. Add --undo to put it back."
        case (.notWithdrawn(let name), .ja):
            return "「\(NameText.shown(name))」は取り下げていません。"
        case (.notWithdrawn(let name), .en):
            return "\"\(NameText.shown(name))\" is not withdrawn."
        }
    }
}
