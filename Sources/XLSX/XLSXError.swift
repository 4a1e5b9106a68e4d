/// Why a workbook could not be read. Every case carries a message for staff, in Japanese and in
/// English, that names the problem and says what to do about it.
public enum XLSXError: Error, Hashable, Sendable {
    /// The file does not exist or cannot be opened for reading (permissions, a folder, I/O error).
    case cannotOpenFile(path: String, reason: String)
    /// The file is not a zip archive at all: a CSV or text file renamed to `.xlsx`, or random bytes.
    case notAZip
    /// An Office file encrypted with a password (a CFB container holding an `EncryptedPackage`
    /// stream), or an OpenDocument spreadsheet saved with one (its manifest lists encryption
    /// data). It cannot be read without the password.
    case passwordProtected
    /// A legacy Excel 97–2003 `.xls` workbook (a CFB container without `EncryptedPackage`).
    case legacyXLS
    /// An OpenDocument spreadsheet (`.ods`, as LibreOffice Calc saves it) that holds no sheets to
    /// read: its `content.xml` is missing or holds no spreadsheet (a damaged file, or another kind
    /// of OpenDocument file renamed).
    case openDocumentSpreadsheet
    /// A zip archive that is cut short or damaged (bad central directory, CRC mismatch, a bad
    /// compressed stream).
    case corruptArchive(detail: String)
    /// A zip archive that holds no Excel workbook part (`xl/workbook.xml` or what the package
    /// relationships point to).
    case noWorkbookPart
    /// The file goes over one of the `ReaderLimits`: it may be a zip bomb or an unreasonably large
    /// workbook.
    case limitExceeded(limit: ReaderLimitKind, detail: String)
    /// A part declares a DOCTYPE or entities. Real Excel files never do; such files are refused to
    /// rule out entity expansion and external-entity attacks.
    case unsafeXML(part: String)
    /// A part is not well-formed XML (after the unsafe-XML checks).
    case malformedXML(part: String, detail: String)
    /// A sheet index outside `0..<workbook.sheets.count` was asked for (a programming error, not
    /// a property of the file).
    case sheetIndexOutOfRange(index: Int, count: Int)
    /// Reading stopped because memory shared with other files was short (`MemoryBudget`). Never
    /// reaches callers of `MemoryBudget.reading(limits:_:)`, which reads the file again alone.
    case memoryBusy

    /// The message for staff, in Japanese: what is wrong and what to do.
    public var japaneseMessage: String {
        switch self {
        case .cannotOpenFile(let path, let reason):
            return "ファイル「\(path)」を開けません（\(reason)）。ファイルの場所と読み取り権限を確認してください。"
        case .notAZip:
            return "Excel ブック（.xlsx）ではありません（CSV やテキストの拡張子を変えたもの、または壊れたファイルの可能性があります）。Excel で開いて「Excel ブック (*.xlsx)」として保存し直してから提出してください。"
        case .passwordProtected:
            return "パスワードで保護されたファイルのため読み取れません。提出者にパスワードを外した .xlsx で再提出を依頼してください。"
        case .legacyXLS:
            return "古い形式の Excel ファイル（.xls）です。Excel で開いて「Excel ブック (*.xlsx)」として保存し直してから提出してください。"
        case .openDocumentSpreadsheet:
            return "OpenDocument 形式（.ods）のファイルですが、表の本体（content.xml）がないか表計算のデータではないため読み取れません。LibreOffice Calc で開けるか確かめ、開けたら保存し直してから提出してください。"
        case .corruptArchive(let detail):
            return "ファイルが途中で切れているか壊れています（\(detail)）。元のファイルをもう一度コピーするか、提出者に再送を依頼してください。"
        case .noWorkbookPart:
            return "zip ファイルですが Excel ブックの本体（workbook）が含まれていません。Excel で作成・保存した .xlsx ファイルを提出してください。"
        case .limitExceeded(.heldBytes, let detail):
            return "1つのシートのセルや文字列が多すぎて、読み取りの上限（\(ReaderLimitKind.heldBytes.japaneseName)、\(detail)）を超えています。様式のシートだけを残して保存し直した小さなファイルで再提出を依頼してください。"
        case .limitExceeded(let limit, let detail):
            return "ファイルが読み取りの上限（\(limit.japaneseName)）を超えています（\(detail)）。不正なファイル（zip 爆弾など）の可能性があります。内容を確認し、必要なシートだけを保存した小さなファイルで再提出を依頼してください。"
        case .unsafeXML(let part):
            return "ファイル内の XML（\(part)）に DTD または実体宣言が含まれているため、安全のため読み取りを中止しました。Excel で開いて保存し直したファイルを提出してください。"
        case .malformedXML(let part, let detail):
            return "ファイル内の XML（\(part)）が壊れています（\(detail)）。Excel で開いて保存し直すか、提出者に再送を依頼してください。"
        case .sheetIndexOutOfRange(let index, let count):
            return "シート番号 \(index + 1) はありません（シート数 \(count)）。シートの指定を確認してください。"
        case .memoryBusy:
            return "ほかのファイルの読み取りでメモリが足りなかったため、読み取りを中断しました。もう一度お試しください。"
        }
    }

    /// The message for staff, in English: what is wrong and what to do.
    public var englishMessage: String {
        switch self {
        case .cannotOpenFile(let path, let reason):
            return "Cannot open \"\(path)\" (\(reason)). Check the file's location and read permission."
        case .notAZip:
            return "This is not an Excel workbook (.xlsx); it may be a renamed CSV or text file, or damaged. Open it in Excel, save it as \"Excel Workbook (*.xlsx)\" and submit it again."
        case .passwordProtected:
            return "The file is password-protected and cannot be read. Ask the sender to remove the password and submit the .xlsx again."
        case .legacyXLS:
            return "This is a legacy Excel 97-2003 file (.xls). Open it in Excel, save it as \"Excel Workbook (*.xlsx)\" and submit it again."
        case .openDocumentSpreadsheet:
            return "This OpenDocument spreadsheet (.ods) cannot be read: its content (content.xml) is missing or is not a spreadsheet. Check that it opens in LibreOffice Calc; if it does, save it again and resubmit."
        case .corruptArchive(let detail):
            return "The file is truncated or damaged (\(detail)). Copy the original file again or ask the sender to resend it."
        case .noWorkbookPart:
            return "The zip archive holds no Excel workbook part. Submit an .xlsx file created and saved by Excel."
        case .limitExceeded(.heldBytes, let detail):
            return "One sheet holds too many cells or texts: reading it would exceed the limit on \(ReaderLimitKind.heldBytes.englishName) (\(detail)). Ask for a smaller file that keeps only the form's sheets."
        case .limitExceeded(let limit, let detail):
            return "The file exceeds the reader's limit on \(limit.englishName) (\(detail)); it may be a zip bomb. Check its contents and ask for a smaller file holding only the needed sheets."
        case .unsafeXML(let part):
            return "The XML part \(part) declares a DTD or entities, so reading was stopped for safety. Open the file in Excel, save it again and resubmit."
        case .malformedXML(let part, let detail):
            return "The XML part \(part) is damaged (\(detail)). Open and re-save the file in Excel, or ask the sender to resend it."
        case .sheetIndexOutOfRange(let index, let count):
            return "There is no sheet number \(index + 1) (the workbook has \(count)). Check which sheet was asked for."
        case .memoryBusy:
            return "Reading stopped because other files being read needed the memory. Try again."
        }
    }
}

extension XLSXError: CustomStringConvertible {
    public var description: String { englishMessage }
}
