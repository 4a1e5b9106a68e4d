#!/usr/bin/env python3
"""Independent reader for the files `furikaeri process` writes (test-time only).

  summary_oracle.py workbook PATH        -> JSON facts about the workbook, read with openpyxl
  summary_oracle.py csv PATH ENCODING    -> JSON rows read with Python's csv module (utf-8-sig | cp932)
  summary_oracle.py text PATH            -> {"text"}: the file's bytes as text, xlsx entries inflated
  summary_oracle.py libreoffice PATH DIR -> converts with soffice headless; JSON {"ok", "csv"}
  summary_oracle.py pdf_pages PATH DIR   -> prints each sheet to PDF with soffice; JSON {"ok", "pages", "total"}

The Swift tests assert on the JSON; this script only reports what it reads.
"""
import csv
import io
import json
import os
import subprocess
import sys


def chart_facts(chart):
    name = type(chart).__name__
    facts = {"type": name, "series": len(chart.series)}
    for attr in ("barDir", "grouping"):
        if hasattr(chart, attr):
            facts[attr] = getattr(chart, attr)
    try:
        facts["title"] = "".join(
            r.t for p in chart.title.tx.rich.p for r in (p.r or []))
    except AttributeError:
        facts["title"] = None
    return facts


def workbook_facts(path):
    import openpyxl
    wb = openpyxl.load_workbook(path)  # formulas as written; we write none
    out = {"sheets": wb.sheetnames, "properties": {
        "created": wb.properties.created.isoformat() if wb.properties.created else None,
        "title": wb.properties.title, "creator": wb.properties.creator, "keywords": wb.properties.keywords}}
    sheets = {}
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    cells[c.coordinate] = c.value if not hasattr(c.value, "isoformat") else c.value.isoformat()
        rules = []
        for cf in ws.conditional_formatting:
            for rule in cf.rules:
                entry = {"range": str(cf.sqref), "type": rule.type}
                if rule.colorScale is not None:
                    entry["cfvo"] = [(v.type, v.val) for v in rule.colorScale.cfvo]
                    entry["colors"] = len(rule.colorScale.color)
                rules.append(entry)
        ps = ws.page_setup
        sheets[ws.title] = {
            "cells": cells,
            "max_row": ws.max_row,
            "charts": [chart_facts(c) for c in ws._charts],
            "conditional_formats": rules,
            "freeze_panes": ws.freeze_panes,
            "auto_filter": ws.auto_filter.ref,
            "orientation": ps.orientation,
            "paper_size": int(ps.paperSize) if ps.paperSize is not None else None,
            "fit_to_page": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
            "fit_to_width": ps.fitToWidth,
            "fit_to_height": ps.fitToHeight,
            "scale": ps.scale,
            "print_title_rows": ws.print_title_rows,
            "print_title_cols": ws.print_title_cols,
            "row_heights": {str(k): v.height for k, v in ws.row_dimensions.items() if v.height},
            "header": {k: getattr(ws.oddHeader, k).text for k in ("left", "center", "right")},
            "footer": {k: getattr(ws.oddFooter, k).text for k in ("left", "center", "right")},
            "column_widths": {k: v.width for k, v in ws.column_dimensions.items() if v.width},
            "wrapped_cells": sorted(c.coordinate for row in ws.iter_rows() for c in row
                                    if c.value is not None and c.alignment is not None and c.alignment.wrap_text),
        }
    out["sheet_facts"] = sheets
    return out


def csv_rows(path, encoding):
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode(encoding)  # strict: mojibake or a bad byte fails here
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    return {"rows": rows, "bom": raw.startswith(b"\xef\xbb\xbf"),
            "crlf_only": b"\r\n" in raw and raw.replace(b"\r\n", b"").count(b"\n") == _lf_inside_quotes(rows)}


def _lf_inside_quotes(rows):
    return sum(field.count("\n") for row in rows for field in row)


def libreoffice(path, outdir):
    """Converts with soffice, detached (setsid -f) so that it is not our descendant when it ends:
    the test process's RUSAGE_CHILDREN peak RSS, which other tests measure, never includes it."""
    import shlex
    import time
    os.makedirs(outdir, exist_ok=True)
    done = os.path.join(outdir, "soffice.status")
    log = os.path.join(outdir, "soffice.log")
    command = " ".join(shlex.quote(a) for a in [
        "soffice", "--headless", "--norestore", "-env:UserInstallation=file://" + os.path.join(outdir, "profile"),
        "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", outdir, path])
    subprocess.run(["setsid", "-f", "sh", "-c", f"{command} >{shlex.quote(log)} 2>&1; echo $? >{shlex.quote(done)}"],
                   check=True)
    deadline = time.time() + 180
    while not os.path.exists(done) and time.time() < deadline:
        time.sleep(0.2)
    time.sleep(0.1)
    name = os.path.splitext(os.path.basename(path))[0] + ".csv"
    target = os.path.join(outdir, name)
    status = open(done).read().strip() if os.path.exists(done) else "timeout"
    if status != "0" or not os.path.exists(target):
        return {"ok": False, "status": status, "log": open(log).read() if os.path.exists(log) else ""}
    with open(target, encoding="utf-8") as f:
        return {"ok": True, "csv": list(csv.reader(f))}


def pdf_pages(path, outdir):
    """Prints each sheet to PDF with LibreOffice (one copy of the workbook per sheet, made with
    openpyxl, which keeps the page setup and print titles but drops charts) and counts the pages.
    JSON {"ok", "pages": {sheet: n}, "total": pages of the whole workbook}."""
    import re
    import shlex
    import time
    import openpyxl
    os.makedirs(outdir, exist_ok=True)
    names = openpyxl.load_workbook(path).sheetnames
    copies = []
    for index, name in enumerate(names):
        wb = openpyxl.load_workbook(path)
        for other in list(wb.sheetnames):
            if other != name:
                del wb[other]
        copy = os.path.join(outdir, f"sheet{index}.xlsx")
        wb.save(copy)
        copies.append(copy)
    whole = os.path.join(outdir, "whole.xlsx")
    with open(path, "rb") as src, open(whole, "wb") as dst:
        dst.write(src.read())
    done = os.path.join(outdir, "soffice.status")
    log = os.path.join(outdir, "soffice.log")
    command = " ".join(shlex.quote(a) for a in [
        "soffice", "--headless", "--norestore", "-env:UserInstallation=file://" + os.path.join(outdir, "profile"),
        "--convert-to", "pdf", "--outdir", outdir, whole] + copies)
    subprocess.run(["setsid", "-f", "sh", "-c", f"{command} >{shlex.quote(log)} 2>&1; echo $? >{shlex.quote(done)}"],
                   check=True)
    deadline = time.time() + 300
    while not os.path.exists(done) and time.time() < deadline:
        time.sleep(0.2)
    time.sleep(0.1)

    def count(pdf):
        if not os.path.exists(pdf):
            return None
        with open(pdf, "rb") as f:
            return len(re.findall(rb"/Type\s*/Page(?![s\w])", f.read()))

    pages = {name: count(os.path.join(outdir, f"sheet{i}.pdf")) for i, name in enumerate(names)}
    total = count(os.path.join(outdir, "whole.pdf"))
    ok = total is not None and all(v is not None for v in pages.values())
    return {"ok": ok, "pages": pages, "total": total,
            "log": "" if ok else (open(log).read() if os.path.exists(log) else "")}


def text_dump(path):
    """Every byte of a file as text; an xlsx (zip) is inflated entry by entry first."""
    import zipfile
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            return {"text": "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())}
    with open(path, "rb") as f:
        raw = f.read()
    for enc in ("utf-8-sig", "cp932"):
        try:
            return {"text": raw.decode(enc)}
        except UnicodeDecodeError:
            pass
    return {"text": raw.decode("utf-8", "replace")}


def main():
    command = sys.argv[1]
    if command == "workbook":
        result = workbook_facts(sys.argv[2])
    elif command == "csv":
        result = csv_rows(sys.argv[2], sys.argv[3])
    elif command == "text":
        result = text_dump(sys.argv[2])
    elif command == "pdf_pages":
        result = pdf_pages(sys.argv[2], sys.argv[3])
    elif command == "libreoffice":
        result = libreoffice(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit("unknown command " + command)
    json.dump(result, sys.stdout, ensure_ascii=False, default=str)


if __name__ == "__main__":
    main()
