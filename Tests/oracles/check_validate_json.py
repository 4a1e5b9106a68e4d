#!/usr/bin/env python3
"""Checks `furikaeri validate --json` output against the contract in docs/contracts.md, strictly.

Reads the JSON from the file given as the first argument (or standard input) with Python's own
json module, and prints `ok` or one line per violation (exit status 1). Test-time only.
"""
import json
import re
import sys

VIEWPOINTS = {"effectiveness", "goal_setting", "goal_sharing", "achievement", "cooperation",
              "beneficiary_satisfaction", "org_satisfaction"}
INT_FIELDS = {"fiscal_year", "year_number", "total_cost", "requested_amount", "overall"}
problems = []


def fail(where, what):
    problems.append(f"{where}: {what}")


def check_issue(where, issue):
    if not isinstance(issue, dict) or set(issue) != {"severity", "code", "field", "cell", "message"}:
        return fail(where, f"issue keys {sorted(issue) if isinstance(issue, dict) else issue}")
    if issue["severity"] not in ("error", "warning"):
        fail(where, f"severity {issue['severity']!r}")
    if not isinstance(issue["code"], str) or "." not in issue["code"]:
        fail(where, f"code {issue['code']!r}")
    if issue["field"] is not None and not isinstance(issue["field"], str):
        fail(where, "field not a string or null")
    cell = issue["cell"]
    if cell is not None:
        letters = cell.rstrip("0123456789")
        digits = cell[len(letters):]
        if not (letters.isalpha() and letters.isupper() and digits.isdigit() and not digits.startswith("0")):
            fail(where, f"cell {cell!r} is not an A1 reference")
    if not isinstance(issue["message"], str) or not issue["message"]:
        fail(where, "message empty")


def check_fields(where, kind, fields):
    if not isinstance(fields, dict):
        return fail(where, "fields not an object")
    for key, value in fields.items():
        if key in ("scores", "city_scores", "comments"):
            if not isinstance(value, dict) or set(value) != VIEWPOINTS:
                fail(where, f"{key} does not hold the seven viewpoints")
                continue
            for vp, v in value.items():
                if key == "comments":
                    if v is not None and not isinstance(v, str):
                        fail(where, f"{key}.{vp} is not text or null")
                elif v is not None and (not isinstance(v, int) or isinstance(v, bool)):
                    fail(where, f"{key}.{vp} = {v!r} is not an integer or null")
        elif key in INT_FIELDS:
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                fail(where, f"{key} = {value!r} is not an integer or null")
        elif value is not None and not isinstance(value, str):
            fail(where, f"{key} = {value!r} is not text or null")
    if kind in ("reflection", "evaluation") and "scores" not in fields:
        fail(where, f"{kind} without scores")


def main():
    text = open(sys.argv[1], encoding="utf-8").read() if len(sys.argv) > 1 else sys.stdin.read()
    doc = json.loads(text)
    if set(doc) != {"files", "summary"}:
        fail("top", f"keys {sorted(doc)}")
    summary = doc.get("summary", {})
    if set(summary) != {"files", "valid", "invalid", "unreadable"}:
        fail("summary", f"keys {sorted(summary)}")
    files = doc.get("files", [])
    counts = {"valid": 0, "invalid": 0, "unreadable": 0}
    for i, f in enumerate(files):
        where = f"files[{i}]"
        if set(f) != {"path", "sha256", "status", "issues", "forms"}:
            fail(where, f"keys {sorted(f)}")
            continue
        if f["status"] not in counts:
            fail(where, f"status {f['status']!r}")
            continue
        counts[f["status"]] += 1
        sha = f["sha256"]
        if sha is not None and (len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha)):
            fail(where, f"sha256 {sha!r}")
        all_issues = list(f["issues"])
        for j, issue in enumerate(f["issues"]):
            check_issue(f"{where}.issues[{j}]", issue)
        for k, form in enumerate(f["forms"]):
            fw = f"{where}.forms[{k}]"
            if set(form) != {"sheet", "kind", "fields", "cells", "fiscal_year_source", "issues"}:
                fail(fw, f"keys {sorted(form)}")
                continue
            if form["fiscal_year_source"] not in ("form", "title", "file_name", "folder_name", "setting", "receipt"):
                fail(fw, f"fiscal_year_source {form['fiscal_year_source']!r}")
            cells = form["cells"]
            if not isinstance(cells, dict) or not all(
                    isinstance(v, str) and re.fullmatch(r"[A-Z]{1,3}[1-9][0-9]{0,6}", v) for v in cells.values()):
                fail(fw, f"cells {cells!r}")
            elif any(key.split(".")[0] not in form["fields"] for key in cells):
                fail(fw, f"cells names a field outside fields: {sorted(cells)}")
            if form["kind"] not in ("reflection", "proposal", "evaluation"):
                fail(fw, f"kind {form['kind']!r}")
            check_fields(fw, form["kind"], form["fields"])
            for j, issue in enumerate(form["issues"]):
                check_issue(f"{fw}.issues[{j}]", issue)
            all_issues += form["issues"]
        has_error = any(isinstance(x, dict) and x.get("severity") == "error" for x in all_issues)
        if f["status"] == "valid" and has_error:
            fail(where, "valid with an error")
        if f["status"] == "invalid" and not has_error:
            fail(where, "invalid without an error")
    if summary.get("files") != len(files):
        fail("summary", "files count")
    for key, n in counts.items():
        if summary.get(key) != n:
            fail("summary", f"{key} is {summary.get(key)}, counted {n}")
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("ok")


main()
