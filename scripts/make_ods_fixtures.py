#!/usr/bin/env python3
"""Writes the OpenDocument (.ods) fixtures under Tests/Fixtures/ods/ with writers we did not write,
and what independent readers see in each, as Tests/Fixtures/ods/expected/<name>.json.

    apt-get install -y --no-install-recommends libreoffice-calc-nogui
    pip install openpyxl python-calamine odfpy
    python3 scripts/make_ods_fixtures.py

Fixtures:
- libreoffice_types.ods: a workbook written by openpyxl, saved as .ods by LibreOffice (numbers,
  percentages, currency, dates, times, formulas with cached values and an error, multi-line text,
  runs of spaces, repeated rows and columns, merges, a far cell, a hidden sheet).
- odfpy_text.ods: written by odfpy element by element, for what LibreOffice rarely writes itself
  (text:s / text:tab / text:line-break / text:span, several paragraphs, a comment, booleans, a
  string-value attribute, covered cells that hold values, rows repeated with values, a cell with
  no value type, literal runs of white space, huge trailing repeats, a hidden sheet).
- seed_table_openpyxl.ods: Tests/Fixtures/forms/seed_table_openpyxl.xlsx saved as .ods by LibreOffice.

The expected JSON has the shape of `furikaeri inspect --json` plus each sheet's `hidden`. Cell
values come from python-calamine; merged ranges, hidden state and a second reading of every cell
from LibreOffice itself (the .ods converted back to .xlsx, read with openpyxl). Where the two
readings differ the cell is listed under `disagreements`, and the reference is LibreOffice's reading
(calamine reads formula errors as "", a cell with no value type as empty, and the hidden values of
covered cells) except where the value types differ or two dates differ: there calamine reads what
the file says, and LibreOffice what its styles show (see `expected`). Both readers drop text:tab and
text:line-break inside a paragraph; furikaeri reads them as a tab and a line break, as the standard
says (the test names those cells)."""
import datetime as dt, json, os, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "ods")
PROFILE = "file://" + os.path.join(tempfile.gettempdir(), "furikaeri-ods-fixtures-profile")


def soffice(fmt, files, outdir):
    subprocess.run(["soffice", f"-env:UserInstallation={PROFILE}", "--headless", "--convert-to", fmt,
                    "--outdir", outdir, *files], check=True, capture_output=True, timeout=300)


def libreoffice_types_source(path):
    import openpyxl
    from openpyxl.styles import Alignment
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "値の種類"
    ws["A1"], ws["B1"], ws["C1"] = "団体名", 3, 2.5
    ws["D1"] = 0.25
    ws["D1"].number_format = "0%"
    ws["E1"] = 1200
    ws["E1"].number_format = '"¥"#,##0'
    ws["F1"] = -0.125
    ws["A2"] = dt.date(2024, 4, 1)
    ws["B2"] = dt.datetime(2024, 4, 1, 10, 30)
    ws["C2"] = dt.time(9, 15)
    ws["D2"] = dt.date(1900, 1, 15)
    ws["E2"] = "一行目\n二行目"
    ws["E2"].alignment = Alignment(wrap_text=True)
    ws["F2"] = "a   b"
    ws["A3"] = "=SUM(B1:C1)"
    ws["B3"] = "=1/0"
    ws["C3"] = '="x"&"y"'
    ws["D3"] = "=B1>2"
    for c in "ABCDE":
        ws[f"{c}5"] = 7  # one cell repeated across five columns
    for r in range(6, 10):
        for c in "ABC":
            ws[f"{c}{r}"] = "同じ"  # identical rows: one row repeated
    ws.merge_cells("A11:C12")
    ws["A11"] = "結合"
    ws.merge_cells("E11:E14")
    ws["E11"] = "縦に結合"
    ws["Z40"] = "遠く"
    hidden = wb.create_sheet("非表示")
    hidden["A1"] = "secret"
    hidden.sheet_state = "hidden"
    third = wb.create_sheet("Sheet3")
    third["B2"] = 42
    wb.save(path)


def odfpy_text(path):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.office import Annotation
    from odf.style import Style, TableProperties
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import LineBreak, P, S, Span, Tab

    doc = OpenDocumentSpreadsheet()
    hidden = Style(name="taHidden", family="table")
    hidden.addElement(TableProperties(display="false"))
    doc.automaticstyles.addElement(hidden)
    shown = Style(name="taShown", family="table")
    shown.addElement(TableProperties(display="true"))
    doc.automaticstyles.addElement(shown)

    def paragraph(*parts):
        p = P()
        for part in parts:
            if isinstance(part, str):
                p.addText(part)
            else:
                p.addElement(part)
        return p

    def cell(*paragraphs, **attributes):
        c = TableCell(**attributes)
        for p in paragraphs:
            c.addElement(p)
        return c

    def row(*cells, **attributes):
        r = TableRow(**attributes)
        for c in cells:
            r.addElement(c)
        return r

    texts = Table(name="Texts", stylename=shown)
    texts.addElement(row(
        cell(paragraph("a", S(c=3), "b"), valuetype="string"),
        cell(paragraph("col1", Tab(), "col2"), valuetype="string"),
        cell(paragraph("上", LineBreak(), "下"), valuetype="string"),
        cell(paragraph("前", Span(text="強調"), "後"), valuetype="string"),
        cell(paragraph("一段落"), paragraph("二段落"), paragraph(), paragraph("四段落"), valuetype="string"),
    ))
    commented = cell(paragraph("本文"), valuetype="string")
    note = Annotation()
    note.addElement(P(text="コメントは読まない"))
    commented.insertBefore(note, commented.firstChild)
    texts.addElement(row(
        commented,
        cell(paragraph("表示"), valuetype="string", stringvalue="値"),
        cell(paragraph("  前後に  空白  "), valuetype="string"),
        cell(paragraph(S(), "先頭の空白"), valuetype="string"),
        cell(paragraph("型なし")),
    ))
    texts.addElement(row(
        cell(paragraph("TRUE"), valuetype="boolean", booleanvalue="true"),
        cell(paragraph("FALSE"), valuetype="boolean", booleanvalue="false"),
        cell(paragraph("12%"), valuetype="percentage", value="0.12"),
        cell(paragraph("¥1,500"), valuetype="currency", currency="JPY", value="1500"),
        cell(paragraph("2024/05/06"), valuetype="date", datevalue="2024-05-06"),
        cell(paragraph("13:45"), valuetype="time", timevalue="PT13H45M00S"),
        cell(paragraph("=A3"), valuetype="float", value="3", formula="of:=[.C3]*25"),
    ))
    # A merged block whose covered cells hold values (LibreOffice keeps them when told to).
    texts.addElement(row(
        cell(paragraph("結合元"), valuetype="string", numbercolumnsspanned=2, numberrowsspanned=2),
        CoveredTableCell(),
        cell(paragraph("右"), valuetype="string"),
    ))
    texts.addElement(row(
        CoveredTableCell(),
        CoveredTableCell(valuetype="float", value="9"),
        cell(paragraph("右下"), valuetype="string"),
    ))
    # Three identical rows written once, each with a value repeated over two columns, then the
    # empty rest of the sheet as LibreOffice writes it.
    texts.addElement(row(
        cell(paragraph("反復"), valuetype="string", numbercolumnsrepeated=2),
        cell(numbercolumnsrepeated=16382),
        numberrowsrepeated=3,
    ))
    texts.addElement(row(cell(numbercolumnsrepeated=16384), numberrowsrepeated=1048560))
    doc.spreadsheet.addElement(texts)

    secret = Table(name="Hidden", stylename=hidden)
    secret.addElement(row(cell(paragraph("見えない"), valuetype="string")))
    doc.spreadsheet.addElement(secret)
    doc.save(path)


def a1(r, c):
    s, c = "", c + 1
    while c:
        c, m = divmod(c - 1, 26)
        s = chr(65 + m) + s
    return f"{s}{r + 1}"


def typed(v):
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        return {"t": "b", "v": v}
    if isinstance(v, (int, float)):
        return {"t": "n", "v": float(v)}
    if isinstance(v, dt.datetime):
        text = v.isoformat()
        return {"t": "d", "v": text[:-9] if text.endswith("T00:00:00") else text}
    if isinstance(v, (dt.date, dt.time)):
        return {"t": "d", "v": v.isoformat()}
    if isinstance(v, dt.timedelta):
        return {"t": "d", "v": f"PT{v.total_seconds()}S"}
    if isinstance(v, str) and v.startswith("#") and v.rstrip("!?0/").upper() in ("#DIV", "#N/A", "#NAME", "#NULL", "#NUM", "#REF", "#VALUE", "#N"):
        return {"t": "e", "v": v}
    return {"t": "s", "v": str(v)}


def calamine_read(path):
    import python_calamine as pc
    wb = pc.CalamineWorkbook.from_path(path)
    hidden = {s.name: str(s.visible).endswith("Hidden") for s in wb.sheets_metadata}
    out = []
    for name in wb.sheet_names:
        sh = wb.get_sheet_by_name(name)
        cells = {}
        for i, values in enumerate(sh.to_python(skip_empty_area=False)):
            for j, v in enumerate(values):
                t = typed(v)
                if t:
                    cells[a1(i, j)] = t
        out.append({"name": name, "hidden": hidden[name], "cells": cells})
    return out


def libreoffice_read(path, work):
    """LibreOffice's own reading: the .ods saved as .xlsx by LibreOffice, read by openpyxl."""
    import openpyxl
    soffice("xlsx", [path], work)
    wb = openpyxl.load_workbook(os.path.join(work, os.path.basename(path)[:-4] + ".xlsx"), data_only=True)
    out = {}
    for ws in wb.worksheets:
        cells = {}
        for values in ws.iter_rows():
            for c in values:
                t = typed(c.value)
                if t:
                    cells[c.coordinate] = t
        out[ws.title] = {"cells": cells, "hidden": ws.sheet_state != "visible",
                         "merged": sorted(str(r) for r in ws.merged_cells.ranges)}
    return out


def same(a, b):
    if a is None or b is None or a["t"] != b["t"]:
        return False
    if a["t"] == "n":
        return abs(a["v"] - b["v"]) <= 1e-9 * max(1.0, abs(a["v"]))
    return a["v"] == b["v"]


def expected(path, work):
    name = os.path.basename(path)
    doc = {"file": name, "error": None, "sheets": [], "disagreements": []}
    theirs = libreoffice_read(path, work)
    for sheet in calamine_read(path):
        lo = theirs[sheet["name"]]
        if lo["hidden"] != sheet["hidden"]:
            doc["disagreements"].append(f"{sheet['name']}: hidden calamine {sheet['hidden']} vs LibreOffice {lo['hidden']}")
        cells = {}
        for ref in sorted(set(sheet["cells"]) | set(lo["cells"])):
            a, b = sheet["cells"].get(ref), lo["cells"].get(ref)
            if same(a, b):
                cells[ref] = a
                continue
            doc["disagreements"].append(f"{sheet['name']}!{ref}: calamine {a and a['v']!r} vs LibreOffice {b and b['v']!r}")
            # Where the value types differ (a boolean or a date read by LibreOffice as the number its
            # style shows) or two dates differ (LibreOffice's own export moves dates before March
            # 1900 by Excel's leap-day bug), calamine reads what the file says; elsewhere it is
            # calamine that misses something (errors, cells with no value type, covered cells).
            reference = a if a and b and (a["t"] != b["t"] or a["t"] == "d") else b
            if reference:
                cells[ref] = reference
        doc["sheets"].append({"name": sheet["name"], "hidden": lo["hidden"], "cells": cells, "merged": lo["merged"]})
    return doc


def main():
    os.makedirs(os.path.join(OUT, "expected"), exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        source = os.path.join(work, "libreoffice_types.xlsx")
        libreoffice_types_source(source)
        seed = os.path.join(work, "seed_table_openpyxl.xlsx")
        shutil.copy(os.path.join(ROOT, "Tests", "Fixtures", "forms", "seed_table_openpyxl.xlsx"), seed)
        soffice("ods", [source, seed], OUT)
        odfpy_text(os.path.join(OUT, "odfpy_text.ods"))
        for name in sorted(os.listdir(OUT)):
            if not name.endswith(".ods"):
                continue
            lo_work = os.path.join(work, "lo-" + name)
            os.makedirs(lo_work)
            doc = expected(os.path.join(OUT, name), lo_work)
            with open(os.path.join(OUT, "expected", name[:-4] + ".json"), "w") as f:
                json.dump(doc, f, ensure_ascii=False, indent=1, sort_keys=True)
                f.write("\n")
            print(f"{name}: {sum(len(s['cells']) for s in doc['sheets'])} cells, "
                  f"{len(doc['disagreements'])} disagreements")
            for line in doc["disagreements"]:
                print("   ", line)


if __name__ == "__main__":
    sys.exit(main())
