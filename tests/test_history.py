"""The history of a carrier's facts says what changed in the file (sections, items, fields), read from its contents."""

from __future__ import annotations

import datetime as dt

import jinja2
from conftest import ROOT

from kaiyaku.derive.history import Change, Edit, edits
from kaiyaku.output.render import FIELD_LABELS, SECTION_LABELS


BEFORE = {
    "id": "x", "name": "X",
    "billing": {"last_month": "full", "sources": ["a"]},
    "fees": [{"id": "penalty", "amount": "1100"}, {"id": "mnp", "amount": "0"}],
    "faq": [{"q": "いつ?", "a": ["月末"]}],
    "switch_to": ["au", "docomo"],
}


def test_a_new_file_is_created():
    assert edits(None, BEFORE) == (Edit("created", "created"),)


def test_the_same_facts_change_nothing():
    """A commit that only rewords a comment changes no fact and makes no entry."""
    assert edits(BEFORE, dict(BEFORE)) == ()


def test_items_are_matched_by_their_id_and_fields_of_a_section_are_named():
    after = {
        **BEFORE,
        "billing": {"last_month": "prorated", "sources": ["a"]},
        "fees": [{"id": "penalty", "amount": "1210"}, {"id": "other", "amount": "0"}],
        "switch_to": ["au"],
        "prices": [{"plan": "P", "amount": "990"}],
    }
    del after["faq"]
    assert edits(BEFORE, after) == (
        Edit("billing", "updated", fields=("last_month",)),
        Edit("fees", "updated", added=1, removed=1, updated=1),
        Edit("switch_to", "updated", removed=1),
        Edit("prices", "added"),
        Edit("faq", "removed"),
    )


def test_the_history_is_worded_in_japanese():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "macros"), autoescape=True)
    macro = env.get_template("_changes.html.j2").module.change_text
    change = Change("c", dt.date(2027, 1, 1), edits(BEFORE, {**BEFORE, "billing": {"last_month": "prorated", "sources": ["a"]},
                                                             "fees": BEFORE["fees"] + [{"id": "new", "amount": "0"}]}))
    assert str(macro(change, SECTION_LABELS, FIELD_LABELS)) == "解約月・初月の請求(解約する月の請求)を更新、解約にかかる料金: 1 件追加"
