"""Every guide's sources are dated and linked, and no block of facts is copied between carriers
unless a source they share says so."""

from __future__ import annotations

import json
from itertools import combinations

from conftest import ROOT

from kaiyaku.facts.catalog import load_site

CATALOG = load_site(ROOT)
BLOCKS = ("ways", "fees", "faq", "after_cancel", "contacts", "prices", "contract_fees", "highlights")


def test_every_source_of_every_guide_has_a_url_and_a_date():
    for carrier in CATALOG.guides():
        for source in carrier.sources:
            assert source.url.startswith(("https://", "http://")) and source.checked, (carrier.id, source.id)


def text_length(data) -> int:
    if isinstance(data, str):
        return len(data)
    if isinstance(data, dict):
        return sum(text_length(v) for v in data.values())
    if isinstance(data, list):
        return sum(text_length(v) for v in data)
    return 0


def blocks(carrier):
    """Blocks with enough prose to be written, not just a common fact (a 0-yen fee is not a copy)."""
    for name in BLOCKS:
        for item in getattr(carrier, name):
            data = item.model_dump(mode="json", exclude={"sources", "id"})
            if text_length(data) < 60:
                continue
            urls = {carrier.source(s).url for s in item.sources}
            yield name, json.dumps(data, sort_keys=True, ensure_ascii=False), urls


def test_no_block_of_facts_is_copied_between_carriers_without_a_shared_source():
    offenders = []
    for a, b in combinations(CATALOG.carriers.values(), 2):
        theirs = {(name, text): urls for name, text, urls in blocks(b)}
        for name, text, urls in blocks(a):
            if (name, text) in theirs and not (urls & theirs[(name, text)]):
                offenders.append((a.id, b.id, name, text[:80]))
    assert offenders == []
