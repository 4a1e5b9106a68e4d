#!/usr/bin/env python3
"""Writes samples/: a realistic example office (fake data), plus samples/README.md and the expectations
the Swift tests check (Tests/Fixtures/forms/samples_expected.json).

Dev/test time only (openpyxl and XlsxWriter). Run from the repository root:
    python3 scripts/make_samples.py
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from formlib import (Sheet, dump_json, expectations, label_left, proposal, seed_table,  # noqa: E402
                     write_openpyxl, write_xlsxwriter)

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SAMPLES = os.path.join(ROOT, "samples")
EXPECTED = os.path.join(ROOT, "Tests", "Fixtures", "forms", "samples_expected.json")

# The projects: the four of the seed's Column first, then others of a typical city.
PROJECTS = {
    "tagengo": ("NPO法人にしとうきょう多文化ネット", "多言語情報提供事業", "文化振興課", "委託"),
    "kosodate": ("こそだてフェスタ実行委員会", "こそだてフェスタ@西東京", "児童青少年課", "共催"),
    "koen": ("みどりのまち西東京", "小規模公園・緑地活用事業", "みどり公園課", "事業協力"),
    "carer": ("ケアラーズサロンひばり", "ケアラー（在宅介護者）支援…傾聴と認知症から学ぶ", "高齢者支援課", "補助・助成"),
    "bosai": ("地域防災ネットワーク柳沢", "防災まち歩きワークショップ", "危機管理課", "補助・助成"),
    "shokudo": ("NPO法人こども食堂ひだまり", "多世代食堂でつながるまち", "児童青少年課", "補助・助成"),
    "art": ("アートサポート西東京", "障害のある人のアート展", "障害福祉課", "共催"),
    "eco": ("環境市民の会にしとうきょう", "省エネ家計簿講座", "環境保全課", "委託"),
    "walk": ("歩こう会西原", "健康ウォーキングマップづくり", "健康課", "事業協力"),
}


def reflection(project, year, phase, scores, org_comment, city_comment, outlook, comments=None, city_scores=None,
               department=None):
    org, name, dept, _ = PROJECTS[project]
    data = {"org_name": org, "project_name": name, "fiscal_year": year, "phase": phase,
            "department": department or dept, "scores": scores, "org_comment": org_comment,
            "city_comment": city_comment, "outlook": outlook, "comments": comments or [None] * 7}
    if city_scores:
        data["city_scores"] = city_scores
    return data


files = []        # (file name, writer name, [Sheet], description)
mistakes = []     # (file name, sheet, field key, what is wrong)


def add(name, sheets, writer, description):
    files.append((name, writer, sheets, description))


def mistake(file, sheet, key, text):
    mistakes.append((file, sheet, key, text))


def build():
    # ---- 令和5年度 (2023) ----
    s = Sheet("ふりかえり")
    seed_table(s, reflection("tagengo", "令和5年度", "最終", [5, 4, 4, 4, 5, 4, 5],
                             "翻訳者の確保が課題。やさしい日本語版の要望が多い。", "発行は安定している。次年度も委託で継続する。",
                             "やさしい日本語版の追加を検討する。",
                             comments=["市報の記事を6言語で届けられた", None, None, None, "翻訳ボランティア20名と連携", None, None]),
               header_fields=True)
    add("R05_多言語情報提供事業_最終.xlsx", [s], "openpyxl", "令和5年度 最終・seed table・文化振興課")

    s = Sheet("ふりかえりシート")
    label_left(s, reflection("kosodate", "R5", "最終", [5, 5, 4, 4, 5, 5, 5],
                             "来場者が増え、会場が手狭になった。", "共催の役割分担が明確で円滑だった。", "会場を2か所に分ける。",
                             city_scores=[4, 4, 4, 4, 4, 4, 4], comments=["来場者 約1,800人", None, None, None, None, "アンケート満足度92%", None]))
    add("R05_こそだてフェスタ_最終.xlsx", [s], "XlsxWriter", "令和5年度 最終・label-left・市の評価あり")

    s = Sheet("中間")
    seed_table(s, reflection("koen", "令和5年度", "中間", [4, 4, 3, 3, 4, 4, 4],
                             "試験開催のアンケートを集計中。", "公園配置計画との整合を確認している。", "本格実施に向けて候補地を選ぶ。"),
               header_fields=True)
    add("R05_小規模公園・緑地活用事業_中間.xlsx", [s], "XlsxWriter", "令和5年度 中間・seed table")

    s = Sheet("ふりかえり")
    label_left(s, reflection("carer", "令和5年度", "最終", [4, 4, 4, 3, 4, 5, 4],
                             "講座修了者が傾聴ボランティアとして活動を始めた。", "地域包括支援センターとの連携が進んだ。",
                             "事業終了後も担当課と内容を変えて続ける。", city_scores=[4, 4, 4, 3, 4, 4, 4]))
    add("R05_ケアラー支援_最終.xlsx", [s], "openpyxl", "令和5年度 最終・label-left・市の評価あり")

    # Mistakes: score 6, missing 市のコメント, title rows above.
    s = Sheet("R5防災")
    s.put(0, 0, "令和5年度 協働事業ふりかえりシート（防災まち歩き）"); s.merge(0, 0, 0, 5)
    seed_table(s, reflection("bosai", "令和5年度", "最終", [4, 4, 4, 6, 4, 3, 4],
                             "参加者が固定化している。", "", "小学校区ごとに開催したい."),
               top=2, header_fields=True)
    add("R05_防災まち歩き_最終.xlsx", [s], "XlsxWriter", "令和5年度 最終・seed table（タイトル行あり）")
    mistake("R05_防災まち歩き_最終.xlsx", "R5防災", "scores.achievement", "評価が 6（1〜5 の範囲外）")
    mistake("R05_防災まち歩き_最終.xlsx", "R5防災", "city_comment", "必須の市のコメントが空欄")

    # Mistakes: 特になし placeholder, full-width digits.
    s = Sheet("省エネ")
    label_left(s, reflection("eco", "令和５年度", "最終", ["４", "４", "３", "３", "４", "４", "３"],
                             "特になし", "受講者の省エネ行動が定着しつつある。", "オンライン講座を加える。"), city_scores=False)
    add("R05_省エネ家計簿講座_最終.xlsx", [s], "openpyxl", "令和5年度 最終・label-left・全角数字")
    mistake("R05_省エネ家計簿講座_最終.xlsx", "省エネ", "org_comment", "団体のコメントが「特になし」（記入なしと同じ）")
    mistake("R05_省エネ家計簿講座_最終.xlsx", "省エネ", "scores.effectiveness", "評価が全角数字「４」（文字として入力、読み取りは 4）")

    # ---- 令和6年度 (2024) ----
    s = Sheet("R6最終")
    label_left(s, reflection("tagengo", "令和6年度", "最終", [5, 4, 4, 4, 5, 4, 5],
                             "若い翻訳ボランティアが5名加わった。", "発行部数・言語数とも計画どおり。",
                             "やさしい日本語版を発行する。", city_scores=[2, 4, 4, 4, 4, 4, 4],
                             comments=["協働により市だけではできない言語数を実現", None, None, None, None, None, None]))
    add("R06_多言語情報提供事業_最終.xlsx", [s], "XlsxWriter", "令和6年度 最終・label-left・市の評価に差")
    mistake("R06_多言語情報提供事業_最終.xlsx", "R6最終", "city_scores.effectiveness",
            "団体 5 と市 2 で評価の差が 3（差が 2 以上）")

    s = Sheet("ふりかえり")
    seed_table(s, reflection("kosodate", "令和6年度", "中間", [4, 4, 4, 3, 4, 4, 4],
                             "出展団体の募集を早めたい。", "中間時点で準備は順調。", "秋の本番に向けて広報を強化する。"),
               header_fields=True)
    add("R06_こそだてフェスタ_中間.xlsx", [s], "openpyxl", "令和6年度 中間・seed table")

    # Mistakes: blank score, 3.5.
    s = Sheet("最終")
    label_left(s, reflection("koen", "2024年度", "最終", [4, 4, "", 3.5, 4, 4, 4],
                             "子供&ドッグイベントに約300人が参加した。", "近隣住民の理解が得られた。", "他の公園でも開催する。"),
               city_scores=False)
    add("R06_小規模公園・緑地活用事業_最終.xlsx", [s], "XlsxWriter", "令和6年度 最終・label-left")
    mistake("R06_小規模公園・緑地活用事業_最終.xlsx", "最終", "scores.goal_sharing", "評価が空欄")
    mistake("R06_小規模公園・緑地活用事業_最終.xlsx", "最終", "scores.achievement", "評価が 3.5（整数でない）")

    # Mistakes: low score without comment, 4点.
    s = Sheet("中間ふりかえり")
    seed_table(s, reflection("carer", "R6", "中間", ["4点", 4, 3, 3, 4, 2, 4],
                             "講座の参加者が想定より少ない。", "周知方法を一緒に見直す。", "後半は出張講座を増やす。"),
               header_fields=True)
    add("R06_ケアラー支援_中間.xlsx", [s], "openpyxl", "令和6年度 中間・seed table")
    mistake("R06_ケアラー支援_中間.xlsx", "中間ふりかえり", "scores.beneficiary_satisfaction",
            "評価 2（低い評価）なのに団体のコメントが空欄")
    mistake("R06_ケアラー支援_中間.xlsx", "中間ふりかえり", "scores.effectiveness", "評価が「4点」（文字として入力、読み取りは 4）")

    s = Sheet("ふりかえりシート")
    seed_table(s, reflection("shokudo", "令和6年度", "最終", [5, 5, 4, 4, 4, 5, 5],
                               "ボランティアの高齢化が課題。", "地域の居場所として定着した。", "学習支援を加える。",
                               city_scores=[4, 4, 4, 4, 4, 4, 4]),
               city_scores=True, header_fields=True)
    add("R06_多世代食堂_最終.xlsx", [s], "XlsxWriter", "令和6年度 最終・seed table・市の評価あり")

    # Mistake: letters instead of a score.
    s = Sheet("アート展")
    label_left(s, reflection("art", "令和6年度", "最終", [5, 4, 4, 4, 5, 4, "良い"],
                             "出展者が前年の2倍になった。", "会場の福祉会館と連携できた。", "巡回展を検討する。",
                             city_scores=[4, 4, 4, 4, 4, 4, 4]))
    add("R06_アート展_最終.xlsx", [s], "openpyxl", "令和6年度 最終・label-left")
    mistake("R06_アート展_最終.xlsx", "アート展", "scores.org_satisfaction", "評価が「良い」（数字でない）")

    # A workbook with several forms next to sheets that are not forms.
    cover = Sheet("表紙")
    cover.put(0, 0, "令和6年度 協働事業ふりかえりシート（健康課・環境保全課 提出分）")
    cover.put(2, 0, "提出日"); cover.put(2, 1, "令和7年3月28日")
    walk = Sheet("ウォーキング")
    label_left(walk, reflection("walk", "令和6年度", "最終", [4, 4, 4, 4, 3, 4, 4],
                                "マップの配布先を増やしたい。", "健康づくり推進員と協力できた。", "季節ごとのコースを加える。",
                                city_scores=[4, 4, 3, 4, 3, 4, 4]))
    eco = Sheet("省エネ中間")
    seed_table(eco, reflection("eco", "令和6年度", "中間", [4, 4, 4, 3, 4, 4, 4],
                               "オンライン講座の参加が伸びない。", "広報を市の公式SNSでも行う。", "後半は対面講座を増やす。"),
               header_fields=True)
    memo = Sheet("集計メモ")
    memo.put(0, 0, "提出状況"); memo.put(1, 0, "ウォーキング"); memo.put(1, 1, "提出済")
    memo.put(2, 0, "省エネ"); memo.put(2, 1, "中間のみ")
    add("R06_健康課・環境保全課_まとめ.xlsx", [cover, walk, eco, memo], "XlsxWriter", "令和6年度・複数シート（表紙・集計メモは様式外）")

    # ---- 企画提案書 ----
    def offer(project, year, category, kind, theme, year_number, issue, purpose, description, effect, org_role,
              city_role, total, requested, person, address, phone, email, form=None, org=None, name=None):
        default_org, default_name, dept, collaboration = PROJECTS[project]
        org, name = org or default_org, name or default_name
        return {"fiscal_year": year, "category": category, "proposal_type": kind, "theme": theme,
                "org_name": org, "representative": person, "address": address, "phone": phone, "email": email,
                "project_name": name, "collaboration_form": form or collaboration, "department": dept,
                "year_number": year_number, "local_issue": issue, "purpose": purpose, "description": description,
                "expected_effect": effect, "org_role": org_role, "city_role": city_role,
                "total_cost": total, "requested_amount": requested}

    s = Sheet("企画提案書")
    proposal(s, offer("carer", "令和7年度", "継続ステップアップ部門", "自由テーマ型", None, 2,
                      "在宅介護者の孤立と負担", "ケアラーを支える地域の支援者を育てる", "傾聴講座（全6回）と認知症の実践体験会",
                      "相談先を知るケアラーが増える", "講座の企画・運営", "広報と地域包括支援センターとの連携",
                      1200000, 900000, "架空 花子", "西東京市南町9-99-1", "042-000-1001", "hibari@example.org"))
    add("P07_ケアラー支援_企画提案書.xlsx", [s], "openpyxl", "令和7年度・継続ステップアップ部門・補助・助成")

    s = Sheet("企画提案書")
    proposal(s, offer("bosai", "令和7年度", "新規チャレンジ部門", "自由テーマ型", None, 1,
                      "災害時に助け合える顔の見える関係が弱い", "まち歩きで危険箇所と支援者を知る", "小学校区ごとの防災まち歩きとマップづくり",
                      "自主防災組織の担い手が増える", "まち歩きの企画と進行", "防災情報の提供と会場の確保",
                      "850,000円", "¥600,000", "見本 太郎", "西東京市柳沢9-99-2", "042-000-1002", "bosai@example.jp"))
    add("P07_防災まち歩き_企画提案書.xlsx", [s], "XlsxWriter", "令和7年度・新規チャレンジ部門・金額が文字")

    s = Sheet("提案書")
    proposal(s, offer("shokudo", "令和7年度", "継続ステップアップ部門", "テーマ設定型", "地域の居場所づくり", 2,
                      "子どもと高齢者の孤食", "世代を超えた食卓をつくる", "月2回の多世代食堂と学習支援",
                      "孤食の解消と見守り", "食堂の運営", "会場と広報の支援",
                      1500000, 1000000, "仮名 次郎", "西東京市ひばりが丘9-99-3", "042-000-1003", "hidamari@example.org"))
    add("P07_多世代食堂_企画提案書.xlsx", [s], "openpyxl", "令和7年度・継続ステップアップ部門・テーマ設定型")

    # Mistakes: requested over total; テーマ設定型 without a theme.
    s = Sheet("企画提案書")
    proposal(s, offer("walk", "令和7年度", "新規チャレンジ部門", "テーマ設定型", "", 1,
                      "運動習慣のない働く世代", "歩くきっかけをつくる", "ウォーキングマップと月例ウォーク",
                      "運動習慣のある市民が増える", "コースづくりと当日の運営", "健康づくり推進員との連携",
                      500000, 650000, "試験 三郎", "西東京市西原町9-99-4", "042-000-1004", "walk@example.jp"))
    add("P07_ウォーキング_企画提案書.xlsx", [s], "XlsxWriter", "令和7年度・誤りあり")
    mistake("P07_ウォーキング_企画提案書.xlsx", "企画提案書", "requested_amount", "補助金申請額 650,000 円が総事業費 500,000 円を超える")
    mistake("P07_ウォーキング_企画提案書.xlsx", "企画提案書", "theme", "テーマ設定型なのにテーマが空欄")

    # Mistakes: 継続年数 4 (over three years), 120万円 written as text, full-width digits.
    s = Sheet("企画提案書")
    proposal(s, offer("tagengo", "令和７年度", "継続ステップアップ部門", "自由テーマ型", None, "４年目",
                      "外国籍市民に生活情報が届かない", "多言語で生活情報を届ける", "生活情報誌の6言語版の発行",
                      "外国籍市民の生活の安心", "翻訳と編集", "市報記事の提供と配布",
                      "１２０万円", "80万円", "例示 四郎", "西東京市田無町9-99-5", "042-000-1005", "tabunka@example.org",
                      form="補助･助成"))
    add("P07_多言語情報_企画提案書.xlsx", [s], "openpyxl", "令和7年度・継続・誤りあり")
    mistake("P07_多言語情報_企画提案書.xlsx", "企画提案書", "year_number", "継続年数が 4（最長 3 年）")
    mistake("P07_多言語情報_企画提案書.xlsx", "企画提案書", "total_cost", "総事業費が「１２０万円」（全角・文字、読み取りは 1,200,000 円）")

    s = Sheet("企画提案書")
    proposal(s, offer("koen", "令和6年度", "継続ステップアップ部門", "テーマ設定型", "公園の新しい使い方", 2,
                      "小さな公園が使われていない", "公園を地域の交流の場にする", "子供&ドッグイベントの本格実施",
                      "公園の利用者が増える", "イベントの企画運営", "公園の使用許可と近隣調整",
                      300000, 200000, "模擬 五月", "西東京市緑町9-99-6", "042-000-1006", "midori@example.jp"),
             top=1, left=1)
    add("P06_小規模公園_企画提案書.xlsx", [s], "XlsxWriter", "令和6年度・継続2年目・タイトル行・列あり（最終のふりかえりは不備 → 未提出）")

    s = Sheet("企画提案書")
    proposal(s, offer("art", "令和7年度", "新規チャレンジ部門", "自由テーマ型", None, 1,
                      "障害のある人の表現の場が少ない", "作品を発表し交流する場をつくる", "年1回のアート展とワークショップ",
                      "障害への理解が深まる", "出展者募集と展示", "会場の提供と広報",
                      700000, 500000, "参考 六花", "西東京市泉町9-99-7", "042-000-1007", "art@example.org"))
    add("P07_アート展_企画提案書.xlsx", [s], "openpyxl", "令和7年度・共催")

    # ---- 企画提案書 of the years reflected on: every project whose 令和5/6 reflection is valid has the
    # proposal of that same year (継続年数 1→2→3 across years). Not here on purpose: 健康ウォーキング
    # マップづくり in 令和6 (arranged with 健康課 outside the proposal scheme, so its reflection stays
    # 未照合; its first proposal is P07), and the proposals of the invalid 令和5 防災 / 令和6 アート展 sheets.
    # 多言語: 令和4 year 1, 令和5 year 2, 令和6 year 3 (so P07's 4 is the listed mistake).
    s = Sheet("企画提案書")
    proposal(s, offer("tagengo", "令和5年度", "継続ステップアップ部門", "自由テーマ型", None, 2,
                      "外国籍市民に生活情報が届かない", "多言語で生活情報を届ける", "生活情報誌の5言語版の発行（年4回）",
                      "外国籍市民の生活の安心", "翻訳と編集", "市報記事の提供と配布",
                      1000000, 1000000, "例示 四郎", "西東京市田無町9-99-5", "042-000-1005", "tabunka@example.org"))
    add("P05_多言語情報_企画提案書.xlsx", [s], "openpyxl", "令和5年度・継続ステップアップ部門・委託（2年目）")

    # Spelled with a full-width space and a full-width ＠: linking must normalise them away.
    s = Sheet("企画提案書")
    proposal(s, offer("kosodate", "令和5年度", "新規チャレンジ部門", "テーマ設定型", "子育てしやすいまちづくり", 1,
                      "子育て世帯が地域の支援を知らない", "子育て支援の団体と家庭が出会う場をつくる",
                      "子育て支援団体の合同フェスタ（年1回）", "相談先を知る子育て世帯が増える", "出展団体の募集と当日の運営",
                      "会場の確保と市報での周知", 800000, 400000, "見本 七海", "西東京市保谷町9-99-8", "042-000-1008",
                      "kosodate@example.org", org="こそだてフェスタ　実行委員会", name="こそだてフェスタ＠西東京"))
    add("P05_こそだてフェスタ_企画提案書.xlsx", [s], "XlsxWriter", "令和5年度・新規チャレンジ部門・共催・名前に全角の空白と＠")

    s = Sheet("企画提案書")
    proposal(s, offer("koen", "令和5年度", "新規チャレンジ部門", "テーマ設定型", "公園の新しい使い方", 1,
                      "小さな公園が使われていない", "公園を地域の交流の場にする", "子供&ドッグイベントの試験開催",
                      "公園の利用者が増える", "イベントの企画運営", "公園の使用許可と近隣調整",
                      250000, 150000, "模擬 五月", "西東京市緑町9-99-6", "042-000-1006", "midori@example.jp"))
    add("P05_小規模公園_企画提案書.xlsx", [s], "openpyxl", "令和5年度・新規チャレンジ部門・事業協力（中間のみ → 未提出）")

    # ケアラー: 令和5 closes a first three-year run; 令和6 starts again with new content (P07 is year 2).
    s = Sheet("企画提案書")
    proposal(s, offer("carer", "令和5年度", "継続ステップアップ部門", "自由テーマ型", None, 3,
                      "在宅介護者の孤立と負担", "ケアラーが話せる場を地域に根づかせる", "ケアラーズサロン（月1回）と傾聴講座",
                      "ケアラー同士の支え合いが生まれる", "サロンの運営", "地域包括支援センターとの連携",
                      900000, 700000, "架空 花子", "西東京市南町9-99-1", "042-000-1001", "hibari@example.org"))
    add("P05_ケアラー支援_企画提案書.xlsx", [s], "XlsxWriter", "令和5年度・継続ステップアップ部門・補助・助成（3年目）")

    s = Sheet("企画提案書")
    proposal(s, offer("eco", "令和5年度", "新規チャレンジ部門", "自由テーマ型", None, 1,
                      "家庭の省エネが進まない", "家計簿で省エネの効果を見えるようにする", "省エネ家計簿講座（全4回）",
                      "家庭のCO2排出が減る", "講座の企画と講師", "会場の確保と市報での周知",
                      400000, 400000, "仮名 八郎", "西東京市東町9-99-9", "042-000-1009", "eco@example.jp"))
    add("P05_省エネ家計簿_企画提案書.xlsx", [s], "openpyxl", "令和5年度・新規チャレンジ部門・委託")

    # Spelled with full-width ＮＰＯ and a space: linking must normalise them away.
    s = Sheet("企画提案書")
    proposal(s, offer("tagengo", "令和6年度", "継続ステップアップ部門", "自由テーマ型", None, 3,
                      "外国籍市民に生活情報が届かない", "多言語で生活情報を届ける", "生活情報誌の6言語版の発行（年4回）",
                      "外国籍市民の生活の安心", "翻訳と編集", "市報記事の提供と配布",
                      1100000, 1100000, "例示 四郎", "西東京市田無町9-99-5", "042-000-1005", "tabunka@example.org",
                      org="ＮＰＯ法人 にしとうきょう多文化ネット"))
    add("P06_多言語情報_企画提案書.xlsx", [s], "XlsxWriter", "令和6年度・継続ステップアップ部門・委託（3年目）・団体名に全角ＮＰＯと空白")

    s = Sheet("企画提案書")
    proposal(s, offer("kosodate", "令和6年度", "継続ステップアップ部門", "テーマ設定型", "子育てしやすいまちづくり", 2,
                      "子育て世帯が地域の支援を知らない", "子育て支援の団体と家庭が出会う場をつくる",
                      "合同フェスタを2会場で開催", "相談先を知る子育て世帯が増える", "出展団体の募集と当日の運営",
                      "会場の確保と市報での周知", 900000, 450000, "見本 七海", "西東京市保谷町9-99-8", "042-000-1008",
                      "kosodate@example.org"))
    add("P06_こそだてフェスタ_企画提案書.xlsx", [s], "openpyxl", "令和6年度・継続ステップアップ部門・共催（中間のみ → 未提出）")

    s = Sheet("企画提案書")
    proposal(s, offer("carer", "令和6年度", "新規チャレンジ部門", "自由テーマ型", None, 1,
                      "在宅介護者の孤立と負担", "ケアラーを支える地域の支援者を育てる", "傾聴講座（全6回）",
                      "相談先を知るケアラーが増える", "講座の企画・運営", "広報と地域包括支援センターとの連携",
                      1000000, 800000, "架空 花子", "西東京市南町9-99-1", "042-000-1001", "hibari@example.org"))
    add("P06_ケアラー支援_企画提案書.xlsx", [s], "XlsxWriter", "令和6年度・新規チャレンジ部門・補助・助成（中間は不備 → 未提出）")

    s = Sheet("企画提案書")
    proposal(s, offer("shokudo", "令和6年度", "新規チャレンジ部門", "テーマ設定型", "地域の居場所づくり", 1,
                      "子どもと高齢者の孤食", "世代を超えた食卓をつくる", "月2回の多世代食堂",
                      "孤食の解消と見守り", "食堂の運営", "会場と広報の支援",
                      1200000, 800000, "仮名 次郎", "西東京市ひばりが丘9-99-3", "042-000-1003", "hidamari@example.org"))
    add("P06_多世代食堂_企画提案書.xlsx", [s], "openpyxl", "令和6年度・新規チャレンジ部門・テーマ設定型・補助・助成")

    s = Sheet("企画提案書")
    proposal(s, offer("eco", "令和6年度", "継続ステップアップ部門", "自由テーマ型", None, 2,
                      "家庭の省エネが進まない", "家計簿で省エネの効果を見えるようにする", "省エネ家計簿講座（対面とオンライン）",
                      "家庭のCO2排出が減る", "講座の企画と講師", "会場の確保と公式SNSでの周知",
                      450000, 450000, "仮名 八郎", "西東京市東町9-99-9", "042-000-1009", "eco@example.jp"))
    add("P06_省エネ家計簿_企画提案書.xlsx", [s], "XlsxWriter", "令和6年度・継続ステップアップ部門・委託（中間のみ → 未提出）")


def readme():
    lines = [
        "# samples/: an example office (fake data)",
        "",
        "Made by `python3 scripts/make_samples.py` (openpyxl and XlsxWriter, at dev time). Every name, address,",
        "phone number and e-mail address is invented (`example.org`/`example.jp`, `042-000-xxxx`, 9-99-x).",
        "The four projects of the seed's Column are here: 多言語情報提供事業 (文化振興課・委託),",
        "こそだてフェスタ@西東京 (児童青少年課・共催), 小規模公園・緑地活用事業 (みどり公園課・事業協力) and",
        "ケアラー（在宅介護者）支援…傾聴と認知症から学ぶ (高齢者支援課・補助・助成).",
        "",
        "Layouts: *seed table* = the seed's table (団体名/事業名 merged down beside the viewpoints, 実施年度 /",
        "ふりかえりの時期 / 担当課 above it); *label-left* = labels in one column, values to the right, then the",
        "viewpoint table (評価, 市の評価, 団体のコメント).",
        "",
        "Proposals and reflections link by fiscal year + normalised 団体名 + 事業名. Every project with a valid",
        "令和5/令和6 reflection has the proposal of that same year (P05_*, P06_*; 継続年数 counts up across",
        "years: 多言語 2→3→4 (4 in P07 is a listed mistake), こそだて 1→2, 小規模公園 1→2, 省エネ 1→2,",
        "多世代食堂 1→2, ケアラー 3 in 令和5 then 1→2 for its new content). Two proposals are spelled differently on",
        "purpose (`こそだてフェスタ　実行委員会` / `こそだてフェスタ＠西東京`, `ＮＰＯ法人 にしとうきょう多文化ネット`):",
        "linking must survive them. Left as they are on purpose: 令和6 健康ウォーキングマップづくり has no proposal",
        "(未照合); 令和5 小規模公園, 令和6 こそだて・省エネ (中間 only), 令和6 小規模公園・ケアラー (their sheets have",
        "errors) have no valid 最終 (未提出); 令和7 proposals have no reflections yet.",
        "",
        "## Files",
        "",
        "| file | writer | sheet(s) | form | what |",
        "|---|---|---|---|---|",
    ]
    for name, writer, sheets, description in files:
        names = ", ".join(f"{s.name}" + ("" if s.kind else " (not a form)") for s in sheets)
        kinds = ", ".join(sorted({s.kind for s in sheets if s.kind}))
        lines.append(f"| `{name}` | {writer} | {names} | {kinds} | {description} |")
    lines += ["", "## Mistakes staff really make (what the validator must report)", "",
              "| file | sheet | cell | field | mistake |", "|---|---|---|---|---|"]
    by_file = {name: {s.name: s for s in sheets} for name, _, sheets, _ in files}
    for file, sheet, key, text in mistakes:
        cell = by_file[file][sheet].expected[key]["cell"]
        extra = ""
        if key.startswith("scores.") and "コメント" in text:
            extra = f" (comment cell {by_file[file][sheet].expected['comments.' + key.split('.', 1)[1]]['cell']})"
        lines.append(f"| `{file}` | {sheet} | {cell}{extra} | `{key}` | {text} |")
    lines += ["", "Every other sheet is meant to be valid. Exact fields and cells for each sheet are in",
              "`Tests/Fixtures/forms/samples_expected.json` (checked by the Forms tests).", ""]
    with open(os.path.join(SAMPLES, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def main():
    os.makedirs(SAMPLES, exist_ok=True)
    build()
    catalogue = {}
    for name, writer, sheets, _ in files:
        path = os.path.join(SAMPLES, name)
        (write_openpyxl if writer == "openpyxl" else write_xlsxwriter)(sheets, path)
        catalogue[name] = expectations(sheets)
    dump_json(catalogue, EXPECTED)
    readme()
    reflections = sum(1 for _, _, sheets, _ in files for s in sheets if s.kind == "reflection")
    proposals = sum(1 for _, _, sheets, _ in files for s in sheets if s.kind == "proposal")
    print(f"wrote {len(files)} files: {reflections} reflection sheets, {proposals} proposals, "
          f"{len(mistakes)} mistakes listed")


if __name__ == "__main__":
    main()
