"""Output units: each citation number leads to the source its fact cites (also when a site-wide rule's
source and a carrier's share an id), and hostile text in a FAQ answer stays text."""

from __future__ import annotations

import datetime as dt

from conftest import ROOT

from kaiyaku.facts.catalog import load_site
from kaiyaku.output.citations import Citations

CATALOG = load_site(ROOT)
TODAY = dt.date(2026, 6, 1)


def test_each_number_leads_to_the_source_its_fact_cites():
    rules = CATALOG.rules
    for carrier in CATALOG.guides():
        shared = next(s.id for s in rules.sources if s.id not in {c.id for c in carrier.sources})
        # the carrier's first source given the id of a rules.yaml source: two sources, one id
        renamed = carrier.sources[0].model_copy(update={"id": shared})
        collided = carrier.model_copy(update={"sources": [renamed, *carrier.sources[1:]]})
        refs = Citations.for_page(collided, TODAY, 365)
        for book, source in [*((collided, s) for s in collided.sources), *((rules, s) for s in rules.sources)]:
            (number,) = refs.support(book, [source.id]).numbers
            assert dict(refs.listed)[number] is source, (carrier.id, source.id, number)
        assert len(refs.listed) == len(collided.sources) + len(rules.sources)
        assert [n for n, _ in refs.listed] == list(range(1, len(refs.listed) + 1))


PAYLOAD = '</p><script>alert(1)</script><img src=x onerror=alert(2)>'


def _hostile(model):
    """``model`` with every text field of the format (model.Text) holding raw markup, behind the checker's back."""
    from pydantic import BaseModel

    from kaiyaku.facts.validation import _holds_text

    update = {}
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        if _holds_text(field.annotation, field.metadata) and value:
            update[name] = [f"{v}{PAYLOAD}" for v in value] if isinstance(value, list) else f"{value}{PAYLOAD}"
        elif isinstance(value, BaseModel):
            update[name] = _hostile(value)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            update[name] = [_hostile(v) for v in value]
    return model.model_copy(update=update)


def test_hostile_text_in_every_text_field_stays_text_on_every_page():
    from kaiyaku.output.render import Renderer

    hostile = {cid: _hostile(c) for cid, c in CATALOG.carriers.items()}
    catalog = CATALOG.__class__(**{**vars(CATALOG), "carriers": hostile})
    renderer = Renderer(ROOT / "macros", today=TODAY)
    pages = renderer.pages(catalog)
    assert len(pages) > 40
    for page in pages:
        html = renderer.article(page)
        for raw in ("<script>", "<img src=x", "</p><script"):
            assert raw not in html, (page.src_uri, html[max(0, html.find(raw) - 200):html.find(raw) + 100])
    shown = renderer.article(next(p for p in pages if p.src_uri.startswith("au/")))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    # the other outputs: each guide's feed (XML), its JSON-LD (inside a script element), the description and
    # title handed to the theme, and the JSON export, which holds the text as it is written
    import json

    from kaiyaku.derive.history import Change, Edit
    from kaiyaku.output.api import carrier_json
    from kaiyaku.output.seo import carrier_jsonld
    from kaiyaku.output.theme import inert

    for carrier in hostile.values():
        change = Change("0" * 40, TODAY, (Edit("faq", "updated", updated=1),))
        feed = renderer.feed(carrier, [change], "https://example.com/")
        assert "<script>" not in feed and "&lt;script&gt;" in feed
        assert "</script" not in carrier_jsonld(carrier, "https://example.com/", f"https://example.com/{carrier.id}/").lower()
        assert "<script>" not in inert(carrier.name + PAYLOAD)
        data = json.loads(carrier_json(carrier, TODAY))
        assert json.dumps(data, ensure_ascii=False).count(PAYLOAD) >= 1
