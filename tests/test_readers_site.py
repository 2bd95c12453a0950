"""What the built site tells search engines and machines: JSON-LD, OGP, canonical, sitemap, JSON export,
the comparison page, and the calculator's rules in Python."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup
from conftest import ROOT

from kaiyaku.derive.calculator import amounts, calculator_data, cheapest_day, is_month_end, plan
from kaiyaku.facts.catalog import load_site
from kaiyaku.facts.clock import checks_allowed_until

CATALOG = load_site(ROOT)


def soup(site, path):
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_guide_has_breadcrumb_jsonld_from_the_facts(real_site):
    data = json.loads(soup(real_site, "iijmio/index.html").select_one('script[type="application/ld+json"]').string)
    types = {node["@type"]: node for node in data["@graph"]}
    crumbs = [item["name"] for item in types["BreadcrumbList"]["itemListElement"]]
    assert crumbs == ["ホーム", "格安SIM(MVNO)", "IIJmio"]
    assert set(types) == {"BreadcrumbList"}  # no FAQPage: it would repeat the answers in every first view
    # a carrier's list of sources is no guide: no structured data of its own
    assert soup(real_site, "iijmio/sources/index.html").select_one('script[type="application/ld+json"]') is None


def test_pages_have_canonical_and_japanese_open_graph(real_site):
    page = soup(real_site, "au/index.html")
    assert page.select_one('link[rel="canonical"]')["href"] == "https://kaiyaku-guide.github.io/au/"
    assert page.select_one('meta[property="og:locale"]')["content"] == "ja_JP"
    assert "auの解約" in page.select_one('meta[property="og:description"]')["content"]
    assert page.select_one('meta[property="og:url"]')["content"].endswith("/au/")


def test_sitemap_lastmod_comes_from_last_checked_dates(real_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {u.find("s:loc", ns).text: u.find("s:lastmod", ns) for u in ET.parse(real_site / "sitemap.xml").getroot()}
    newest = max(s.checked for s in CATALOG.get("au").sources).isoformat()
    assert urls["https://kaiyaku-guide.github.io/au/"].text == newest
    assert urls["https://kaiyaku-guide.github.io/about/"] is None  # hand-written pages carry no fake date


def test_json_export_mirrors_the_model(real_site):
    index = json.loads((real_site / "api/carriers/index.json").read_text(encoding="utf-8"))
    assert {c["id"] for c in index["carriers"]} == set(CATALOG.carriers)
    au = json.loads((real_site / "api/carriers/au.json").read_text(encoding="utf-8"))
    short_term = next(f for f in au["fees"] if f["id"] == "early-2024")
    assert short_term["contracted"] == {"from": "2024-06-01", "to": "2025-09-30"} and short_term["tax"] == "included"
    # rules in force are marked as of the commit; ended ones stay in the export, marked past
    assert {f.get("status") for f in au["fees"]} >= {"current", "past"}
    assert next(f for f in au["fees"] if f["id"] == "mnp-fee-old")["in_force"] == {"from": None, "until": "2021-03-31"}
    # every source says what kind it is and the date its page states
    assert {s["kind"] for s in au["sources"]} >= {"official", "press", "guide"}
    assert all(s["page_date"] == "undated" or s["page_date"][:2] == "20" for s in au["sources"])
    assert "API" in soup(real_site, "api/index.html").get_text()


def test_comparison_page_covers_every_full_guide(real_site):
    text = re.sub(r"\s+", " ", soup(real_site, "compare/index.html").select_one("article").get_text(" "))
    for guide in CATALOG.guides():
        assert guide.name in text
    assert "返却が必要" in text and "返却は不要" in text
    assert "IIJサポートセンター 9:00〜19:00(年中無休)" in text
    assert "利用開始月の末日まで" in text


def test_calculator_rules_for_a_full_to_prorated_move():
    pairs = {p["to"]: p for p in calculator_data(CATALOG.get("au"), CATALOG.carriers)["pairs"]}
    p = plan(pairs["uq-mobile"], dt.date(2026, 2, 10))
    assert (p.last_month, p.last_month_days, p.first_month, p.first_month_days) == ("prorated", 10, "prorated", 19)
    assert p.overlap == "none" and p.cheapest == "any" and p.issue_from is None


def test_calculator_rules_for_a_reservation_number():
    pairs = {p["to"]: p for p in calculator_data(CATALOG.get("iijmio"), CATALOG.carriers)["pairs"]}
    p = plan(pairs["mineo"], dt.date(2026, 3, 31))
    assert p.issue_from == dt.date(2026, 3, 17)  # valid for 15 days including the day of issue
    assert p.request_from == dt.date(2026, 3, 13)  # up to 4 days to issue
    assert p.apply_by_day == 6  # mineo wants 10 days left
    assert p.first_month == "prorated" and p.cheapest == "month_end"  # IIJmio bills the last month in full, mineo prorates the first


def test_cheapest_day_rules():
    assert cheapest_day("full", "prorated") == "month_end"
    assert cheapest_day("full", "no_base_fee") == "month_end"
    assert cheapest_day("prorated", "full") == "month_start"
    assert cheapest_day("full", "full") == "any"
    assert cheapest_day(None, "full") == "unknown"


def test_february_and_leap_years():
    rules = {"last_month": "full", "first_month": "prorated", "reservation": "needed", "validity_days": 15, "issue_days_max": None, "days_left_required": None}
    assert plan(rules, dt.date(2028, 2, 29)).first_month_days == 1
    assert plan(rules, dt.date(2027, 2, 1)).days_in_month == 28


def test_calculator_yen_where_both_carriers_prices_are_in_the_facts():
    data = calculator_data(CATALOG.get("au"), CATALOG.carriers)
    pairs = {p["to"]: p for p in data["pairs"]}
    au, ahamo = data["prices"][0], pairs["ahamo"]["prices"][0]
    assert (au["amount"], ahamo["amount"]) == (7788, 2970)
    # au bills its last month in full, ahamo prorates its first: 22 of December's 31 days
    a = amounts(pairs["ahamo"], au, ahamo, dt.date(2026, 12, 10))
    assert (a.last, a.first, a.total, a.prorated) == (7788, 2108, 9896, True)  # 2970 × 22 / 31 = 2107.7
    assert amounts(pairs["ahamo"], au, ahamo, dt.date(2026, 12, 31)).first == 96
    # no price in the facts, no yen: BIGLOBEモバイル lists none
    biglobe = calculator_data(CATALOG.get("biglobe-mobile"), CATALOG.carriers)
    assert biglobe["prices"] == [] and amounts(biglobe["pairs"][0], None, None, dt.date(2026, 12, 10)).total is None
    # a month without a base fee (povo2.0 as destination) costs its base fee, 0 円, whatever the day
    assert amounts(pairs["povo2"], au, pairs["povo2"]["prices"][0], dt.date(2026, 12, 10)).first == 0


def test_calculator_month_end_facts_come_from_the_origins_own_file():
    """The sentences the month-end warning quotes are the origin's own, about the way this move uses or its FAQ,
    on a request at the month's end moving to the next day or month (not a minimum term "until the next month's end")."""
    assert is_month_end(dt.date(2026, 12, 31)) and is_month_end(dt.date(2028, 2, 29)) and not is_month_end(dt.date(2028, 2, 28))
    biglobe = {p["to"]: p for p in calculator_data(CATALOG.get("biglobe-mobile"), CATALOG.carriers)["pairs"]}
    notes = biglobe["povo2"]["month_end_notes"]
    assert notes and all(("月末" in n or "末日" in n) for n in notes) and any("翌月分の料金" in n for n in notes)
    mineo = calculator_data(CATALOG.get("mineo"), CATALOG.carriers)["pairs"][0]["month_end_notes"]
    assert any("9:00〜21:00" in n for n in mineo) and not any("翌月末まで" in n for n in mineo)


def scripts_of(site, path) -> list[str]:
    return [s["src"].split("?")[0] for s in soup(site, path).find_all("script", src=True)]


def test_the_calculator_script_loads_only_on_the_calculator_page(real_site):
    assert "../assets/calculator.js" in scripts_of(real_site, "calculator/index.html")
    for guide in CATALOG.guides():
        assert not any(s.endswith("calculator.js") for s in scripts_of(real_site, f"{guide.id}/index.html")), guide.id


def test_every_page_first_view_is_at_most_80_kb_compressed(real_site):
    """HTML, CSS and JS a page loads before any interaction, gzip-compressed as a static host serves them."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench import page_weight

    weights = {p.parent.relative_to(real_site).as_posix(): page_weight(real_site, p.relative_to(real_site).as_posix())
               for p in [*real_site.glob("*/index.html"), *real_site.glob("*/to/*/index.html")]}
    assert len(weights) >= len(CATALOG.carriers) + 4 + 80  # and every route page
    heavy = {page: weight for page, weight in weights.items() if weight > 80_000}
    assert heavy == {}, (f"first view over 80,000 bytes gzip: {heavy}. A guide grew or the theme got heavier: "
                         "trim what every page carries (README, Benchmarks: Page weight) rather than the facts")


def test_no_script_holds_up_the_first_paint(real_site):
    """Every external script, Material's bundle included, is deferred: the text paints before any runs."""
    for path in ("index.html", "iijmio/index.html", "calculator/index.html", "about/index.html"):
        external = soup(real_site, path).find_all("script", src=True)
        assert any("bundle" in s["src"] for s in external), path
        assert [s["src"] for s in external if not s.has_attr("defer")] == [], path


def heavy_guide(sources: int = 60, items: int = 90) -> str:
    """A well-sourced guide: ``sources`` sources of every kind and ``items`` cited facts, most citing several."""
    kinds = ["official", "regulator", "press", "guide", "community"]
    lines = ["id: heavy", "name: 出典の多いキャリア", "role: guide", "identity:", "  kind: mvno", "  sources: [s0]", "ways:",
             "  - id: cancel", "    kind: cancel", "    title: 解約する", "    summary: 番号を手放す方法です。",
             "    procedures:", "      - channel: member_page", "        steps:", "          - text: 会員ページで解約を申し込む",
             "    sources: [s1, s2]", "billing:", "  last_month: full", "  sources: [s3]", "fees:", "  - id: penalty",
             "    name: 契約解除料", "    kind: penalty", "    amount: 1100", "    tax: included", "    within_months: 12",
             "    sources: [s4, s5]", "sim_return:", "  rule: not_required", "  sources: [s6]", "faq:"]
    for i in range(items - 5):
        cited = ", ".join(f"s{(i * 3 + k) % sources}" for k in range(1 + i % 3))
        lines += [f"  - q: 質問 {i} の答えは何ですか", f"    a: [答えは {i} です。]", f"    sources: [{cited}]"]
    lines += ["switch_to: [target]", "sources:"]
    for i in range(sources):
        date = "undated" if i % 4 == 0 else f"2025-{1 + i % 12:02d}" + ("" if i % 2 else f"-{1 + i % 28:02d}")
        lines += [f"  - id: s{i}", f"    title: 出典のページ {i}(サイト{i})", f"    url: https://site{i}.example.jp/articles/{1000 + i}/kaiyaku",
                  f"    kind: {kinds[i % 5]}", f"    page_date: {date}", "    checked: 2026-11-30"]
    return "\n".join(lines) + "\n"


def test_a_guide_with_60_sources_and_90_cited_facts_fits_its_first_view(tmp_path):
    """Citations are numbers that lead to the guide's own list of sources, so they stay light."""
    import sys

    from conftest import FIXTURES, make_site, mkdocs_build

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench import page_weight

    site = make_site(tmp_path, {"heavy.yaml": heavy_guide(), "target.yaml": (FIXTURES / "target_profile.yaml").read_text(encoding="utf-8")})
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr
    page = soup(site / "site", "heavy/index.html")
    assert len(page.select(".kg-cite")) >= 90
    listed = soup(site / "site", "heavy/sources/index.html").select('span[id^="src-"]')
    assert len(listed) >= 60
    assert page_weight(site / "site", "heavy/index.html") <= 80_000


def test_comparison_names_each_of_several_transfer_fees_on_its_own_line(real_site):
    """A carrier with more than one MNP transfer fee in force shows each with its name, one per line, and only such
    a carrier has more than one line (since issue 25 no guide has two in force: イオンモバイル's old fees are history)."""
    rows = soup(real_site, "compare/index.html").select("article tbody tr")
    several = 0
    for row in rows:
        name, cell = row.select_one("th a").get_text(strip=True), row.select("td")[2]
        if cell.select("br"):
            several += 1
            names = [f.name for g in CATALOG.guides() if g.name == name for f in g.fees if f.kind == "port_out"]
            lines = [line.strip() for line in cell.get_text("\n").split("\n") if line.strip()]
            assert len(lines) == len(cell.select("br")) + 1 and all(any(line.startswith(n + ":") for n in names) for line in lines), lines
    today = checks_allowed_until(ROOT)
    assert several == sum(len([f for f in g.fees if f.kind == "port_out" and f.in_force_on(today)]) > 1 for g in CATALOG.guides())


def test_every_heading_link_says_what_it_is_in_japanese(real_site):
    """The ¶ link beside each heading is titled in Japanese on generated and hand-written pages alike (Python-Markdown's own title is English)."""
    for path in ("iijmio/index.html", "iijmio/sources/index.html", "about/index.html", "compare/index.html"):
        links = soup(real_site, path).select("a.headerlink")
        assert links and {a["title"] for a in links} == {"この見出しへのリンク"}, path
    assert not [p for p in real_site.rglob("*.html") if "Permanent link" in p.read_text(encoding="utf-8")]
