"""Does each cited page still show the figures of the facts that cite it? For the weekly online check.

A fact's figures are the values a page would print: yen amounts, phone numbers, postal codes, counts of
days, dates and times. A page's text is compared after NFKC (full-width digits and signs folded), with
spaces removed and the commas inside numbers dropped, so 「1,100 円」 and 「１１００円」 both show 1100円.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser

from pydantic import BaseModel

from ..facts.catalog import Catalog
from ..facts.model import Sourced
from ..facts.scalars import LooseDate


@dataclass(frozen=True)
class Figure:
    label: str  # as the report shows it
    forms: tuple[str, ...]  # any of these in the normalised page text shows it


@dataclass(frozen=True)
class Missing:
    carrier: str
    path: str
    figure: str
    urls: tuple[str, ...]  # the fact's pages that were read, none of which shows the figure


def _date_forms(year: int, month: int, day: int = 0) -> tuple[str, ...]:
    if not day:
        return (f"{year}年{month}月", f"{year}/{month}", f"{year}-{month:02d}", f"{year}.{month}")
    return (f"{year}年{month}月{day}日", f"{year}/{month}/{day}", f"{year}-{month:02d}-{day:02d}", f"{year}.{month}.{day}")


def _figures(value: object, name: str) -> list[Figure]:
    """The figures one field's value gives (nested parts without sources of their own included)."""
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, LooseDate):
        return [Figure(str(value), _date_forms(value.year, value.month, value.day))]
    if hasattr(value, "isoformat") and hasattr(value, "day"):
        return [Figure(value.isoformat(), _date_forms(value.year, value.month, value.day))]
    if isinstance(value, int):
        if name in ("amount",):
            return [Figure(f"{value:,}円", (f"{value}円",))]
        if name.endswith("days") or name in ("min", "max"):
            return [Figure(f"{value}日", (f"{value}日",))] if value else []
        if name == "months" or name == "within_months":
            return [Figure(f"{value}か月", (f"{value}か月", f"{value}ヶ月", f"{value}カ月", f"{value}ヵ月", f"{value}ケ月"))]
        return []
    if isinstance(value, str):
        if name in ("number", "postal_code"):
            return [Figure(value, (value, value.replace("-", "")))]
        if name in ("opens", "closes"):
            hour, minute = value.split(":")
            return [Figure(value, (value, f"{hour}時" + ("" if minute == "00" else f"{minute}分")))]
        return []
    if isinstance(value, list):
        return [f for v in value for f in _figures(v, name)]
    if isinstance(value, BaseModel) and not isinstance(value, Sourced):
        return [f for n in type(value).model_fields for f in _figures(getattr(value, n), n)]
    return []


def sourced_items(model: BaseModel, path: str = "") -> list[tuple[str, Sourced]]:
    """Every part of a carrier that has sources of its own, with its path."""
    found = [(path.rstrip("."), model)] if isinstance(model, Sourced) else []
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            if isinstance(item, BaseModel):
                found += sourced_items(item, f"{path}{name}" + (f"[{i}]" if isinstance(value, list) else "") + ".")
    return found


def figures_of(item: Sourced) -> list[Figure]:
    return [f for name in type(item).model_fields if name not in ("sources", "disputes") for f in _figures(getattr(item, name), name)]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("script", "style") and self.skip > 0

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def normalise(html: str) -> str:
    """A page's visible text, NFKC, without spaces and without commas between digits."""
    parser = _Text()
    parser.feed(html)
    text = unicodedata.normalize("NFKC", " ".join(parser.parts))
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"[‐‑‒–—―−ー](?=\d)", "-", text)
    return re.sub(r"(?<=\d),(?=\d{3})", "", text)


def fetch_text(url: str, timeout: float = 15.0, via: str | None = None) -> str | None:
    """The page's normalised text, or None when it cannot be read, for whatever reason (the link check
    reports why): one bad URL or page never stops the report."""
    from .sources import request_url

    try:
        request = urllib.request.Request(request_url(url, via), headers={"User-Agent": "kaiyaku-guide source check"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(4_000_000)
            charset = response.headers.get_content_charset() or "utf-8"
        return normalise(body.decode(charset, errors="replace"))
    except Exception:  # noqa: BLE001 - reported by the link check
        return None


def missing_figures(catalog: Catalog, texts: dict[str, str | None]) -> list[Missing]:
    """Facts with a figure that none of their cited pages (of those read) shows."""
    rows = []
    for carrier in catalog.carriers.values():
        for path, item in sourced_items(carrier):
            urls = tuple(carrier.source(s).url for s in item.sources if texts.get(carrier.source(s).url) is not None)
            if not urls:
                continue
            for figure in figures_of(item):
                if not any(form in texts[u] for u in urls for form in figure.forms):
                    rows.append(Missing(carrier.id, path, figure.label, urls))
    return rows


def read_pages(urls: list[str], timeout: float = 15.0, workers: int = 8, via: str | None = None) -> dict[str, str | None]:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(urls, pool.map(lambda u: fetch_text(u, timeout, via), urls)))


def figures_report(rows: list[Missing]) -> str:
    lines = ["## 出典のページにない数字", "", f"出典のページに見つからない数字: {len(rows)} 件", ""]
    if rows:
        lines += ["| キャリア | 事実 | 数字 | 読んだページ |", "| --- | --- | --- | --- |"]
        from .reporting import markdown_cell

        lines += [f"| {markdown_cell(r.carrier)} | `{markdown_cell(r.path)}` | {markdown_cell(r.figure)} | {'<br>'.join(markdown_cell(u) for u in r.urls)} |" for r in rows]
        lines.append("")
    return "\n".join(lines) + "\n"

