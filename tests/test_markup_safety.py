"""No markup from a fact file reaches a page: the whole built site, head and navigation included, has
exactly the elements, attributes, comments and processing instructions the templates wrote.

A carrier's name becomes the page title, the navigation's titles and the page description, which
Material prints without escaping (in <title>, meta, the header and the navigation). Three sites with the
same carriers are built: one with plain names, one with hostile names a fact file may hold (they pass
`check`), and one whose names are swapped for raw markup behind the checker's back (what the plugin
hands the theme must be safe whatever the facts say). Every page of the hostile sites must have the
same structure as the plain site's, and show each name as the text it is.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction
from conftest import FIXTURES, check_text, make_site

from kaiyaku.commands.build import build_atomically
from kaiyaku.mkdocs_plugin import plugin as plugin_module
from kaiyaku.output.export import export_site
from kaiyaku.output.theme import inert, inert_nav

#: the minimal guide with a topic before cancelling, so that its page of topics (titled with the name) is built too
GUIDE = (FIXTURES / "minimal_guide.yaml").read_text(encoding="utf-8").replace(
    "ways:\n", "before_cancel:\n  - topic: documents\n    title: 必要なもの\n    points: [本人確認書類を持っていきます。]\n    sources: [s]\nways:\n", 1)
TARGET = (FIXTURES / "target_profile.yaml").read_text(encoding="utf-8")
PROFILES = 31  # more than 30 entries make navigation sections titled with the first and last names

#: names a fact file may hold (each passes `check`) that would be markup if printed unescaped
HOSTILE = [
    "IIJmio&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
    'x" http-equiv="refresh" content="0;url=https://evil.example/',
    "<?php echo 1 ?>",
    "&#60;img src=x onerror=alert(2)&#62;",
    "' onmouseover='alert(3)",
    "a--> b &amp; c",
    "]]> <%= 4 %> 1<2 && 3>2",
    "&lt;!-- c --&gt;",
]
#: raw markup the checker refuses, put into the catalog behind its back
RAW = [
    "</title><script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "<!-- c --><b>b</b>",
    "<?php x ?><svg onload=alert(3)>",
    "</a></span></label><iframe src=//evil.example>",
]


def names(kind: str) -> list[str]:
    pool = {"plain": [f"ベニン{i}" for i in range(len(HOSTILE))], "hostile": HOSTILE, "raw": RAW}[kind]
    return [f"{pool[i % len(pool)]}{i}" for i in range(PROFILES + 1)]


def carriers(kind: str) -> dict[str, str]:
    """One guide and PROFILES profiles (the first of them its switching target, one with a previous id)."""
    given = names("plain" if kind == "raw" else kind)
    files = {"minimal.yaml": GUIDE.replace("name: ミニマル", f"name: {json.dumps(given[0], ensure_ascii=False)}").replace("[target]", "[p00]")}
    for i in range(PROFILES):
        text = TARGET.replace("id: target", f"id: p{i:02d}").replace("name: ターゲット", f"name: {json.dumps(given[i + 1], ensure_ascii=False)}")
        files[f"p{i:02d}.yaml"] = text + ("previous_ids: [old-p00]\n" if i == 0 else "")
    return files


def build(tmp_path: Path, kind: str, monkeypatch) -> Path:
    (tmp_path / kind).mkdir()
    site = make_site(tmp_path / kind, carriers(kind))
    api = site / "content/api.md"
    api.write_text(api.read_text(encoding="utf-8").replace("api/carriers/iijmio.json", "api/carriers/minimal.json"), encoding="utf-8")
    if kind == "raw":
        real = plugin_module.load_catalog
        swapped = dict(zip(names("plain"), names("raw")))

        def hostile_catalog(*args, **kwargs):
            catalog = real(*args, **kwargs)
            catalog.carriers = {cid: c.model_copy(update={"name": swapped[c.name]}) for cid, c in catalog.carriers.items()}
            return catalog

        monkeypatch.setattr(plugin_module, "load_catalog", hostile_catalog)
    build_atomically(site / "mkdocs.yml", site / "site")
    monkeypatch.undo()
    return site / "site"


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    with pytest.MonkeyPatch.context() as monkeypatch:
        tmp = tmp_path_factory.mktemp("markup")
        return {kind: build(tmp, kind, monkeypatch) for kind in ("plain", "hostile", "raw")}


def structure(html: str) -> tuple[Counter, list[str]]:
    """Every element with its attribute names, and every comment, processing instruction and declaration."""
    soup = BeautifulSoup(html, "html.parser")
    elements = Counter((tag.name, tuple(sorted(tag.attrs))) for tag in soup.find_all(True))
    others = [f"{type(node).__name__}:{node}" for node in soup.find_all(string=lambda s: isinstance(s, (Comment, ProcessingInstruction, Declaration, Doctype)))]
    return elements, others


def test_the_hostile_names_pass_the_checker():
    for name in HOSTILE:
        _c, errors = check_text(GUIDE.replace("name: ミニマル", f"name: {json.dumps(name, ensure_ascii=False)}"), "carriers/minimal.yaml")
        assert errors == [], (name, [str(e) for e in errors])


@pytest.mark.parametrize("kind", ["hostile", "raw"])
def test_every_page_has_only_the_markup_the_templates_wrote(sites, kind):
    plain, other = sites["plain"], sites[kind]
    pages = sorted(p.relative_to(plain).as_posix() for p in plain.rglob("*.html"))
    assert pages == sorted(p.relative_to(other).as_posix() for p in other.rglob("*.html"))
    assert "old-p00/index.html" in pages and "minimal/index.html" in pages and "minimal/to/p00/index.html" in pages  # a route page: both names in its title
    for page in pages:
        expected = structure((plain / page).read_text(encoding="utf-8"))
        found = structure((other / page).read_text(encoding="utf-8"))
        extra = found[0] - expected[0]
        assert not extra, (page, extra)
        assert found == expected, page
    for feed in sorted(plain.glob("feeds/*.xml")):
        tags = lambda path: Counter(e.tag for e in ET.parse(path).getroot().iter())  # noqa: E731
        assert tags(feed) == tags(other / feed.relative_to(plain)), feed


@pytest.mark.parametrize("kind", ["hostile", "raw"])
def test_every_name_shows_as_the_text_it_is(sites, kind):
    given = names(kind)
    site = sites[kind]
    for i in range(PROFILES):
        soup = BeautifulSoup((site / f"p{i:02d}/index.html").read_text(encoding="utf-8"), "html.parser")
        name = given[i + 1]
        assert soup.title.get_text() == f"{name} - ケータイ解約ガイド"
        assert soup.select_one('meta[property="og:title"]')["content"] == name
        assert soup.select_one('meta[name="description"]')["content"].startswith(f"乗り換え先としての{name}:")
        assert soup.select_one("[data-md-component=header-topic]").get_text(strip=True) == name
        nav = [a.get_text(strip=True) for a in soup.select("nav.md-nav--primary a, nav.md-nav--primary label")]
        assert name in nav
    first = BeautifulSoup((site / "p00/index.html").read_text(encoding="utf-8"), "html.parser")
    sections = [label.get_text(strip=True) for label in first.select("nav.md-nav--primary label")]
    assert f"{given[1]} 〜 {given[20]}" in sections  # the navigation section named after its first and last carrier
    guide = BeautifulSoup((site / "minimal/index.html").read_text(encoding="utf-8"), "html.parser")
    assert guide.title.get_text() == f"{given[0]} - ケータイ解約ガイド"
    forward = BeautifulSoup((site / "old-p00/index.html").read_text(encoding="utf-8"), "html.parser")
    assert forward.title.get_text() == f"{given[1]}のページは移りました"


def test_inert_text_for_the_theme():
    assert inert('a<b>&"\'') == "a&lt;b&gt;&amp;&#34;&#39;"
    assert inert_nav([{"<x>": "a.md"}, {"s&": [{"'q'": "b.md"}]}]) == [{"&lt;x&gt;": "a.md"}, {"s&amp;": [{"&#39;q&#39;": "b.md"}]}]


def test_the_export_hands_the_same_inert_text_to_the_theme(tmp_path):
    """`kaiyaku export` writes titles and descriptions that a plain MkDocs build prints unescaped."""
    import yaml

    site = make_site(tmp_path, carriers("hostile"))
    out = tmp_path / "out"
    assert export_site(site, out).ok
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))

    def titles(nav: list) -> list[str]:
        return [t for item in nav for title, target in item.items() for t in ([title] + (titles(target) if isinstance(target, list) else []))]

    shown = titles(config["nav"])
    assert inert(names("hostile")[1]) in shown and not any(c in t for t in shown for c in '<>"')
    front = (out / "docs/p01/index.md").read_text(encoding="utf-8").split("---")[1]
    assert yaml.safe_load(front)["description"].startswith(f"乗り換え先としての{inert(names('hostile')[2])}")
    assert (out / "docs/old-p00/index.html").read_text(encoding="utf-8").count("../p00/") == 2
