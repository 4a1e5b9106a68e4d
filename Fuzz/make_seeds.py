#!/usr/bin/env python3
"""Seeds for the fuzz targets from real workbooks (used by scripts/fuzz.sh).

usage: make_seeds.py OUT_DIR WORKBOOK...

Writes, per workbook:
  OUT_DIR/fuzz-workbook/       the .xlsx (or .ods) itself, and (when small) its parts as `#part` text;
  OUT_DIR/fuzz-shared-strings/ its xl/sharedStrings.xml;
  OUT_DIR/fuzz-worksheet/      each xl/worksheets/*.xml.
Files that are not zips are copied to fuzz-workbook only.
"""
import hashlib
import os
import sys
import zipfile

MAX_PART_TEXT = 64 * 1024


def write(folder, data):
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def main():
    out, books = sys.argv[1], sys.argv[2:]
    for path in books:
        with open(path, "rb") as f:
            whole = f.read()
        write(os.path.join(out, "fuzz-workbook"), whole)
        try:
            archive = zipfile.ZipFile(path)
            names = archive.namelist()
            parts = [(n, archive.read(n)) for n in names]
        except Exception:
            continue
        text = b"\n".join(b"#part " + n.encode("utf-8") + b"\n" + d for n, d in parts
                          if n.endswith(".xml") or n.endswith(".rels") or n == "mimetype")
        if len(text) <= MAX_PART_TEXT:
            write(os.path.join(out, "fuzz-workbook"), text)
        for name, data in parts:
            lower = name.lower()
            if lower.endswith("sharedstrings.xml"):
                write(os.path.join(out, "fuzz-shared-strings"), data)
            elif lower.startswith("xl/worksheets/") and lower.endswith(".xml") and len(data) <= 256 * 1024:
                write(os.path.join(out, "fuzz-worksheet"), data)


if __name__ == "__main__":
    main()
