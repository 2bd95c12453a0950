"""No field is silently dropped by a template: every leaf value of every carrier file reaches its page.

Values are looked for in the form a reader sees them: yen as 3,300円, dates as 2024年6月1日, URLs as
links, other carriers by name. Enumerations and ids are shown as labels or used as anchors, so they
are checked by the tests of the sections that word them.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from pydantic import BaseModel

from kaiyaku.facts.catalog import load_site
from kaiyaku.facts.scalars import LooseDate

CATALOG = load_site(ROOT)
NOT_SHOWN_AS_TEXT = {"id", "sources", "way", "contact", "role"}  # references and ids: shown as names, links or anchors
CARRIER_REFS = {"switch_to", "to", "from_"}


def leaves(obj: BaseModel, path: str = ""):
    for name, field in type(obj).model_fields.items():
        value = getattr(obj, name)
        annotation = field.annotation
        if name in NOT_SHOWN_AS_TEXT or value is None or value == []:
            continue
        literal = typing.Literal in {typing.get_origin(a) for a in [annotation, *typing.get_args(annotation)]} or annotation is bool or "bool" in str(annotation)
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            where = f"{path}{name}" + (f"[{i}]" if isinstance(value, list) else "")
            if isinstance(item, BaseModel):
                yield from leaves(item, where + ".")
            elif not literal or name in CARRIER_REFS:
                yield where, name, item


def forms(name: str, value: object) -> list[str]:
    if name in CARRIER_REFS and isinstance(value, str):
        return [CATALOG.get(value).name]
    if isinstance(value, LooseDate):  # a page date or a period, given to the day or only the month
        return [f"{value.year}年{value.month}月" + (f"{value.day}日" if value.day else "")]
    if isinstance(value, dt.date):
        return [f"{value.year}年{value.month}月{value.day}日", value.isoformat()]
    if isinstance(value, int):
        return [f"{value:,}円", f"{value:,}", str(value)]
    return [str(value)]


@pytest.mark.parametrize("carrier_id", sorted(CATALOG.carriers))
def test_every_leaf_value_is_on_the_page(real_site, carrier_id):
    # the guide, its page of topics before cancelling (the guide lists them by title) and its list of sources
    # (where the rules that ended are listed)
    pages = [real_site / carrier_id / "index.html", real_site / carrier_id / "before/index.html", real_site / carrier_id / "sources/index.html"]
    # and the route pages into it: a guide names its joining facts' topics, the route pages say them (issue 28)
    pages += sorted(real_site.glob(f"*/to/{carrier_id}/index.html"))
    articles = [BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").select_one("article") for p in pages if p.exists()]
    text = re.sub(r"\s+", " ", " ".join(a.get_text(" ") for a in articles))
    hrefs = " ".join(a.get("href", "") for article in articles for a in article.select("a"))
    missing = []
    for where, name, value in leaves(CATALOG.get(carrier_id)):
        candidates = forms(name, value)
        if not any(c in text or c.replace(" ", "") in text.replace(" ", "") or c in hrefs for c in candidates):
            missing.append((where, value))
    assert missing == [], missing


@pytest.mark.parametrize("carrier_id", sorted(CATALOG.carriers))
def test_every_source_is_listed_with_its_kind_and_dates(real_site, carrier_id):
    """The carrier's list of sources shows each source's title, link, kind, the date its page states
    (or that it states none) and the day it was checked; every number the page cites is in it."""
    from kaiyaku.facts.model import SOURCE_KIND_LABELS

    listing = BeautifulSoup((real_site / carrier_id / "sources/index.html").read_text(encoding="utf-8"), "html.parser")
    rows: dict[str, list[str]] = {}  # a page another carrier cites too may be listed twice, with each file's title
    for tr in listing.select("article tbody tr"):
        rows.setdefault(unquote(tr.select_one("a")["href"]), []).append(re.sub(r"\s+", " ", tr.get_text(" ")))  # links are %-encoded
    for source in CATALOG.get(carrier_id).sources:
        candidates = rows.get(unquote(source.url), [])
        d = source.page_date
        page_date = f"{d.year}年{d.month}月" + (f"{d.day}日" if d.day else "") if d else "記載なし"
        checked = f"{source.checked.year}年{source.checked.month}月{source.checked.day}日"
        assert any(source.title in row and SOURCE_KIND_LABELS[source.kind] in row and page_date in row and checked in row for row in candidates), (source.id, candidates)
    page = BeautifulSoup((real_site / carrier_id / "index.html").read_text(encoding="utf-8"), "html.parser")
    cited = {a["href"].split("#")[1] for a in page.select('a[href^="sources/#src-"]')}
    assert cited and cited <= {span["id"] for span in listing.select('span[id^="src-"]')}
