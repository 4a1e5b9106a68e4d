#!/usr/bin/env python3
"""Recomputes each year's 最終-only means from the input workbooks with openpyxl (test-time only).

  final_means.py variant SRC DST CELLS_JSON  -> copies SRC to DST as the 最終 of the same project:
      CELLS_JSON is {"sheet", "phase_cell", "scores": {"B9": 5, ...}}; prints {"written": DST}
  final_means.py means EXPECTED_JSON DIR VALID_JSON
      EXPECTED_JSON: where each sheet's fields are (Tests/Fixtures/forms/samples_expected.json plus
      added files), VALID_JSON: the list of valid file names. Reads every valid reflection's 実施年度,
      団体名, 事業名, 区分 and scores from the workbooks themselves, keeps one 最終 (or unstated)
      reflection per project and year, and prints per year {"count", "viewpoints": {key: mean},
      "all": mean of every score, "interim": number of projects with a 中間}.

The aggregation here is written from the issue's rule, not from furikaeri's code.
"""
import json
import re
import sys
import unicodedata

import openpyxl


def norm(text):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or "")))


def fiscal_year(value):
    if isinstance(value, (int, float)):
        return int(value)
    text = norm(value)
    m = re.search(r"令和(\d+)", text) or re.search(r"^R(\d+)", text)
    if m:
        return 2018 + int(m.group(1))
    m = re.search(r"(\d{4})", text)
    return int(m.group(1)) if m else None


def score(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and float(value).is_integer() and 1 <= value <= 5:
        return int(value)
    text = norm(value)
    m = re.fullmatch(r"([1-5])点?", text)
    return int(m.group(1)) if m else None


def variant(src, dst, spec_path):
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    wb = openpyxl.load_workbook(src)
    ws = wb[spec["sheet"]]
    ws[spec["phase_cell"]] = "最終"
    for ref, value in spec["scores"].items():
        ws[ref] = value
    wb.save(dst)
    print(json.dumps({"written": dst}, ensure_ascii=False))


def means(expected_path, directory, valid_path):
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    with open(valid_path, encoding="utf-8") as f:
        valid = set(json.load(f))
    closing, interim = {}, set()
    for name in sorted(valid):
        sheets = expected.get(name)
        if not sheets:
            continue
        wb = openpyxl.load_workbook(f"{directory}/{name}", data_only=True)
        for sheet, facts in sorted(sheets.items()):
            if not facts or facts.get("kind") != "reflection":
                continue
            fields, ws = facts["fields"], wb[sheet]

            def cell(key):
                entry = fields.get(key)
                return ws[entry["cell"]].value if entry and entry.get("cell") else None

            year = fiscal_year(cell("fiscal_year"))
            key = (year, norm(cell("org_name")), norm(cell("project_name")))
            phase = norm(cell("phase"))
            scores = {k[len("scores."):]: score(cell(k)) for k in fields if k.startswith("scores.")}
            if phase == "中間":
                interim.add(key)
            elif key not in closing or phase == "最終":
                closing[key] = scores
    years = {}
    for (year, _, _), scores in closing.items():
        entry = years.setdefault(year, {"count": 0, "sums": {}, "all": []})
        entry["count"] += 1
        for k, s in scores.items():
            if s is not None:
                entry["sums"].setdefault(k, []).append(s)
                entry["all"].append(s)
    out = {}
    for year, entry in sorted(years.items()):
        out[str(year)] = {
            "count": entry["count"],
            "viewpoints": {k: sum(v) / len(v) for k, v in entry["sums"].items()},
            "all": sum(entry["all"]) / len(entry["all"]) if entry["all"] else None,
            "interim": len({k for k in interim if k[0] == year}),
        }
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"variant": variant, "means": means}[command](*args)
