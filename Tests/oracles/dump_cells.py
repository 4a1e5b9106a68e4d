#!/usr/bin/env python3
"""Test-time oracle: every non-empty cell of a workbook as openpyxl reads it, in the `inspect --json` shape.

Usage: dump_cells.py FILE  →  {"file", "error", "sheets": [{"name", "hidden", "cells": {"A1": {"t", "v"}}, "merged": [...]}]}
"""
import datetime
import json
import sys

import openpyxl


def cell_json(cell):
    value = cell.value
    if value is None or (isinstance(value, str) and value == ""):
        return None
    if cell.data_type == "e":
        return {"t": "e", "v": str(value)}
    if isinstance(value, bool):
        return {"t": "b", "v": value}
    if isinstance(value, (int, float)):
        return {"t": "n", "v": value}
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return {"t": "d", "v": value.isoformat()}
    return {"t": "s", "v": str(value)}


def main(path):
    out = {"file": path, "error": None, "sheets": []}
    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # reported, not raised: the caller asserts on it
        out["error"] = f"{type(exc).__name__}: {exc}"
        print(json.dumps(out, ensure_ascii=False))
        return
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for cell in row:
                j = cell_json(cell)
                if j is not None:
                    cells[cell.coordinate] = j
        out["sheets"].append({
            "name": ws.title,
            "hidden": ws.sheet_state != "visible",
            "cells": cells,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        })
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
