#!/usr/bin/env python3
"""Holds `furikaeri validate --json` against the layout fixtures' expectations (issue 12).

    python3 Tests/oracles/check_layouts.py BINARY [FIXTURE_DIR]

FIXTURE_DIR defaults to Tests/Fixtures/layouts. For each file of FIXTURE_DIR/expected.json (written by
scripts/make_layout_fixtures.py) it runs `BINARY validate --json FILE` and checks:
- the output is one file entry, its status is `invalid` exactly when errors are expected, and the
  exit status is 0 for a valid file and 1 for an invalid one;
- file-level `issues`: exactly the expected errors (code, field, cell), and every expected warning;
- every expected form sheet is a form of the expected kind, sheets expected not to be forms are not,
  and no other sheet is reported as a form;
- per form, each expected field's value in `fields` (scores under `fields.scores.<vp>`, text as
  strings, years and yen as integers, null for blank or unreadable) and its cell in `cells`; a key in
  `cells` that is not expected is a field the reader should not have found;
- per form `issues`: exactly the expected errors (code, field, cell), and every expected warning
  (other warnings are allowed).
`fiscal_year_source` is recorded in expected.json for the intake side; validate's JSON has no place for
it, so it is not checked here.

Prints one line per mismatch and `N passed, M failed` (files); exit status 1 on any failure. Test-time only.
"""
import json
import os
import subprocess
import sys
from collections import Counter

RESERVED = {"file_issues", "fiscal_year_source"}
SCORE_FAMILIES = ("scores", "city_scores")


def expected_json_value(key, value):
    """The `validate --json` value for a typed expectation (see Sources/Validation/ValidationJSON.swift)."""
    kind, v = value["type"], value.get("v")
    family = key.split(".", 1)[0] if "." in key else None
    if kind in ("blank", "unreadable"):
        return None
    if family in SCORE_FAMILIES:
        return v if kind == "integer" else None
    if kind == "decimal":
        return None if key == "year_number" else float(v)
    return v  # text, integer, fiscalYear, yen


def actual_json_value(fields, key):
    """(found, value): the value under `fields`, nested for `family.viewpoint` keys."""
    if "." in key:
        head, tail = key.split(".", 1)
        nested = fields.get(head)
        if not isinstance(nested, dict) or tail not in nested:
            return False, None
        return True, nested[tail]
    if key not in fields:
        return False, None
    return True, fields[key]


def same_value(want, got):
    if want is None or got is None:
        return want is None and got is None
    if isinstance(want, bool) or isinstance(got, bool):
        return False
    if isinstance(want, int):
        return isinstance(got, int) and got == want
    if isinstance(want, float):
        return isinstance(got, (int, float)) and float(got) == want
    return type(got) is type(want) and got == want


def issue_key(issue):
    return (issue.get("code"), issue.get("field"), issue.get("cell"))


def describe(key):
    code, field, cell = key
    return f"{code} on {field} at {cell}"


def compare_issues(where, expected, actual, fail):
    """Exactly the expected errors; every expected warning present."""
    want_errors = Counter(issue_key(i) for i in expected if i["severity"] == "error")
    got_errors = Counter(issue_key(i) for i in actual if i.get("severity") == "error")
    for key in sorted((want_errors - got_errors).elements(), key=str):
        fail(f"{where}: missing error {describe(key)}")
    for key in sorted((got_errors - want_errors).elements(), key=str):
        fail(f"{where}: unexpected error {describe(key)}")
    got_warnings = {issue_key(i) for i in actual if i.get("severity") == "warning"}
    for issue in expected:
        if issue["severity"] == "warning" and issue_key(issue) not in got_warnings:
            fail(f"{where}: missing warning {describe(issue_key(issue))}")


def check_form(where, want, form, fail):
    if form.get("kind") != want["kind"]:
        fail(f"{where}: kind {form.get('kind')!r}, expected {want['kind']!r}")
    fields = form.get("fields")
    if not isinstance(fields, dict):
        fail(f"{where}: no fields object")
        fields = {}
    cells = form.get("cells")
    if not isinstance(cells, dict):
        fail(f"{where}: no cells object (provenance), cells not checked")
        cells = None
    for key, field in sorted(want["fields"].items()):
        expected_value = expected_json_value(key, field["value"])
        found, value = actual_json_value(fields, key)
        if not found:
            fail(f"{where}: {key} absent from fields, expected {expected_value!r}")
        elif not same_value(expected_value, value):
            fail(f"{where}: {key} = {value!r}, expected {expected_value!r}")
        if cells is not None and cells.get(key) != field["cell"]:
            fail(f"{where}: {key} cell {cells.get(key)!r}, expected {field['cell']!r}")
    if cells is not None:
        for key in sorted(set(cells) - set(want["fields"])):
            fail(f"{where}: unexpected field {key} at {cells[key]!r}")
    issues = form.get("issues")
    if not isinstance(issues, list):
        fail(f"{where}: no issues list")
        issues = []
    compare_issues(where, want["issues"], issues, fail)


def check_file(binary, directory, rel, entry, fail):
    path = os.path.join(directory, rel)
    if not os.path.isfile(path):
        return fail(f"{rel}: fixture file missing")
    try:
        run = subprocess.run([binary, "validate", "--json", path], capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as error:
        return fail(f"{rel}: could not run {binary}: {error}")
    try:
        doc = json.loads(run.stdout.decode("utf-8"))
        files = doc["files"]
    except (ValueError, KeyError, TypeError):
        tail = run.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        return fail(f"{rel}: no validate JSON (exit {run.returncode}) {tail[0]}")
    if not isinstance(files, list) or len(files) != 1 or not isinstance(files[0], dict):
        return fail(f"{rel}: expected one file entry, got {len(files) if isinstance(files, list) else files!r}")
    result = files[0]

    sheets = {name: want for name, want in entry.items() if name not in RESERVED}
    expected_issues = list(entry.get("file_issues", []))
    for want in sheets.values():
        if want is not None:
            expected_issues += want["issues"]
    errors_expected = any(i["severity"] == "error" for i in expected_issues)
    status = "invalid" if errors_expected else "valid"
    if result.get("status") != status:
        fail(f"{rel}: status {result.get('status')!r}, expected {status!r}")
    if run.returncode != (1 if errors_expected else 0):
        fail(f"{rel}: exit status {run.returncode}, expected {1 if errors_expected else 0}")

    file_issues = result.get("issues")
    if not isinstance(file_issues, list):
        fail(f"{rel}: no file-level issues list")
        file_issues = []
    forms = {}
    for form in result.get("forms") or []:
        name = form.get("sheet") if isinstance(form, dict) else None
        if name in forms:
            fail(f"{rel}: sheet {name!r} reported twice")
        forms[name] = form
    # A file-level expectation (the year named by no form, only by the path) may be reported on the
    # file or on its forms without a cell: the forms are what lack the year.
    uncelled = [i for form in forms.values() for i in form.get("issues") or [] if i.get("cell") is None]
    compare_issues(f"{rel}: file", entry.get("file_issues", []), file_issues + uncelled, fail)
    source = entry.get("fiscal_year_source")
    if source is not None:
        for name, form in sorted(forms.items(), key=lambda item: str(item[0])):
            if form.get("fiscal_year_source") != source:
                fail(f"{rel} / {name}: fiscal_year_source {form.get('fiscal_year_source')!r}, expected {source!r}")
    for name in sorted(set(forms) - set(sheets), key=str):
        fail(f"{rel}: sheet {name!r} read as a form, not expected")
    for name, want in sorted(sheets.items()):
        where = f"{rel} / {name}"
        if want is None:
            if name in forms:
                fail(f"{where}: read as a form, expected not a form")
            continue
        if name not in forms:
            fail(f"{where}: no form found")
            continue
        check_form(where, want, forms[name], fail)


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        sys.exit(2)
    binary = os.path.abspath(sys.argv[1]) if os.sep in sys.argv[1] else sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    directory = sys.argv[2] if len(sys.argv) == 3 else os.path.join(here, "..", "Fixtures", "layouts")
    with open(os.path.join(directory, "expected.json"), encoding="utf-8") as f:
        expected = json.load(f)
    passed = failed = 0
    for rel, entry in sorted(expected.items()):
        mismatches = []
        check_file(binary, directory, rel, entry, mismatches.append)
        for line in mismatches:
            print(line)
        if mismatches:
            failed += 1
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
