#!/usr/bin/env python3
"""Test-time oracle: Krippendorff's alpha (ordinal) from the `krippendorff` package on PyPI.

Usage: krippendorff_alpha.py MATRICES_JSON, a list of reliability matrices (coders x units, null for a
missing value). Prints a JSON list with each matrix's alpha, or null where the package refuses (fewer
than two distinct values). `krippendorff_alpha.py --check` exits 0 when the package can be imported.
"""
import json
import sys


def main():
    import krippendorff
    import numpy as np

    if sys.argv[1] == "--check":
        return
    with open(sys.argv[1], encoding="utf-8") as f:
        matrices = json.load(f)
    out = []
    for matrix in matrices:
        data = np.array([[np.nan if v is None else float(v) for v in row] for row in matrix])
        try:
            value = krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal")
            out.append(None if value != value else float(value))
        except (ValueError, ZeroDivisionError):
            out.append(None)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
