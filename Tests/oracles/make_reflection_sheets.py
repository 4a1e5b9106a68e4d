#!/usr/bin/env python3
"""Test-time fixture maker: writes ふりかえりシート workbooks with openpyxl, laid out like the seed's
table (and the project's template), as a city office would fill them in Excel.

Usage: make_reflection_sheets.py SPEC_JSON
SPEC_JSON is a list of {"path", "org", "project", "year" (text such as 令和6年度), "phase" (中間|最終|""),
"scores": [7 ints], "city_comment" (text; empty makes the sheet invalid), "seed" (int, varies comments)}.
Or {"bulk": {"dir", "count", "year"}} for many distinct valid sheets (benchmarks).
Never used at run time.
"""
import json
import os
import sys

import openpyxl
from openpyxl.styles import Alignment

VIEWPOINTS = ["①協働の有効性", "②目的の設定", "③目的の共有", "④目的の達成度", "⑤協力体制", "⑥受益者の満足度", "⑦団体の満足度"]


def write_sheet(spec):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "ふりかえりシート"
    ws["A1"] = "協働事業ふりかえりシート"
    ws.merge_cells("A1:F1")
    ws["A3"] = "実施年度"
    ws["B3"] = spec.get("year", "令和6年度")
    ws["C3"] = "ふりかえりの時期"
    ws["D3"] = spec.get("phase", "最終")
    ws.merge_cells("D3:E3")
    ws["A4"] = "担当課"
    ws["B4"] = spec.get("department", "協働コミュニティ課")
    ws["A6"] = "団体名"
    ws.merge_cells("A6:A7")
    ws["B6"] = "事業名"
    ws.merge_cells("B6:B7")
    ws["C6"] = "ふりかえりの視点(5段階評価)"
    ws.merge_cells("C6:E6")
    ws["D7"] = "評価"
    ws["E7"] = "市の評価"
    ws["F6"] = "団体のコメント"
    ws.merge_cells("F6:F7")
    ws["A8"] = spec["org"]
    ws.merge_cells("A8:A14")
    ws["B8"] = spec["project"]
    ws.merge_cells("B8:B14")
    scores = spec.get("scores", [4, 4, 3, 4, 5, 4, 3])
    city = spec.get("city_scores", scores)
    seed = spec.get("seed", 0)
    for i, label in enumerate(VIEWPOINTS):
        row = 8 + i
        ws.cell(row=row, column=3, value=label)
        ws.cell(row=row, column=4, value=scores[i])
        ws.cell(row=row, column=5, value=city[i])
        ws.cell(row=row, column=6, value=f"{label}について、活動を通じて手応えがありました（{seed}-{i}）。")
    ws["A15"] = "*団体のコメント(今後に向けての課題・改善策・要望など)"
    ws.merge_cells("A15:C15")
    ws["D15"] = spec.get("org_comment", f"参加者を増やすため広報を工夫します（{seed}）。")
    ws.merge_cells("D15:F15")
    ws["A16"] = "*市のコメント"
    ws.merge_cells("A16:C16")
    comment = spec.get("city_comment", f"地域の課題に沿った取り組みでした（{seed}）。")
    if comment:
        ws["D16"] = comment
    ws.merge_cells("D16:F16")
    ws["A17"] = "今後の展望"
    ws.merge_cells("A17:C17")
    ws["D17"] = spec.get("outlook", "来年度も継続して実施する予定です。")
    ws.merge_cells("D17:F17")
    for row in ws.iter_rows(min_row=8, max_row=17):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    os.makedirs(os.path.dirname(spec["path"]) or ".", exist_ok=True)
    wb.save(spec["path"])


def main(spec_path):
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    if isinstance(spec, dict) and "bulk" in spec:
        bulk = spec["bulk"]
        for n in range(bulk["count"]):
            write_sheet({"path": os.path.join(bulk["dir"], f"sheet{n:05d}.xlsx"), "org": f"団体{n:05d}",
                         "project": f"事業{n:05d}", "year": bulk.get("year", "令和6年度"), "phase": "最終",
                         "scores": [1 + (n + i) % 5 for i in range(7)], "seed": n})
        return
    for item in spec:
        write_sheet(item)


if __name__ == "__main__":
    main(sys.argv[1])
