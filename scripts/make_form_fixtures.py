#!/usr/bin/env python3
"""Writes Tests/Fixtures/forms/: one workbook per form shape (docs/contracts.md, README "Layouts we read"), plus expected.json.

Dev/test time only. Writers are openpyxl and XlsxWriter (not ours); where `soffice` exists, two
fixtures are also re-saved by LibreOffice. Run from the repository root:
    python3 scripts/make_form_fixtures.py
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from formlib import (Sheet, dump_json, expectations, label_left, libreoffice_convert, proposal,  # noqa: E402
                     seed_table, write_openpyxl, write_xlsxwriter)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "forms")

TAGENGO = {
    "org_name": "NPO法人にしとうきょう多文化ネット", "project_name": "多言語情報提供事業",
    "fiscal_year": "令和6年度", "phase": "最終", "department": "文化振興課",
    "scores": [5, 4, 4, 3, 5, 4, 5], "city_scores": [4, 4, 3, 3, 4, 4, 4],
    "comments": ["翻訳ボランティアとの協働で発行が安定した", None, "編集会議を毎月開催", "配布部数は目標の8割", None, None, None],
    "org_comment": "翻訳ボランティアの高齢化が課題。若い世代の参加を呼びかけたい。",
    "city_comment": "市報の多言語化は定着しており、次年度も委託で継続する。",
    "outlook": "やさしい日本語版を追加する。",
}
KOSODATE = {
    "org_name": "こそだてフェスタ実行委員会", "project_name": "こそだてフェスタ@西東京",
    "fiscal_year": "R6", "phase": "最終", "department": "児童青少年課",
    "scores": [5, 4, 4, 4, 5, 4, 5], "city_scores": [5, 4, 4, 4, 4, 4, 4],
    "comments": ["来場者が前年の1.5倍", None, None, None, "団体間の連携が進んだ", None, None],
    "org_comment": "会場の確保と駐輪場の整理が課題。", "city_comment": "次年度も共催で実施する。",
    "outlook": "近隣市の子育て団体にも参加を呼びかける。",
}
KOEN = {
    "org_name": "みどりのまち西東京", "project_name": "小規模公園・緑地活用事業",
    "fiscal_year": "2024年度", "phase": "中間", "department": "みどり公園課",
    "scores": ["4", "４", "3点", 3.5, "", "A", 4], "city_scores": [3, 3, 3, 3, 3, 3, 3],
    "org_comment": "試験開催の参加者アンケートを分析中。", "city_comment": "", "outlook": "本格実施に向けて公園を選定する。",
}
CARER_PROPOSAL = {
    "fiscal_year": "令和7年度", "category": "継続ステップアップ部門", "proposal_type": "自由テーマ型",
    "org_name": "ケアラーズサロンひばり", "representative": "架空 花子", "address": "西東京市南町9-99-99",
    "phone": "042-000-0000", "email": "hibari@example.org",
    "project_name": "ケアラー（在宅介護者）支援…傾聴と認知症から学ぶ", "collaboration_form": "補助・助成",
    "department": "高齢者支援課", "year_number": "2年目", "local_issue": "在宅介護者の孤立と負担",
    "purpose": "ケアラーを支える地域の支援者を育てる", "description": "傾聴講座（全6回）と認知症の実践体験会",
    "expected_effect": "相談先を知るケアラーが増える", "org_role": "講座の企画・運営と講師の手配",
    "city_role": "広報と地域包括支援センターとの連携", "total_cost": "1,200,000円", "requested_amount": "¥900,000",
}

RETYPED_LABELS = {
    "org_name": "＊ 団体名", "project_name": "事業 名", "fiscal_year": "実施　年度",
    "phase": "ふりかえりの時期\n(中間・最終)", "department": "担当課：",
    "org_comment": "団体の コメント", "city_comment": "＊市のコメント（担当課記入）", "outlook": "今後の\n展望",
    "score": "評 価", "city_score": "市の　評価", "comment": "団体の\nコメント",
    "viewpoints": ["(1) 協働の有効性", "2.目的の設定", "③ 目的の共有", "④目的の\n達成度", "⑤協力 体制",
                   "６．受益者の満足度", "⑦　団体の満足度"],
}
RETYPED_SEED_LABELS = {
    "org_name": "団　体　名", "project_name": "事業名（事業の名称）",
    "org_comment": "＊団体のコメント（今後に向けての課題・改善策・要望など）", "city_comment": "市のコメント",
    "outlook": "今後の展望 ", "viewpoint_header": "ふりかえりの視点（５段階評価）", "score": "評　価",
}


def fixture(name, sheets, writer, catalogue):
    path = os.path.join(OUT, name)
    writer(sheets, path)
    catalogue[name] = expectations(sheets)
    return path


def libreoffice_resave(source, target_name, catalogue):
    """Converts with LibreOffice (xlsx → xlsx) so a third writer's output is covered."""
    if not libreoffice_convert(source, os.path.join(OUT, target_name)):
        print("soffice not found: LibreOffice re-saves skipped", file=sys.stderr)
        return
    catalogue[target_name] = catalogue[os.path.basename(source)]


def main():
    os.makedirs(OUT, exist_ok=True)
    catalogue = {}

    s = Sheet("ふりかえり")
    seed_table(s, TAGENGO)
    seed = fixture("seed_table_openpyxl.xlsx", [s], write_openpyxl, catalogue)

    s = Sheet("ふりかえりシート")
    seed_table(s, KOSODATE, city_scores=True, header_fields=True)
    fixture("seed_table_city_scores_xlsxwriter.xlsx", [s], write_xlsxwriter, catalogue)

    s = Sheet("R6最終")
    label_left(s, TAGENGO)
    fixture("label_left_xlsxwriter.xlsx", [s], write_xlsxwriter, catalogue)

    s = Sheet("シート1")
    s.put(0, 0, "令和6年度　協働事業　ふりかえりシート"); s.merge(0, 0, 0, 6)
    s.put(1, 0, "提出日：令和7年3月31日")
    seed_table(s, KOEN, top=4, left=2, header_fields=True)
    fixture("seed_table_title_rows_xlsxwriter.xlsx", [s], write_xlsxwriter, catalogue)

    s = Sheet("中間ふりかえり")
    s.put(0, 0, "西東京市 協働コミュニティ課")
    label_left(s, KOEN, top=3, left=1, city_scores=False)
    fixture("label_left_title_rows_openpyxl.xlsx", [s], write_openpyxl, catalogue)

    s = Sheet("ふりかえり（再入力）")
    label_left(s, KOSODATE, labels=RETYPED_LABELS)
    fixture("retyped_labels_openpyxl.xlsx", [s], write_openpyxl, catalogue)

    s = Sheet("ふりかえり")
    seed_table(s, TAGENGO, labels=RETYPED_SEED_LABELS)
    fixture("retyped_labels_seed_xlsxwriter.xlsx", [s], write_xlsxwriter, catalogue)

    cover = Sheet("表紙")
    cover.put(0, 0, "令和6年度 協働事業 ふりかえりシート綴り")
    cover.put(2, 0, "団体名"); cover.put(2, 1, "提出件数")
    cover.put(3, 0, "こそだてフェスタ実行委員会"); cover.put(3, 1, 1)
    first = Sheet("こそだてフェスタ")
    seed_table(first, KOSODATE, header_fields=True)
    second = Sheet("多言語")
    label_left(second, TAGENGO)
    memo = Sheet("メモ")
    memo.put(0, 0, "①協働の有効性"); memo.put(1, 0, "②目的の設定"); memo.put(2, 0, "評価は5段階")
    offer = Sheet("企画提案書")
    proposal(offer, CARER_PROPOSAL)
    hidden = Sheet("作業用", hidden=True)
    hidden.put(0, 0, "委託"); hidden.put(1, 0, "共催")
    several = fixture("several_forms_xlsxwriter.xlsx", [cover, first, second, memo, offer, hidden],
                      write_xlsxwriter, catalogue)

    s = Sheet("企画提案書")
    proposal(s, CARER_PROPOSAL, top=1, left=1)
    fixture("proposal_openpyxl.xlsx", [s], write_openpyxl, catalogue)

    libreoffice_resave(seed, "seed_table_libreoffice.xlsx", catalogue)
    libreoffice_resave(several, "several_forms_libreoffice.xlsx", catalogue)

    dump_json(catalogue, os.path.join(OUT, "expected.json"))
    print(f"wrote {len(catalogue)} fixtures to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
