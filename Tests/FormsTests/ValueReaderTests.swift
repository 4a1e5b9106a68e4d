import Testing
import XLSX
@testable import Forms

@Suite struct ValueReaderTests {
    @Test func scoresAsNumbersTextFullWidthAndWithPoints() {
        #expect(ValueReader.read(.number(4), as: .score).value == .integer(4))
        #expect(ValueReader.read(.number(4), as: .score).normalisation == nil)
        let text = ValueReader.read(.text("4"), as: .score)
        #expect(text.value == .integer(4))
        #expect(text.normalisation != nil)
        let fullWidth = ValueReader.read(.text("４"), as: .score)
        #expect(fullWidth.value == .integer(4))
        #expect(fullWidth.normalisation?.contains("全角") == true)
        let points = ValueReader.read(.text("4点"), as: .score)
        #expect(points.value == .integer(4))
        #expect(points.normalisation?.contains("点") == true)
        #expect(ValueReader.read(.text("５点"), as: .score).value == .integer(5))
    }

    @Test func halfPointsAreDecimalLettersUnreadableAndEmptyBlank() {
        #expect(ValueReader.read(.number(3.5), as: .score).value == .decimal(3.5))
        #expect(ValueReader.read(.text("３．５"), as: .score).value == .decimal(3.5))
        #expect(ValueReader.read(.text("A"), as: .score).value == .unreadable("A"))
        #expect(ValueReader.read(.text("よい"), as: .score).value == .unreadable("よい"))
        #expect(ValueReader.read(.empty, as: .score).value == .blank)
        #expect(ValueReader.read(.text("　"), as: .score).value == .blank)
        #expect(ValueReader.read(.number(6), as: .score).value == .integer(6))
        #expect(ValueReader.read(.error("#N/A"), as: .score).value == .unreadable("#N/A"))
    }

    @Test func fiscalYearsInEveryWayStaffWriteThem() {
        let cases: [(CellValue, Int)] = [
            (.text("令和6年度"), 2024), (.text("R6"), 2024), (.text("r.6"), 2024), (.text("2024年度"), 2024),
            (.number(2024), 2024), (.text("2024"), 2024), (.text("令和元年度"), 2019), (.text("H30"), 2018),
            (.text("平成30年度"), 2018), (.text("令和５年度"), 2023), (.text("令和 6 年度"), 2024),
            (.text("令和6年度（2024年度）"), 2024), (.text("Ｒ５"), 2023),
        ]
        for (raw, year) in cases {
            #expect(ValueReader.read(raw, as: .year).value == .fiscalYear(year), "\(raw)")
        }
        #expect(ValueReader.read(.text("来年"), as: .year).value == .unreadable("来年"))
        #expect(ValueReader.read(.number(6), as: .year).value == .unreadable("6"))
    }

    @Test func aDateInTheYearCellGivesTheFiscalYearItFallsIn() {
        // 2025-03-31 is serial 45747 and belongs to fiscal 2024; 2025-04-01 starts fiscal 2025.
        #expect(ValueReader.read(.dateTime(ExcelDateTime(serial: 45747)), as: .year).value == .fiscalYear(2024))
        #expect(ValueReader.read(.dateTime(ExcelDateTime(serial: 45748)), as: .year).value == .fiscalYear(2025))
    }

    @Test func moneyWithCommasYenSignsAndManUnits() {
        let cases: [(CellValue, Int)] = [
            (.text("1,200,000円"), 1_200_000), (.text("¥1,200,000"), 1_200_000), (.text("￥1,200,000"), 1_200_000),
            (.text("120万円"), 1_200_000), (.text("1.2万円"), 12_000), (.number(1_200_000), 1_200_000),
            (.text("１２０００００"), 1_200_000), (.text("1,200千円"), 1_200_000), (.text("12万3000円"), 123_000),
        ]
        for (raw, yen) in cases {
            #expect(ValueReader.read(raw, as: .money).value == .yen(yen), "\(raw)")
        }
        #expect(ValueReader.read(.text("百万円"), as: .money).value == .unreadable("百万円"))
        #expect(ValueReader.read(.text("120万円"), as: .money).normalisation != nil)
    }

    @Test func choicesAreFoldedToTheCanonicalSpelling() {
        let forms = ["委託", "共催", "事業協力", "補助・助成", "その他"]
        #expect(ValueReader.read(.text("補助･助成"), as: .choice, choices: forms).value == .text("補助・助成"))
        #expect(ValueReader.read(.text(" 共催 "), as: .choice, choices: forms).value == .text("共催"))
        #expect(ValueReader.read(.text("生活文化スポーツ部文化振興課"), as: .choice, choices: ["文化振興課", "健康課"]).value
                == .text("文化振興課"))
        #expect(ValueReader.read(.text("指定管理"), as: .choice, choices: forms).value == .text("指定管理"))
        #expect(ValueReader.read(.text("中間報告"), as: .choice, choices: ["中間", "最終"]).value == .text("中間"))
    }

    @Test func integersSuchAsTheYearOfContinuation() {
        #expect(ValueReader.read(.text("2年目"), as: .integer).value == .integer(2))
        #expect(ValueReader.read(.text("２"), as: .integer).value == .integer(2))
        #expect(ValueReader.read(.number(3), as: .integer).value == .integer(3))
    }

    @Test func textKeepsNumbersAsExcelShowsThem() {
        #expect(ValueReader.read(.number(42), as: .text).value == .text("42"))
        #expect(ValueReader.read(.text("  翻訳者の確保  \n"), as: .text).value == .text("翻訳者の確保"))
    }
}
