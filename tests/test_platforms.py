"""Platform continuity: the export builds without the plugin, on ProperDocs and on Zensical 0.1.x (pinned in
pyproject's test extra). What works where, and the move to Zensical step by step: docs/ARCHITECTURE.md."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, make_site

from kaiyaku.output.export import export_site

BIN = Path(sys.executable).parent
ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": f"{BIN}:/usr/bin:/bin", "HOME": "/tmp"}
GUIDE_FACTS = {
    "iijmio": ["〒143-0006", "発行日を含めて 15 日", "月末日の 20:00 まで取り消せます", "初期契約解除制度で解約する", "eSIM を解約する"],
    "au": ["例外: UQ mobile・povo2.0へ移る場合", "店舗 4,950円", "0077-75470", "990円(税込)"],
}


def article_text(html_file: Path) -> str:
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    for anchor in article.select("a.headerlink"):
        anchor.decompose()
    return re.sub(r"\s+", " ", article.get_text(" ")).strip()


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export") / "out"
    catalog = export_site(ROOT, out)
    assert catalog.ok
    return out


def test_export_writes_pages_and_json_without_the_plugin(exported):
    assert (exported / "docs/iijmio/index.md").read_text(encoding="utf-8").startswith("---\ndescription:")
    data = json.loads((exported / "docs/api/carriers/iijmio.json").read_text(encoding="utf-8"))
    assert data["sim_return"]["address"]["postal_code"] == "143-0006"
    import yaml

    plugins = yaml.safe_load((exported / "mkdocs.yml").read_text(encoding="utf-8"))["plugins"]
    assert "kaiyaku" not in [p if isinstance(p, str) else next(iter(p)) for p in plugins]


def test_export_refuses_bad_facts_and_writes_nothing(tmp_path):
    site = make_site(tmp_path, {}, real=True)
    (site / "carriers/au.yaml").write_text((site / "carriers/au.yaml").read_text(encoding="utf-8").replace("amount: 990", "amount: 990円"), encoding="utf-8")
    out = tmp_path / "out"
    catalog = export_site(site, out)
    assert catalog.errors and not out.exists()


def article_shape(html_file: Path) -> tuple[list, str]:
    """A page's article as a reader and a script meet it: every element (tag, id, classes, link, data-*
    attributes) in order, and its text without whitespace. Zensical's skip-link target is its theme's, not the page's."""
    article = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser").select_one("article")
    for target in article.select("a#__skip"):
        target.decompose()
    elements = [(el.name, sorted((k, " ".join(v) if isinstance(v, list) else v) for k, v in el.attrs.items())) for el in article.find_all(True)]
    return elements, re.sub(r"\s+", "", article.get_text())


def sitemap_dates(site: Path) -> dict[str, str | None]:
    """Each address of a built site's sitemap and its lastmod (None without one); Zensical writes / as &#x2f;."""
    urls = re.findall(r"<url>(.*?)</url>", (site / "sitemap.xml").read_text(encoding="utf-8"), flags=re.S)
    dates = {re.search(r"<loc>([^<]+)</loc>", u)[1].replace("&#x2f;", "/"): (re.findall(r"<lastmod>([^<]+)</lastmod>", u) or [None])[0] for u in urls}
    assert len([d for d in dates.values() if d]) >= 17 * 3
    return dates


@pytest.fixture(scope="module")
def same_export(real_site, tmp_path_factory) -> Path:
    """The export of the same project as the built real site (its copy has no git history, so the pages of sources agree)."""
    out = tmp_path_factory.mktemp("same") / "out"
    assert export_site(real_site.parent, out).ok
    return out


def generated_pages(export: Path) -> list[Path]:
    """Where each generated page of an export is built (``au/sources/index.html``): every page not in content/."""
    docs = export / "docs"
    pages = [p.relative_to(docs).parent / "index.html" for p in docs.rglob("index.md") if not (ROOT / "content" / p.relative_to(docs)).exists()]
    assert len(pages) > 40 and not [p for p in docs.rglob("*.md") if p.name != "index.md" and not (ROOT / "content" / p.relative_to(docs)).exists()]
    return pages


def test_exported_pages_build_with_plain_mkdocs_into_the_same_pages(exported, same_export, real_site, tmp_path):
    """The export is Markdown headings around the generated HTML: plain MkDocs (Python-Markdown) builds every
    generated page into the article the plugin's build writes, element for element."""
    result = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-q", "-d", str(tmp_path / "s")], cwd=exported, capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stderr
    for carrier, facts in GUIDE_FACTS.items():
        text = article_text(tmp_path / "s" / carrier / "index.html")
        assert all(f in text for f in facts), carrier
    result = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-q", "-d", str(tmp_path / "p")], cwd=same_export, capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stderr
    for built in generated_pages(same_export):
        assert article_shape(tmp_path / "p" / built) == article_shape(real_site / built), built
    assert sitemap_dates(tmp_path / "p") == sitemap_dates(real_site)


def test_properdocs_builds_the_real_site_with_the_same_facts(real_site, tmp_path):
    site = make_site(tmp_path, {}, real=True)
    out = tmp_path / "proper"
    result = subprocess.run([str(BIN / "properdocs"), "build", "--strict", "-q", "-f", "mkdocs.yml", "-d", str(out)], cwd=site, capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stderr
    for carrier in GUIDE_FACTS:
        assert article_text(out / carrier / "index.html") == article_text(real_site / carrier / "index.html"), carrier


def test_zensical_builds_every_exported_page_into_the_same_article(exported, same_export, real_site, tmp_path):
    """Zensical 0.1.x builds the export under --strict, and every generated page (guides, before cancelling,
    sources, compare, rules...) is the article the plugin's build writes, element for element and link for link
    (Zensical resolves a page's links from its file: the export puts each file where its URL is); the sitemap
    keeps the facts' dates."""
    project = tmp_path / "z"
    shutil.copytree(exported, project)
    result = subprocess.run([str(BIN / "zensical"), "build", "--strict"], cwd=project, capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    for carrier, facts in GUIDE_FACTS.items():
        text = article_text(project / "site" / carrier / "index.html")
        missing = [f for f in facts if f not in text]
        assert not missing, (carrier, missing)
    same = tmp_path / "same"
    shutil.copytree(same_export, same)
    result = subprocess.run([str(BIN / "zensical"), "build", "--strict"], cwd=same, capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    for built in generated_pages(same_export):
        assert article_shape(same / "site" / built) == article_shape(real_site / built), built
    assert sitemap_dates(same / "site") == sitemap_dates(real_site)
