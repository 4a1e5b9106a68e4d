#!/usr/bin/env python3
"""Writes Tests/Fixtures/layouts/: the office layouts of issue 12, each in a valid and a mistaken
variant, written by openpyxl and XlsxWriter (and re-saved by LibreOffice where `soffice` exists),
plus expected.json with what the reader must find and what validation must report.

expected.json: file (path under layouts/) → {sheet → null (not a form) or {"kind", "fields": {key:
{"cell", "value": {"type", "v"}}}, "issues": [{"severity", "code", "field", "cell"}]}, and optionally
"file_issues": [...] (file-level issues) and "fiscal_year_source": "form" | "title" | "file_name" |
"folder_name" | "receipt"}. "issues" lists every error validation must report and the warnings the
layout is about. Dev/test time only. Run from the repository root:
    python3 scripts/make_layout_fixtures.py
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from formlib import (FIXED_TIME, VIEWPOINTS, Formula, Sheet, a1, dump_json, expect_choice, expect_integer,  # noqa: E402
                     expect_score, expect_score_choice, expect_text, expect_year, expect_yen, label_left,
                     layout_expectations, libreoffice_convert, seed_table, write_openpyxl, write_xlsxwriter)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "layouts")
WRITERS = [("openpyxl", write_openpyxl), ("xlsxwriter", write_xlsxwriter)]
VIEWPOINT_LABELS = [f"{c}{n}" for _, c, n, _ in VIEWPOINTS]
VIEWPOINT_KEYS = [k for k, _, _, _ in VIEWPOINTS]
PHASES = ["中間", "最終"]
CATEGORIES = ["新規チャレンジ部門", "継続ステップアップ部門"]
PROPOSAL_TYPES = ["自由テーマ型", "テーマ設定型"]
COLLABORATION_FORMS = ["委託", "共催", "事業協力", "補助・助成", "その他"]
DEPARTMENT_LIST = ["協働コミュニティ課", "文化振興課", "児童青少年課", "みどり公園課", "高齢者支援課",
                   "環境保全課", "危機管理課", "健康課", "障害福祉課", "社会教育課"]

# ---- invented organisations (no real people) ----

MIDORI = {
    "org_name": "みどりの会", "project_name": "里山の雑木林保全活動", "fiscal_year": "令和6年度", "phase": "最終",
    "department": "みどり公園課",
    "comments": ["市の公園管理と役割分担ができた", None, "月例の作業日に市職員も参加", "下草刈りは計画どおり",
                 "近隣の町内会が協力してくれた", "参加者アンケートで満足度は高い", None],
    "org_comment": "作業に参加する若い世代が少ない。大学のサークルに声をかけたい。",
    "city_comment": "保全作業は定着した。来年度は環境学習との連携を検討する。",
    "outlook": "雑木林の観察会を年2回開く。",
}
HIDAMARI = {
    "org_name": "ひだまりの会", "project_name": "地域の見守りネットワーク事業", "fiscal_year": "令和6年度",
    "phase": "中間", "department": "高齢者支援課",
    "comments": ["民生委員との連携で訪問先が増えた", "訪問の目的を事前に共有した", None, "訪問件数は目標の7割",
                 "地域包括支援センターとの連絡会が負担", None, None],
    "org_comment": "訪問ボランティアの確保が課題。研修の回数を増やしたい。",
    "city_comment": "見守りの記録様式を市と共通化する。",
    "outlook": "後半は集合型のサロンも試行する。",
}
HIMAWARI = {
    "org_name": "NPO法人こども食堂ひまわり", "project_name": "子ども食堂と学習支援の一体運営",
    "fiscal_year": "R6", "phase": "最終", "department": "児童青少年課",
    "comments": [None, None, "学校との情報共有に時間がかかった", None, None, "利用者アンケートを実施", None],
    "org_comment": "食材の寄付が季節によって偏る。フードバンクとの連携を進めたい。",
    "city_comment": "学校・児童館との連携体制を次年度の仕様に反映する。",
    "outlook": "学習支援の曜日を増やす。",
}
AOZORA = {
    "org_name": "あおぞら防災ネット", "project_name": "まちの防災マップづくり", "fiscal_year": "2024年度",
    "phase": "最終", "department": "危機管理課",
    "comments": ["自治会単位で作成できた", None, None, "全12地区のうち10地区で完成", None, None, None],
    "org_comment": "完成したマップの配布方法と更新の担い手が課題。",
    "city_comment": "マップは市の防災アプリにも掲載する。",
    "outlook": "残る2地区のマップを完成させる。",
}
KUSUNOKI = {
    "org_name": "おはなし広場くすのき", "project_name": "図書館での多言語おはなし会", "fiscal_year": "令和6年度",
    "phase": "最終", "department": "社会教育課",
    "comments": [None, None, None, "参加者は延べ480人", None, "外国籍の保護者から好評", None],
    "org_comment": "読み手の語学ボランティアが足りない。",
    "city_comment": "図書館の定例事業として位置づける方向で調整する。",
    "outlook": "やさしい日本語の回を加える。",
}
ENV_PROPOSAL = {
    "fiscal_year": "令和7年度", "org_name": "NPO法人まちなか環境ラボ", "representative": "架空 一郎",
    "address": "架空市本町0-0-0", "phone": "042-000-1234", "email": "lab@example.org",
    "project_name": "使用済み食用油の回収と資源化", "department": "環境保全課", "year_number": "1年目",
    "local_issue": "家庭の廃食用油が可燃ごみとして捨てられている", "purpose": "回収拠点を作り資源として活かす",
    "description": "公民館など市内5か所に回収ボックスを置き、月1回回収して業者に引き渡す",
    "expected_effect": "ごみの減量と環境意識の向上", "org_role": "回収ボックスの管理と啓発",
    "city_role": "公共施設の場所の提供と広報", "total_cost": 850000, "requested_amount": 600000,
}


def title_row(s, text, row=0, left=0, span=5):
    s.put(row, left, text)
    s.merge(row, left, row, left + span)


def label_value_rows(s, rows, top, left=0, span=3):
    """Labels in one column, values merged over `span` columns to the right. rows: (key, label, raw, expected)."""
    r = top
    for key, label, raw, expected in rows:
        s.put(r, left, label, "label")
        s.put(r, left + 1, raw, "input")
        s.merge(r, left + 1, r, left + span)
        if key:
            s.expect(key, r, left + 1, expected)
        r += 1
    return r


def header_items(data, keys=("org_name", "project_name", "fiscal_year", "phase", "department"), phase_raw=None):
    labels = {"org_name": "団体名", "project_name": "事業名", "fiscal_year": "実施年度",
              "phase": "ふりかえりの時期（中間・最終）", "department": "担当課"}
    items = []
    for key in keys:
        raw = data[key]
        if key == "fiscal_year":
            value = expect_year(raw)
        elif key == "phase":
            value = expect_choice(raw, PHASES)
            if phase_raw is not None:
                raw, value = phase_raw
        elif key == "department":
            value = expect_choice(raw, DEPARTMENT_LIST)
        else:
            value = expect_text(raw)
        items.append((key, labels[key], raw, value))
    return items


def score_table(s, data, top, left=0, city=True, score_reader=expect_score, comment_span=0):
    """ふりかえりの視点 | 評価 | 市の評価 | 団体のコメント, one row per viewpoint. Returns the row after it
    and the table's columns."""
    s.put(top, left, "ふりかえりの視点", "label")
    s.put(top, left + 1, "評価", "label")
    if city:
        s.put(top, left + 2, "市の評価", "label")
    comment_col = left + (3 if city else 2)
    s.put(top, comment_col, "団体のコメント", "label")
    s.merge(top, comment_col, top, comment_col + comment_span)
    for i, key in enumerate(VIEWPOINT_KEYS):
        r = top + 1 + i
        s.put(r, left, VIEWPOINT_LABELS[i], "label")
        score = data["scores"][i]
        s.put(r, left + 1, score, "input")
        s.expect(f"scores.{key}", r, left + 1, score_reader(score))
        if city:
            c = data["city_scores"][i]
            s.put(r, left + 2, c, "input")
            s.expect(f"city_scores.{key}", r, left + 2, score_reader(c))
        comment = data["comments"][i]
        s.put(r, comment_col, comment, "input")
        s.merge(r, comment_col, r, comment_col + comment_span)
        s.expect(f"comments.{key}", r, comment_col, expect_text(comment))
    s.widths.update({left: 22, left + 1: 12, comment_col: 40})
    if city:
        s.widths[left + 2] = 12
    return top + 8, {"score": left + 1, "city": left + 2 if city else None, "comment": comment_col}


def comment_rows(s, data, top, left=0, span=3):
    return label_value_rows(s, [
        ("org_comment", "*団体のコメント(今後に向けての課題・改善策・要望など)", data["org_comment"],
         expect_text(data["org_comment"])),
        ("city_comment", "*市のコメント", data["city_comment"], expect_text(data["city_comment"])),
        ("outlook", "今後の展望", data["outlook"], expect_text(data["outlook"])),
    ], top, left, span)


# ---- 1. ○ marked grid ----

GRID_WORDS = {5: "5：そう思う", 4: "4：ややそう思う", 3: "3：どちらともいえない", 2: "2：あまりそう思わない",
              1: "1：そう思わない"}


def mark_grid(s, row, first_col, columns, marks, key, family, span=1, row_span=1):
    """One viewpoint's marks in a grid whose columns (left to right) carry `columns` scores.

    marks: [(score, mark), ...]. One mark: the score at the marked cell; none: blank at the first
    column, score.missing; several: blank at the first marked cell, score.multiple_marks.
    """
    field = f"{family}.{key}"
    cells = []
    for i, score in enumerate(columns):
        col = first_col + i * span
        s.put(row, col, None, "input")
        s.merge(row, col, row + row_span - 1, col + span - 1)
        for marked, mark in marks:
            if marked == score:
                s.put(row, col, mark, "input")
                cells.append(col)
    if len(cells) == 1:
        s.expect(field, row, cells[0], {"type": "integer", "v": marks[0][0]})
    elif not cells:
        s.expect(field, row, first_col, {"type": "blank"})
        s.expect_issue("error", "score.missing", field, row, first_col)
    else:
        first = min(cells)
        s.expect(field, row, first, {"type": "blank"})
        s.expect_issue("error", "score.multiple_marks", field, row, first)


def circle_grid_sheet(s, data, columns=(5, 4, 3, 2, 1), words=False, city=False):
    """Header fields label-left, then the viewpoints with a 評価 grid (and a 市の評価 grid), then comments."""
    s.kind = "reflection"
    title_row(s, "令和6年度　協働事業ふりかえりシート", span=7)
    r = label_value_rows(s, header_items(data, phase_raw=data.get("phase_raw")), 2, 0, span=6)
    top = r + 1
    s.put(top, 0, "ふりかえりの視点", "label")
    s.merge(top, 0, top + 1, 0)
    groups = [("scores", "評価", "marks")] + ([("city_scores", "市の評価", "city_marks")] if city else [])
    col = 1
    starts = {}
    for family, header, _ in groups:
        s.put(top, col, header, "label")
        s.merge(top, col, top, col + 4)
        for i, score in enumerate(columns):
            s.put(top + 1, col + i, GRID_WORDS[score] if words else score, "label")
            s.widths[col + i] = 11 if words else 4.5
        starts[family] = col
        col += 5
    comment_col = col
    s.put(top, comment_col, "団体のコメント", "label")
    s.merge(top, comment_col, top + 1, comment_col)
    for i, key in enumerate(VIEWPOINT_KEYS):
        row = top + 2 + i
        s.put(row, 0, VIEWPOINT_LABELS[i], "label")
        for family, _, marks_key in groups:
            mark_grid(s, row, starts[family], columns, data[marks_key][i], key, family)
        s.put(row, comment_col, data["comments"][i], "input")
        s.expect(f"comments.{key}", row, comment_col, expect_text(data["comments"][i]))
    s.widths.update({0: 22, comment_col: 36})
    comment_rows(s, data, top + 10, 0, span=comment_col)


def grid_data(base, marks, city_marks=None, **extra):
    return dict(base, marks=marks, city_marks=city_marks, **extra)


def circle_grid_layouts():
    # 5 4 3 2 1, the 団体 side only, every kind of mark; ふりかえりの時期 ticked in one cell.
    valid = grid_data(MIDORI, [[(5, "○")], [(4, "◯")], [(4, "〇")], [(3, "●")], [(4, "✓")], [(5, "✔")], [(4, "レ")]],
                      phase_raw=("□中間　☑最終", {"type": "text", "v": "最終"}))
    mistaken = grid_data(MIDORI, [[(5, "○")], [], [(4, "〇")], [(4, "○"), (3, "○")], [(4, "✓")], [(5, "✔")],
                                  [(4, "レ")]],
                         phase_raw=("□中間　☑最終", {"type": "text", "v": "最終"}))
    yield "circle_grid", "5 4 3 2 1 grid under 評価, marks ○ ◯ 〇 ● ✓ ✔ レ; 時期 ticked ☑ in one cell", \
        lambda s: circle_grid_sheet(s, valid), \
        lambda s: circle_grid_sheet(s, mistaken), \
        "one row without a mark (score.missing at the 5 column), one with two (score.multiple_marks)"

    # 1 2 3 4 5 with the number 1 as the mark.
    valid = grid_data(HIDAMARI, [[(4, 1)], [(2, "○")], [(3, 1)], [(3, "○")], [(2, 1)], [(3, "○")], [(4, 1)]],
                      phase_raw=("☑中間　□最終", {"type": "text", "v": "中間"}))
    mistaken = grid_data(HIDAMARI, [[(4, 1)], [(2, "○")], [(3, 1), (4, 1)], [(3, "○")], [(2, 1)], [(3, "○")], []],
                         phase_raw=("☑中間　□最終", {"type": "text", "v": "中間"}))
    yield "circle_grid_ascending", "1 2 3 4 5 grid, marks 1 and ○, low scores with comments", \
        lambda s: circle_grid_sheet(s, valid, columns=(1, 2, 3, 4, 5)), \
        lambda s: circle_grid_sheet(s, mistaken, columns=(1, 2, 3, 4, 5)), \
        "two marks (score.multiple_marks at the left one), one row without a mark (score.missing at the 1 column)"

    # Worded headers, 評価 and 市の評価 grids side by side.
    org = [[(5, "○")], [(4, "○")], [(4, "◯")], [(4, "〇")], [(5, "●")], [(4, "✔")], [(5, "○")]]
    city = [[(4, "○")], [(4, "○")], [(3, "◯")], [(4, "〇")], [(4, "●")], [(4, "✓")], [(4, "レ")]]
    city_mistaken = [[(4, "○")], [(4, "○")], [], [(4, "〇")], [(4, "●"), (5, "●")], [(4, "✓")], [(4, "レ")]]
    valid = grid_data(HIMAWARI, org, city, phase_raw=("□中間 ■最終", {"type": "text", "v": "最終"}))
    mistaken = grid_data(HIMAWARI, org, city_mistaken, phase_raw=("□中間 ■最終", {"type": "text", "v": "最終"}))
    yield "circle_grid_city_words", "grids 評価 and 市の評価 with headers 5：そう思う … 1：そう思わない", \
        lambda s: circle_grid_sheet(s, valid, words=True, city=True), \
        lambda s: circle_grid_sheet(s, mistaken, words=True, city=True), \
        "市 side: one row without a mark, one with two (city_scores.*)"


# ---- 2. dropdown texts ----

ORG_ITEMS = ["5：とても良い", "4：良い", "3：普通", "2：やや不十分", "1：不十分"]
CITY_ITEMS = ["5．十分", "4．おおむね十分", "3．普通", "2．やや不十分", "1．不十分"]


def dropdown_sheet(s, data, lists):
    s.kind = "reflection"
    title_row(s, "協働事業ふりかえりシート（令和6年度）", span=3)
    r = label_value_rows(s, header_items(data), 2)
    top = r + 1
    end, cols = score_table(s, data, top, score_reader=expect_score_choice)
    if lists:
        s.dropdown([(top + 1 + i, cols["score"]) for i in range(7)], ORG_ITEMS)
        s.dropdown([(top + 1 + i, cols["city"]) for i in range(7)], CITY_ITEMS)
    else:
        # The city column keeps its list: a text pasted over it that is not one of the items.
        s.dropdown([(top + 1 + i, cols["city"]) for i in range(7)], CITY_ITEMS)
    for i, key in enumerate(VIEWPOINT_KEYS):
        for family, texts, items, col in (("scores", data["scores"], ORG_ITEMS, cols["score"]),
                                          ("city_scores", data["city_scores"], CITY_ITEMS, cols["city"])):
            text = texts[i]
            in_list = (lists or family == "city_scores") and text in items
            value = expect_score_choice(text)
            if value["type"] == "unreadable":
                s.expect_issue("error", "score.unreadable", f"{family}.{key}", top + 1 + i, col)
            elif not in_list:
                s.expect_issue("warning", "score.normalised", f"{family}.{key}", top + 1 + i, col)
    comment_rows(s, data, end + 1)


def dropdown_layouts():
    valid = dict(KUSUNOKI, scores=["5：とても良い", "4：良い", "4：良い", "4：良い", "5：とても良い", "4：良い", "3：普通"],
                 city_scores=["4．おおむね十分", "4．おおむね十分", "3．普通", "4．おおむね十分", "4．おおむね十分",
                              "4．おおむね十分", "3．普通"])
    mistaken = dict(KUSUNOKI, scores=["5：とても良い", "4:良い", "4 良い", "4．良い", "良い", "4　良い", "3:普通"],
                    city_scores=["4．おおむね十分", "4．おおむね十分", "3:普通", "4．おおむね十分", "4．おおむね十分",
                                 "4．おおむね十分", "3．普通"])
    yield "dropdown", "scores chosen from data-validation lists (4：良い, 4．おおむね十分): integers, no warning", \
        lambda s: dropdown_sheet(s, valid, lists=True), \
        lambda s: dropdown_sheet(s, mistaken, lists=False), \
        "no list on 評価: 4:良い / 4 良い / 4．良い read with score.normalised; 良い is score.unreadable; " \
        "3:普通 in a 市の評価 cell whose list has 3．普通: score.normalised"


# ---- 3. check boxes ----

def checkbox_group(s, row, left, options, marked, mode, key, blank_mark="□"):
    """Options of one choice. mode "one_cell": all in the cell at left; "prefix": one option per cell,
    mark before its text; "mark_cells": the mark in its own cell before each option."""
    option_cells = []
    if mode == "one_cell":
        text = "　".join(("☑" if o in marked else blank_mark) + o for o in options)
        s.put(row, left, text, "input")
        option_cells = [left] * len(options)
    elif mode == "prefix":
        for i, o in enumerate(options):
            s.put(row, left + i, (marked.get(o, "☑") if o in marked else blank_mark) + o, "input")
            option_cells.append(left + i)
    else:
        for i, o in enumerate(options):
            s.put(row, left + 2 * i, marked.get(o, "☑") if o in marked else blank_mark, "input")
            s.put(row, left + 2 * i + 1, o, "input")
            option_cells.append(left + 2 * i + 1)
    chosen = [i for i, o in enumerate(options) if o in marked]
    if len(chosen) == 1:
        s.expect(key, row, option_cells[chosen[0]], {"type": "text", "v": options[chosen[0]]})
    elif not chosen:
        s.expect(key, row, option_cells[0], {"type": "blank"})
        s.expect_issue("error", "field.missing", key, row, option_cells[0])
    else:
        s.expect(key, row, option_cells[chosen[0]],
                 {"type": "unreadable", "v": "・".join(options[i] for i in chosen)})
        s.expect_issue("error", "choice.invalid", key, row, option_cells[chosen[0]])


def checkbox_proposal(s, data, category, proposal_type, forms):
    s.kind = "proposal"
    span = 10
    title_row(s, "NPO等企画提案事業 企画提案書", span=span)
    r = 2

    def text_row(key, label, value=None):
        nonlocal r
        raw = data.get(key) if value is None else value
        reader = {"fiscal_year": expect_year, "year_number": expect_integer, "total_cost": expect_yen,
                  "requested_amount": expect_yen,
                  "department": lambda v: expect_choice(v, DEPARTMENT_LIST)}.get(key, expect_text)
        label_value_rows(s, [(key, label, raw, reader(raw))], r, 0, span)
        r += 1

    def choice_row(key, label, options, marked, mode, blank_mark="□"):
        nonlocal r
        s.put(r, 0, label, "label")
        if mode == "one_cell":
            s.merge(r, 1, r, span)
        checkbox_group(s, r, 1, options, marked, mode, key, blank_mark)
        r += 1

    text_row("fiscal_year", "実施年度")
    choice_row("category", "募集区分", CATEGORIES, category, "one_cell")
    choice_row("proposal_type", "募集の種類", PROPOSAL_TYPES, proposal_type, "prefix", blank_mark="☐")
    text_row("theme", "テーマ(テーマ設定型のみ)", "")
    for key, label in (("org_name", "団体名"), ("representative", "代表者氏名"), ("address", "所在地"),
                       ("phone", "電話番号"), ("email", "メールアドレス"), ("project_name", "事業名")):
        text_row(key, label)
    choice_row("collaboration_form", "協働の形態", COLLABORATION_FORMS, forms, "mark_cells", blank_mark="")
    for key, label in (("department", "担当課"), ("year_number", "継続年数"), ("local_issue", "地域課題"),
                       ("purpose", "事業の目的"), ("description", "事業内容"), ("expected_effect", "期待される効果"),
                       ("org_role", "団体の役割"), ("city_role", "市の役割"), ("total_cost", "総事業費（円）"),
                       ("requested_amount", "補助金申請額（円）")):
        text_row(key, label)
    s.widths.update({0: 22, **{c: 9 for c in range(1, span + 1)}})


def checkbox_reflection(s, data, phase_raw, phase_value, phase_issue=None):
    label_left(s, dict(data, phase=phase_raw), title="協働事業ふりかえりシート（令和6年度）")
    cell = s.expected["phase"]["cell"]
    s.expected["phase"]["value"] = phase_value
    if phase_issue:
        s.issues.append({"severity": "error", "code": phase_issue, "field": "phase", "cell": cell})


def checkbox_layouts():
    reflection = dict(AOZORA, scores=[5, 4, 4, 4, 4, 4, 5], city_scores=[4, 4, 4, 4, 4, 4, 4])

    def valid(book):
        s = book("企画提案書")
        checkbox_proposal(s, ENV_PROPOSAL, {"新規チャレンジ部門": "☑"}, {"自由テーマ型": "■"}, {"共催": "●"})
        s = book("ふりかえり")
        checkbox_reflection(s, reflection, "☑中間　最終", {"type": "text", "v": "中間"})

    def mistaken(book):
        s = book("企画提案書")
        checkbox_proposal(s, ENV_PROPOSAL, {}, {"自由テーマ型": "✓"}, {"共催": "☑", "事業協力": "○"})
        s = book("ふりかえり")
        checkbox_reflection(s, reflection, "☑中間　☑最終", {"type": "unreadable", "v": "中間・最終"}, "choice.invalid")

    yield "checkbox", "proposal: 募集区分 ☑/□ in one cell, 募集の種類 ■/☐ before each option, 協働の形態 " \
        "marks in their own cells, 継続年数 1年目; reflection: 時期 ☑中間　最終", valid, mistaken, \
        "募集区分 nothing ticked (field.missing), 協働の形態 two ticked (choice.invalid), 時期 both ticked " \
        "(choice.invalid)"


# ---- 4. label：value in one cell ----

def inline_sheet(s, data, org_cell_text):
    s.kind = "reflection"
    title_row(s, "協働事業ふりかえりシート", span=3)
    s.put(2, 0, org_cell_text, "input")
    name = org_cell_text.split("：", 1)[1]
    s.expect("org_name", 2, 0, expect_text(name))
    if not name.strip():
        s.expect_issue("error", "field.missing", "org_name", 2, 0)
    s.put(2, 1, "実施年度：" + data["fiscal_year"], "input")
    s.expect("fiscal_year", 2, 1, expect_year(data["fiscal_year"]))
    s.put(3, 0, "事業名:" + data["project_name"], "input")
    s.expect("project_name", 3, 0, expect_text(data["project_name"]))
    s.put(3, 1, "担当課　" + data["department"], "input")
    s.expect("department", 3, 1, expect_choice(data["department"], DEPARTMENT_LIST))
    s.put(4, 0, "ふりかえりの時期：" + data["phase"], "input")
    s.expect("phase", 4, 0, expect_choice(data["phase"], PHASES))
    end, _ = score_table(s, data, 6, city=False)
    s.widths.update({0: 34, 1: 30, 2: 40})
    comment_rows(s, data, end + 1, span=2)


def inline_layouts():
    data = dict(MIDORI, scores=[5, 4, 4, 4, 5, 4, 4])
    yield "label_colon_value", "団体名：…, 実施年度：…, 事業名:… (half-width), 担当課　… (full-width space), " \
        "時期：… in one cell each", \
        lambda s: inline_sheet(s, data, "団体名：" + data["org_name"]), \
        lambda s: inline_sheet(s, data, "団体名："), \
        "団体名： with nothing after it and 実施年度：令和6年度 in the next cell: org_name blank " \
        "(field.missing at the 団体名： cell), fiscal_year from its own cell"


# ---- 5. values below their label ----

def below_label_sheet(s, data):
    s.kind = "reflection"
    title_row(s, "令和6年度　協働事業ふりかえりシート", span=5)
    r = label_value_rows(s, header_items(data), 2, 0, span=5)
    end, _ = score_table(s, data, r + 1, comment_span=2)
    r = end + 1
    for key, label in (("org_comment", "*団体のコメント(今後に向けての課題・改善策・要望など)"),
                       ("city_comment", "*市のコメント"), ("outlook", "今後の展望")):
        s.put(r, 0, label, "label")
        s.merge(r, 0, r, 5)
        s.put(r + 1, 0, data[key], "input")
        s.merge(r + 1, 0, r + 4, 5)
        s.expect(key, r + 1, 0, expect_text(data[key]))
        if key in ("org_comment", "city_comment") and not data[key]:
            s.expect_issue("error", "comment.missing", key, r + 1, 0)
        r += 6


def below_label_layouts():
    data = dict(HIDAMARI, scores=[4, 4, 3, 3, 3, 4, 4], city_scores=[4, 3, 3, 3, 3, 4, 4])
    yield "comment_below_label", "comment boxes: title row merged A:F, answer merged A:F over 4 rows below", \
        lambda s: below_label_sheet(s, data), \
        lambda s: below_label_sheet(s, dict(data, org_comment="")), \
        "団体のコメント box left empty: comment.missing at its top-left cell"


# ---- 6. never a label as a value ----

def beside_label_sheet(s, data, org, stray=None):
    """団体名 | value | 事業名 | value on one row."""
    s.kind = "reflection"
    title_row(s, "令和6年度　協働事業ふりかえりシート", span=5)
    s.put(2, 0, "団体名", "label")
    s.put(2, 1, org, "input")
    s.merge(2, 1, 2, 2)
    s.expect("org_name", 2, 1, expect_text(org))
    if not org:
        s.expect_issue("error", "field.missing", "org_name", 2, 1)
    s.put(2, 3, "事業名", "label")
    s.put(2, 4, data["project_name"], "input")
    s.merge(2, 4, 2, 5)
    s.expect("project_name", 2, 4, expect_text(data["project_name"]))
    if stray:
        s.put(2, 7, stray)
    s.put(3, 0, "実施年度", "label")
    s.put(3, 1, data["fiscal_year"], "input")
    s.merge(3, 1, 3, 2)
    s.expect("fiscal_year", 3, 1, expect_year(data["fiscal_year"]))
    s.put(3, 3, "担当課", "label")
    s.put(3, 4, data["department"], "input")
    s.merge(3, 4, 3, 5)
    s.expect("department", 3, 4, expect_choice(data["department"], DEPARTMENT_LIST))
    end, _ = score_table(s, data, 5, comment_span=2)
    comment_rows(s, data, end + 1, span=5)
    s.widths.update({6: 3, 7: 24})


def beside_table_sheet(s, data, org):
    """Header fields on the left, the viewpoint table to their right starting on 団体名's row."""
    s.kind = "reflection"
    title_row(s, "令和6年度　協働事業ふりかえりシート", span=6)
    s.put(2, 0, "団体名", "label")
    s.put(2, 1, org, "input")
    s.expect("org_name", 2, 1, expect_text(org))
    if not org:
        s.expect_issue("error", "field.missing", "org_name", 2, 1)
    r = label_value_rows(s, header_items(data, keys=("project_name", "fiscal_year", "phase", "department")),
                         3, 0, span=1)
    score_table(s, data, 2, left=3)
    s.widths.update({0: 16, 1: 28, 2: 3})
    comment_rows(s, data, max(r, 10) + 1, span=6)


def label_as_value_layouts():
    data = dict(KUSUNOKI, scores=[4, 4, 4, 4, 4, 4, 4], city_scores=[4, 4, 4, 4, 4, 4, 3])
    yield "label_beside_label", "団体名 | value | 事業名 | value on one row", \
        lambda s: beside_label_sheet(s, data, data["org_name"]), \
        lambda s: beside_label_sheet(s, data, "", stray="おはなし広場くすのき（控え）"), \
        "団体名's value empty, next cell to the right the label 事業名, and a stray text beyond 事業名's " \
        "value: org_name blank at the empty cell, field.missing"
    data2 = dict(HIMAWARI, scores=[5, 4, 4, 4, 4, 4, 5], city_scores=[4, 4, 4, 4, 4, 4, 4])
    yield "label_beside_table", "header fields left, viewpoint table to the right from 団体名's row", \
        lambda s: beside_table_sheet(s, data2, data2["org_name"]), \
        lambda s: beside_table_sheet(s, data2, ""), \
        "団体名's value empty, next cell to the right the table header ふりかえりの視点: org_name blank, field.missing"


# ---- 7. year and phase only in the title ----

def title_year_sheet(s, data, title, year, phase, extra_issue=None):
    label_left(s, {k: v for k, v in data.items() if k not in ("fiscal_year", "phase")}, title=title)
    s.expect("fiscal_year", 0, 0, expect_year(year))
    s.expect("phase", 0, 0, {"type": "text", "v": phase})
    s.expect_issue("warning", "fiscal_year.missing", "fiscal_year", 0, 0)
    if extra_issue:
        s.expect_issue("error", extra_issue, "fiscal_year", 0, 0)


def title_layouts():
    a = dict(MIDORI, scores=[5, 4, 4, 4, 5, 4, 4], city_scores=[4, 4, 4, 4, 4, 4, 4])
    b = dict(HIDAMARI, scores=[4, 4, 3, 3, 3, 4, 4], city_scores=[4, 3, 3, 3, 3, 4, 4])
    c = dict(AOZORA, scores=[5, 4, 4, 4, 4, 4, 5], city_scores=[4, 4, 4, 4, 4, 4, 4])

    def valid(book):
        title_year_sheet(book("みどりの会"), a, "令和6年度　協働事業ふりかえりシート（最終）", "令和6年度", "最終")
        title_year_sheet(book("ひだまりの会"), b, "R6 協働事業ふりかえりシート（中間）", "R6", "中間")
        title_year_sheet(book("あおぞら防災ネット"), c, "2024年度 協働事業ふりかえりシート（最終）", "2024年度", "最終")

    def mistaken(book):
        title_year_sheet(book("みどりの会"), a, "令和60年度　協働事業ふりかえりシート（最終）", "令和60年度", "最終",
                         extra_issue="fiscal_year.out_of_range")

    yield "title_year", "no 実施年度 / 時期 fields: year and phase from the title (令和6年度…（最終）, R6 …（中間）, " \
        "2024年度 …（最終）), fiscal_year.missing warning at the title cell", valid, mistaken, \
        "title typed 令和60年度: read as 2078 from the title, fiscal_year.out_of_range", "title"


# ---- 8. year only in the file or folder name ----

def file_name_layouts():
    """(file stem, folder, data, source)."""
    midori = dict(MIDORI, scores=[5, 4, 4, 4, 5, 4, 4])
    hidamari = dict(HIDAMARI, scores=[4, 4, 3, 3, 3, 4, 4])
    kusunoki = dict(KUSUNOKI, scores=[4, 4, 4, 4, 4, 4, 4])
    return [
        ("R6_みどりの会_最終", "", midori, "file_name", "valid", "the seed's table (no year on it); year in the file name"),
        ("ひだまりの会_中間", "令和6年度", hidamari, "folder_name", "valid",
         "the seed's table (no year on it); year in the folder name 令和6年度/"),
        ("year_nowhere_mistaken", "", kusunoki, "receipt", "mistaken",
         "the seed's table, no year in the form, file or folder name: fiscal_year.missing, year of receipt"),
    ]


# ---- 9. 市の評価 column with every score blank ----

def city_blank_layouts():
    data = dict(HIMAWARI, scores=[5, 4, 4, 4, 5, 4, 5], city_scores=[4, 4, 4, 4, 4, 4, 4])

    def build(s, d):
        seed_table(s, d, city_scores=True, header_fields=True)
        for key in VIEWPOINT_KEYS:
            if d["city_scores"][VIEWPOINT_KEYS.index(key)] in ("", None):
                cell = s.expected[f"city_scores.{key}"]["cell"]
                s.issues.append({"severity": "error", "code": "score.missing", "field": f"city_scores.{key}",
                                 "cell": cell})

    yield "city_scores_blank", "the seed's table with a 市の評価 column", \
        lambda s: build(s, data), \
        lambda s: build(s, dict(data, city_scores=[""] * 7)), \
        "every 市の評価 blank: seven score.missing errors, one per city_scores cell"


# ---- 10. formulas; 11. 平均 / 合計 rows ----

def totals_sheet(s, data, org_formula=False, writer=None, totals="formulas"):
    s.kind = "reflection"
    title_row(s, "協働事業ふりかえりシート", span=3)
    items = header_items(data)
    r = label_value_rows(s, items, 2)
    name_row = 2
    top = r + 1
    end, cols = score_table(s, data, top)
    first, last = top + 1, top + 7
    sc, cc = cols["score"], cols["city"]
    org = [x for x in data["scores"] if x not in ("", None)]
    city = [x for x in data["city_scores"] if x not in ("", None)]
    letter = lambda col: a1(0, col)[:-1]  # noqa: E731
    if totals == "formulas":
        s.put(end, 0, "合計", "label")
        s.put(end, sc, Formula(f"=SUM({letter(sc)}{first + 1}:{letter(sc)}{last + 1})", sum(org)))
        s.put(end, cc, Formula(f"=SUM({letter(cc)}{first + 1}:{letter(cc)}{last + 1})", sum(city)))
        s.put(end + 1, 0, "平均", "label")
        s.put(end + 1, sc, Formula(f"=AVERAGE({letter(sc)}{first + 1}:{letter(sc)}{last + 1})", sum(org) / len(org)))
        s.put(end + 1, cc, Formula(f"=AVERAGE({letter(cc)}{first + 1}:{letter(cc)}{last + 1})",
                                   sum(city) / len(city)))
    else:
        s.put(end, 0, "平均", "label")
        s.put(end, sc, round(sum(org) / len(org), 1))
        s.put(end, cc, round(sum(city) / len(city), 1))
        s.put(end + 1, 0, "合計", "label")
        s.put(end + 1, sc, sum(org))
        s.put(end + 1, cc, sum(city))
    after = comment_rows(s, data, end + 3)
    if org_formula:
        store = after + 2
        s.put(store, 0, "転記元")
        s.put(store, 1, data["org_name"])
        ref = a1(store, 1)
        s.put(name_row, 1, Formula(f"={ref}", data["org_name"]), "input")
        if writer == "openpyxl":
            s.expect("org_name", name_row, 1, {"type": "blank"})
            s.expect_issue("error", "formula.not_calculated", "org_name", name_row, 1)
    for i, key in enumerate(VIEWPOINT_KEYS):
        if data["scores"][i] in ("", None):
            s.expect_issue("error", "score.missing", f"scores.{key}", first + i, sc)


def formula_layouts():
    data = dict(AOZORA, scores=[5, 4, 4, 4, 4, 4, 5], city_scores=[4, 4, 4, 4, 4, 4, 4])
    yield "formulas", "合計 =SUM / 平均 =AVERAGE rows under the table (cached by XlsxWriter, none by openpyxl)", \
        lambda s, w: totals_sheet(s, data, writer=w), \
        lambda s, w: totals_sheet(s, data, org_formula=True, writer=w), \
        "団体名 is =B25 (the name typed lower down): XlsxWriter caches the text (read, no issue); openpyxl " \
        "stores no result: org_name blank, formula.not_calculated"


def totals_layouts():
    data = dict(MIDORI, scores=[5, 4, 4, 4, 5, 4, 4], city_scores=[4, 4, 4, 4, 4, 4, 4])
    yield "totals_rows", "平均 / 合計 rows typed as numbers under the viewpoint table: not viewpoints", \
        lambda s: totals_sheet(s, data, totals="numbers"), \
        lambda s: totals_sheet(s, dict(data, scores=[5, 4, 4, 4, 5, 4, ""]), totals="numbers"), \
        "⑦ left blank right above the 平均 row: score.missing at ⑦'s cell, 平均 not taken"


# ---- 方眼紙 grid with ○ marks ----

def houganshi_sheet(s, data):
    """Every column 2.6 wide; every label and value a merged block; viewpoint rows two rows tall."""
    s.kind = "reflection"
    W = 40
    for c in range(W):
        s.widths[c] = 2.6
    s.put(0, 0, "令和6年度　協働事業ふりかえりシート")
    s.merge(0, 0, 1, W - 1)
    r = 3
    for key, label, raw, value in header_items(data):
        s.put(r, 0, label, "label")
        s.merge(r, 0, r, 7)
        s.put(r, 8, raw, "input")
        s.merge(r, 8, r, W - 1)
        s.expect(key, r, 8, value)
        r += 1
    top = r + 1
    s.put(top, 0, "ふりかえりの視点", "label")
    s.merge(top, 0, top + 1, 11)
    s.put(top, 12, "評価", "label")
    s.merge(top, 12, top, 21)
    for i, score in enumerate((5, 4, 3, 2, 1)):
        s.put(top + 1, 12 + 2 * i, score, "label")
        s.merge(top + 1, 12 + 2 * i, top + 1, 13 + 2 * i)
    s.put(top, 22, "団体のコメント", "label")
    s.merge(top, 22, top + 1, W - 1)
    for i, key in enumerate(VIEWPOINT_KEYS):
        row = top + 2 + 2 * i
        s.put(row, 0, VIEWPOINT_LABELS[i], "label")
        s.merge(row, 0, row + 1, 11)
        mark_grid(s, row, 12, (5, 4, 3, 2, 1), data["marks"][i], key, "scores", span=2, row_span=2)
        s.put(row, 22, data["comments"][i], "input")
        s.merge(row, 22, row + 1, W - 1)
        s.expect(f"comments.{key}", row, 22, expect_text(data["comments"][i]))
    r = top + 2 + 14 + 1
    for key, label in (("org_comment", "*団体のコメント(今後に向けての課題・改善策・要望など)"),
                       ("city_comment", "*市のコメント"), ("outlook", "今後の展望")):
        s.put(r, 0, label, "label")
        s.merge(r, 0, r + 2, 7)
        s.put(r, 8, data[key], "input")
        s.merge(r, 8, r + 2, W - 1)
        s.expect(key, r, 8, expect_text(data[key]))
        r += 3


def houganshi_layouts():
    valid = grid_data(KUSUNOKI, [[(4, "○")], [(4, "○")], [(5, "○")], [(4, "◯")], [(4, "○")], [(5, "〇")], [(4, "○")]])
    mistaken = grid_data(KUSUNOKI, [[(4, "○")], [(4, "○")], [], [(4, "◯")], [(4, "○"), (5, "○")], [(5, "〇")],
                                    [(4, "○")]])
    yield "houganshi_grid", "方眼紙: 40 columns 2.6 wide, every label and value merged, ○ in 2-column blocks", \
        lambda s: houganshi_sheet(s, valid), \
        lambda s: houganshi_sheet(s, mistaken), \
        "③ without a mark (score.missing at the 5 block), ⑤ with two (score.multiple_marks at the left one)"


# ---- writing ----

class Catalogue:
    def __init__(self):
        self.entries = {}
        self.readme = []

    def write(self, rel, sheets, writer, source, description):
        path = os.path.join(OUT, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        writer(sheets, path)
        steady(path)
        entry = layout_expectations(sheets)
        entry["fiscal_year_source"] = source
        self.entries[rel] = entry
        self.readme.append((rel, description))
        return path


def steady(path):
    """Same bytes on every run: openpyxl and LibreOffice stamp the zip entries and docProps/core.xml's
    modified date with the time of saving; both are set to FIXED_TIME, the parts are otherwise kept."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path, "w") as target:
        for info, data in parts:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>" + stamp.encode() + rb"\g<2>", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            target.writestr(fixed, data)


def expected_errors(entry):
    issues = list(entry.get("file_issues", []))
    for sheet in entry.values():
        if isinstance(sheet, dict) and "issues" in sheet:
            issues += sheet["issues"]
    return [i for i in issues if i["severity"] == "error"]


def main():
    os.makedirs(OUT, exist_ok=True)
    cat = Catalogue()
    simple = [circle_grid_layouts, dropdown_layouts, inline_layouts, below_label_layouts, label_as_value_layouts,
              city_blank_layouts, totals_layouts, houganshi_layouts]
    libreoffice = []
    for family in simple:
        for name, what, build_valid, build_mistaken, mistake in family():
            for variant, build, about in (("valid", build_valid, what), ("mistaken", build_mistaken, mistake)):
                for writer_name, writer in WRITERS:
                    s = Sheet("ふりかえりシート")
                    build(s)
                    path = cat.write(f"{name}_{variant}_{writer_name}.xlsx", [s], writer, "form",
                                     f"{name} | {variant} | {writer_name} | {about}")
                    if variant == "valid" and writer_name == "openpyxl" and name in ("circle_grid", "houganshi_grid"):
                        libreoffice.append((path, f"{name}_valid_libreoffice.xlsx"))
                    if variant == "valid" and writer_name == "xlsxwriter" and name == "dropdown":
                        libreoffice.append((path, f"{name}_valid_libreoffice.xlsx"))

    for name, what, build_valid, build_mistaken, mistake in checkbox_layouts():
        for variant, build, about in (("valid", build_valid, what), ("mistaken", build_mistaken, mistake)):
            for writer_name, writer in WRITERS:
                sheets = []
                build(lambda title: sheets.append(Sheet(title)) or sheets[-1])
                path = cat.write(f"{name}_{variant}_{writer_name}.xlsx", sheets, writer, "form",
                                 f"{name} | {variant} | {writer_name} | {about}")
                if variant == "mistaken" and writer_name == "openpyxl":
                    libreoffice.append((path, f"{name}_mistaken_libreoffice.xlsx"))

    for name, what, build_valid, build_mistaken, mistake, source in title_layouts():
        for variant, build, about in (("valid", build_valid, what), ("mistaken", build_mistaken, mistake)):
            for writer_name, writer in WRITERS:
                sheets = []
                build(lambda title: sheets.append(Sheet(title)) or sheets[-1])
                cat.write(f"{name}_{variant}_{writer_name}.xlsx", sheets, writer, source,
                          f"{name} | {variant} | {writer_name} | {about}")

    for stem, folder, data, source, variant, about in file_name_layouts():
        for writer_name, writer in WRITERS:
            s = Sheet("ふりかえり")
            seed_table(s, data)  # the seed's own table has no year
            rel = os.path.join(folder, f"{stem}_{writer_name}.xlsx") if folder else f"{stem}_{writer_name}.xlsx"
            cat.write(rel, [s], writer, source, f"year_in_file_name | {variant} | {writer_name} | {about}")
            cat.entries[rel]["file_issues"] = [{"severity": "warning", "code": "fiscal_year.missing",
                                                "field": "fiscal_year", "cell": None}]

    for name, what, build_valid, build_mistaken, mistake in formula_layouts():
        for variant, build, about in (("valid", build_valid, what), ("mistaken", build_mistaken, mistake)):
            for writer_name, writer in WRITERS:
                s = Sheet("ふりかえりシート")
                build(s, writer_name)
                path = cat.write(f"{name}_{variant}_{writer_name}.xlsx", [s], writer, "form",
                                 f"{name} | {variant} | {writer_name} | {about}")
                if variant == "mistaken" and writer_name == "openpyxl":
                    libreoffice.append((path, f"{name}_mistaken_libreoffice.xlsx"))

    for source, target in libreoffice:
        rel_source = os.path.relpath(source, OUT)
        if not libreoffice_convert(source, os.path.join(OUT, target)):
            print("soffice not found: LibreOffice re-saves skipped", file=sys.stderr)
            break
        steady(os.path.join(OUT, target))
        entry = json_copy(cat.entries[rel_source])
        if target.startswith("formulas_mistaken"):
            # LibreOffice calculates the formula that openpyxl left without a result, and saves it.
            resaved_formula_check(os.path.join(OUT, target), entry)
        cat.entries[target] = entry
        cat.readme.append((target, f"{target.rsplit('_', 2)[0]} | {target.split('_')[-2]} | libreoffice | "
                                   f"LibreOffice re-save of {rel_source}"))

    for rel, entry in cat.entries.items():
        if "_valid_" in rel or rel.startswith(("R6_", "令和6年度")):
            assert not expected_errors(entry), f"{rel}: a valid variant with errors"
        else:
            assert expected_errors(entry) or "nowhere" in rel or rel.startswith("formulas_mistaken_xlsxwriter") \
                or "libreoffice" in rel, f"{rel}: a mistaken variant without errors"

    dump_json(cat.entries, os.path.join(OUT, "expected.json"))
    write_readme(cat.readme)
    print(f"wrote {len(cat.entries)} fixtures to {os.path.normpath(OUT)}")


def json_copy(obj):
    import json
    return json.loads(json.dumps(obj))


def resaved_formula_check(path, entry):
    """After LibreOffice, 団体名's formula has a cached result: read as text, no issue. Checked with openpyxl."""
    import openpyxl
    sheet = entry["ふりかえりシート"]
    cell = sheet["issues"][0]["cell"]
    ws = openpyxl.load_workbook(path, data_only=True)["ふりかえりシート"]
    cached = ws[cell].value
    if cached != AOZORA["org_name"]:
        raise SystemExit(f"{path}: LibreOffice left {cell} = {cached!r}, expected the calculated name")
    sheet["fields"]["org_name"] = {"cell": cell, "value": {"type": "text", "v": AOZORA["org_name"]}}
    sheet["issues"] = [i for i in sheet["issues"] if i["code"] != "formula.not_calculated"]


def write_readme(rows):
    lines = [
        "# Layout fixtures (issue 12)",
        "",
        "Written by `python3 scripts/make_layout_fixtures.py` (openpyxl, XlsxWriter; LibreOffice re-saves",
        "where `soffice` is installed). `expected.json`: file → sheet → `kind`, `fields` (cell and typed",
        "value of every field the reader should find) and `issues` (every error validation must report, plus",
        "the warnings the layout is about); per file optionally `file_issues` and `fiscal_year_source`",
        "(`form`, `title`, `file_name`, `folder_name`, `receipt`). Checked against the binary by",
        "`python3 Tests/oracles/check_layouts.py .build/debug/furikaeri`.",
        "",
        "Conventions fixed here beyond issue 12's text:",
        "- ○ grids: the score is the marked column's header; no mark: blank at the grid's first column,",
        "  `score.missing`; two marks: blank at the left one, `score.multiple_marks`.",
        "- Check boxes: the cell is the one holding the chosen option's text (not a mark's own cell);",
        "  several ticked: unreadable `A・B`, `choice.invalid`; none: `field.missing`, also for 時期.",
        "- A dropdown score text with no list on its cell, or not one of its list's items:",
        "  `score.normalised` (warning).",
        "- The year (and phase) from the title: both fields at the title cell, with a `fiscal_year.missing`",
        "  warning there; from the file or folder name: no field, a file-level warning with cell null.",
        "- A formula without a cached result: blank, `formula.not_calculated` instead of `field.missing`.",
        "- `receipt` as `fiscal_year_source`: no year on the form, in the title, file or folder name.",
        "",
        "file | layout | variant | writer | what it checks",
        "---|---|---|---|---",
    ]
    for rel, description in sorted(rows):
        lines.append(f"`{rel}` | {description}")
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
