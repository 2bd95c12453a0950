"""Fuzzing the loader and validator: no input may make them raise; every error is located."""

from __future__ import annotations

from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kaiyaku.facts.scalars import BIDI, HIDDEN_BREAKS, INVISIBLE
from kaiyaku.facts.validation import check_document
from kaiyaku.facts.yamlsource import read_bytes, read_text

BASE_LINES = (FIXTURES / "minimal_guide.yaml").read_text(encoding="utf-8").splitlines()
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: characters an editor cannot see or tell apart from YAML's own (issue 15)
UNSEEN = sorted({*INVISIBLE, *BIDI, *HIDDEN_BREAKS} - {chr(c) for c in range(0xE0001, 0xE0080)}) + ["\U000e0041"]
#: issue 27: characters no list names, refused by Unicode category (format, private use, unassigned and
#: noncharacters, variation selectors)
BY_CATEGORY = ["\u206a", "\u206f", "\ufff9", "\ufffb", "\ue000", "\uf8ff", "\U000f0000", "\U0010fffd", "\ufffe", "\uffff", "\u0378",
               "\ufe00", "\ufe0f", "\U000e0100", "\u180b", "\U000110bd", "\U0001bca0"]
UNSEEN = UNSEEN + BY_CATEGORY
unseen_chars = st.sampled_from(["\u3000", "\u00a0", "\u2002", *UNSEEN])
yaml_bits = st.sampled_from([
    ":", "- ", "  ", "\t", "&a ", "*a", "!t ", "<<: ", "{", "}", "[", "]", "'", '"', "#", "|", ">", "---", "...",
    "9:00", "no", "0570", "2024-02-30", "３３００", "〒", "<script>", "{{ x }}", "\n", "?", "%YAML 1.2\n", "\x85", "\ufeff",
    # issue 15: full-width and invisible characters, " #" in a sentence, values that start with a sign
    "\u3000", "\u3000\u3000", "\u200b", "\u202e", "\u2066", "\u2028", " #", " # ", "：", "ー ", "[重要] ", '"引用" ', "9時", "1年",
    "&lt;", "<?x?>", '" a="', "@", "`",
    # issue 27: escapes, values out of range, null words, numbers split in flow lists, aliases
    '"\\u202e"', '"a\\u200bb"', '"\\uFFFE"', '"\\x01"', '"\\x85"', '"\\u2028"', '"\\U000F0000"', '"\\ufe0f"', '"\\u0301\\u0301\\u0301"', '"\\N"', '"\\0"',
    "0000-05", "0000-01-01", "9" * 31, "~", "null", "[税込 3,300 円, x]", "*a, *a, *a", "\u0301\u0301\u0301", "http://localhost/", "http://[::1/",
    "https://例え.jp/パス", ":99999", ":abc", "0570-00-000", "a" * 300,
])
yamlish = st.lists(st.one_of(yaml_bits, unseen_chars, st.text(max_size=6)), max_size=40).map("".join)


def assert_located(doc) -> None:
    for error in doc.errors:
        assert error.file == "f.yaml" and error.line >= 1 and error.column >= 1 and error.message and error.hint, str(error)


def assert_unseen_named(text: str, doc) -> None:
    """No character an editor cannot see passes without an error naming it (unless reading stopped
    before looking: a control character, an empty file)."""
    if any("制御文字" in e.message or "空です" in e.message or "大きすぎ" in e.message for e in doc.errors):
        return
    named = " ".join(e.message for e in doc.errors)
    for ch in set(text) & set(UNSEEN):
        assert f"U+{ord(ch):04X}" in named, (ch, [str(e) for e in doc.errors])


@FUZZ
@given(yamlish)
def test_any_text_gives_errors_not_exceptions(text):
    doc = read_text(text, "f.yaml")
    check_document(doc)
    assert_located(doc)
    assert_unseen_named(text, doc)


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_give_errors_not_exceptions(raw):
    doc = read_bytes(raw, "f.yaml")
    check_document(doc)
    assert_located(doc)


@FUZZ
@given(st.integers(0, len(BASE_LINES) - 1), yamlish, st.booleans())
def test_mutations_of_a_valid_file_give_located_errors(index, replacement, keep_indent):
    lines = list(BASE_LINES)
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())] if keep_indent else ""
    lines[index] = indent + replacement
    text = "\n".join(lines) + "\n"
    doc = read_text(text, "f.yaml")
    check_document(doc)
    assert_located(doc)
    assert_unseen_named(text, doc)
    for error in doc.errors:
        assert error.line <= text.count("\n") + 1


@FUZZ
@given(st.integers(0, len(BASE_LINES) - 1), st.integers(0, 40), unseen_chars, st.sampled_from(["insert", "indent", "after-colon", "hash"]))
def test_unseen_characters_and_comments_in_a_valid_file_are_found_where_they_are(index, offset, ch, how):
    """One character an editor cannot see, or a " #" in a value, at any place of a valid file: the file
    is refused (or, for a space inside a sentence or a comment YAML keeps apart, left as it is), and an
    error points at that line."""
    lines = list(BASE_LINES)
    line = lines[index]
    indent = len(line) - len(line.lstrip(" "))
    if how == "insert":
        at = min(offset, len(line))
    elif how == "indent":
        at = min(offset % (indent + 1), indent)
    else:
        at = line.find(": ") + 1 if ": " in line else min(offset, len(line))
    inserted = " #x" if how == "hash" else ch
    lines[index] = line[:at] + inserted + line[at:]
    text = "\n".join(lines) + "\n"
    doc = read_text(text, "f.yaml")
    carrier = check_document(doc)
    assert_located(doc)
    assert_unseen_named(text, doc)
    if how == "indent" or (ch in UNSEEN and how != "hash"):
        assert carrier is None and any(e.line == index + 1 for e in doc.errors), (repr(lines[index]), [str(e) for e in doc.errors])


ESCAPED = {"\u202e": "\\u202e", "\u200b": "\\u200B", "\ufffe": "\\uFFFE", "\x01": "\\x01", "\x85": "\\N", "\u2028": "\\L", "\ufe0f": "\\ufe0f",
           "\ue000": "\\ue000", "\U000f0000": "\\U000F0000", "\u206a": "\\u206A", "\ufff9": "\\uFFF9", "\x1b": "\\e"}


@FUZZ
@given(st.integers(0, len(BASE_LINES) - 1), st.sampled_from(sorted(ESCAPED)), st.integers(0, 10))
def test_unseen_characters_written_as_escapes_are_found_where_the_escape_is(index, ch, offset):
    """A value of a valid file rewritten as a double-quoted string holding an escape of an unseen or
    control character: the file is refused, at the escape's line and column, naming the character."""
    line = BASE_LINES[index]
    if ": " not in line or line.rstrip().endswith(":") or line.split(": ", 1)[1][:1] in "[{\"'":
        return
    key, value = line.split(": ", 1)
    at = min(offset, len(value))
    escape = ESCAPED[ch]
    lines = list(BASE_LINES)
    lines[index] = f'{key}: "{value[:at]}{escape}{value[at:]}"'
    doc = read_text("\n".join(lines) + "\n", "f.yaml")
    carrier = check_document(doc)
    assert_located(doc)
    assert carrier is None
    column = lines[index].index(escape) + 1
    assert any(e.line == index + 1 and e.column == column and f"U+{ord(ch):04X}" in e.message for e in doc.errors), (lines[index], [str(e) for e in doc.errors])


@FUZZ
@given(st.lists(st.sampled_from(["1", "12", "税込 3", "300 円", "1,100", "a", "12 か月", "000", "3"]), min_size=2, max_size=5))
def test_a_flow_list_never_publishes_a_number_split_at_its_comma(items):
    """Any flow list: either an item ends in a digit and the next starts with three digits (refused), or
    it is read as written."""
    text = "\n".join(line if not line.startswith("switch_to:") else line for line in BASE_LINES)
    text = text.replace("    title: 解約する", "    title: 解約する\n    conditions: [" + ", ".join(items).replace(", ", ",") + "]")
    doc = read_text(text + "\n", "f.yaml")
    check_document(doc)
    assert_located(doc)
    parts = ",".join(items).split(",")
    split = any(a[-1:].isdigit() and len(b) >= 3 and b[:3].isdigit() and not b[3:4].isdigit() for a, b in zip(parts, parts[1:]))
    assert split == any("2 つの項目に分かれています" in e.message for e in doc.errors), (items, [str(e) for e in doc.errors])
