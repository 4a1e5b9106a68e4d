import Core
import ArgumentParser
import Core
import Foundation
import Intake
import Reports
import Validation
import XLSXWriting

/// `furikaeri export --workspace DIR -o FILE.xlsx|FILE.csv`: the ledger's files, sheets and issues.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: HelpText.text("台帳の受付ファイル・シート・指摘の一覧を、職員用に .xlsx か CSV で書き出します。"),
        discussion: HelpText.text("""
            -o が .xlsx なら1冊に「ファイル」「シート」「指摘」の3シートを、.csv なら同じ名前に _ファイル・_シート・_指摘 を
            付けた3つの CSV（UTF-8・BOM 付き・CRLF）を書きます（--lang en では files・sheets・issues）。
            同じ名前のファイルは置き換えます。
            = + - @ で始まる文字の欄は、CSV では Excel が数式として実行しないよう先頭に ' を付けます。
            団体名などを含むので、第三者には渡さないでください。台帳は読むだけで、何も変えません。
            終了コード: 0 書き出した、1 書き出せなかった、2 指定の誤り、4 台帳がない。
            """))

    @Option(name: .long, help: HelpText.argument("作業フォルダ（furikaeri init で作ったもの）"))
    var workspace: String

    @Option(name: [.customShort("o"), .long], help: HelpText.argument("書き出すファイル（.xlsx または .csv）"))
    var output: String

    @OptionGroup var lang: LanguageOptions

    func validate() throws {
        let ext = (output as NSString).pathExtension.lowercased()
        guard ext == "xlsx" || ext == "csv" else {
            throw ValidationError(lang.language == .en ? "-o must name a .xlsx or .csv file (got \"\(output)\")."
                                               : "-o には .xlsx か .csv のファイル名を指定してください（「\(output)」）。")
        }
    }

    func run() throws {
        let language = lang.language
        let ja = language == .ja
        let workspace = try existingWorkspace(self.workspace, language: language)
        do {
            let ledger = try Ledger.openGuarded(workspace)
            let tables = try LedgerExport.tables(ledger, language: language)
            let target = (output as NSString).standardizingPath
            var written: [String] = []
            if (target as NSString).pathExtension.lowercased() == "xlsx" {
                let folder = (target as NSString).deletingLastPathComponent.isEmpty ? "." : (target as NSString).deletingLastPathComponent
                try DurableFiles.createDirectory(folder)
                let temporary = DurableFiles.temporaryPath(in: folder) + ".xlsx"
                defer { unlink(temporary) }
                try TableWorkbook.write(tables, to: temporary, title: ja ? "台帳の一覧" : "Ledger lists", created: Date())
                try DurableFiles.replace(temporary: temporary, as: target)
                try DurableFiles.syncDirectory(folder)
                written.append(target)
            } else {
                let stem = (target as NSString).deletingPathExtension
                for table in tables {
                    let path = stem + "_" + table.fileName + ".csv"
                    try DurableFiles.write(CSVEncoder(encoding: .utf8).encode(table).data, to: path, replacing: true)
                    written.append(path)
                }
            }
            let counts = tables.map(\.rows.count)
            for path in written { print(ja ? "作成: \(path)" : "created: \(path)") }
            print(ja ? "ファイル \(counts[0])件・シート \(counts[1])件・指摘 \(counts[2])件を書き出しました。"
                     : "Wrote \(counts[0]) file(s), \(counts[1]) sheet(s) and \(counts[2]) issue(s).")
        } catch let error as IntakeSessionError {
            printError(error.message(in: language))
            throw ExitCode(error.exitCode)
        } catch let error as XLSXWriteError {
            // Named as asked for, not by the temporary file it was being written to.
            printError(WriteFailure(path: output, errno: error.errno).message(japanese: ja))
            throw ExitCode(1)
        } catch {
            let reason = (error as? FileError)?.message(in: language) ?? "\(error)"
            printError(ja ? "一覧を書き出せませんでした: \(reason)" : "Could not write the lists: \(reason)")
            throw ExitCode(1)
        }
    }
}
