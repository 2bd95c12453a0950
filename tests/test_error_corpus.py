"""The editors' error corpus: each bad input must fail with its message, hint and exact location.

Each case is a one-line change to a valid file (tests/fixtures/minimal_guide.yaml). A case fails
when its error disappears, loses its line or column, or stops telling the editor how to write it.
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES, check_text

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
    ("checked-after-commit", "    checked: 2026-01-02", "    checked: 2026-07-02", "checked:", "sources[0].checked", "まだ来ていません", "実際に"),
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
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_each_bad_input_gets_a_located_error_with_a_hint(case):
    _id, old, new, needle, path, message_words, hint_words = case
    text = replace(old, new)
    carrier, errors = check_text(text, "carriers/minimal.yaml")
    assert carrier is None
    matching = [e for e in errors if e.path == path]
    assert matching, f"no error at {path}: {[str(e) for e in errors]}"
    error = matching[0]
    assert error.file == "carriers/minimal.yaml"
    assert error.line == line_of(text, needle), str(error)
    assert message_words in error.message, str(error)
    assert hint_words in error.hint, str(error)


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
