"""Route pages (/<from>/to/<to>/): each step of a switch comes from the two carriers' files, and the money agrees
with the calculator's rules for the same day."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, ROOT, calculate, drawn_month

from kaiyaku.derive.calculator import calculator_data, plan
from kaiyaku.derive.in_force import catalog_as_of
from kaiyaku.derive.route import route
from kaiyaku.output.api import api_makers
from kaiyaku.facts.catalog import load_catalog, load_site
from kaiyaku.output.render import Renderer

TODAY = dt.date(2026, 12, 7)  # the fixtures' day
#: the real carriers' day: the site's (their sources may be checked up to today)
NOW = dt.date.today()


def render(folder: Path, src_uri: str, today: dt.date = TODAY) -> BeautifulSoup:
    catalog = load_catalog(folder, folder.parent, today=today)
    assert catalog.ok, catalog.errors
    renderer = Renderer(ROOT / "macros", today=today)
    page = next(p for p in renderer.pages(catalog) if p.src_uri == src_uri)
    return BeautifulSoup(renderer.article(page), "html.parser")


def text_of(soup: BeautifulSoup, anchor: str) -> str:
    """The text of the section under the heading ``anchor``, up to the next heading of its level."""
    head = soup.find(id=anchor)
    parts = []
    for el in head.find_next_siblings():
        if el.name == head.name:
            break
        parts.append(el.get_text(" ", strip=True))
    return " ".join(parts)


def fixture_pair(tmp_path: Path, target_edit=lambda s: s) -> Path:
    folder = tmp_path / "carriers"
    folder.mkdir(parents=True)
    (folder / "minimal.yaml").write_text((FIXTURES / "minimal_guide.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "target.yaml").write_text(target_edit((FIXTURES / "target_profile.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    return folder


JOINING = """joining:
  channels: [web]
  sims: [esim]
  sources: [s]
  items:
    - topic: documents
      points: [運転免許証かマイナンバーカードで申し込みます。]
      sources: [s]
    - topic: activation
      points: [届いた SIM で自分で開通させます。]
      sources: [s]
sources:
"""


def test_a_fixture_route_walks_the_two_files_and_changes_with_them(tmp_path):
    soup = render(fixture_pair(tmp_path / "a"), "minimal/to/target.md")
    text = soup.get_text(" ", strip=True)
    assert soup.h1.get_text(strip=True).startswith("ミニマルからターゲットへ乗り換える")
    # the destination has no joining facts: said once, at the top, not on every step
    assert text.count("申し込みに要るものは、まだ調べていません") == 1
    assert "出典なし" not in text
    money = text_of(soup, "money")
    assert "ミニマルの最終月: 満額(日割りなし)" in money and "ターゲットの初月: 日割り" in money
    assert "得な日: 2026年12月30日" in money and "末日(12月31日)は避けます" in money
    assert "予約番号" in text_of(soup, "apply") and "有効期限: 発行日を含めて 15 日" in text_of(soup, "apply")
    assert soup.find("svg") is not None and soup.find("svg")["aria-hidden"] == "true"

    # change one fact of the destination: its first month billed in full; no day is better
    soup = render(fixture_pair(tmp_path / "b", lambda s: s.replace("first_month: prorated", "first_month: full")), "minimal/to/target.md")
    money = text_of(soup, "money")
    assert "ターゲットの初月: 満額(日割りなし)" in money and "得な日:" not in money and "まる 1 か月分" in money

    # give the destination joining facts: the notice goes, its items and its activation show with their sources
    soup = render(fixture_pair(tmp_path / "c", lambda s: s.replace("sources:\n", JOINING, 1) if "\nsources:\n" in s else s), "minimal/to/target.md")
    text = soup.get_text(" ", strip=True)
    assert "まだ調べていません" not in text
    assert "運転免許証かマイナンバーカードで申し込みます。" in text_of(soup, "prepare")
    assert "SIM: eSIM" in text_of(soup, "prepare")
    assert "届いた SIM で自分で開通させます。" in text_of(soup, "activate")


def three_views(folder: Path) -> tuple[str, dict, dict]:
    """The fixture pair as its route page says it (the money step), as /compare/ lists it (its row's cells by column)
    and as the calculator's JSON gives it, each made as the build makes it."""
    catalog = load_catalog(folder, folder.parent, today=TODAY)
    assert catalog.ok, catalog.errors
    renderer = Renderer(ROOT / "macros", today=TODAY)
    pages = {p.src_uri: p for p in renderer.pages(catalog)}
    money = text_of(BeautifulSoup(renderer.article(pages["minimal/to/target.md"]), "html.parser"), "money")
    row = BeautifulSoup(renderer.article(pages["compare/index.md"]), "html.parser").select_one('tr[data-from="minimal"][data-to="target"]')
    cells = {td["data-label"]: td.get_text(strip=True) for td in row.select("td")}
    data = json.loads(api_makers(catalog, renderer.current, renderer.today, renderer.pairs)["api/calculator/minimal.json"]())
    return money, cells, data["pairs"][0]


def test_one_fact_changed_changes_the_route_page_the_comparison_and_the_calculator(tmp_path):
    money, cells, pair = three_views(fixture_pair(tmp_path / "a"))
    assert "ターゲットの初月: 日割り" in money and "得な日: 2026年12月30日" in money
    assert cells["乗り換え先の初月"] == "日割り" and cells["得な日"] == "月末の前日(末日は避ける)"
    assert pair["first_month"] == "prorated" and pair["month"] == {"origin": "all", "target": "from_day", "best": "day_before_last", "avoid": "last"}
    # the destination's first month billed in full instead: every view says so, and no day is better
    money, cells, pair = three_views(fixture_pair(tmp_path / "b", lambda s: s.replace("first_month: prorated", "first_month: full")))
    assert "ターゲットの初月: 満額(日割りなし)" in money and "得な日:" not in money
    assert cells["乗り換え先の初月"] == "満額(日割りなし)" and cells["得な日"] == "どの日でも同じ"
    assert pair["first_month"] == "full" and pair["month"] == {"origin": "all", "target": "all", "best": None, "avoid": None}


@pytest.fixture(scope="module")
def real():
    catalog = load_site(ROOT)
    assert catalog.ok, catalog.errors
    return catalog


def test_au_to_ahamo_shows_what_ahamo_needs_the_one_stop_path_and_both_months_as_the_calculator(real, tmp_path):
    soup = render(ROOT / "carriers", "au/to/ahamo.md", NOW)
    carriers = catalog_as_of(real.carriers, NOW)[0]
    ahamo = carriers["ahamo"]
    prepare = text_of(soup, "prepare")
    for item in ahamo.joining.items:
        if item.topic != "activation":
            assert item.points[0] in prepare, item.topic
    assert "ワンストップ方式" in text_of(soup, "apply")
    # the calculator's own rules for the same pair, on the day the page names as best
    rules = next(p for p in calculator_data(carriers["au"], carriers)["pairs"] if p["to"] == "ahamo")
    r = route(carriers["au"], ahamo, NOW)
    dim = calendar.monthrange(NOW.year, NOW.month)[1]
    assert r.best_day == NOW.replace(day=dim - 1)  # the day before the last: the last risks slipping into the next month
    p = plan(rules, r.best_day)
    assert (p.last_month, p.first_month, p.cheapest) == ("full", "prorated", "month_end")
    money = text_of(soup, "money")
    assert "auの最終月: 満額(日割りなし)" in money and "ahamoの初月: 日割り" in money
    assert f"得な日: {NOW.year}年{NOW.month}月{dim - 1}日" in money and "月末に近いほど二重に払う日が減ります" in money
    assert f"末日({NOW.month}月{dim}日)は避けます" in money
    bar = soup.find("figure", class_="kg-month").get_text(" ", strip=True)
    assert f"au: 1日から{p.days_in_month}日まで(満額)" in bar
    assert f"({p.first_month_days}日分の日割り)" in bar  # ahamo's first month: the calculator's days for that day


def test_a_move_inside_one_company_follows_its_own_facts(real):
    soup = render(ROOT / "carriers", "docomo/to/ahamo.md", NOW)
    apply = text_of(soup, "apply")
    assert "plan_change" == route(*(catalog_as_of(real.carriers, NOW)[0][c] for c in ("docomo", "ahamo")), NOW).inside_way.kind
    assert "ワンストップ" not in apply and "有効期限" not in apply and "予約番号 不要(プラン変更)" in soup.find(class_="kg-answer").get_text(" ", strip=True)
    assert "得な日" not in soup.get_text()  # no generic month-end advice for a plan change
    # povo2.0 → au: both KDDI's, and povo2.0's file names no way for it: the page says so instead of guessing MNP
    soup = render(ROOT / "carriers", "povo2/to/au.md", NOW)
    text = soup.get_text(" ", strip=True)
    assert "同じ会社のブランドどうしの移り方が、確かめた出典にありません" in text
    assert "得な日:" not in text and "ワンストップ方式:" not in text


def test_every_route_exists_and_is_linked_from_its_guide(real_site):
    guides = [c for c in catalog_as_of(load_site(ROOT).carriers, dt.date.today())[0].values() if c.role == "guide"]
    count = 0
    for g in guides:
        html = (real_site / g.id / "index.html").read_text(encoding="utf-8")
        for t in g.switch_to:
            assert (real_site / g.id / "to" / t / "index.html").is_file(), (g.id, t)
            assert len(re.findall(rf'href="to/{t}/"', html)) >= 2, (g.id, t)  # the comparison row and the chooser
            assert f'<option value="{t}">' in html, (g.id, t)  # and the chooser offers it as a destination
            count += 1
    assert count >= 80


def test_the_calculators_result_links_the_route_page_of_its_pair(page, base_url):
    page.goto(base_url + "calculator/")
    page.select_option("select[name=from]", "au")
    page.wait_for_function("document.querySelector('select[name=to]').dataset.from === 'au'")
    page.select_option("select[name=to]", "ahamo")
    page.fill("input[name=day]", "2026-12-10")
    page.wait_for_function("document.querySelector('[data-kg-calc-out]').dataset.ready === 'ahamo 2026-12-10'")
    link = page.locator("[data-kg-route]")
    assert link.is_visible()
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("/au/to/ahamo/") and page.inner_text("h1").startswith("auからahamoへ乗り換える")


def test_the_calculator_draws_the_route_pages_month_for_the_same_day(page, base_url):
    carriers = catalog_as_of(load_site(ROOT).carriers, dt.date.today())[0]
    r = route(carriers["au"], carriers["ahamo"], dt.date.today())
    page.goto(base_url + "au/to/ahamo/")
    on_route = drawn_month(page, ".kg-month")
    assert on_route is not None and on_route["best"] is not None  # au bills its last month in full, ahamo prorates its first
    calculate(page, base_url, "au", "ahamo", r.drawn.isoformat())
    assert drawn_month(page, "[data-kg-month]") == on_route
    assert page.console_errors == []


def test_the_comparison_shows_the_picked_move_from_its_folded_table_of_routes(page, base_url):
    page.goto(base_url + "compare/")
    assert not page.evaluate("document.querySelector('#routes + details').open")  # folded: 81 cards on a phone otherwise
    page.select_option("select[name=from]", "au")
    page.select_option("select[name=to]", "ahamo")
    shown = page.evaluate("[...document.querySelectorAll('tr[data-from]')].filter(r => !r.hidden).map(r => r.dataset.from + '>' + r.dataset.to)")
    assert shown == ["au>ahamo"] and page.evaluate("document.querySelector('#routes + details').open")
    assert page.console_errors == []
