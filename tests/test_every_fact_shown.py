"""No field is silently dropped by a template: every leaf value of every carrier file reaches its page.

Values are looked for in the form a reader sees them: yen as 3,300円, dates as 2024年6月1日, URLs as
links, other carriers by name. Enumerations and ids are shown as labels or used as anchors, so they
are checked by the tests of the sections that word them.
"""

from __future__ import annotations

import datetime as dt
import re
import typing

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from pydantic import BaseModel

from kaiyaku.facts.catalog import load_catalog

CATALOG = load_catalog(ROOT / "carriers", ROOT)
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
    if isinstance(value, dt.date):
        return [f"{value.year}年{value.month}月{value.day}日", value.isoformat()]
    if isinstance(value, int):
        return [f"{value:,}円", f"{value:,}", str(value)]
    return [str(value)]


@pytest.mark.parametrize("carrier_id", sorted(CATALOG.carriers))
def test_every_leaf_value_is_on_the_page(real_site, carrier_id):
    html = (real_site / carrier_id / "index.html").read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article")
    text = re.sub(r"\s+", " ", article.get_text(" "))
    hrefs = " ".join(a.get("href", "") for a in article.select("a"))
    missing = []
    for where, name, value in leaves(CATALOG.get(carrier_id)):
        candidates = forms(name, value)
        if not any(c in text or c.replace(" ", "") in text.replace(" ", "") or c in hrefs for c in candidates):
            missing.append((where, value))
    assert missing == [], missing
