#!/usr/bin/env python3
"""Test-time helper: fills cells of a workbook with openpyxl, as staff would in Excel, and saves a copy.

Usage: fill_workbook.py IN OUT SPEC_JSON, where SPEC_JSON is {"sheet": name, "cells": {"B3": value, ...}}.
Numbers stay numbers, strings stay strings. The input file is never modified.
"""
import json
import sys

import openpyxl


def main(source, target, spec_path):
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    wb = openpyxl.load_workbook(source)
    ws = wb[spec["sheet"]]
    for ref, value in spec["cells"].items():
        ws[ref] = value
    wb.save(target)


if __name__ == "__main__":
    main(*sys.argv[1:4])
