"""Every page of the built site is valid HTML for the Nu Html Checker: vnu.jar (npm package vnu-jar, pinned in
tests/validator/package.json) on the machine's Java, both installed by scripts/ensure-validator (make test runs
it). One checker run (one JVM start) over every page, together with a page that is invalid on purpose, so the
run cannot pass by checking nothing."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT

JAR = ROOT / "tests" / "validator" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
#: C1 only: a short run starts about twice as fast; its frames are larger, and with the default stack the
#: checker stopped after a few pages without a word, so the stack is larger too (and every page is counted)
JVM = ["-XX:TieredStopAtLevel=1", "-Xss8m"]

#: the two mistakes Material writes (fixed by overrides/main.html and kaiyaku/mkdocs_plugin/toggles.py)
INVALID = """<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>わざと不正なページ</title></head>
<body><input type="checkbox" id="t" autocomplete="off"><label for="t" tabindex="">メニュー</label></body></html>
"""


@dataclass
class Run:
    checked: set[Path]  # what the checker says it read
    errors: dict[Path, list[dict]]  # its errors by file
    pages: list[Path]
    invalid: Path


@pytest.fixture(scope="session")
def vnu(real_site, tmp_path_factory) -> Run:
    java = shutil.which("java")
    if java is None or not JAR.is_file():
        pytest.fail("the Nu Html Checker is missing: run scripts/ensure-validator (make test does)")
    invalid = tmp_path_factory.mktemp("vnu") / "invalid.html"
    invalid.write_text(INVALID, encoding="utf-8")
    pages = sorted(real_site.rglob("*.html"))
    result = subprocess.run(
        [java, *JVM, "-jar", str(JAR), "--errors-only", "--format", "json", "--verbose", str(invalid), *map(str, pages)],
        capture_output=True, text=True, timeout=600,
    )
    # --verbose names each file on stdout as it is read; the JSON report goes to stderr
    start = result.stderr.find('{"')
    assert start >= 0, f"the checker gave no report (exit {result.returncode}):\n{result.stderr}\n{result.stdout}"
    errors: dict[Path, list[dict]] = {}
    for message in json.loads(result.stderr[start:])["messages"]:  # --errors-only: every message is a failure
        errors.setdefault(Path(unquote(urlsplit(message.get("url", "")).path)), []).append(message)
    checked = {Path(line) for line in result.stdout.splitlines() if line.strip()}
    return Run(checked, errors, pages, invalid)


def test_every_page_has_no_html_errors(vnu, real_site):
    found = [
        f"{path.relative_to(real_site) if path.is_relative_to(real_site) else path}:{m.get('lastLine', '?')}:"
        f"{m.get('firstColumn', m.get('lastColumn', '?'))}: {m['type']}: {m['message']}"
        for path, messages in sorted(vnu.errors.items()) if path != vnu.invalid for m in messages
    ]
    assert found == [], f"{len(found)} errors in the Nu Html Checker:\n" + "\n".join(found)


def test_the_checker_reports_a_page_made_invalid_on_purpose(vnu):
    messages = [m["message"] for m in vnu.errors.get(vnu.invalid, [])]
    assert any("autocomplete" in m for m in messages), messages
    assert any("tabindex" in m and "empty string" in m for m in messages), messages


def test_the_checker_read_every_page_of_the_site(vnu, real_site):
    """Every page the site has (the sitemap's, and the 404 page) is an HTML file, and the checker read them all."""
    sitemap = (real_site / "sitemap.xml").read_text(encoding="utf-8")
    site_url = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
    in_sitemap = {loc.removeprefix(site_url) + "index.html" for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    assert len(in_sitemap) >= 16
    assert {p.relative_to(real_site).as_posix() for p in vnu.pages} == in_sitemap | {"404.html"}
    assert vnu.checked == set(vnu.pages) | {vnu.invalid}
