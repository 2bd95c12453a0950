"""Shared helpers: the project root, reading a YAML text through the checker, fixture sites."""

from __future__ import annotations

import functools
import hashlib
import re
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
import datetime as dt
from pathlib import Path

import pytest

from kaiyaku.facts.validation import check_document
from kaiyaku.facts.yamlsource import read_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


#: the day the corpus is checked as of: a source checked after it cannot be true
CORPUS_TODAY = dt.date(2026, 6, 1)


def check_text(text: str, file: str = "carriers/x.yaml"):
    """Read and check one file's text as of ``CORPUS_TODAY``; returns (carrier or None, errors)."""
    doc = read_text(text, file)
    carrier = check_document(doc, CORPUS_TODAY)
    return carrier, sorted(doc.errors)


def make_site(tmp_path: Path, carriers: dict[str, str], real: bool = False) -> Path:
    """A copy of the project's site setup with the given carrier files (or the real ones)."""
    site = tmp_path / "proj"
    site.mkdir()
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, site / name)
    for folder in ("content", "macros", "overrides"):
        shutil.copytree(ROOT / folder, site / folder)
    shutil.copy(ROOT / "rules.yaml", site / "rules.yaml")  # required: the site-wide rules are published
    if real:
        shutil.copytree(ROOT / "carriers", site / "carriers")
    else:
        (site / "carriers").mkdir()
    for name, text in carriers.items():
        (site / "carriers" / name).write_text(text, encoding="utf-8")
    return site


def set_plugin_options(site: Path, **options: object) -> None:
    """Write ``options`` under the kaiyaku plugin in ``site``'s mkdocs.yml (``parallel=False`` → ``parallel: false``)."""
    config = site / "mkdocs.yml"
    lines = "".join(f"\n      {name}: {str(value).lower() if isinstance(value, bool) else value}" for name, value in options.items())
    text, found = re.subn(r"^(  - kaiyaku:.*)$", lambda m: m[1] + lines, config.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert found == 1, "no kaiyaku plugin in mkdocs.yml"
    config.write_text(text, encoding="utf-8")


def mkdocs_build(site: Path, out: Path | None = None) -> subprocess.CompletedProcess:
    out = out or site / "site"
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=site, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


def tree(path: Path) -> dict[str, str]:
    """Every file under ``path`` with the hash of its bytes."""
    return {p.relative_to(path).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(path.rglob("*")) if p.is_file()}


def git_commit(site: Path) -> int:
    """Commit ``site`` as a new repository at a fixed date; returns that date's epoch seconds."""
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           "GIT_AUTHOR_DATE": "2027-01-05T10:00:00Z", "GIT_COMMITTER_DATE": "2027-01-05T10:00:00Z", "PATH": "/usr/bin:/bin"}
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "x"]):
        subprocess.run(cmd, cwd=site, check=True, env=env, capture_output=True)
    return 1799143200


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real site, built once under --strict for all tests that read its HTML."""
    tmp = tmp_path_factory.mktemp("real")
    site = make_site(tmp, {}, real=True)
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr
    return site / "site"

# --- browser tests: the real site served on loopback, driven with Playwright in Debian's chromium ---

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-features=Translate,MediaRouter"]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # noqa: D102 - keep the test output clean
        pass


@contextmanager
def loopback(handler):
    """An HTTP server on 127.0.0.1 (a free port) answering with ``handler``, for as long as the block runs."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def base_url(real_site):
    with loopback(functools.partial(QuietHandler, directory=str(real_site))) as url:
        yield url + "/"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is missing: run scripts/ensure-browser (make test does)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url):
    """A page that records console errors and every request that leaves the local server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    page = context.new_page()
    page.console_errors = []
    page.foreign_requests = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))

    def guard(route):
        if route.request.url.startswith(base_url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            page.foreign_requests.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    yield page
    context.close()


def calculate(page, base_url, origin: str, target: str, day: str) -> None:
    """Open the calculator, choose a move and a day, and wait until the answer is for them."""
    page.goto(base_url + "calculator/")
    page.select_option("select[name=from]", origin)
    page.wait_for_function(f"document.querySelector('select[name=to]').dataset.from === '{origin}'")
    page.select_option("select[name=to]", target)
    page.fill("input[name=day]", day)
    page.wait_for_function(f"document.querySelector('[data-kg-calc-out]').dataset.ready === '{target} {day}'")


#: what a month bar shows: each day's two cells (who bills it) and the marks (best day, day to avoid, day drawn), as
#: the page has them; None when the bar is not shown
DRAWN = """sel => {
  const fig = document.querySelector(sel);
  if (!fig || fig.hidden) return null;
  const svg = fig.querySelector('svg'), dim = Number(svg.getAttribute('viewBox').split(' ')[2] - 2) / 10;
  const cells = [...svg.querySelectorAll('rect[data-day]')].filter(r => +r.dataset.day <= dim).map(r => [+r.dataset.day, r.dataset.side, r.getAttribute('class')]);
  const mark = name => { const el = svg.querySelector(`[data-mark="${name}"]`); return el.getAttribute('visibility') === 'hidden' ? null : (el.getAttribute('x') || el.getAttribute('d')); };
  return {dim, cells, best: mark('best'), avoid: mark('avoid'), drawn: [mark('drawn'), svg.querySelector('[data-mark="drawn"]').textContent],
          ends: [mark('one'), mark('dim')]};
}"""


def drawn_month(page, selector: str) -> dict | None:
    result = page.evaluate(DRAWN, selector)
    return result and {**result, "cells": [tuple(c) for c in result["cells"]], "drawn": tuple(result["drawn"])}


def open_chooser(page) -> None:
    """Open a guide's folded 「あなたに合う方法」: its script (assets/chooser.js) loads then and shows the questions."""
    page.click("h2#chooser + details > summary")
    page.wait_for_selector("[data-kg-chooser]:not([hidden])")
