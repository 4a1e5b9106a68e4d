import CXLSXWriter

/// The cell formats both templates use: locked labels, shaded unlocked input cells.
struct TemplateStyles {
    let title: UnsafeMutablePointer<lxw_format>
    let label: UnsafeMutablePointer<lxw_format>
    let question: UnsafeMutablePointer<lxw_format>
    let input: UnsafeMutablePointer<lxw_format>
    let score: UnsafeMutablePointer<lxw_format>
    let money: UnsafeMutablePointer<lxw_format>
    let note: UnsafeMutablePointer<lxw_format>
    /// A printed fact (第三者評価票): white, bordered, wrapped, locked; numbers centred.
    let fact: UnsafeMutablePointer<lxw_format>
    let factNumber: UnsafeMutablePointer<lxw_format>

    /// Light blue behind labels, light yellow behind what staff fill in.
    static let labelColour: lxw_color_t = 0xDDEBF7
    static let inputColour: lxw_color_t = 0xFFF2CC

    init(_ workbook: XLSXWriterWorkbook) throws {
        func base(_ f: UnsafeMutablePointer<lxw_format>) {
            format_set_font_name(f, "游ゴシック")
            format_set_font_size(f, 10.5)
            format_set_text_wrap(f)
            format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
            format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue))
        }
        func shaded(_ f: UnsafeMutablePointer<lxw_format>, _ colour: lxw_color_t) {
            format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(f, colour)
        }
        title = try workbook.addFormat { f in
            format_set_font_name(f, "游ゴシック")
            format_set_font_size(f, 14)
            format_set_bold(f)
            format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
            format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        }
        label = try workbook.addFormat { f in base(f); format_set_bold(f); shaded(f, Self.labelColour) }
        question = try workbook.addFormat { f in base(f); shaded(f, Self.labelColour) }
        input = try workbook.addFormat { f in
            base(f); shaded(f, Self.inputColour); format_set_unlocked(f)
            format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        }
        score = try workbook.addFormat { f in
            base(f); shaded(f, Self.inputColour); format_set_unlocked(f)
            format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
        }
        money = try workbook.addFormat { f in
            base(f); shaded(f, Self.inputColour); format_set_unlocked(f); format_set_num_format(f, "#,##0")
        }
        fact = try workbook.addFormat { base($0) }
        factNumber = try workbook.addFormat { f in base(f); format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue)) }
        note = try workbook.addFormat { f in
            format_set_font_name(f, "游ゴシック")
            format_set_font_size(f, 9)
            format_set_text_wrap(f)
        }
    }
}
