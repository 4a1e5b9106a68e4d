#!/usr/bin/env python3
"""Fills a 第三者評価票 workbook made by `furikaeri evaluation-sheets` as an evaluator would, with openpyxl.

Usage: fill_evaluation_sheets.py IN OUT --seed N [--evaluator NAME] [--date 2025-03-10] [--mistakes]
                                 [--leave-blank SHEET_INDEX] [--change-fact SHEET_INDEX]

Every project sheet gets a score 1-5 per viewpoint (E12:E18, near the 団体's own score in C, spread by
the seed), 総合評価 (B22), 所見 (B23) and 改善への提案 (B24); the evaluator's cell (B25) keeps what the
sheet says unless --evaluator is given. Scores are written as the dropdown's texts ("4"), as Excel
stores a picked item. With --mistakes the first sheet gets a 6 in E12 and no 所見 (the file is then
rejected); --change-fact N changes sheet N's 事業名 by hand (rejected too). The input is never changed.

To regenerate the returned sheets under samples/ (from the repository root, after `swift build`):

    B=.build/debug/furikaeri; W=$(mktemp -d)/ws
    $B init $W && cp samples/*.xlsx $W/inbox/ && touch -d '1 min ago' $W/inbox/* && $B run --workspace $W
    $B evaluation-sheets --workspace $W --year 令和6年度 --evaluators 委員A,委員B,委員C
    for i in A:1 B:2 C:3; do python3 scripts/fill_evaluation_sheets.py \\
        "$W/output/2024/第三者評価/第三者評価票_令和6年度_委員${i%%:*}.xlsx" \\
        "samples/E06_第三者評価_委員${i%%:*}.xlsx" --seed ${i##*:} --date 2025-03-1${i##*:}; done
"""
import argparse
import random

import openpyxl

FINDINGS = [
    "地域の課題に合った事業で、団体と市の役割分担も明確だった。",
    "参加者の満足度は高いが、効果の測り方に工夫の余地がある。",
    "継続に向けて担い手の育成と資金計画を具体化してほしい。",
    "協働の相乗効果がよく表れており、他の事業の手本になる。",
]
SUGGESTIONS = [
    "事後アンケートの項目を市と共通にすること。",
    "次年度は目標値を数字で設定すること。",
    "",
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--evaluator")
    parser.add_argument("--date")
    parser.add_argument("--mistakes", action="store_true")
    parser.add_argument("--leave-blank", type=int, action="append", default=[])
    parser.add_argument("--change-fact", type=int, action="append", default=[])
    args = parser.parse_args()
    rng = random.Random(args.seed)
    wb = openpyxl.load_workbook(args.source)
    for index, ws in enumerate(wb.worksheets):
        if ws.sheet_state != "visible" or index in args.leave_blank:
            continue
        for row in range(12, 19):
            own = ws.cell(row=row, column=3).value
            base = own if isinstance(own, int) else 3
            ws.cell(row=row, column=5).value = str(max(1, min(5, base + rng.choice([-2, -1, -1, 0, 0, 0, 1]))))
        ws["B22"] = str(rng.randint(2, 5))
        ws["B23"] = rng.choice(FINDINGS)
        ws["B24"] = rng.choice(SUGGESTIONS) or None
        if args.evaluator:
            ws["B25"] = args.evaluator
        if args.date:
            ws["E25"] = args.date
        if args.mistakes and index == 0:
            ws["E12"] = 6
            ws["B23"] = None
        if index in args.change_fact:
            ws["B5"] = str(ws["B5"].value) + "（改）"
    wb.save(args.target)


if __name__ == "__main__":
    main()
