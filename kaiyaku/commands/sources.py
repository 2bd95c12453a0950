"""The weekly source report: is every source URL still there, and which facts are due for re-checking."""

from __future__ import annotations

import datetime as dt
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ..facts.catalog import Catalog


@dataclass(frozen=True)
class LinkResult:
    url: str
    status: int | None  # None: no answer (timeout, refused, DNS)
    location: str | None  # where a redirect points
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003 - urllib's signature
        return None


#: where each request goes: the URL as a request needs it (``via`` sends every request to another server)
Route = Callable[[str], str]


def request_url(url: str, via: str | None = None) -> str:
    """The ASCII URL a request needs for ``url`` as written (an IRI's Japanese path percent-encoded, its
    host in punycode, by the WHATWG URL standard); with ``via``, the same path asked of that server
    (``http://127.0.0.1:8000/https://host/path``: for tests, or a mirror). Raises ValueError for a URL
    no browser would open."""
    import ada_url

    if any(c.isspace() or not c.isprintable() for c in url):
        raise ValueError("空白・改行・制御文字があります")  # a browser would drop them silently; the facts refuse them
    href = ada_url.URL(url).href
    return f"{via.rstrip('/')}/{href}" if via else href


def check_url(url: str, timeout: float = 10.0, via: str | None = None) -> LinkResult:
    """One request (HEAD, then GET where HEAD is refused); redirects are reported, not followed. Never
    raises: a URL that cannot be asked for at all is reported with why."""
    try:
        return _check_url(url, timeout, via)
    except Exception as exc:  # noqa: BLE001 - one bad URL never stops the weekly report
        return LinkResult(url, None, None, f"この URL は問い合わせできません({type(exc).__name__}: {exc})")


def _check_url(url: str, timeout: float, via: str | None) -> LinkResult:
    opener = urllib.request.build_opener(_NoRedirect)
    target = request_url(url, via)
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(target, method=method, headers={"User-Agent": "kaiyaku-guide source check"})
        try:
            with opener.open(request, timeout=timeout) as response:
                return LinkResult(url, response.status, None)
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue
            return LinkResult(url, exc.code, exc.headers.get("Location"))
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            return LinkResult(url, None, None, str(getattr(exc, "reason", exc)))
    return LinkResult(url, None, None, "no answer")


def check_links(urls: list[str], timeout: float = 10.0, workers: int = 8, via: str | None = None) -> list[LinkResult]:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda u: check_url(u, timeout, via), urls))


def source_urls(catalog: Catalog) -> list[str]:
    return sorted({s.url for c in catalog.carriers.values() for s in c.sources})


def stale_sources(catalog: Catalog, today: dt.date, max_age_days: int) -> list[tuple[str, str, str, dt.date, int]]:
    """(carrier id, source id, title, checked, age in days) for every source checked too long ago."""
    rows = []
    for c in catalog.carriers.values():
        for s in c.sources:
            age = (today - s.checked).days
            if age > max_age_days:
                rows.append((c.id, s.id, s.title, s.checked, age))
    return sorted(rows, key=lambda r: (-r[4], r[0], r[1]))


def _cell(text: str) -> str:
    from .reporting import markdown_cell

    return markdown_cell(text)


def report(links: list[LinkResult], stale: list, max_age_days: int) -> str:
    """The Markdown report for the step summary and the tracking issue."""
    broken = [r for r in links if not r.ok]
    lines = ["## 出典の点検", "", f"- URL: {len(links)} 件、問題あり {len(broken)} 件", f"- {max_age_days} 日より前に確認した出典: {len(stale)} 件", ""]
    if broken:
        lines += ["### 問題のある URL", "", "| URL | 状態 | 移転先・理由 |", "| --- | --- | --- |"]
        for r in broken:
            state = str(r.status) if r.status is not None else "応答なし"
            lines.append(f"| {_cell(r.url)} | {state} | {_cell(r.location or r.error or '')} |")
        lines.append("")
    if stale:
        lines += ["### 再確認が必要な出典", "", "| キャリア | 出典 | 題名 | 確認日 | 経過日数 |", "| --- | --- | --- | --- | --- |"]
        lines += [f"| {c} | {sid} | {_cell(title)} | {checked} | {age} |" for c, sid, title, checked, age in stale]
        lines.append("")
    return "\n".join(lines) + "\n"
