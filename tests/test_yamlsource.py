"""Strict YAML reading: text stays as written, unsafe constructs and broken files get located errors."""

from __future__ import annotations

import pytest

from kaiyaku.facts.yamlsource import MAX_BYTES, MAX_DEPTH, read_bytes, read_text


def only_error(text: str):
    doc = read_text(text, "carriers/x.yaml")
    assert len(doc.errors) == 1, [str(e) for e in doc.errors]
    return doc.errors[0]


def test_scalars_stay_the_text_the_editor_wrote():
    doc = read_text("a: 9:00\nb: no\nc: 0570\nd: 2024-02-30\ne: 1e3\nf: ~\n", "x.yaml")
    assert doc.errors == []
    assert doc.data == {"a": "9:00", "b": "no", "c": "0570", "d": "2024-02-30", "e": "1e3", "f": "~"}
    assert doc.data["a"].plain and not read_text('a: "9:00"', "x").data["a"].plain


def test_positions_are_kept_for_values_and_keys():
    doc = read_text("top:\n  inner:\n    - one\n    - two\n", "x.yaml")
    assert doc.values[("top", "inner", 1)] == (4, 7)
    assert doc.keys[("top", "inner")] == (2, 3)


def test_duplicate_keys_name_both_lines():
    error = only_error("id: a\nname: x\nid: b\n")
    assert (error.line, error.column) == (3, 1)
    assert "1 行目" in error.message and "3 行目" in error.message


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("a: &x 1\nb: 2\n", 1, "アンカー"),
        ("a: &x 1\nb: *x\n", 2, "エイリアス"),
        ("base: {k: 1}\nother:\n  <<: {k: 2}\n", 3, "マージキー"),
        ("a: !custom 1\n", 1, "タグ"),
        ("a: !!python/object:os.system 1\n", 1, "タグ"),
    ],
)
def test_anchors_aliases_merge_keys_and_tags_are_refused(text, line, words):
    errors = read_text(text, "x.yaml").errors
    assert any(e.line == line and words in e.message for e in errors), [str(e) for e in errors]


def test_very_deep_nesting_is_refused_not_crashed():
    text = "a:" + "".join(f"\n{'  ' * i}k{i}:" for i in range(1, MAX_DEPTH + 5)) + " x\n"
    error = only_error(text)
    assert "入れ子" in error.message


def test_very_large_files_are_refused():
    doc = read_bytes(b"a: " + b"x" * (MAX_BYTES + 1), "x.yaml")
    assert "大きすぎ" in doc.errors[0].message


@pytest.mark.parametrize(
    "raw, line, column, words",
    [
        (b"\xef\xbb\xbfid: a\n", 1, 1, "BOM"),
        (b"id: a\nname: b\x00c\n", 2, 8, "NUL"),
        ("id: a\nname: ソフトバンク\n".encode("shift_jis"), 2, 7, "UTF-8"),
        (b"", 1, 1, "空"),
        (b"# only a comment\n\n", 1, 1, "空"),
    ],
)
def test_bad_bytes_get_located_errors(raw, line, column, words):
    doc = read_bytes(raw, "x.yaml")
    (error,) = doc.errors
    assert (error.line, error.column) == (line, column) and words in error.message


def test_a_top_level_list_is_refused():
    error = only_error("- id: a\n- id: b\n")
    assert "一番上" in error.message and "id:" in error.hint


@pytest.mark.parametrize(
    "text, line, hint_words",
    [
        ("a:\n\tb: 1\n", 2, "タブ"),
        ("a:\n  b: 1\n c: 2\n", 3, "字下げ"),
        ('a: "unclosed\nb: 2\n', 1, "引用符"),
        ("list:\n  - one\n  -two\n  - three\n", 3, "ハイフンのあとに半角スペース"),
        ("a: b: c\n", 1, "引用符で囲んで"),
    ],
)
def test_syntax_errors_get_a_plain_hint(text, line, hint_words):
    error = only_error(text)
    assert error.line == line, str(error)
    assert hint_words in error.hint, str(error)


def test_control_characters_are_located():
    error = only_error("id: a\nname: b\x1fc\n")
    assert (error.line, error.column) == (2, 8) and "制御文字" in error.message
