"""The editors' error corpus: each bad input must fail with its message, hint and exact location.

Each case of ``CASES`` is a one-line change to a valid file (tests/fixtures/minimal_guide.yaml); each
case of ``FOLDER_CASES`` a carriers/ folder (rules across files, the folder itself). A case fails when
its error disappears, loses its line or column, or stops telling the editor how to write it. Every
case, and every valid file of ``VALID_CASES``, also goes through both `kaiyaku check` and the build:
they must agree on every file (the same errors, or both succeed).
"""

from __future__ import annotations

import contextlib
import gzip
import io
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import MkDocsException

from conftest import FIXTURES, check_text, git_commit

from kaiyaku.commands import cli
from kaiyaku.commands.build import build_atomically
from kaiyaku.facts.scalars import ID_RE

BASE = (FIXTURES / "minimal_guide.yaml").read_text(encoding="utf-8")


def replace(old: str, new: str) -> str:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# (case id, old text, new text, needle on the error's line, path, words in message, words in hint)
CASES = [
    # yen amounts
    ("yen-comma", "amount: 3300", "amount: 3,300", "amount:", "fees[0].amount", "'3,300'", "3300"),
    ("yen-suffix", "amount: 3300", "amount: 3300円", "amount:", "fees[0].amount", "'3300円'", "3300"),
    ("yen-sign", "amount: 3300", "amount: ¥3300", "amount:", "fees[0].amount", "'¥3300'", "3300"),
    ("yen-fullwidth", "amount: 3300", "amount: ３３００", "amount:", "fees[0].amount", "'３３００'", "3300"),
    ("yen-decimal", "amount: 3300", "amount: 3300.5", "amount:", "fees[0].amount", "小数", "3300"),
    ("yen-negative", "amount: 3300", "amount: -3300", "amount:", "fees[0].amount", "マイナス", "0 以上"),
    # booleans and numbers
    ("bool-yes", "applies: {keep_number: false}", "applies: {keep_number: no}", "keep_number", "ways[0].applies.keep_number", "'no'", "false"),
    ("bool-on", "applies: {keep_number: false}", "applies: {keep_number: on}", "keep_number", "ways[0].applies.keep_number", "'on'", "true"),
    ("bool-hai", "applies: {keep_number: false}", "applies: {keep_number: はい}", "keep_number", "ways[0].applies.keep_number", "'はい'", "true"),
    ("count-leading-zero", "applies: {keep_number: false}", "applies: {within_days_of_contract: 08}", "within_days", "ways[0].applies.within_days_of_contract", "先頭に 0", "8 と"),
    # times
    ("time-unquoted", 'time: "20:00"', "time: 20:00", "time:", "ways[0].cutoffs[0].time", "引用符", '"20:00"'),
    ("time-bad", 'time: "20:00"', 'time: "25:00"', "time:", "ways[0].cutoffs[0].time", "'25:00'", "24 時間制"),
    # dates
    ("date-slashes", "checked: 2026-01-02", "checked: 2026/01/02", "checked:", "sources[0].checked", "'2026/01/02'", "2026-01-02"),
    ("date-unpadded", "checked: 2026-01-02", "checked: 2026-1-2", "checked:", "sources[0].checked", "'2026-1-2'", "2026-01-02"),
    ("date-reiwa", "checked: 2026-01-02", "checked: 令和8年1月2日", "checked:", "sources[0].checked", "和暦", "西暦"),
    ("date-impossible", "checked: 2026-01-02", "checked: 2025-09-31", "checked:", "sources[0].checked", "存在しない日付", "月と日"),
    # keys and structure
    ("unknown-key", "    takes_effect: end_of_month", "    takes_efect: end_of_month", "takes_efect", "ways[0].takes_efect", "takes_efect", "takes_effect"),
    ("missing-required", "    title: 解約する\n", "", "- id: cancel", "ways[0].title", "必須の項目 title", "title:"),
    ("empty-value", "    title: 解約する", "    title:", "title:", "ways[0].title", "空", "行ごと消して"),
    ("list-for-mapping", "  rule: return\n  address:", "  rule: return\n  address:\n    - a\n  x_address:", "- a", "sim_return.address", "マッピング", "キー: 値"),
    ("literal-typo", "kind: port_out", "kind: portout", "kind: portout", "fees[0].kind", "'portout'", "port_out"),
    # contact data and URLs
    ("postal-mark", 'postal_code: "100-0001"', 'postal_code: "〒100-0001"', "postal_code", "sim_return.address.postal_code", "〒", "100-0001"),
    ("postal-digits", 'postal_code: "100-0001"', 'postal_code: "1000001"', "postal_code", "sim_return.address.postal_code", "形ではありません", "100-0001"),
    ("postal-dash", 'postal_code: "100-0001"', 'postal_code: "100ー0001"', "postal_code", "sim_return.address.postal_code", "形ではありません", "100-0001"),
    ("url-javascript", "url: https://example.com/page", "url: javascript:alert(1)", "url:", "sources[0].url", "http(s)", "https://"),
    ("url-ftp", "url: https://example.com/page", "url: ftp://example.com/page", "url:", "sources[0].url", "http(s)", "https://"),
    ("phone-wide-hyphen", 'number: "0570-00-0000"', 'number: "0570ー00ー0000"', "- number:", "contacts[0].phones[0].number", "半角ではありません", "0570-00-0000"),
    ("phone-digits-only", 'number: "0570-00-0000"', 'number: "0570000000"', "- number:", "contacts[0].phones[0].number", "区切りがありません", "ハイフン"),
    ("phone-fullwidth-digits", 'number: "0570-00-0000"', 'number: "０５７０-００-００００"', "- number:", "contacts[0].phones[0].number", "電話番号として読めません", "半角数字"),
    # ranges whose start is after their end
    ("date-range-reversed", "contracted: {from: 2024-06-01, to: 2025-09-30}", "contracted: {from: 2025-09-30, to: 2024-06-01}", "contracted:", "fees[0].contracted", "開始日 2025-09-30", "from と to"),
    ("day-range-reversed", "reservation_issue_days: {min: 1, max: 4}", "reservation_issue_days: {min: 4, max: 1}", "reservation_issue_days", "mnp.reservation_issue_days", "min(4)", "入れ替えて"),
    ("hours-reversed", 'closes: "18:00"', 'closes: "8:00"', '- opens: "9:00"', "contacts[0].hours[0]", "受付開始 9:00", "opens と closes"),
    ("hours-open-ended", '        closes: "18:00"\n', "", '- opens: "9:00"', "contacts[0].hours[0]", "closes(受付終了)", "all_day: true"),
    ("hours-all-day-and-times", '      - opens: "9:00"', '      - all_day: true\n        opens: "9:00"', "- all_day: true", "contacts[0].hours[0]", "all_day: true と opens", "消して"),
    ("period-reversed", "    contracted: {from: 2024-06-01, to: 2025-09-30}", "    contracted: {from: 2024-06-01, to: 2025-09-30}\n    in_force: {from: 2025-03, until: 2024-01}", "in_force:", "fees[0].in_force", "from 2025-03 が until 2024-01", "確かめて"),
    ("period-empty", "    contracted: {from: 2024-06-01, to: 2025-09-30}", "    contracted: {from: 2024-06-01, to: 2025-09-30}\n    in_force: {}", "in_force:", "fees[0].in_force", "from も until も", "in_force ごと"),
    ("period-japanese-month", "    contracted: {from: 2024-06-01, to: 2025-09-30}", "    contracted: {from: 2024-06-01, to: 2025-09-30}\n    in_force: {until: 2024年1月}", "in_force:", "fees[0].in_force.until", "年月の書き方", "2024-01"),
    # sources: kind, the page's own date, and dates that cannot be true
    ("source-kind-unknown", "    kind: official\n", "    kind: offical\n", "kind: offical", "sources[0].kind", "'offical'", "official"),
    ("source-kind-missing", "    kind: official\n", "", "- id: s", "sources[0].kind", "kind", "official"),
    ("page-date-missing", "    page_date: 2025-12\n", "", "- id: s", "sources[0].page_date", "page_date", "undated"),
    ("page-date-none-word", "    page_date: 2025-12\n", "    page_date: なし\n", "page_date:", "sources[0].page_date", "'なし'", "undated"),
    ("page-date-after-check", "    page_date: 2025-12\n", "    page_date: 2026-02-10\n", "page_date:", "sources[0].page_date", "確認日 2026-01-02 より後", "page_date"),
    ("checked-after-commit", "    checked: 2026-01-02", "    checked: 2099-07-02", "checked:", "sources[0].checked", "まだ来ていません", "実際に"),
    # amounts say their tax as the source gives it; conditional fees say how their conditions combine
    ("tax-missing", "    tax: included\n", "", "- id: mnp", "fees[0]", "税込か税抜か", "tax: included"),
    ("tax-unknown-word", "    tax: included\n", "    tax: 税込\n", "tax:", "fees[0].tax", "'税込'", "included"),
    ("conditions-combine-missing", "    tax: included\n", "    tax: included\n    conditions: [1 年以内に解約する, 利用実態がない]\n", "- id: mnp", "fees[0]", "すべて満たすときか", "conditions_apply"),
    # references
    ("source-missing", "    sources: [s]\nbilling:", "    sources: [t]\nbilling:", "sources: [t]", "ways[0].sources[0]", "出典 t", "s"),
    # markup an editor might paste
    ("html-script", "summary: 番号を手放す方法です。", "summary: <script>alert(1)</script>", "summary:", "ways[0].summary", "<s", "ふつうの文章"),
    ("html-tag", "summary: 番号を手放す方法です。", "summary: <b>太字</b>", "summary:", "ways[0].summary", "<b", "ふつうの文章"),
    ("js-link", "summary: 番号を手放す方法です。", "summary: こちら javascript:alert(1)", "summary:", "ways[0].summary", "javascript", "ふつうの文章"),
    ("attr-list", "summary: 番号を手放す方法です。", "summary: '方法です {: .x }'", "summary:", "ways[0].summary", "{:", "ふつうの文章"),
    ("jinja", "summary: 番号を手放す方法です。", "summary: '{{ 7*7 }}'", "summary:", "ways[0].summary", "{{", "ふつうの文章"),
    ("md-link", "summary: 番号を手放す方法です。", "summary: '[ここ](https://x.example)'", "summary:", "ways[0].summary", "](", "ふつうの文章"),
    ("todo-left", "summary: 番号を手放す方法です。", "summary: TODO 書く", "summary:", "ways[0].summary", "TODO", "事実"),
    ("editor-note", "summary: 番号を手放す方法です。", "summary: 手順は確かめた出典の冒頭に書かれていませんでした。", "summary:", "ways[0].summary", "編集のためのメモ(「冒頭」)", "読者に向けて"),
    ("editor-note-stored", "summary: 番号を手放す方法です。", "summary: 公式ページは保存ページの中に見つかりませんでした。", "summary:", "ways[0].summary", "「保存ページ」", "コメント"),
    # --- issue 15: characters an editor cannot see, named where they are, with what to type instead
    ("u3000-in-indent", "    title: 解約する", "  \u3000title: 解約する", "title: 解約する", "", "字下げに全角スペース(U+3000)", "半角スペース"),
    ("u3000-as-indent", "    title: 解約する", "\u3000\u3000title: 解約する", "title: 解約する", "", "全角スペース", "半角スペース"),
    ("tab-in-indent", "    title: 解約する", "  \ttitle: 解約する", "title: 解約する", "", "タブ", "半角スペース"),
    ("nbsp-in-indent", "    title: 解約する", "  \u00a0 title: 解約する", "title: 解約する", "", "ノーブレークスペース", "半角スペース"),
    ("u3000-after-dash", "      - channel: member_page", "      -\u3000channel: member_page", "channel: member_page", "", "「- 」のあとに全角スペース", "半角スペース"),
    ("u3000-after-colon", "    title: 解約する", "    title:\u3000解約する", "解約する", "", "「title:」のあとが全角スペース", "半角スペース"),
    ("fullwidth-colon", "    title: 解約する", "    title： 解約する", "title：", "", "全角の「：」", "半角の「:」"),
    ("fullwidth-list-dash", "  - id: cancel", "  ー id: cancel", "ー id: cancel", "", "リストの印が全角", "「- 」"),
    ("zwsp-in-indent", "    title: 解約する", "    \u200btitle: 解約する", "title: 解約する", "", "ゼロ幅スペース", "消して"),
    ("zwsp-in-text", "summary: 番号を手放す方法です。", "summary: 番号を\u200b手放す方法です。", "summary:", "", "見えない文字 ゼロ幅スペース(U+200B)", "消して"),
    ("bom-in-middle", "name: ミニマル", "name: ミニ\ufeffマル", "name:", "", "途中に BOM", "消して"),
    ("line-separator", "summary: 番号を手放す方法です。", "summary: 番号を\u2028手放す方法です。", "summary:", "", "行区切り文字(LS)", "消して"),
    ("name-only-invisible", "name: ミニマル", "name: \u200b\u200b", "name:", "", "ゼロ幅スペース", "消して"),
    ("name-hangul-filler", "name: ミニマル", "name: \u3164", "name:", "", "ハングルの空白文字", "消して"),
    ("bidi-override", "name: ミニマル", "name: ミニ\u202eマル", "name:", "", "文字の向きを変える制御文字 RLO(U+202E)", "消して"),
    ("bidi-isolate", "summary: 番号を手放す方法です。", "summary: 番号を\u2067手放す\u2069方法です。", "summary:", "", "RLI", "書いた順と違う順"),
    # a value that starts with a YAML sign and goes on: quote the whole value (not the indentation hint)
    ("value-starts-with-bracket", "summary: 番号を手放す方法です。", "summary: [重要] 番号を手放す方法です。", "summary:", "", "YAML として読めません", "summary: '[重要] 番号を手放す方法です。'"),
    ("value-starts-with-quote", "summary: 番号を手放す方法です。", 'summary: "重要" 番号を手放す方法です。', "summary:", "", "YAML として読めません", "値全体を引用符で囲んで"),
    ("value-starts-with-brace", "summary: 番号を手放す方法です。", "summary: {注意} 番号を手放す方法です。", "summary:", "", "YAML として読めません", "値全体を引用符で囲んで"),
    ("value-starts-with-at", "summary: 番号を手放す方法です。", "summary: @注意 番号を手放す方法です。", "summary:", "", "YAML として読めません", "「@」で始まる値"),
    ("value-starts-with-star", "summary: 番号を手放す方法です。", "summary: *注意* 番号を手放す方法です。", "summary:", "", "YAML として読めません", "「*」で始まる値"),
    # a quote left open is blamed on the line that opened it
    ("quote-unclosed", "    title: 解約する", '    title: "解約する', 'title: "解約する', "", "YAML として読めません", "閉じていません"),
    ("quote-unclosed-single", "    title: 解約する", "    title: '解約する", "title: '解約する", "", "YAML として読めません", "閉じていません"),
    ("quote-runs-on", "  - q: 電話で解約できますか", '  - q: "電話で解約できますか', 'q: "電話で', "", "YAML として読めません", "閉じていません"),
    # " #" in an unquoted sentence would silently cut it
    ("hash-cuts-summary", "summary: 番号を手放す方法です。", "summary: 番号を #1 手放す方法です。", "summary:", "ways[0].summary", "コメントとして読まれ", "引用符 ' で囲んで"),
    ("hash-cuts-question", "  - q: 電話で解約できますか", "  - q: 電話で #解約 できますか", "q: 電話で", "faq[0].q", "#解約 できますか", "引用符"),
    ("hash-cuts-list-item", "    title: 解約する", "    title: 解約する\n    conditions:\n      - 手数料は # 不要", "手数料は", "ways[0].conditions[0]", "# 不要", "引用符"),
    # ids: the cause named, invisible characters shown, a suggestion only when it is itself an id
    ("id-uppercase-source", "  - id: s\n    title", "  - id: S\n    title", "- id: S", "sources[0].id", "大文字「S」", "s と書いて"),
    ("id-kanji", "switch_to: [target]", "switch_to: [楽天]", "switch_to:", "switch_to[0]", "「楽天」は使えません", "ローマ字"),
    ("id-fullwidth", "switch_to: [target]", "switch_to: [ｔａｒｇｅｔ]", "switch_to:", "switch_to[0]", "全角の文字", "半角にして target と"),
    ("id-underscore", "  - id: cancel", "  - id: can_cel", "- id: can_cel", "ways[0].id", "「_」は使えません", "can-cel と"),
    ("id-invisible", "switch_to: [target]", "switch_to: [target\u200b]", "switch_to:", "switch_to[0]", "target[U+200B]", "消して、target と"),
    # messages that said the wrong thing
    ("dispute-one-claim", "  last_month: full\n  sources: [s]", "  last_month: full\n  sources: [s]\n  disputes:\n    - about: 請求\n      claims:\n        - says: 満額\n          sources: [s]", "- says: 満額", "billing.disputes[0].claims", "1 つしかありません", "出典ごとに"),
    ("months-in-years", "  rule: end_of_first_month", "  rule: months\n  months: 1年", "months: 1年", "minimum_term.months", "年で書かれています", "12 と"),
    ("days-in-weeks", "applies: {keep_number: false}", "applies: {within_days_of_contract: 2週間}", "within_days", "ways[0].applies.within_days_of_contract", "週で書かれています", "14 と"),
    ("days-in-months", "applies: {keep_number: false}", "applies: {within_days_of_contract: 1か月}", "within_days", "ways[0].applies.within_days_of_contract", "月で書かれています", "日数を半角数字"),
    ("time-in-ji", 'opens: "9:00"', "opens: 9時", "opens:", "contacts[0].hours[0].opens", "'9時'", '"9:00"'),
    ("time-in-ji-han", 'closes: "18:00"', "closes: 18時半", "closes:", "contacts[0].hours[0].closes", "'18時半'", '"18:30"'),
    # only the names the schema documents (the model's Python name from_ is not one)
    ("python-name-from", "contracted: {from: 2024-06-01", "contracted: {from_: 2024-06-01", "contracted:", "fees[0].contracted.from_", "from_ という項目はありません", "from"),
    # a link whose user info hides where it goes
    ("url-userinfo", "url: https://example.com/page", "url: https://example.com@evil.example/page", "url:", "sources[0].url", "ユーザー名", "@ の前"),
    ("url-backslash", "url: https://example.com/page", "url: https://example.com\\@evil.example/", "url:", "sources[0].url", "URL として読めません", "アドレス欄"),
    # --- issue 27: what YAML's double-quoted escapes make is checked as if typed, where the escape stands
    ("escape-rlo-and-zwsp", "name: ミニマル", 'name: "IIJ\\u202emio\\u200b"', "name:", "name", "RLO(U+202E) があります(エスケープ \\u202e", "\\u202e を消して"),
    ("escape-noncharacter", "name: ミニマル", 'name: "\\uFFFE"', "name:", "name", "U+FFFE", "\\uFFFE を消して"),
    ("escape-line-separator-in-faq", "  - q: 電話で解約できますか", '  - q: "電話で\\u2028解約できますか"', "q: ", "faq[0].q", "行区切り文字(LS)", "\\u2028 を消して"),
    ("escape-control-in-url", "url: https://example.com/page", 'url: "https://example.com/\\x01page"', "url:", "sources[0].url", "制御文字 U+0001", "\\x01 を消して"),
    ("escape-newline-in-url", "url: https://example.com/page", 'url: "https://example.com/a\\nb"', "url:", "sources[0].url", "制御文字 U+000A", "\\n を消して"),
    ("escape-stacked-marks", "name: ミニマル", 'name: "ミニ\\u0301\\u0301\\u0301マル"', "name:", "name", "結合文字が重なって", "2 つまで"),
    # invisible or private characters decided by Unicode category, typed raw
    ("variation-selector", "name: ミニマル", "name: ミニマル\ufe0f", "name:", "", "異体字セレクタ(U+FE0F)", "消して"),
    ("private-use", "summary: 番号を手放す方法です。", "summary: 番号を\ue000手放す方法です。", "summary:", "", "私用領域の文字(U+E000)", "消して"),
    ("deprecated-format", "summary: 番号を手放す方法です。", "summary: 番号を\u206a手放す方法です。", "summary:", "", "書式制御文字(U+206A)", "消して"),
    ("interlinear-annotation", "summary: 番号を手放す方法です。", "summary: 番号を\ufff9手放す\ufffb方法です。", "summary:", "", "U+FFF9", "消して"),
    ("stacked-marks", "summary: 番号を手放す方法です。", "summary: 番号を\u0301\u0301\u0301\u0301手放す方法です。", "summary:", "", "結合文字が 4 つ", "2 つまで"),
    # values outside any real range
    ("year-zero-page-date", "    page_date: 2025-12\n", "    page_date: 0000-05\n", "page_date:", "sources[0].page_date", "年 0 はありえません", "西暦 4 桁"),
    ("year-zero-in-force", "    contracted: {from: 2024-06-01, to: 2025-09-30}", "    contracted: {from: 2024-06-01, to: 2025-09-30}\n    in_force: {from: 0000-05}", "in_force:", "fees[0].in_force.from", "年 0 はありえません", "西暦 4 桁"),
    ("year-zero-date", "checked: 2026-01-02", "checked: 0000-01-02", "checked:", "sources[0].checked", "年 0 はありえません", "西暦 4 桁"),
    ("previous-id-too-long", "switch_to: [target]", "switch_to: [target]\nprevious_ids: [" + "a" * 300 + "]", "previous_ids:", "previous_ids[0]", "300 文字あります(40 文字まで)", "短い id"),
    ("yen-31-digits", "amount: 3300", "amount: " + "9" * 31, "amount:", "fees[0].amount", "大きすぎます", "桁の打ち間違い"),
    ("days-20-digits", "reservation_validity_days: 15", "reservation_validity_days: " + "1" * 20, "reservation_validity_days", "mnp.reservation_validity_days", "日数として大きすぎます(1,000 まで)", "出典の数字"),
    ("months-too-many", "  rule: end_of_first_month", "  rule: months\n  months: 1200", "months: 1200", "minimum_term.months", "月数として大きすぎます(120 まで)", "出典の数字"),
    ("name-500-characters", "name: ミニマル", "name: " + "長" * 500, "name:", "name", "500 文字あります(400 文字まで)", "項目を分けて"),
    ("name-too-long-for-a-title", "name: ミニマル", "name: " + "長" * 61, "name:", "name", "名前が 61 文字", "短い名前"),
    ("tilde-as-text", "summary: 番号を手放す方法です。", "summary: ~", "summary:", "ways[0].summary", "~ は YAML では「値なし」", "項目ごと消して"),
    ("null-as-text", "    title: 解約する", "    title: null", "title:", "ways[0].title", "null は YAML では「値なし」", "項目ごと消して"),
    # URLs: what a browser refuses, and hosts no reader can reach
    ("url-localhost", "url: https://example.com/page", "url: http://localhost:8000/page", "url:", "sources[0].url", "公開されたサイトではありません", "公開ページ"),
    ("url-link-local", "url: https://example.com/page", "url: http://169.254.169.254/latest", "url:", "sources[0].url", "公開されたサイトではありません", "公開ページ"),
    ("url-port-99999", "url: https://example.com/page", "url: https://example.com:99999/page", "url:", "sources[0].url", "ポート番号 '99999'", "アドレス欄"),
    ("url-port-letters", "url: https://example.com/page", "url: https://example.com:abc/page", "url:", "sources[0].url", "ポート番号 'abc'", "アドレス欄"),
    ("url-ipv6-bracket", "url: https://example.com/page", "url: 'http://[2001:db8::1/page'", "url:", "sources[0].url", "IPv6", "[ ] で囲みます"),
    ("url-no-slashes", "url: https://example.com/page", "url: 'https:example.com/page'", "url:", "sources[0].url", "URL として読めません", "アドレス欄"),
    # phone numbers by Japan's numbering plan
    ("phone-digit-short", 'number: "0570-00-0000"', 'number: "0570-00-000"', "- number:", "contacts[0].phones[0].number", "日本の電話番号として正しくありません(9 桁", "1 桁ずつ"),
    # a number split at its thousands comma inside a flow list
    ("flow-list-split-number", "    title: 解約する", "    title: 解約する\n    conditions: [手数料は税込 3,300 円, 電話で申し込む]", "conditions:", "ways[0].conditions[0]", "数字 3,300 が 2 つの項目に", "'手数料は税込 3,300 円'"),
    # an alias is said once, with a count of the others; a file's errors stop at 100, with a count of the rest
    ("aliases-said-once", "switch_to: [target]", "switch_to: [&t target]\nprevious_ids: [*t, *t, *t]", "previous_ids:", "previous_ids[0]", "エイリアス *t は使えません(ほかに 2 か所)", "そのまま書いて"),
    ("errors-bounded-per-file", "switch_to: [target]", "switch_to: [target]\nprevious_ids: [" + ", ".join(f"X{i}" for i in range(150)) + "]", "previous_ids:", "", "ほかに 50 件のエラー", "もう一度検査"),
    ("phone-unused-range", 'number: "0570-00-0000"', 'number: "0500-00-0000"', "- number:", "contacts[0].phones[0].number", "日本の電話番号として正しくありません", "1 桁ずつ"),
]

#: where the error's column must point for some cases: the first character of this text on its line
COLUMNS = {
    "u3000-in-indent": "\u3000", "u3000-as-indent": "\u3000", "tab-in-indent": "\t", "nbsp-in-indent": "\u00a0",
    "u3000-after-dash": "\u3000", "u3000-after-colon": "\u3000", "fullwidth-colon": "：", "fullwidth-list-dash": "ー",
    "zwsp-in-indent": "\u200b", "zwsp-in-text": "\u200b", "bom-in-middle": "\ufeff", "line-separator": "\u2028",
    "bidi-override": "\u202e", "name-hangul-filler": "\u3164",
    "quote-unclosed": '"', "quote-unclosed-single": "'", "quote-runs-on": '"',
    "hash-cuts-summary": "#", "hash-cuts-question": "#", "hash-cuts-list-item": "#",
    "escape-rlo-and-zwsp": "\\u202e", "escape-noncharacter": "\\uFFFE", "escape-line-separator-in-faq": "\\u2028", "escape-control-in-url": "\\x01",
    "escape-newline-in-url": "\\n", "variation-selector": "\ufe0f", "private-use": "\ue000", "deprecated-format": "\u206a", "interlinear-annotation": "\ufff9",
    "stacked-marks": "\u0301",
}


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_each_bad_input_gets_a_located_error_with_a_hint(case):
    _id, old, new, needle, path, message_words, hint_words = case
    text = replace(old, new)
    carrier, errors = check_text(text, "carriers/minimal.yaml")
    assert carrier is None
    matching = [e for e in errors if e.path == path]
    assert matching, f"no error at {path}: {[str(e) for e in errors]}"
    error = next((e for e in matching if message_words in e.message), matching[0])
    assert error.file == "carriers/minimal.yaml"
    assert error.line == line_of(text, needle), str(error)
    assert message_words in error.message, str(error)
    assert hint_words in error.hint, str(error)
    if _id in COLUMNS:
        line = text.split("\n")[error.line - 1]
        assert error.column == line.index(COLUMNS[_id]) + 1, str(error)


def test_the_base_file_is_valid():
    carrier, errors = check_text(BASE, "carriers/minimal.yaml")
    assert errors == []
    assert carrier is not None and carrier.fees[0].amount == 3300


def test_column_points_at_the_value():
    text = replace("amount: 3300", "amount: 3,300")
    _c, errors = check_text(text, "carriers/minimal.yaml")
    line = text.splitlines()[errors[0].line - 1]
    assert line[errors[0].column - 1:].startswith("3,300")


def test_unknown_key_points_at_the_key_column():
    text = replace("    takes_effect: end_of_month", "    takes_efect: end_of_month")
    _c, errors = check_text(text, "carriers/minimal.yaml")
    (error,) = [e for e in errors if "takes_efect" in e.path]
    assert error.column == 5


def test_all_errors_of_a_file_come_in_one_run_sorted_by_line():
    text = replace("amount: 3300", "amount: 3,300")
    text = text.replace("checked: 2026-01-02", "checked: 2026/01/02").replace("kind: cancel", "kind: cancell")
    _c, errors = check_text(text, "carriers/minimal.yaml")
    assert len(errors) >= 3
    assert [e.line for e in errors] == sorted(e.line for e in errors)


def test_a_guide_without_faq_names_the_section():
    text = BASE[: BASE.index("faq:")] + BASE[BASE.index("switch_to:"):]
    _c, errors = check_text(text, "carriers/minimal.yaml")
    assert any("よくある質問(faq)" in e.message for e in errors), [str(e) for e in errors]


def test_an_empty_required_section_points_at_it():
    text = replace("switch_to: [target]", "switch_to: []")
    _c, errors = check_text(text, "carriers/minimal.yaml")
    (error,) = errors
    assert error.path == "switch_to" and "空" in error.message and error.line == line_of(text, "switch_to")


def test_id_must_match_the_file_name():
    _c, errors = check_text(BASE, "carriers/other.yaml")
    assert any(e.path == "id" and "other.yaml" in e.message for e in errors)


def test_a_buried_cause_is_said_once_where_it_is():
    """An uppercase source id used in nine places: one error, at the id, naming the uppercase letter
    (not nine "not in sources" lines around it)."""
    text = replace("  - id: s\n    title", "  - id: S\n    title")
    _c, errors = check_text(text, "carriers/minimal.yaml")
    assert [(e.path, e.line) for e in errors] == [("sources[0].id", line_of(text, "- id: S"))], [str(e) for e in errors]


def test_every_suggested_id_is_an_id_the_id_rule_accepts():
    """"X と書いてください" in an id's hint, and in the file-name rule's, always names an id; letters
    the suggestion would have to drop (kanji, kana) get no suggestion; no hint shows an invisible character."""
    for written in ("S51", "ａｕ", "uq_mobile", "UQ Mobile", "-au-", "au--pay", "au\u200b", "楽天", "rakuten-モバイル", "Mini_Mal"):
        _c, errors = check_text(BASE.replace("switch_to: [target]", f"switch_to: ['{written}']"), "carriers/minimal.yaml")
        (error,) = [e for e in errors if e.path == "switch_to[0]"]
        _c, named = check_text(BASE, f"carriers/{written}.yaml")
        for hint in (error.hint, *(e.hint for e in named if e.path == "id")):
            suggested = re.findall(r"([^\s、:。]+) と書いてください", hint)
            assert all(ID_RE.fullmatch(w) for w in suggested), (written, hint)
            assert bool(suggested) != bool(re.search("[^\x00-\x7f]", written.replace("\u200b", "").replace("ａｕ", ""))), (written, hint)
            assert "\u200b" not in hint


# --- the corpus through `kaiyaku check` and the build --------------------------------------------------

GUIDE = BASE
TARGET = (FIXTURES / "target_profile.yaml").read_text(encoding="utf-8")
SECRET = "ひみつの値-7f3a"


def write(site: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (site / "carriers" / name).write_text(text, encoding="utf-8")


def rename_target(site: Path, previous: bool) -> None:
    """target.yaml committed, then renamed to target2.yaml (with or without ``previous_ids: [target]``)."""
    write(site, {"minimal.yaml": GUIDE, "target.yaml": TARGET})
    git_commit(site)
    (site / "carriers/target.yaml").unlink()
    renamed = TARGET.replace("id: target", "id: target2") + ("previous_ids: [target]\n" if previous else "")
    write(site, {"target2.yaml": renamed, "minimal.yaml": GUIDE.replace("switch_to: [target]", "switch_to: [target2]")})


def symlink_outside(site: Path) -> None:
    write(site, {"minimal.yaml": GUIDE, "target.yaml": TARGET})
    outside = site.parent / "outside.yaml"
    outside.write_text(f"id: evil\nname: {SECRET}\namount: {SECRET}\n", encoding="utf-8")
    (site / "carriers/evil.yaml").symlink_to(outside)


@dataclass(frozen=True)
class Folder:
    """A carriers/ folder and the error expected in it (``needle``: text on the error's line, or the line)."""

    id: str
    setup: Callable[[Path], None]
    file: str
    needle: str | int
    path: str
    message: str
    hint: str


def files(**texts: str) -> Callable[[Path], None]:
    return lambda site: write(site, {f"{name.replace('_', '-')}.yaml": text for name, text in texts.items()})


FOLDER_CASES = [
    # errors across files come with the file's other errors, in the same run
    Folder("switch-to-unknown-with-other-errors", files(minimal=GUIDE.replace("switch_to: [target]", "switch_to: [nosuch]").replace("amount: 3300", "amount: 3,300"), target=TARGET),
           "carriers/minimal.yaml", "switch_to:", "switch_to[0]", "キャリア nosuch は carriers/ にありません", "carriers/"),
    Folder("from-unknown-with-other-errors", files(minimal=GUIDE, target=TARGET.replace("amount: 990", "amount: 990円").replace("  first_month: prorated\n", "  first_month: prorated\n  first_month_from:\n    - from: [nosuch]\n      first_month: full\n      sources: [s]\n")),
           "carriers/target.yaml", "- from: [nosuch]", "billing.first_month_from[0].from[0]", "nosuch", "carriers/"),
    # the build crash: from_ in a profile, naming a carrier that does not exist
    Folder("python-name-in-profile", files(minimal=GUIDE, target=TARGET.replace("  first_month: prorated\n", "  first_month: prorated\n  first_month_from:\n    - from_: [nosuch]\n      first_month: full\n      sources: [s]\n")),
           "carriers/target.yaml", "- from_:", "billing.first_month_from[0].from_", "from_ という項目はありません", "from"),
    # the folder itself
    Folder("empty-folder", lambda site: None, "carriers", 1, "", "1 つもありません", "kaiyaku new"),
    Folder("symlink-outside", symlink_outside, "carriers/evil.yaml", 1, "", "リポジトリの外を指すシンボリックリンク", "リンクを消し"),
    Folder("uppercase-suffix", files(minimal=GUIDE, target=TARGET) and (lambda site: write(site, {"minimal.YAML": GUIDE, "target.yaml": TARGET})),
           "carriers/minimal.YAML", 1, "", "拡張子が .YAML", "minimal.yaml"),
    Folder("file-name-not-an-id", lambda site: write(site, {"Mini_Mal.yaml": GUIDE.replace("id: minimal", "id: mini-mal"), "target.yaml": TARGET}),
           "carriers/Mini_Mal.yaml", "id: mini-mal", "id", "ファイル名 Mini_Mal.yaml は id に使えない", "mini-mal と書いて"),
    # a carrier id that is a page of the site
    Folder("id-is-a-site-page", lambda site: write(site, {"compare.yaml": GUIDE.replace("id: minimal", "id: compare"), "target.yaml": TARGET}),
           "carriers/compare.yaml", "id: compare", "id", "サイトのページ /compare/", "別の id"),
    Folder("id-is-a-hand-written-page", lambda site: write(site, {"about.yaml": GUIDE.replace("id: minimal", "id: about"), "target.yaml": TARGET}),
           "carriers/about.yaml", "id: about", "id", "サイトのページ /about/", "別の id"),
    Folder("id-is-a-theme-folder", lambda site: write(site, {"minimal.yaml": GUIDE.replace("[target]", "[assets]"), "assets.yaml": TARGET.replace("id: target", "id: assets")}),
           "carriers/assets.yaml", "id: assets", "id", "/assets/", "別の id"),
    # renaming a published id
    Folder("renamed-without-previous-ids", lambda site: rename_target(site, previous=False),
           "carriers/target.yaml", 1, "", "公開済み", "previous_ids: [target]"),
    Folder("reference-to-a-previous-id", lambda site: (rename_target(site, previous=True), write(site, {"minimal.yaml": GUIDE})),
           "carriers/minimal.yaml", "switch_to:", "switch_to[0]", "キャリア target は carriers/ にありません", "target2 と書いて"),
    Folder("previous-id-in-use", files(minimal=GUIDE, target=TARGET + "previous_ids: [minimal]\n"),
           "carriers/target.yaml", "previous_ids:", "previous_ids[0]", "carriers/minimal.yaml が今使っている id", "previous_ids から消して"),
    Folder("previous-id-is-a-site-page", files(minimal=GUIDE, target=TARGET + "previous_ids: [calculator]\n"),
           "carriers/target.yaml", "previous_ids:", "previous_ids[0]", "/calculator/", "消して"),
]


@dataclass(frozen=True)
class Valid:
    """A folder both `check` and the build accept, and what the built site must then show."""

    id: str
    setup: Callable[[Path], None]
    shows: Callable[[Path], None]


def text_of(site: Path, page: str) -> str:
    soup = BeautifulSoup((site / "site" / page).read_text(encoding="utf-8"), "html.parser")
    return " ".join(soup.select_one("article").get_text(" ").split())


def zeros_shown(site: Path) -> None:
    text = text_of(site, "minimal/index.html")
    assert "契約書面を受け取った日から 0 日以内" in text and "すべての場合" not in text
    assert "解約から 0 日以内" in text and "契約から 0 か月以内の解約" in text
    assert "有効期限が 0 日以上残っている" in text  # the target's own 0, in the comparison
    assert 'data-within="0"' in (site / "site/minimal/index.html").read_text(encoding="utf-8")


def forwarded(site: Path) -> None:
    page = BeautifulSoup((site / "site/target/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=../target2/"
    assert page.select_one("a")["href"] == "../target2/"
    assert (site / "site/api/carriers/target.json").read_text(encoding="utf-8") == (site / "site/api/carriers/target2.json").read_text(encoding="utf-8")
    assert "target/" not in (site / "site/sitemap.xml").read_text(encoding="utf-8").replace("target2/", "")
    fragments = [gzip.decompress(f.read_bytes()) for f in (site / "site/pagefind/fragment").glob("*")]
    assert fragments and not any("移りました".encode() in f for f in fragments)  # not in the search index


VALID_CASES = [
    Valid("zeros-are-facts", files(
        minimal=GUIDE.replace("applies: {keep_number: false}", "applies: {within_days_of_contract: 0}")
        .replace("  sources: [s]\ncontacts:", "  deadline_days: 0\n  sources: [s]\ncontacts:")
        .replace("    contracted: {from: 2024-06-01, to: 2025-09-30}", "    within_months: 0"),
        target=TARGET.replace("identity:\n  sources: [s]", "identity:\n  sources: [s]\nmnp:\n  days_left_required: 0\n  sources: [s]")), zeros_shown),
    Valid("hash-in-quotes-is-kept", files(minimal=GUIDE.replace("summary: 番号を手放す方法です。", "summary: '番号を #1 手放す方法です。'"), target=TARGET),
          lambda site: text_of(site, "minimal/index.html").count("番号を #1 手放す方法です。") == 1 or pytest.fail("#1 lost")),
    Valid("u3000-inside-a-sentence", files(minimal=GUIDE.replace("summary: 番号を手放す方法です。", "summary: 番号を\u3000手放す方法です。"), target=TARGET),
          lambda site: "番号を\u3000手放す方法です。" in (site / "site/minimal/index.html").read_text(encoding="utf-8") or pytest.fail("text changed")),
    Valid("renamed-with-previous-ids", lambda site: rename_target(site, previous=True), forwarded),
]


@pytest.fixture
def site(tmp_path):
    """An empty project (the real mkdocs.yml, content, macros, overrides; no carriers), its
    SOURCE_DATE_EPOCH (set by a build in git) restored afterwards."""
    from conftest import make_site

    saved = os.environ.get("SOURCE_DATE_EPOCH")
    project = make_site(tmp_path, {})
    api = project / "content/api.md"  # its example links the real IIJmio export; here the fixture's
    api.write_text(api.read_text(encoding="utf-8").replace("api/carriers/iijmio.json", "api/carriers/minimal.json"), encoding="utf-8")
    yield project
    if saved is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = saved


def run_check(site: Path) -> tuple[int, list[str], str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--root", str(site), "check"])
    return code, [line for line in err.getvalue().splitlines() if not line.endswith("ファイル)")], out.getvalue() + err.getvalue()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_build(site: Path) -> tuple[bool, list[str], str]:
    """`kaiyaku build`'s own build; MkDocs logs a plugin's error (what `kaiyaku build` prints) and aborts."""
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        build_atomically(site / "mkdocs.yml", site / "site")
    except MkDocsException as exc:
        output = "\n".join([*collect.messages, str(exc)])
        lines = [line for message in collect.messages for line in message.splitlines()[1:]]
        return False, [line for line in lines if not line.endswith("ファイル)")], output
    finally:
        logger.removeHandler(collect)
    return True, [], "\n".join(collect.messages)


def single_file(case) -> Callable[[Path], None]:
    return files(minimal=replace(case[1], case[2]), target=TARGET)


AGREEMENT = [(c[0], single_file(c)) for c in CASES] + [(c.id, c.setup) for c in FOLDER_CASES] + [(c.id, c.setup) for c in VALID_CASES]


@pytest.mark.parametrize("case", AGREEMENT, ids=[c[0] for c in AGREEMENT])
def test_check_and_the_build_agree(case, site):
    """Every file of the corpus: `kaiyaku check` and the build both refuse it with the same errors, or
    both accept it (and then the build does not crash)."""
    _id, setup = case
    setup(site)
    code, check_errors, check_output = run_check(site)
    built, build_errors, build_output = run_build(site)
    valid = _id in {c.id for c in VALID_CASES}
    assert code == (0 if valid else 1), check_output
    assert built == valid, build_output
    assert check_errors == build_errors
    assert SECRET not in check_output + build_output


@pytest.mark.parametrize("case", FOLDER_CASES, ids=[c.id for c in FOLDER_CASES])
def test_each_bad_folder_gets_a_located_error_with_a_hint(case, site):
    from kaiyaku.facts.catalog import docs_dir_of, load_catalog

    case.setup(site)
    errors = load_catalog(site / "carriers", site, docs_dir=docs_dir_of(site)).errors
    matching = [e for e in errors if e.path == case.path and e.file == case.file and case.message in e.message]
    assert matching, f"no error {case.message!r} at {case.file} {case.path}: {[str(e) for e in errors]}"
    error = matching[0]
    if isinstance(case.needle, int):
        assert error.line == case.needle, str(error)
    else:
        assert error.line == line_of((site / case.file).read_text(encoding="utf-8"), case.needle), str(error)
    assert error.column >= 1 and case.hint in error.hint, str(error)


@pytest.mark.parametrize("case", VALID_CASES, ids=[c.id for c in VALID_CASES])
def test_each_valid_folder_builds_and_shows_what_it_says(case, site):
    case.setup(site)
    assert run_check(site)[0] == 0
    built, _errors, output = run_build(site)
    assert built, output
    case.shows(site)


def test_all_errors_of_a_file_come_with_its_errors_across_files(site):
    write(site, {"minimal.yaml": GUIDE.replace("switch_to: [target]", "switch_to: [nosuch]").replace("amount: 3300", "amount: 3,300"), "target.yaml": TARGET})
    from kaiyaku.facts.catalog import load_catalog

    errors = load_catalog(site / "carriers", site).errors
    assert {e.path for e in errors} == {"fees[0].amount", "switch_to[0]"}, [str(e) for e in errors]


def test_a_guide_missing_sections_is_told_with_its_other_errors():
    text = BASE[: BASE.index("faq:")] + BASE[BASE.index("switch_to:"):]
    _c, errors = check_text(text.replace("amount: 3300", "amount: 3,300"), "carriers/minimal.yaml")
    assert any("よくある質問(faq)" in e.message for e in errors) and any(e.path == "fees[0].amount" for e in errors)


def test_a_comment_after_a_number_or_a_quoted_sentence_is_a_comment():
    """Only an unquoted sentence loses words to " #": a note after a number, or after a quoted value, is fine."""
    text = replace("amount: 3300", "amount: 3300  # 税込").replace("summary: 番号を手放す方法です。", "summary: '番号を手放す方法です。' # 出典どおり")
    carrier, errors = check_text(text, "carriers/minimal.yaml")
    assert errors == [] and carrier.ways[0].summary == "番号を手放す方法です。"
