"""Fuzzing the loader and validator: no input may make them raise; every error is located."""

from __future__ import annotations

from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kaiyaku.facts.validation import check_document
from kaiyaku.facts.yamlsource import read_bytes, read_text

BASE_LINES = (FIXTURES / "minimal_guide.yaml").read_text(encoding="utf-8").splitlines()
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

yaml_bits = st.sampled_from([
    ":", "- ", "  ", "\t", "&a ", "*a", "!t ", "<<: ", "{", "}", "[", "]", "'", '"', "#", "|", ">", "---", "...",
    "9:00", "no", "0570", "2024-02-30", "３３００", "〒", "<script>", "{{ x }}", "\n", "?", "%YAML 1.2\n", "\x85", "\ufeff",
])
yamlish = st.lists(st.one_of(yaml_bits, st.text(max_size=6)), max_size=40).map("".join)


def assert_located(doc) -> None:
    for error in doc.errors:
        assert error.file == "f.yaml" and error.line >= 1 and error.column >= 1 and error.message


@FUZZ
@given(yamlish)
def test_any_text_gives_errors_not_exceptions(text):
    doc = read_text(text, "f.yaml")
    check_document(doc)
    assert_located(doc)


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
    for error in doc.errors:
        assert error.line <= text.count("\n") + 1
