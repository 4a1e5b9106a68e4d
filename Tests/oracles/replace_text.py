#!/usr/bin/env python3
"""Test-time helper: copy a workbook, replacing every cell whose text equals OLD with NEW.

  replace_text.py SRC DST OLD NEW   -> prints JSON {"replaced": ["Sheet!A1", ...]}

Used to make variants of samples/ (a character CP932 lacks, formula-like text) with openpyxl,
a writer we did not write.
"""
import json
import sys

import openpyxl


def main():
    src, dst, old, new = sys.argv[1:5]
    wb = openpyxl.load_workbook(src)
    replaced = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value == old:
                    cell.value = new
                    cell.data_type = "s"  # keep text such as "=1+1" a string, never a formula
                    replaced.append(f"{ws.title}!{cell.coordinate}")
    wb.save(dst)
    json.dump({"replaced": replaced}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
