"""The real site built under --strict: what a reader sees on the IIJmio and au pages, and build failures."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import FIXTURES, make_site, mkdocs_build


def text_of(site: Path, page: str) -> str:
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    return re.sub(r"\s+", " ", soup.select_one("article").get_text(" "))


def test_iijmio_page_shows_all_five_ways_with_their_steps(real_site):
    soup = BeautifulSoup((real_site / "iijmio/index.html").read_text(encoding="utf-8"), "html.parser")
    ways = [h.get_text(" ", strip=True) for h in soup.select("article h3[id^=way-]")]
    assert len(ways) == 5, ways
    for way_id in ("initial-cancellation", "cancel", "port-out", "remove-sim", "esim"):
        heading = soup.select_one(f"h3#way-{way_id}")
        assert heading is not None, way_id
        steps = heading.find_next("ol")
        assert steps is not None and len(steps.find_all("li", recursive=False)) >= (1 if way_id == "remove-sim" else 2), way_id
    text = text_of(real_site, "iijmio/index.html")
    assert "「サービスのご解約」を選ぶ" in text and "SIMカードの削除を申し込み" in text and "「MNP予約番号の発行・確認」を開く" in text


def test_iijmio_page_shows_the_return_address_and_the_15_day_validity(real_site):
    text = text_of(real_site, "iijmio/index.html")
    assert "〒143-0006" in text
    assert "東京都大田区平和島3-6-1" in text and "IIJモバイル解約受付センター" in text
    assert "発行日を含めて 15 日" in text
    assert "月末日の 20:00 まで取り消せます" in text
    assert "0570-09-4400" in text and "9:00〜19:00" in text


def test_iijmio_page_shows_conflicting_sources_with_a_recheck_badge(real_site):
    text = text_of(real_site, "iijmio/index.html")
    assert "要再確認: 返却先の住所が今も正しいか" in text
    assert "要再確認: 解約月の料金が日割りになるか" in text
    # a dispute only an older guide against a newer press page backed is gone (the resolution rule of issue 25)
    assert "要再確認: 番号を引き継ぐ乗り換えに予約番号が要るか" not in text
    # each claim cites its sources by number; the numbers lead to the guide's list of sources
    soup = BeautifulSoup((real_site / "iijmio/index.html").read_text(encoding="utf-8"), "html.parser")
    box = next(d for d in soup.select("div.admonition") if "返却先の住所" in d.get_text())
    numbers = {a["href"].split("#src-")[1] for a in box.select('a[href^="sources/#src-"]')}
    sources = BeautifulSoup((real_site / "iijmio/sources/index.html").read_text(encoding="utf-8"), "html.parser")
    titles = {n: sources.select_one(f"#src-{n}").find_parent("tr").get_text(" ") for n in numbers}
    assert any("マネたつ" in t for t in titles.values()) and any("格安スマホ思考" in t for t in titles.values()), titles


def test_every_section_shows_its_sources(real_site):
    soup = BeautifulSoup((real_site / "iijmio/index.html").read_text(encoding="utf-8"), "html.parser")
    for section in ("ways", "billing", "fees", "sim-return", "faq", "mnp"):
        heading = soup.select_one(f"h2#{section}")
        assert heading is not None, section
        node, found = heading.find_next_sibling(), False
        while node is not None and node.name != "h2":
            if node.select_one(".kg-cite") or "kg-cite" in (node.get("class") or []):
                # a numbered reference to the page's list of sources (how current it is and its kind are there)
                found = node.select_one('a[href^="sources/#src-"]') is not None
                if found:
                    break
            node = node.find_next_sibling()
        assert found, section


def test_au_page_shows_the_uq_povo_exception_and_destination_fees(real_site):
    text = text_of(real_site, "au/index.html")
    assert "例外: UQ mobile・povo2.0へ移る場合" in text
    assert "日割り" in text
    # the way's title is quoted: titles are verb phrases or names, and 「…する」の場合 reads right for both
    assert "「UQ mobile・povo2.0 へ番号移行する」の場合、auの最終月は 日割り になります" in text
    assert "Web 0円" in text and "店舗 4,950円" in text  # docomo, computed from docomo.yaml
    assert "3,850円" in text  # Rakuten's fifth line and UQ with a device, from their own files
    assert "不要(番号移行)" in text
    assert "990円(税込)" in text and "1,100円(税込)" in text
    assert "0077-75470" in text
    assert "330円(税込)/月" in text and "解約から 31 日以内" in text


def test_comparison_numbers_come_from_the_target_files(tmp_path):
    guide = (FIXTURES / "minimal_guide.yaml").read_text(encoding="utf-8")
    target = (FIXTURES / "target_profile.yaml").read_text(encoding="utf-8")
    site = make_site(tmp_path, {"minimal.yaml": guide, "target.yaml": target.replace("amount: 3850", "amount: 4321")})
    assert mkdocs_build(site).returncode == 0
    text = text_of(site / "site", "minimal/index.html")
    assert "4,321円(税込)" in text and "990円(税込)/月" in text


def test_home_page_lists_the_guides_and_nav_is_grouped(real_site):
    soup = BeautifulSoup((real_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a.get_text(strip=True) for a in soup.select("article a")}
    assert {"IIJmio", "au"} <= links
    nav = soup.select_one("nav.md-nav--primary").get_text(" ")
    assert "格安SIM(MVNO)" in nav and "大手キャリア" in nav and "その他" not in nav


def test_guide_pages_have_a_japanese_description(real_site):
    soup = BeautifulSoup((real_site / "au/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "auの解約・乗り換えの方法" in soup.select_one('meta[name="description"]')["content"]
    assert soup.select_one("html")["lang"] == "ja"


def test_nothing_generated_is_written_into_content():
    root = Path(__file__).resolve().parent.parent / "content"
    assert not (root / "iijmio").exists() and not (root / "index.md").exists()


def test_a_guide_without_faq_fails_the_build_naming_file_and_section(tmp_path):
    guide = (FIXTURES / "minimal_guide.yaml").read_text(encoding="utf-8")
    no_faq = guide[: guide.index("faq:")] + guide[guide.index("switch_to:"):]
    target = (FIXTURES / "target_profile.yaml").read_text(encoding="utf-8")
    site = make_site(tmp_path, {"minimal.yaml": no_faq, "target.yaml": target})
    result = mkdocs_build(site)
    assert result.returncode != 0
    assert "carriers/minimal.yaml" in result.stderr and "よくある質問(faq)" in result.stderr
    assert not (site / "site").exists()


def test_hostile_text_never_reaches_the_html_as_markup(tmp_path):
    """Text that survives validation but is markup-like must be escaped in the built page."""
    guide = (FIXTURES / "minimal_guide.yaml").read_text(encoding="utf-8")
    hostile = "*強調* _下線_ `code` # 見出し > 引用 | 表 & <> \\ !! [x] (y) {z} 1. + -"
    guide = guide.replace("summary: 番号を手放す方法です。", f"summary: '{hostile}'")
    guide = guide.replace("name: ミニマル", "name: 'ミ*ニ*マ_ル_ & 1<2'")
    site = make_site(tmp_path, {"minimal.yaml": guide, "target.yaml": (FIXTURES / "target_profile.yaml").read_text(encoding="utf-8")})
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr
    html = (site / "site/minimal/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article")
    (para,) = [p for p in article.select("p") if "強調" in p.get_text()]
    assert para.find() is None, para  # no element at all inside: every character came out as text
    assert para.get_text() == hostile
    assert not article.select("blockquote, code, em")
    assert "ミ*ニ*マ_ル_ & 1<2" in article.select_one("h1").get_text()


def test_no_markup_from_facts_in_the_whole_built_site(real_site):
    for page in real_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        body = html[html.find("<article"): html.find("</article>")]
        assert "<script" not in body, page
        assert "javascript:" not in html, page
        assert "{{" not in body and "{:" not in body, page
        assert "\\-" not in BeautifulSoup(body, "html.parser").get_text(), page


def test_every_guide_opens_with_its_answer_card_and_renders_no_raw_markdown(real_site):
    """A template whitespace slip turns a table or a list into literal pipes and dashes: catch it."""
    from kaiyaku.facts.catalog import load_catalog

    root = Path(__file__).resolve().parent.parent
    for guide in load_catalog(root / "carriers", root).guides():
        soup = BeautifulSoup((real_site / guide.id / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert [dt.get_text() for dt in soup.select("article .kg-answer dt")], guide.id
        for p in soup.select("article p"):
            text = p.get_text()
            assert "| ---" not in text and not text.lstrip().startswith("| "), (guide.id, text[:80])


def test_no_page_shows_markdown_syntax_or_escapes_as_text(real_site):
    leaks = []
    for page in real_site.rglob("*.html"):
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article")
        for element in article.select("p, li, td, dd, th") if article else []:
            text = element.get_text()
            leaks += [(page.relative_to(real_site).as_posix(), mark, text[:60]) for mark in ("| ---", "**", "\\(", "\\-", "\\.", "{ #", "!!!", "](") if mark in text]
    assert leaks == []


def test_no_carrier_id_may_be_a_name_the_site_uses(real_site):
    """Every top-level name of the built site that is not a carrier's page is refused as a carrier id
    (a carrier named `compare` would silently replace the comparison page)."""
    from kaiyaku.facts.catalog import docs_dir_of, load_catalog, site_names

    root = Path(__file__).resolve().parent.parent
    carriers = set(load_catalog(root / "carriers", root).carriers)
    used = {entry.name.split(".")[0] for entry in real_site.iterdir()} - carriers
    assert used and used <= site_names(docs_dir_of(root)), used - site_names(docs_dir_of(root))


def broken_links(site: Path) -> list[tuple[str, str, str]]:
    """Links inside the site (every <a href> without a scheme or host) whose page or anchor does not exist."""
    from urllib.parse import unquote, urlsplit

    ids: dict[Path, set[str]] = {}
    broken = []
    for page in sorted(site.rglob("*.html")):
        if "pagefind" in page.parts:
            continue
        for href in re.findall(r'<a [^>]*href="([^"]+)"', page.read_text(encoding="utf-8")):
            url = urlsplit(href.replace("&amp;", "&"))
            if url.scheme or url.netloc:
                continue
            path = unquote(url.path)
            target = page if not path else ((site / path.lstrip("/")) if path.startswith("/") else page.parent / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            where = page.relative_to(site).as_posix()
            if not target.is_file():
                broken.append((where, href, "ページがない"))
            elif url.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(re.findall(r'\sid="([^"]+)"', target.read_text(encoding="utf-8")))
                if url.fragment not in ids[target]:
                    broken.append((where, href, "アンカーがない"))
    return broken


def test_every_link_inside_the_site_reaches_its_page_and_anchor(real_site, tmp_path):
    """Generated pages are HTML that MkDocs does not check: their links (to other guides, sources, sections,
    the checklist, a page one folder up) are checked here, and the check finds a planted broken one."""
    assert broken_links(real_site) == []
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text('<h2 id="x">x</h2><a href="#x">ok</a><a href="../b/">no page</a><a href="#y">no anchor</a>', encoding="utf-8")
    assert [b[1:] for b in broken_links(tmp_path)] == [("../b/", "ページがない"), ("#y", "アンカーがない")]
