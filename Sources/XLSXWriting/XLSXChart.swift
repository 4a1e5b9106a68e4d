import CXLSXWriter

/// A chart of an `XLSXWorkbook` (`addChart`), its series taken from sheet ranges.
public struct XLSXChart {
    let part: WorkbookPart<lxw_chart>

    var pointer: UnsafeMutablePointer<lxw_chart>? { part.pointer }

    public enum Kind: Sendable {
        case bar, stackedBar, column, line, radar

        var lxwType: lxw_chart_type {
            switch self {
            case .bar: return LXW_CHART_BAR
            case .stackedBar: return LXW_CHART_BAR_STACKED
            case .column: return LXW_CHART_COLUMN
            case .line: return LXW_CHART_LINE
            case .radar: return LXW_CHART_RADAR
            }
        }
    }

    /// Adds a series whose categories and values are ranges of one column each of sheet `sheet`.
    @discardableResult
    public func addSeries(sheet: String, name: String, categoryColumn: Int, valueColumn: Int,
                          firstRow: Int, lastRow: Int) -> Series? {
        guard lastRow >= firstRow else { return nil }
        return addSeries(sheet: sheet, name: name, categories: (firstRow, categoryColumn, lastRow, categoryColumn),
                         values: (firstRow, valueColumn, lastRow, valueColumn))
    }

    /// Adds a series laid out along a row (its categories in `categoryRow`).
    @discardableResult
    public func addRowSeries(sheet: String, name: String, categoryRow: Int, valueRow: Int,
                             firstColumn: Int, lastColumn: Int) -> Series? {
        guard lastColumn >= firstColumn else { return nil }
        return addSeries(sheet: sheet, name: name, categories: (categoryRow, firstColumn, categoryRow, lastColumn),
                         values: (valueRow, firstColumn, valueRow, lastColumn))
    }

    /// A series over two ranges of `sheet`, each (first row, first column, last row, last column).
    private func addSeries(sheet: String, name: String, categories: (Int, Int, Int, Int),
                           values: (Int, Int, Int, Int)) -> Series? {
        guard let pointer, let series = chart_add_series(pointer, nil, nil) else { return nil }
        chart_series_set_categories(series, sheet, lxw_row_t(categories.0), lxw_col_t(categories.1),
                                    lxw_row_t(categories.2), lxw_col_t(categories.3))
        chart_series_set_values(series, sheet, lxw_row_t(values.0), lxw_col_t(values.1),
                                lxw_row_t(values.2), lxw_col_t(values.3))
        chart_series_set_name(series, name)
        return Series(part: WorkbookPart(series, of: part.workbook))
    }

    public func title(_ text: String) { pointer.map { chart_title_set_name($0, text) } }
    public func legendAtBottom() { pointer.map { chart_legend_set_position($0, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue)) } }

    /// The horizontal (x) or vertical (y) axis.
    public enum AxisDirection: Sendable { case x, y }

    public func axis(_ direction: AxisDirection) -> Axis? {
        guard let pointer, let axis = direction == .x ? pointer.pointee.x_axis : pointer.pointee.y_axis else { return nil }
        return Axis(part: WorkbookPart(axis, of: part.workbook))
    }

    /// The axis of the values: a bar chart's is its x axis; for columns, lines and radars the y axis.
    public var valueAxis: Axis? {
        guard let pointer else { return nil }
        let horizontal = [UInt8(LXW_CHART_BAR.rawValue), UInt8(LXW_CHART_BAR_STACKED.rawValue),
                          UInt8(LXW_CHART_BAR_STACKED_PERCENT.rawValue)].contains(pointer.pointee.type)
        return axis(horizontal ? .x : .y)
    }

    /// One series of a chart.
    public struct Series {
        let part: WorkbookPart<lxw_chart_series>

        /// A solid fill of an RGB colour.
        public func fill(_ colour: UInt32) {
            var fill = lxw_chart_fill()
            fill.color = colour
            part.pointer.map { chart_series_set_fill($0, &fill) }
        }

        /// Markers on the points, in Excel's own shapes.
        public func automaticMarkers() {
            part.pointer.map { chart_series_set_marker_type($0, UInt8(LXW_CHART_MARKER_AUTOMATIC.rawValue)) }
        }
    }

    /// One axis of a chart.
    public struct Axis {
        let part: WorkbookPart<lxw_chart_axis>

        public func name(_ text: String) { part.pointer.map { chart_axis_set_name($0, text) } }
        public func minimum(_ value: Double) { part.pointer.map { chart_axis_set_min($0, value) } }
        public func maximum(_ value: Double) { part.pointer.map { chart_axis_set_max($0, value) } }
        public func majorUnit(_ value: Double) { part.pointer.map { chart_axis_set_major_unit($0, value) } }
        /// The categories from the top down (a bar chart's first category at the top).
        public func reverse() { part.pointer.map { chart_axis_set_reverse($0) } }
    }
}
