"""What the generator hands the theme besides page text: titles, descriptions, and the pages left at
carriers' previous addresses.

Material's templates print a page's title, its navigation titles and its description without escaping
them (MkDocs' titles are HTML, and the theme's Jinja does not autoescape), in <title>, meta tags, the
header and the navigation. So every such text made from the facts is handed over as HTML text here:
whatever a fact file says, the theme prints it as text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from markupsafe import escape

from ..facts.catalog import Catalog


def inert(text: str) -> str:
    """Text made from the facts, as HTML text for the theme (``<``, ``>``, ``&`` and quotes escaped)."""
    return str(escape(text))


def inert_nav(nav: list) -> list:
    """The navigation with every title made HTML text (see :func:`inert`); the targets are paths."""
    return [{inert(title): inert_nav(target) if isinstance(target, list) else target for title, target in item.items()} for item in nav]


REDIRECT = """<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>{name}のページは移りました</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url=../{new}/">
</head>
<body>
<p>このページは <a href="../{new}/">{name}のページ</a> に移りました。</p>
</body>
</html>
"""


def redirect_page(name: str, new_id: str, site_url: str) -> str:
    """The page left at a carrier's previous address (``previous_ids``): it sends the reader on to the page."""
    return REDIRECT.format(name=inert(name), new=inert(new_id), canonical=inert(f"{site_url}{new_id}/"))


def forwarding(catalog: Catalog, makers: dict[str, Callable[[], str]], site_url: str) -> dict[str, Callable[[], str]]:
    """For every previous id of a carrier: a page at its old address that forwards to the carrier's page,
    and its exports (API JSON, feed) at their old paths, the same as at the new ones."""
    out: dict[str, Callable[[], str]] = {}
    for carrier in catalog.carriers.values():
        for old in carrier.previous_ids:
            out[f"{old}/index.html"] = partial(redirect_page, carrier.name, carrier.id, site_url)
            for folder, suffix in (("api/carriers", "json"), ("api/calculator", "json"), ("feeds", "xml")):
                if f"{folder}/{carrier.id}.{suffix}" in makers:
                    out[f"{folder}/{old}.{suffix}"] = makers[f"{folder}/{carrier.id}.{suffix}"]
    return out
