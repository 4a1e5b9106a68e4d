"""Shared by make_form_fixtures.py and make_samples.py (dev/test time only, never at run time).

Builds sheets of ふりかえりシート and 企画提案書 in the shapes the README lists as plain data (cells, merges,
the fields we expect the Swift extractor to find and where), then writes them with openpyxl or
XlsxWriter — writers other than ours.
"""
import datetime
import json
import re
import unicodedata

FIXED_TIME = datetime.datetime(2025, 1, 6, 9, 0, 0)

VIEWPOINTS = [
    ("effectiveness", "①", "協働の有効性", "事業を協働で行うことで、大きな効果がありましたか？ 協働の選択は正しかったですか？"),
    ("goal_setting", "②", "目的の設定", "地域課題の解決に向けた具体策として、事業の目的・内容は適切なものでしたか？"),
    ("goal_sharing", "③", "目的の共有", "事業目的を団体内や市と共有し、効果的な事業実施ができましたか？"),
    ("achievement", "④", "目的の達成度", "当初の事業目的や目標は、達成できましたか？"),
    ("cooperation", "⑤", "協力体制", "事業を実施する際の団体内・他の団体・市との協力体制・連携は十分でしたか？"),
    ("beneficiary_satisfaction", "⑥", "受益者の満足度", "事前のニーズ把握や事後の満足度調査など、事業効果は十分なものでしたか？"),
    ("org_satisfaction", "⑦", "団体の満足度", "事業の満足度はいかがですか？ また協働事業を実施したいと思えますか？"),
]

STANDARD_REFLECTION_LABELS = {
    "org_name": "団体名", "project_name": "事業名", "fiscal_year": "実施年度",
    "phase": "ふりかえりの時期（中間・最終）", "department": "担当課",
    "org_comment": "*団体のコメント(今後に向けての課題・改善策・要望など)", "city_comment": "*市のコメント",
    "outlook": "今後の展望", "viewpoint_header": "ふりかえりの視点(5段階評価)", "score": "評価",
    "city_score": "市の評価", "comment": "団体のコメント",
}

PROPOSAL_ORDER = [
    ("fiscal_year", "実施年度"), ("category", "募集区分"), ("proposal_type", "募集の種類"), ("theme", "テーマ"),
    ("org_name", "団体名"), ("representative", "代表者氏名"), ("address", "所在地"), ("phone", "電話番号"),
    ("email", "メールアドレス"), ("project_name", "事業名"), ("collaboration_form", "協働の形態"),
    ("department", "担当課"), ("year_number", "継続年数"), ("local_issue", "地域課題"), ("purpose", "事業の目的"),
    ("description", "事業内容"), ("expected_effect", "期待される効果"), ("org_role", "団体の役割"),
    ("city_role", "市の役割"), ("total_cost", "総事業費（円）"), ("requested_amount", "補助金申請額（円）"),
]


def a1(row, col):
    """Zero-based row/column to A1."""
    letters = ""
    n = col + 1
    while n:
        n, m = divmod(n - 1, 26)
        letters = chr(65 + m) + letters
    return f"{letters}{row + 1}"


# ---- expected typed values, as the Swift FieldValue is encoded in the expectations JSON ----

def _fold(text):
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


def expect_text(raw):
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return {"type": "blank"}
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return {"type": "text", "v": str(int(raw)) if float(raw).is_integer() else str(raw)}
    return {"type": "text", "v": raw.strip()}


def expect_score(raw):
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return {"type": "blank"}
    if isinstance(raw, (int, float)):
        return {"type": "integer", "v": int(raw)} if float(raw).is_integer() else {"type": "decimal", "v": raw}
    folded = _fold(raw)
    if folded.endswith("点"):
        folded = folded[:-1]
    if re.fullmatch(r"-?\d+(\.\d+)?", folded):
        value = float(folded)
        return {"type": "integer", "v": int(value)} if value.is_integer() else {"type": "decimal", "v": value}
    return {"type": "unreadable", "v": raw.strip()}


def expect_year(raw):
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return {"type": "blank"}
    if isinstance(raw, int):
        return {"type": "fiscalYear", "v": raw}
    s = _fold(raw).upper()
    for prefixes, base in ((("令和", "R"), 2018), (("平成", "H"), 1988)):
        for prefix in prefixes:
            if s.startswith(prefix):
                rest = s[len(prefix):].lstrip(".")
                m = re.match(r"(元|\d{1,2})", rest)
                return {"type": "fiscalYear", "v": base + (1 if m.group(1) == "元" else int(m.group(1)))}
    return {"type": "fiscalYear", "v": int(s[:4])}


def expect_yen(raw):
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return {"type": "blank"}
    if isinstance(raw, (int, float)):
        return {"type": "yen", "v": int(round(raw))}
    s = _fold(raw)
    for noise in ("¥", "\\", "円", ","):
        s = s.replace(noise, "")
    total = 0.0
    if "万" in s:
        head, s = s.split("万", 1)
        total += float(head) * 10000
    if s:
        total += float(s)
    return {"type": "yen", "v": int(round(total))}


def expect_choice(raw, choices):
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return {"type": "blank"}
    shown = raw.strip()
    for choice in choices:
        if _fold(choice) == _fold(shown):
            return {"type": "text", "v": choice}
    containing = [c for c in choices if _fold(c) in _fold(shown)]
    if len(containing) == 1:
        return {"type": "text", "v": containing[0]}
    return {"type": "text", "v": shown}


def expect_integer(raw):
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return {"type": "blank"}
    if isinstance(raw, (int, float)):
        return {"type": "integer", "v": int(raw)}
    s = _fold(raw)
    for suffix in ("年目", "年次", "年"):
        if s.endswith(suffix):
            s = s[: -len(suffix)]
            break
    return {"type": "integer", "v": int(s)}


def expect_score_choice(raw):
    """A score chosen as a dropdown text: `4：良い`, `4:良い`, `4 良い`, `4．良い` → 4."""
    m = re.match(r"\s*([1-5])\s*[:：．.\s\u3000]", raw)
    if not m:
        return expect_score(raw)
    return {"type": "integer", "v": int(m.group(1))}


class Formula:
    """A formula cell: `text` starts with `=`; `cached` is the value XlsxWriter stores as the last
    result (openpyxl stores none, like a file generated by a program and never opened in Excel)."""

    def __init__(self, text, cached=None):
        self.text = text
        self.cached = cached


DEPARTMENTS = ["協働コミュニティ課", "文化振興課", "児童青少年課", "みどり公園課", "高齢者支援課",
               "環境保全課", "危機管理課", "健康課", "障害福祉課", "社会教育課"]
PHASES = ["中間", "最終"]
COLLABORATION_FORMS = ["委託", "共催", "事業協力", "補助・助成", "その他"]
CATEGORIES = ["新規チャレンジ部門", "継続ステップアップ部門"]
PROPOSAL_TYPES = ["自由テーマ型", "テーマ設定型"]

PROPOSAL_TYPES_BY_KEY = {
    "fiscal_year": expect_year, "total_cost": expect_yen, "requested_amount": expect_yen,
    "year_number": expect_integer,
    "category": lambda v: expect_choice(v, CATEGORIES),
    "proposal_type": lambda v: expect_choice(v, PROPOSAL_TYPES),
    "collaboration_form": lambda v: expect_choice(v, COLLABORATION_FORMS),
    "department": lambda v: expect_choice(v, DEPARTMENTS),
}


class Sheet:
    """One worksheet as data: values, merges, label/input cells for styling, and what should be extracted."""

    def __init__(self, name, kind=None, hidden=False):
        self.name = name
        self.kind = kind
        self.hidden = hidden
        self.cells = {}
        self.merges = []
        self.label_cells = set()
        self.input_cells = set()
        self.widths = {}
        self.expected = {}
        # Data-validation lists: ([(row, col), ...], [item, ...]).
        self.validations = []
        # Issues validation must report on this sheet (make_layout_fixtures.py).
        self.issues = []

    def put(self, row, col, value, role=None):
        if value is not None and value != "":
            self.cells[(row, col)] = value
        if role == "label":
            self.label_cells.add((row, col))
        elif role == "input":
            self.input_cells.add((row, col))

    def merge(self, r1, c1, r2, c2):
        if (r1, c1) != (r2, c2):
            self.merges.append((r1, c1, r2, c2))

    def expect(self, key, row, col, value):
        self.expected[key] = {"cell": a1(row, col), "value": value}

    def expect_issue(self, severity, code, field, row=None, col=None):
        """An issue validation must report: every error exactly, and the warnings a layout is about."""
        self.issues.append({"severity": severity, "code": code, "field": field,
                            "cell": None if row is None else a1(row, col)})

    def dropdown(self, cells, items):
        """A data-validation list on the cells (zero-based (row, col) pairs)."""
        self.validations.append((list(cells), list(items)))


# ---- layouts ----

def seed_table(sheet, data, top=0, left=0, labels=None, city_scores=False, header_fields=False):
    """The seed's table: 団体名/事業名 merged down beside the viewpoints, two header rows.

    With header_fields, 実施年度 / ふりかえりの時期 / 担当課 sit above the table, values to the right.
    """
    L = dict(STANDARD_REFLECTION_LABELS, **(labels or {}))
    sheet.kind = "reflection"
    r = top
    if header_fields:
        sheet.put(r, left, L["fiscal_year"], "label")
        sheet.put(r, left + 1, data.get("fiscal_year"), "input")
        sheet.expect("fiscal_year", r, left + 1, expect_year(data.get("fiscal_year")))
        sheet.put(r, left + 2, L["phase"], "label")
        sheet.put(r, left + 3, data.get("phase"), "input")
        sheet.expect("phase", r, left + 3, expect_choice(data.get("phase"), PHASES))
        sheet.put(r + 1, left, L["department"], "label")
        sheet.put(r + 1, left + 1, data.get("department"), "input")
        sheet.expect("department", r + 1, left + 1, expect_choice(data.get("department"), DEPARTMENTS))
        r += 3
    score_col = left + 3
    city_col = left + 4 if city_scores else None
    comment_col = left + (5 if city_scores else 4)
    last = comment_col
    sheet.put(r, left, L["org_name"], "label"); sheet.merge(r, left, r + 1, left)
    sheet.put(r, left + 1, L["project_name"], "label"); sheet.merge(r, left + 1, r + 1, left + 1)
    sheet.put(r, left + 2, L["viewpoint_header"], "label"); sheet.merge(r, left + 2, r, comment_col - 1)
    sheet.put(r + 1, score_col, L["score"], "label")
    if city_scores:
        sheet.put(r + 1, city_col, L["city_score"], "label")
    sheet.put(r, comment_col, L["comment"], "label"); sheet.merge(r, comment_col, r + 1, comment_col)
    first = r + 2
    sheet.put(first, left, data.get("org_name"), "input"); sheet.merge(first, left, first + 6, left)
    sheet.expect("org_name", first, left, expect_text(data.get("org_name")))
    sheet.put(first, left + 1, data.get("project_name"), "input"); sheet.merge(first, left + 1, first + 6, left + 1)
    sheet.expect("project_name", first, left + 1, expect_text(data.get("project_name")))
    viewpoint_labels = L.get("viewpoints") or [f"{c}{n} {q}" for _, c, n, q in VIEWPOINTS]
    for i, (key, _, _, _) in enumerate(VIEWPOINTS):
        row = first + i
        sheet.put(row, left + 2, viewpoint_labels[i], "label")
        score = data["scores"][i]
        sheet.put(row, score_col, score, "input")
        sheet.expect(f"scores.{key}", row, score_col, expect_score(score))
        if city_scores:
            city = data["city_scores"][i]
            sheet.put(row, city_col, city, "input")
            sheet.expect(f"city_scores.{key}", row, city_col, expect_score(city))
        comment = (data.get("comments") or [None] * 7)[i]
        sheet.put(row, comment_col, comment, "input")
        sheet.expect(f"comments.{key}", row, comment_col, expect_text(comment))
    for offset, key in enumerate(["org_comment", "city_comment", "outlook"]):
        row = first + 7 + offset
        sheet.put(row, left + 2, L[key], "label")
        sheet.put(row, score_col, data.get(key), "input")
        sheet.merge(row, score_col, row, last)
        sheet.expect(key, row, score_col, expect_text(data.get(key)))
    sheet.widths.update({left: 18, left + 1: 20, left + 2: 46, score_col: 7, comment_col: 36})
    if city_scores:
        sheet.widths[city_col] = 7
    return first + 10


def label_left(sheet, data, top=0, left=0, labels=None, city_scores=True, title="協働事業ふりかえりシート"):
    """Labels in one column, values to the right (merged over three columns), then the viewpoint table."""
    L = dict(STANDARD_REFLECTION_LABELS, **(labels or {}))
    sheet.kind = "reflection"
    r = top
    if title:
        sheet.put(r, left, title); sheet.merge(r, left, r, left + 3)
        r += 2
    for key in ["org_name", "project_name", "fiscal_year", "phase", "department"]:
        if key not in data:
            continue
        sheet.put(r, left, L[key], "label")
        sheet.put(r, left + 1, data.get(key), "input")
        sheet.merge(r, left + 1, r, left + 3)
        expect = {"fiscal_year": expect_year, "phase": lambda v: expect_choice(v, PHASES),
                  "department": lambda v: expect_choice(v, DEPARTMENTS)}.get(key, expect_text)
        sheet.expect(key, r, left + 1, expect(data.get(key)))
        r += 1
    r += 1
    sheet.put(r, left, L.get("viewpoint_header_short", "ふりかえりの視点"), "label")
    sheet.put(r, left + 1, L["score"], "label")
    comment_col = left + 3 if city_scores else left + 2
    if city_scores:
        sheet.put(r, left + 2, L["city_score"], "label")
    sheet.put(r, comment_col, L["comment"], "label")
    r += 1
    viewpoint_labels = L.get("viewpoints") or [f"{c}{n}" for _, c, n, _ in VIEWPOINTS]
    for i, (key, _, _, _) in enumerate(VIEWPOINTS):
        sheet.put(r, left, viewpoint_labels[i], "label")
        score = data["scores"][i]
        sheet.put(r, left + 1, score, "input")
        sheet.expect(f"scores.{key}", r, left + 1, expect_score(score))
        if city_scores:
            city = data["city_scores"][i]
            sheet.put(r, left + 2, city, "input")
            sheet.expect(f"city_scores.{key}", r, left + 2, expect_score(city))
        comment = (data.get("comments") or [None] * 7)[i]
        sheet.put(r, comment_col, comment, "input")
        sheet.expect(f"comments.{key}", r, comment_col, expect_text(comment))
        r += 1
    r += 1
    for key in ["org_comment", "city_comment", "outlook"]:
        sheet.put(r, left, L[key], "label")
        sheet.put(r, left + 1, data.get(key), "input")
        sheet.merge(r, left + 1, r, left + 3)
        sheet.expect(key, r, left + 1, expect_text(data.get(key)))
        r += 1
    sheet.widths.update({left: 30, left + 1: 10, left + 2: 10, left + 3: 40})
    return r


def proposal(sheet, data, top=0, left=0, labels=None, title="NPO等企画提案事業 企画提案書"):
    """The proposal form: labels in one column, values merged over the next three."""
    sheet.kind = "proposal"
    r = top
    if title:
        sheet.put(r, left, title); sheet.merge(r, left, r, left + 3)
        r += 2
    for key, label in PROPOSAL_ORDER:
        if key not in data:
            continue
        sheet.put(r, left, (labels or {}).get(key, label), "label")
        value = data[key]
        sheet.put(r, left + 1, value, "input")
        sheet.merge(r, left + 1, r, left + 3)
        sheet.expect(key, r, left + 1, PROPOSAL_TYPES_BY_KEY.get(key, expect_text)(value))
        r += 1
    sheet.widths.update({left: 22, left + 1: 20, left + 2: 20, left + 3: 30})
    return r


# ---- writers ----

def write_openpyxl(sheets, path):
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    label_fill = PatternFill("solid", fgColor="DDEBF7")
    input_fill = PatternFill("solid", fgColor="FFF2CC")
    for spec in sheets:
        ws = wb.create_sheet(spec.name)
        if spec.hidden:
            ws.sheet_state = "hidden"
        for (row, col), value in spec.cells.items():
            if isinstance(value, Formula):
                value = value.text  # openpyxl keeps no cached result
            cell = ws.cell(row=row + 1, column=col + 1, value=value)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            if (row, col) in spec.label_cells:
                cell.fill = label_fill
                cell.font = Font(bold=True)
        for (row, col) in spec.input_cells:
            ws.cell(row=row + 1, column=col + 1).fill = input_fill
        for r1, c1, r2, c2 in spec.merges:
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
        for col, width in spec.widths.items():
            ws.column_dimensions[get_column_letter(col + 1)].width = width
        for cells, items in spec.validations:
            from openpyxl.worksheet.datavalidation import DataValidation
            validation = DataValidation(type="list", formula1='"' + ",".join(items) + '"', allow_blank=True)
            for row, col in cells:
                validation.add(a1(row, col))
            ws.add_data_validation(validation)
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.creator = "furikaeri samples"
    wb.save(path)


def write_xlsxwriter(sheets, path):
    import xlsxwriter

    wb = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
    wb.set_properties({"created": FIXED_TIME, "author": "furikaeri samples"})
    label = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "vcenter", "border": 1})
    inp = wb.add_format({"bg_color": "#FFF2CC", "text_wrap": True, "valign": "top", "border": 1})
    plain = wb.add_format({"text_wrap": True, "valign": "vcenter"})
    for spec in sheets:
        ws = wb.add_worksheet(spec.name)
        if spec.hidden:
            ws.hide()
        merged_cells = {}
        for r1, c1, r2, c2 in spec.merges:
            for rr in range(r1, r2 + 1):
                for cc in range(c1, c2 + 1):
                    merged_cells[(rr, cc)] = (r1, c1, r2, c2)

        def fmt(pos):
            return label if pos in spec.label_cells else inp if pos in spec.input_cells else plain

        for r1, c1, r2, c2 in spec.merges:
            value = spec.cells.get((r1, c1), "")
            ws.merge_range(r1, c1, r2, c2, "", fmt((r1, c1)))
            if isinstance(value, Formula):
                ws.write_formula(r1, c1, value.text, fmt((r1, c1)), value.cached)
            elif isinstance(value, (int, float)):
                ws.write_number(r1, c1, value, fmt((r1, c1)))
            elif value != "":
                ws.write_string(r1, c1, value, fmt((r1, c1)))
        for (row, col), value in spec.cells.items():
            if (row, col) in merged_cells:
                continue
            if isinstance(value, Formula):
                ws.write_formula(row, col, value.text, fmt((row, col)), value.cached)
            elif isinstance(value, (int, float)):
                ws.write_number(row, col, value, fmt((row, col)))
            else:
                ws.write_string(row, col, value, fmt((row, col)))
        for pos in spec.input_cells:
            if pos not in spec.cells and pos not in merged_cells:
                ws.write_blank(pos[0], pos[1], None, inp)
        for col, width in spec.widths.items():
            ws.set_column(col, col, width)
        for cells, items in spec.validations:
            for row, col in cells:
                ws.data_validation(row, col, row, col, {"validate": "list", "source": items})
    wb.close()


def expectations(sheets):
    """What the Swift extractor should find on each sheet: kind and fields, or null for non-forms."""
    return {spec.name: ({"kind": spec.kind, "fields": spec.expected} if spec.kind else None) for spec in sheets}


def layout_expectations(sheets):
    """Like `expectations`, with each form's `issues` (make_layout_fixtures.py)."""
    return {spec.name: ({"kind": spec.kind, "fields": spec.expected, "issues": spec.issues} if spec.kind else None)
            for spec in sheets}


def libreoffice_convert(source, target):
    """Re-saves `source` as `target` with LibreOffice (xlsx → xlsx); False when `soffice` is missing."""
    import os
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice")
    if not soffice:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        name = os.path.basename(target)
        copy = os.path.join(tmp, name)
        shutil.copy(source, copy)
        outdir = os.path.join(tmp, "out")
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to",
                        "xlsx:Calc MS Excel 2007 XML", "--outdir", outdir, copy], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.copy(os.path.join(outdir, name), target)
    return True


def dump_json(obj, path):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
