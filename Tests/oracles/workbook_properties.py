#!/usr/bin/env python3
"""Test-time oracle: a workbook's document properties as openpyxl reads them, its cell formats, and
the charts in the package (openpyxl drops charts on load, so they are read from the zip itself).

Usage: workbook_properties.py FILE SHEET → JSON {"title", "creator", "keywords", "created",
"formats": {"A1": {"bold", "wrap", "vertical", "number_format", "font_colour", "fill"}},
"charts": [{"part", "type", "texts": [...], "series": [formula, ...]}]}
"""
import json
import re
import sys
import zipfile

import openpyxl


def main(path, sheet):
    wb = openpyxl.load_workbook(path)
    p = wb.properties
    formats = {}
    for row in wb[sheet].iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            colour = cell.font.color.rgb if cell.font is not None and cell.font.color is not None else None
            fill = cell.fill.fgColor.rgb if cell.fill is not None and cell.fill.fill_type == "solid" else None
            formats[cell.coordinate] = {
                "bold": bool(cell.font.bold), "wrap": bool(cell.alignment.wrap_text),
                "vertical": cell.alignment.vertical, "number_format": cell.number_format,
                "font_colour": colour if isinstance(colour, str) else None,
                "fill": fill if isinstance(fill, str) else None,
            }
    charts = []
    with zipfile.ZipFile(path) as z:
        for name in sorted(n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n)):
            xml = z.read(name).decode("utf-8")
            kind = re.search(r"<c:(barChart|lineChart|radarChart|areaChart|pieChart)>", xml)
            charts.append({
                "part": name, "type": kind.group(1) if kind else None,
                "texts": re.findall(r"<a:t>([^<]*)</a:t>", xml),
                "series": re.findall(r"<c:f>([^<]*)</c:f>", xml),
            })
    print(json.dumps({
        "title": p.title, "creator": p.creator, "keywords": p.keywords,
        "created": p.created.isoformat() if p.created else None,
        "formats": formats, "charts": charts,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
