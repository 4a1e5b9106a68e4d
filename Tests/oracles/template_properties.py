#!/usr/bin/env python3
"""Test-time oracle: what openpyxl sees of a template's validations, protection, print setup and cells.

Usage: template_properties.py FILE → JSON {"sheets": [{"name", "state", "protected", "password",
"paper", "orientation", "fit_width", "validations": [...], "cells": {"A1": {"value", "locked", "fill"}},
"widths": {"A": 20.0}, "heights": {"8": 64.0}, "rows_resizable": bool}]}
"""
import json
import sys

import openpyxl
from openpyxl.utils import get_column_letter


def main(path):
    wb = openpyxl.load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        validations = []
        for dv in ws.data_validations.dataValidation:
            validations.append({
                "type": dv.type, "operator": dv.operator, "formula1": dv.formula1, "formula2": dv.formula2,
                "sqref": str(dv.sqref), "prompt_title": dv.promptTitle, "prompt": dv.prompt,
                "show_input": bool(dv.showInputMessage), "show_error": bool(dv.showErrorMessage),
                "error": dv.error,
            })
        cells = {}
        for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column):
            for cell in row:
                fill = cell.fill.fgColor.rgb if cell.fill is not None and cell.fill.fill_type == "solid" else None
                if cell.value is None and fill is None:
                    continue
                cells[cell.coordinate] = {
                    "value": cell.value if not isinstance(cell.value, (int, float)) else cell.value,
                    "locked": bool(cell.protection.locked),
                    "fill": fill if isinstance(fill, str) else None,
                }
        widths = {}
        for letter, dim in ws.column_dimensions.items():
            if dim.width:
                for index in range(dim.min or 0, (dim.max or 0) + 1):
                    if index > 0:
                        widths[get_column_letter(index)] = dim.width
        sheets.append({
            "name": ws.title, "state": ws.sheet_state,
            "protected": bool(ws.protection.sheet), "password": ws.protection.password,
            "paper": int(ws.page_setup.paperSize) if ws.page_setup.paperSize is not None else None,
            "orientation": ws.page_setup.orientation,
            "fit_width": ws.page_setup.fitToWidth, "fit_to_page": bool(ws.sheet_properties.pageSetUpPr.fitToPage)
            if ws.sheet_properties.pageSetUpPr is not None else False,
            "print_area": ws.print_area,
            "validations": validations, "cells": cells, "widths": widths,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "heights": {str(r): d.height for r, d in ws.row_dimensions.items() if d.height},
            # formatRows in <sheetProtection> is True when formatting rows is locked.
            "rows_resizable": not bool(ws.protection.formatRows),
            "fit_height": ws.page_setup.fitToHeight,
        })
    print(json.dumps({"sheets": sheets}, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main(sys.argv[1])
