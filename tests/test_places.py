"""One walk of a read file (facts/places.py) and the rules that read it: every empty value and every watched key
is found at its path, in the order written, and the resolution rule's lists come from the right places."""

from __future__ import annotations

from kaiyaku.facts.places import below, find_places
from kaiyaku.facts.standing import _disputes, _source_lists
from kaiyaku.facts.validation import _all_refs
from kaiyaku.facts.yamlsource import read_text

FILE = """\
id: x
name:
ways:
  - id: web
    sources: [a, b]
    steps:
      -
      - text: t
        sources: [c]
    disputes:
      - about: 金額
        claims:
          - says: 1
            sources: [a]
fees:
  - ways: [web]
    to: y
    sources: one
sources:
  - id: a
  - id: b
"""


def _doc():
    doc = read_text(FILE, "carriers/x.yaml")
    assert not doc.errors, doc.errors
    return doc


def test_empty_values_are_found_in_the_order_written():
    assert _doc().places().empty == [("name",), ("ways", 0, "steps", 0)]


def test_watched_keys_are_found_at_every_depth_with_their_values():
    keyed = _doc().places().keyed
    assert [path for path, _ in keyed["sources"]] == [
        ("ways", 0, "sources"), ("ways", 0, "steps", 1, "sources"), ("ways", 0, "disputes", 0, "claims", 0, "sources"),
        ("fees", 0, "sources"), ("sources",)]
    assert keyed["to"] == [(("fees", 0, "to"), "y")]
    assert "id" not in keyed and "steps" not in keyed


def test_source_lists_are_the_nested_lists_only():
    lists = _source_lists(_doc())
    assert lists == [(("ways", 0), ["a", "b"]), (("ways", 0, "steps", 1), ["c"]), (("ways", 0, "disputes", 0, "claims", 0), ["a"])]


def test_a_file_without_nested_sources_has_no_source_lists_and_no_disputes():
    for text in ("id: x\nsources:\n  - id: a\n", "id: x\n"):
        doc = read_text(text, "carriers/x.yaml")
        assert _source_lists(doc) == [] and _disputes(doc) == []


def test_each_dispute_is_found_with_its_path():
    [(path, dispute)] = _disputes(_doc())
    assert path == ("ways", 0, "disputes", 0) and dispute["about"] == "金額"


def test_references_below_the_top_level_each_with_its_path():
    refs = _all_refs(_doc())
    assert refs["ways"] == [(("fees", 0, "ways", 0), "web")]
    assert refs["to"] == [(("fees", 0, "to"), "y")]
    assert (("fees", 0, "sources"), "one") in refs["sources"] and (("ways", 0, "sources", 1), "b") in refs["sources"]
    assert not any(path == ("sources",) or path[:1] == ("sources",) for path, _ in refs["sources"])


def test_below_looks_before_the_last_part_only():
    assert below(("a", "sources", "b"), frozenset({"sources"}))
    assert not below(("a", "b", "sources"), frozenset({"sources"}))
    assert not below(("sources", "b"), frozenset({"sources"}), 1)


def test_no_data_or_a_list_is_walked_as_it_is():
    assert find_places(None).empty == [] and find_places([None, {"to": "y"}]).empty == [(0,)]
    assert find_places([None, {"to": "y"}]).keyed == {"to": [((1, "to"), "y")]}


def test_a_key_at_the_top_counts_as_before_the_last_part():
    assert below(("sources", "b"), frozenset({"sources"}))


def test_disputes_written_as_a_mapping_are_not_taken_for_a_list():
    doc = read_text("id: x\nways:\n  - id: web\n    disputes:\n      about: 金額\n", "carriers/x.yaml")
    assert _disputes(doc) == []
