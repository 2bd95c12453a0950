"""Every message the checker can say is said by a case of the error corpus.

The messages are read from the code (every literal message handed to ``problem``, ``doc.error``,
``FactError``, ``refuse`` and the YAML reader's refusals in ``kaiyaku/facts/``, and the ids' messages of
``id_problem``), so a new message without a case fails here. Each case of ``MESSAGE_CASES`` (one change to
tests/fixtures/minimal_guide.yaml) and of ``FOLDER_MESSAGE_CASES`` (a carriers/ folder) must give its
message on the line it names; together with test_error_corpus.py's cases they must say every message.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT, check_text, make_site
from test_error_corpus import BASE, CASES, FOLDER_CASES, TARGET, Folder, files, line_of, replace, write

from kaiyaku.facts.catalog import docs_dir_of, load_catalog, load_site
from kaiyaku.facts.yamlsource import read_bytes, read_file
from kaiyaku.facts.validation import check_document

FACTS = ROOT / "kaiyaku" / "facts"
#: the calls whose first literal text argument is an error's message
MESSAGE_CALLS = {"problem", "error", "FactError", "_Refusal", "refuse", "at"}
#: functions whose returned pairs are (message, hint)
MESSAGE_FUNCTIONS = {"id_problem"}


#: messages no input can bring about, each with why (kept only while the code still has them)
UNREACHABLE = {
    r"制御文字が含まれています": "scalars.parse_text's own check: a control character is refused before, by the reader when typed "
                           "(yamlsource) and by the escape check when written as an escape (its own message, with the code point)",
    r".*?\ は使えません\(.*?\)": "validation._from_pydantic's last resort for an error kind of pydantic that no type of the model "
                                  "raises (every scalar has its own parser, every list and mapping its own message)",
}


def _pattern(node: ast.expr) -> str:
    if isinstance(node, ast.Constant):
        return re.escape(node.value)
    return "".join(re.escape(v.value) if isinstance(v, ast.Constant) else ".*?" for v in node.values)


def _is_text(node: ast.expr) -> bool:
    return (isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(node.value)) or isinstance(node, ast.JoinedStr)


def messages_in_code() -> dict[str, str]:
    """Each message the checker's code can give, as a pattern, with where it is written."""
    found: dict[str, str] = {}
    for path in sorted(FACTS.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            texts: list[ast.expr] = []
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                args = node.args
                if name == "FactError" and not any(isinstance(a, ast.Starred) for a in args):
                    args = args[4:]  # file, line, column, path, then the message
                if name in MESSAGE_CALLS:
                    texts = [a for a in args if _is_text(a)][:1]
            elif isinstance(node, ast.FunctionDef) and node.name in MESSAGE_FUNCTIONS:
                texts = [r.value.elts[0] for r in ast.walk(node) if isinstance(r, ast.Return) and isinstance(r.value, ast.Tuple) and _is_text(r.value.elts[0])]
            for text in texts:
                found.setdefault(_pattern(text), f"{path.relative_to(ROOT)}:{text.lineno}")
    return found


# (case id, old text, new text, text on the error's line, words of the message)
MESSAGE_CASES = [
    # the model's rules between fields
    ("months-without-rule", "  rule: end_of_first_month", "  rule: end_of_first_month\n  months: 3", "rule: end_of_first_month", "rule が months のときだけ"),
    ("basis-with-amount", "    kind: port_out", "    kind: port_out\n    basis: plan_monthly", "- id: mnp", "basis が plan_monthly"),
    ("fee-without-amount", "    amount: 1100\n    tax: included\n", "", "- id: mnp", "amount(金額)がありません"),
    ("sim-return-unsourced", "    recipient: 返却係\n  sources: [s]", "    recipient: 返却係", "  rule: return", "出典(sources)がありません"),
    ("sim-return-by-plan-empty", "  rule: return\n  address:", "  rule: by_plan\n  address:", "  rule: by_plan", "by_plan がありません"),
    ("sim-return-two-deadlines", "    recipient: 返却係\n  sources: [s]", "    recipient: 返却係\n  deadline_days: 7\n  no_deadline: true\n  sources: [s]", "  rule: return", "deadline_days と no_deadline"),
    # scalars
    ("text-blank", "summary: 番号を手放す方法です。", "summary: '  '", "summary:", "値が空です"),
    ("amount-list", "amount: 1100", "amount: [3300, 1100]", "amount:", "1 つだけ書きます"),
    ("text-newline", "summary: 番号を手放す方法です。", "summary: |\n      番号を\n      手放す", "summary:", "改行は使えません"),
    ("text-control", "summary: 番号を手放す方法です。", 'summary: "番号を\\a手放す"', "summary:", "制御文字 U+0007 があります(エスケープ"),
    # sections' history, sources that are not evidence, the resolution rule, URLs as browsers read them
    ("history-without-in-force", "  last_month: full\n", "  last_month: full\n  history:\n    - last_month: prorated\n      sources: [s]\n", "  last_month: full", "に in_force がありません"),
    ("history-in-history", "  last_month: full\n", "  last_month: full\n  history:\n    - last_month: prorated\n      in_force: {until: 2020-01}\n      sources: [s]\n      history:\n        - last_month: full\n          in_force: {until: 2019-01}\n          sources: [s]\n", "  last_month: full", "の中に history があります"),
    ("only-not-evidence", "    kind: official\n", "    kind: not_evidence\n", "sources: [s]", "根拠にしないページ(not_evidence)です"),
    ("url-too-long", "url: https://example.com/page", "url: https://example.com/" + "a" * 2000, "url:", "文字あります(2000 文字まで)"),
    ("url-with-space", "url: https://example.com/page", 'url: "https://example.com/a b"', "url:", "に空白・改行・見えない文字"),
    ("id-trailing-hyphen", "switch_to: [target]", "switch_to: [target-]", "switch_to:", "ハイフンの位置が違います"),
    ("bool-unreadable", "applies: {keep_number: false}", "applies: {keep_number: maybe}", "keep_number", "true / false として読めません"),
    ("date-word", "checked: 2026-01-02", "checked: yesterday", "checked:", "日付として読めません"),
    ("month-impossible", "    page_date: 2025-12", "    page_date: 2025-13", "page_date:", "存在しない月です"),
    ("url-placeholder", "url: https://example.com/page", "url: https://TODO.example/page", "url:", "URL がまだ書かれていません"),
    # shapes
    ("list-as-scalar", "switch_to: [target]", "switch_to: target", "switch_to:", "ここにはリストを書きます"),
    ("list-empty", "    a: [できません。]", "    a: []", "a: []", "空のリストです"),
    ("list-item-empty", "          - text: 解約を申し込む", "          - text: 解約を申し込む\n          -", 20, "リストの項目が空です"),
    # rules within a file
    ("id-not-file-name", "id: minimal", "id: other", "id: other", "がファイル名 minimal.yaml と違います"),
    ("source-unused", "    checked: 2026-01-02", "    checked: 2026-01-02\n  - id: t\n    title: 使われない出典\n    url: https://example.com/t\n    kind: guide\n    page_date: undated\n    checked: 2026-01-02", "- id: t", "出典 t はどの項目からも使われていません"),
    ("way-unknown", "    kind: port_out", "    kind: port_out\n    ways: [nosuch]", "ways: [nosuch]", "nosuch という id は見つかりません"),
    ("contact-id-twice", "    sources: [s]\nminimum_term:", "    sources: [s]\n  - id: desk\n    name: 二つ目\n    sources: [s]\nminimum_term:", 51, "contacts の id desk が 43 行目と重なっています"),
    ("guide-without-faq", "faq:\n  - q: 電話で解約できますか\n    a: [できません。]\n    sources: [s]\n", "", 1, "完全ガイド(role: guide)なのに"),
    ("migration-without-target", "    kind: cancel", "    kind: number_migration", "applies:", "番号移行なのに移れる先"),
    # joining facts (issue 28): the section's own fields need its sources; an empty section says nothing
    ("joining-unsourced", "switch_to: [target]", "switch_to: [target]\njoining:\n  channels: [web]", "  channels: [web]", "joining の項目に出典(sources)がありません"),
    ("joining-empty", "switch_to: [target]", "switch_to: [target]\njoining:\n  sources: [s]", 64, "joining に何も書かれていません"),
    # the YAML reader's refusals
    ("two-documents", "switch_to: [target]", "switch_to: [target]\n---\nid: x", "---", "ドキュメントが 2 つ以上"),
    ("alias", "    title: 解約する", "    title: *a", "title: *a", "エイリアス *a"),
    ("anchor", "name: ミニマル", "name: &a ミニマル", "name:", "アンカー &a"),
    ("tag", "amount: 1100", "amount: !!int 3300", "amount:", "タグ"),
    ("quote-over-lines", "    title: 解約する", '    title: "解約\n      する"', "title:", "行目まで続いています"),
    ("key-not-text", "name: ミニマル", "name: ミニマル\n[a]: b", "[a]: b", "キーには文字列しか使えません"),
    ("merge-key", "  operator: テスト", "  operator: テスト\n  <<: {kind: mvno}", "<<:", "マージキー"),
    ("key-twice", "name: ミニマル", "name: ミニマル\nname: ミニ", 3, "キー name が 2 行目と 3 行目の 2 回書かれています"),
]

#: whole files that no one-line change to the base makes (bytes as written), with the expected message and line
RAW_CASES = [
    ("too-big", BASE.encode() + b"#" * 600_000, "ファイルが大きすぎます", 1),
    ("bom", b"\xef\xbb\xbf" + BASE.encode(), "先頭に BOM", 1),
    ("nul", BASE.replace("name: ミニマル", "name: ミニ\x00マル").encode(), "NUL 文字", 2),
    ("not-utf8", BASE.encode().replace("ミニマル".encode(), "ミニマル".encode("shift_jis")), "UTF-8 として読めない", 2),
    ("empty", b"", "ファイルが空です", 1),
    ("top-is-a-list", b"- id: minimal\n- name: x\n", "一番上は「キー: 値」", 1),
    ("control", BASE.replace("name: ミニマル", "name: ミニ\x07マル").encode(), "使えない制御文字(U+0007)", 2),
    ("too-deep", BASE.encode() + b"x: " + b"[" * 40 + b"]" * 40 + b"\n", "入れ子が深すぎます", BASE.count("\n") + 1),
]


def folder(case_id: str, setup, file: str, needle, message: str) -> Folder:
    return Folder(case_id, setup, file, needle, "", message, "")


def _no_folder(site: Path) -> None:
    (site / "carriers").rmdir()


def _not_a_file(site: Path) -> None:
    import os

    write(site, {"minimal.yaml": BASE, "target.yaml": TARGET})
    os.mkfifo(site / "carriers/odd.yaml")  # neither a file nor a folder


def _not_yaml(site: Path) -> None:
    write(site, {"minimal.yaml": BASE, "target.yaml": TARGET})
    (site / "carriers/notes.txt").write_text("メモ", encoding="utf-8")


def _rules_edited(old: str, new: str, **carriers: str):
    """A folder whose rules.yaml has ``old`` replaced by ``new``."""
    def setup(site: Path) -> None:
        files(**carriers)(site)
        rules = site / "rules.yaml"
        text = rules.read_text(encoding="utf-8")
        assert old in text
        rules.write_text(text.replace(old, new, 1), encoding="utf-8")
    return setup


#: the minimal guide's MNP fee raised above rules.yaml's cap, with what an editor may add to it
OVER_CAP = BASE.replace("amount: 1100", "amount: 3300")
OLD_SOURCE = "  - id: old\n    title: 古い出典\n    url: https://example.com/old\n    kind: official\n    page_date: 2020-01\n    checked: 2026-01-02\n"



FOLDER_MESSAGE_CASES: list[Folder] = [
    folder("no-folder", _no_folder, "carriers", 1, "キャリアのフォルダがありません"),
    folder("not-a-file", _not_a_file, "carriers/odd.yaml", 1, "ふつうのファイルではありません"),
    folder("not-yaml", _not_yaml, "carriers/notes.txt", 1, "はキャリアのファイル(*.yaml)ではありません"),
    # rules.yaml's invariants held against a carrier's facts in force
    folder("over-the-mnp-cap", files(minimal=OVER_CAP, target=TARGET), "carriers/minimal.yaml", "amount: 3300", "に反します"),
    folder("exception-from-an-older-page", files(minimal=OVER_CAP.replace("    contracted:", "    exception: {rule: mnp-fee, why: 店頭だけ, sources: [old]}\n    contracted:") + OLD_SOURCE, target=TARGET),
           "carriers/minimal.yaml", "exception:", "以後の日付のページがありません"),
    folder("exception-from-an-undated-page", files(minimal=BASE.replace("  reservation_validity_days: 15", "  reservation_validity_days: 10\n  exception: {rule: reservation-number, why: 独自の期限, sources: [undated]}") + OLD_SOURCE.replace("id: old", "id: undated").replace("page_date: 2020-01", "page_date: undated"), target=TARGET),
           "carriers/minimal.yaml", "exception:", "例外の出典に日付のあるページがありません"),
    folder("outranked-claim", files(minimal=BASE.replace("    sources: [s]\nsim_return:", "    sources: [s]\n    disputes:\n      - about: 金額\n        claims:\n          - says: 0 円\n            sources: [s]\n          - says: 3,300 円\n            sources: [old]\nsim_return:") + OLD_SOURCE, target=TARGET),
           "carriers/minimal.yaml", "- says: 3,300 円", "より古いか弱いものだけです"),
    folder("exception-to-no-rule", files(minimal=BASE.replace("    contracted:", "    exception: {rule: nosuch, why: 店頭だけ, sources: [s]}\n    contracted:"), target=TARGET),
           "carriers/minimal.yaml", "exception:", "は rules.yaml にないか"),
    folder("exception-not-needed", files(minimal=BASE.replace("    contracted:", "    exception: {rule: mnp-fee, why: 店頭だけ, sources: [s]}\n    contracted:"), target=TARGET),
           "carriers/minimal.yaml", "exception:", "に反していません"),
    folder("not-evidence-host", files(minimal=BASE.replace("url: https://example.com/page", "url: https://phongnhaexplorer.com/page"), target=TARGET),
           "carriers/minimal.yaml", "kind: official", "で根拠にしないサイトです"),
    folder("invariant-without-bounds", _rules_edited("      at_least: 15\n      at_most: 15\n", "", minimal=BASE, target=TARGET),
           "rules.yaml", "fact: reservation_validity_days", "at_most も at_least もありません"),
    folder("invariant-cap-without-tax", _rules_edited("      at_most: 1000\n      tax: excluded\n", "      at_most: 1000\n", minimal=BASE, target=TARGET),
           "rules.yaml", "fact: penalty_fee", "税込か税抜かが書かれていません"),
    folder("switch-to-itself", files(minimal=BASE.replace("switch_to: [target]", "switch_to: [minimal]"), target=TARGET),
           "carriers/minimal.yaml", "switch_to:", "minimal は自分自身です"),
    folder("brand-of-itself", files(minimal=BASE.replace("  kind: mvno\n", "  kind: mvno\n  brand_of: minimal\n"), target=TARGET),
           "carriers/minimal.yaml", "brand_of:", "minimal は自分自身です"),
    folder("previous-id-is-itself", files(minimal=BASE, target=TARGET + "previous_ids: [target]\n"),
           "carriers/target.yaml", "previous_ids:", "target はこのファイル自身の id です"),
    folder("previous-id-claimed-twice", files(minimal=BASE + "previous_ids: [old]\n", target=TARGET + "previous_ids: [old]\n"),
           "carriers/target.yaml", "previous_ids:", "old は carriers/minimal.yaml の previous_ids にも書かれています"),
]


def _messages_of_corpus(tmp_path: Path) -> list[str]:
    said: list[str] = []
    for case in CASES:
        said += [e.message for e in check_text(replace(case[1], case[2]), "carriers/minimal.yaml")[1]]
    for case in MESSAGE_CASES:
        said += [e.message for e in check_text(replace(case[1], case[2]), "carriers/minimal.yaml")[1]]
    said += [e.message for e in read_file(tmp_path / "nosuch.yaml", "carriers/nosuch.yaml").errors]  # ファイルを開けません
    for _id, raw, _message, _line in RAW_CASES:
        doc = read_bytes(raw, "carriers/minimal.yaml")
        check_document(doc)
        said += [e.message for e in doc.errors]
    for i, case in enumerate([*FOLDER_CASES, *FOLDER_MESSAGE_CASES]):
        (tmp_path / str(i)).mkdir()
        site = make_site(tmp_path / str(i), {})
        case.setup(site)
        said += [e.message for e in load_site(site).errors]
    return said


def test_every_message_of_the_checker_is_said_by_a_case_of_the_corpus(tmp_path):
    said = _messages_of_corpus(tmp_path)
    missing = {where: pattern for pattern, where in messages_in_code().items() if pattern not in UNREACHABLE and not any(re.fullmatch(pattern, m, re.S) for m in said)}
    assert not missing, "messages no case of the corpus gives (add a case to tests/test_error_messages.py):\n" + "\n".join(
        f"{where}: {pattern}" for where, pattern in sorted(missing.items()))


def test_the_messages_are_read_from_the_code():
    """The list is not empty or partial: messages of each module are found."""
    places = {where.split(":")[0] for where in messages_in_code().values()}
    assert {f"kaiyaku/facts/{m}.py" for m in ("catalog", "model", "scalars", "validation", "yamlsource")} <= places
    assert len(messages_in_code()) > 80
    assert set(UNREACHABLE) <= set(messages_in_code()), "an unreachable message is gone from the code: drop it from UNREACHABLE"


@pytest.mark.parametrize("case", MESSAGE_CASES, ids=[c[0] for c in MESSAGE_CASES])
def test_each_case_gives_its_message_on_its_line(case):
    _id, old, new, needle, words = case
    text = replace(old, new)
    carrier, errors = check_text(text, "carriers/minimal.yaml")
    assert carrier is None
    matching = [e for e in errors if words in e.message]
    assert matching, [str(e) for e in errors]
    line = needle if isinstance(needle, int) else line_of(text, needle)
    assert matching[0].line == line and matching[0].hint, str(matching[0])


@pytest.mark.parametrize("case", RAW_CASES, ids=[c[0] for c in RAW_CASES])
def test_each_raw_file_gives_its_message(case):
    _id, raw, words, line = case
    doc = read_bytes(raw, "carriers/minimal.yaml")
    check_document(doc)
    matching = [e for e in doc.errors if words in e.message]
    assert matching and matching[0].line == line and matching[0].hint, [str(e) for e in doc.errors]


@pytest.mark.parametrize("case", FOLDER_MESSAGE_CASES, ids=[c.id for c in FOLDER_MESSAGE_CASES])
def test_each_folder_gives_its_message(case, tmp_path):
    site = make_site(tmp_path, {})
    case.setup(site)
    errors = load_site(site).errors
    matching = [e for e in errors if e.file == case.file and case.message in e.message]
    assert matching, [str(e) for e in errors]
    line = case.needle if isinstance(case.needle, int) else line_of((site / case.file).read_text(encoding="utf-8"), case.needle)
    assert matching[0].line == line and matching[0].hint, str(matching[0])


GOLDEN = Path(__file__).resolve().parent / "golden" / "error_messages.txt"


def _matches_golden(golden: Path, out: list[str]) -> None:
    import os

    text = "\n".join(out) + "\n"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_every_file_case_says_exactly_its_golden_text():
    """What editors read, whole: every error of every one-file case of the corpus (file:line:column: path:
    message → hint) as tests/golden/error_messages.txt has it. Regenerate after an intended change with
    ``UPDATE_GOLDEN=1 make test`` and review the diff."""
    out: list[str] = []
    for case in [*CASES, *MESSAGE_CASES]:
        out += [f"[{case[0]}]", *(str(e) for e in check_text(replace(case[1], case[2]), "carriers/minimal.yaml")[1])]
    for _id, raw, _message, _line in RAW_CASES:
        doc = read_bytes(raw, "carriers/minimal.yaml")
        check_document(doc)
        out += [f"[{_id}]", *(str(e) for e in sorted(doc.errors))]
    _matches_golden(GOLDEN, out)


def test_every_folder_case_says_exactly_its_golden_text(tmp_path):
    """The same for the cases of a whole carriers/ folder (tests/golden/error_messages_folders.txt)."""
    out: list[str] = []
    for i, case in enumerate([*FOLDER_CASES, *FOLDER_MESSAGE_CASES]):
        (tmp_path / str(i)).mkdir()
        site = make_site(tmp_path / str(i), {})
        case.setup(site)
        out += [f"[{case.id}]", *(str(e).replace(str(site), "<site>") for e in load_site(site).errors)]
    _matches_golden(GOLDEN.with_name("error_messages_folders.txt"), out)
