import CXLSXWriter

/// What a cell format sets; what is left nil or false keeps Excel's default.
public struct CellFormat: Sendable, Equatable {
    public enum Horizontal: Sendable { case center }
    public enum Vertical: Sendable { case top, center }

    public var fontName: String?
    public var fontSize: Double?
    public var bold = false
    /// RGB, e.g. 0xC00000.
    public var fontColour: UInt32?
    public var wrap = false
    public var horizontal: Horizontal?
    public var vertical: Vertical?
    /// A thin border on all four sides.
    public var thinBorder = false
    /// A solid fill pattern (with `background` as its colour).
    public var solidFill = false
    /// RGB of the cell's background.
    public var background: UInt32?
    /// An Excel number format such as `0.00` or `#,##0`.
    public var numberFormat: String?
    /// An input cell: editable when the sheet is protected.
    public var unlocked = false

    public init(fontName: String? = nil, fontSize: Double? = nil, bold: Bool = false, fontColour: UInt32? = nil,
                wrap: Bool = false, horizontal: Horizontal? = nil, vertical: Vertical? = nil, thinBorder: Bool = false,
                solidFill: Bool = false, background: UInt32? = nil, numberFormat: String? = nil, unlocked: Bool = false) {
        self.fontName = fontName
        self.fontSize = fontSize
        self.bold = bold
        self.fontColour = fontColour
        self.wrap = wrap
        self.horizontal = horizontal
        self.vertical = vertical
        self.thinBorder = thinBorder
        self.solidFill = solidFill
        self.background = background
        self.numberFormat = numberFormat
        self.unlocked = unlocked
    }

    /// Sets the properties through the C API (each setter sets its own field: the order is free).
    func apply(to f: UnsafeMutablePointer<lxw_format>) {
        if let fontName { format_set_font_name(f, fontName) }
        if let fontSize { format_set_font_size(f, fontSize) }
        if bold { format_set_bold(f) }
        if let fontColour { format_set_font_color(f, fontColour) }
        if wrap { format_set_text_wrap(f) }
        switch horizontal {
        case .center: format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
        case nil: break
        }
        switch vertical {
        case .top: format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .center: format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        case nil: break
        }
        if thinBorder { format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue)) }
        if solidFill { format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue)) }
        if let background { format_set_bg_color(f, background) }
        if let numberFormat { format_set_num_format(f, numberFormat) }
        if unlocked { format_set_unlocked(f) }
    }
}
