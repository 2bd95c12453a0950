"""Every page in a real browser: phone layout, accessibility, no third-party requests, no console errors,
the path chooser, the calculator on fixed dates, and the page without JavaScript."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from axe_playwright_python import sync_playwright as axe_module
from conftest import ARTIFACTS, ROOT, calculate, drawn_month, open_chooser

from kaiyaku.derive.calculator import calculator_data, month, plan
from kaiyaku.derive.in_force import catalog_as_of
from kaiyaku.facts.catalog import load_site

#: route pages: an MNP with one-stop, a plan change inside one company, a move inside one whose way no source names
ROUTES = ["au/to/ahamo/", "docomo/to/ahamo/", "povo2/to/au/", "iijmio/to/mineo/"]
AXE_JS = (Path(axe_module.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
CATALOG = load_site(ROOT)
#: the carriers as the built site shows them: the copy the tests build is no git checkout, so it is dated today
CURRENT, _ = catalog_as_of(CATALOG.carriers, dt.date.today())
PAGES = ["", "about/", "api/", "compare/", "calculator/", "rules/", "checklist/", "au/sources/", "iijmio/before/"] + ROUTES + [
    f"{cid}/" for cid in CATALOG.carriers]


@pytest.mark.parametrize("path", PAGES)
def test_page_fits_a_phone_passes_axe_and_stays_local(page, base_url, path):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 360px"
    page.add_script_tag(content=AXE_JS)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    assert page.foreign_requests == [], page.foreign_requests
    assert page.console_errors == [], page.console_errors


def test_a_list_of_sources_gives_each_title_most_of_a_phones_width(page, base_url):
    """Phone tables do not scroll sideways: the kind and dates sit under the title, so the title is not squeezed
    into a column a few characters wide."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(base_url + "au/sources/")
    width = page.evaluate("document.querySelector('#src-1').closest('tr').cells[1].getBoundingClientRect().width")
    assert width >= 180, width


def test_guide_screenshots_for_phone_and_desktop(page, base_url):
    for name, size in (("phone", {"width": 360, "height": 740}), ("desktop", {"width": 1280, "height": 900})):
        page.set_viewport_size(size)
        page.goto(base_url + "iijmio/")
        page.wait_for_load_state("networkidle")
        shot = ARTIFACTS / f"iijmio-{name}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000


def visible_ways(page):
    return [w.get_attribute("data-way-kind") + ":" + w.query_selector("h3").get_attribute("id") for w in page.query_selector_all(".kg-way") if w.is_visible()]


def test_the_path_chooser_shows_only_the_ways_that_apply(page, base_url):
    page.goto(base_url + "iijmio/")
    assert len(visible_ways(page)) == 5
    assert not page.evaluate("[...document.scripts].some(s => s.src.endsWith('chooser.js'))")  # not in the first view
    open_chooser(page)
    page.check("input[name=partial][value=no]")
    page.check("input[name=keep][value=yes]")
    assert visible_ways(page) == ["initial_cancellation:way-initial-cancellation", "port_out:way-port-out"]
    page.check("input[name=within][value=no]")
    assert visible_ways(page) == ["port_out:way-port-out"]
    page.check("input[name=keep][value=no]")
    page.check("input[name=esim][value=yes]")
    assert visible_ways(page) == ["cancel:way-esim"]
    page.check("input[name=esim][value=no]")
    assert visible_ways(page) == ["cancel:way-cancel"]
    page.check("input[name=partial][value=yes]")
    assert visible_ways(page) == ["remove_sim:way-remove-sim"]
    page.click("[data-kg-chooser] button[type=reset]")
    page.wait_for_function("document.querySelectorAll('.kg-way:not([hidden])').length === 5")


def test_the_chooser_offers_number_migration_by_destination(page, base_url):
    page.goto(base_url + "au/")
    open_chooser(page)
    page.check("input[name=death][value=no]")  # not the holder's death: its way no longer applies
    page.check("input[name=within][value=no]")  # past the 8 days: 確認措置 no longer applies
    page.check("input[name=keep][value=yes]")
    page.select_option("select[name=to]", "uq-mobile")
    assert visible_ways(page) == ["number_migration:way-number-migration"]
    page.select_option("select[name=to]", "")
    assert visible_ways(page) == ["port_out:way-port-out"]
    page.check("input[name=death][value=yes]")
    assert visible_ways(page) == ["holder_death:way-holder-death"]


def test_the_chooser_shows_the_holders_death_only_to_a_reader_who_says_so(page, base_url):
    """A bereaved family member sees the way for the holder's death and nothing else; a reader who says it is not
    their case does not see it; left unanswered, it stays (an unanswered question hides nothing)."""
    page.goto(base_url + "rakuten-mobile/")
    open_chooser(page)
    page.check("input[name=keep][value=no]")
    assert "holder_death:way-holder-death" in visible_ways(page)
    page.check("input[name=death][value=yes]")
    assert visible_ways(page) == ["holder_death:way-holder-death"]
    page.check("input[name=death][value=no]")
    assert "holder_death:way-holder-death" not in visible_ways(page)
    assert visible_ways(page)


def test_the_chooser_hides_topics_the_reader_says_do_not_apply(page, base_url):
    """A reader with no phone on instalments, no carrier mail or no family discount sees none of those topics."""
    from kaiyaku.facts.model import TOPIC_QUESTIONS

    asked = 0
    for guide in CATALOG.guides():
        topics = {t.topic for t in guide.before_cancel + guide.after_cancel}
        questions = {name: kinds for name, (_q, kinds) in TOPIC_QUESTIONS.items() if topics & set(kinds)}
        if not questions:
            continue
        page.goto(base_url + guide.id + "/")
        open_chooser(page)
        page.evaluate("document.querySelectorAll('details.kg-fold').forEach(d => d.open = true)")
        for name, kinds in questions.items():
            shown = lambda: {t.get_attribute("data-topic") for t in page.query_selector_all(".kg-topic") if t.is_visible()}  # noqa: E731
            assert shown() & set(kinds), (guide.id, name)
            page.check(f"input[name={name}][value=no]")
            assert not shown() & set(kinds), (guide.id, name)
            page.check(f"input[name={name}][value=yes]")
            assert shown() & set(kinds), (guide.id, name)
            asked += 1
    assert asked >= 3
    assert page.console_errors == []


def test_without_javascript_every_way_shows_and_the_forms_stay_hidden(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "iijmio/")
    assert len([w for w in page.query_selector_all(".kg-way") if w.is_visible()]) == 5
    assert not page.is_visible("[data-kg-chooser]")
    page.goto(base_url + "calculator/")
    assert not page.is_visible("[data-kg-calc]") and not page.is_visible("[data-kg-calc-out]")
    assert "JavaScript が必要" in page.inner_text("article")
    context.close()


def test_coming_back_to_a_page_does_not_reopen_the_menu_or_the_search(page, base_url):
    """Material has browsers not restore its two toggles; kaiyaku/mkdocs_plugin/toggles.py keeps that in valid HTML."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(base_url + "iijmio/")
    page.wait_for_load_state("networkidle")
    for toggle in ("__drawer", "__search"):
        page.click(f".md-header label[for={toggle}]")
        assert page.is_checked(f"#{toggle}")
        page.goto(base_url + "au/")
        page.go_back()
        page.wait_for_load_state("networkidle")
        assert not page.is_checked(f"#{toggle}"), f"{toggle} was checked again on coming back"
    assert page.console_errors == []


CASES = [("au", "ahamo", "2026-12-10"), ("au", "rakuten-mobile", "2026-02-10"), ("au", "uq-mobile", "2026-03-31"), ("au", "povo2", "2028-02-29"),
         ("iijmio", "mineo", "2026-01-31"), ("iijmio", "rakuten-mobile", "2026-11-05"), ("au", "docomo", "2026-04-01")]


@pytest.mark.parametrize("origin, target, day", CASES)
def test_the_calculator_matches_the_python_rules_on_fixed_dates(page, base_url, origin, target, day):
    rules = next(p for p in calculator_data(CURRENT[origin], CURRENT)["pairs"] if p["to"] == target)
    expected = plan(rules, dt.date.fromisoformat(day))
    calculate(page, base_url, origin, target, day)
    out = {el.get_attribute("data-kg-out"): el.inner_text() for el in page.query_selector_all("[data-kg-out]")}
    labels = {"full": "満額", "prorated": "日割り", "no_base_fee": "基本料 0 円", None: "出典なし"}
    assert out["last_month"].startswith(labels[expected.last_month])
    assert out["first_month"].startswith(labels[expected.first_month])
    if expected.first_month_days:
        assert f"{expected.days_in_month} 日のうち {expected.first_month_days} 日分" in out["first_month"]
    if expected.issue_from:
        assert expected.issue_from.isoformat() in out["reservation"]
    if expected.request_from:
        assert expected.request_from.isoformat() in out["reservation"]
    if expected.apply_by_day:
        assert f"{expected.apply_by_day} 日目まで" in out["reservation"]
    if expected.reservation == "number_migration":
        assert out["reservation"] == "不要(番号移行)"
    cheapest = {"month_end": f"月末の前日({expected.days_in_month - 1} 日。末日は避けます)", "month_start": "月の初日(1 日)", "any": "どの日でも同じ",
                "unknown": "出典がないため判断できません"}
    assert out["cheapest"] == cheapest[expected.cheapest]
    # the month bar: drawn from the pair's month rule for this day, as the route page draws it (derive.calculator.month)
    assert drawn_month(page, "[data-kg-month]") == (expected_month(rules, day) if rules["month"] else None)
    for fee in rules["contract_fees"]:
        if fee["amount"] is not None:
            assert f"{fee['amount']:,}円" in out["fees"]
    assert page.console_errors == []


def expected_month(rules: dict, day: str) -> dict:
    """What the bar should show for switching on ``day``, from the Python rules (the template's positions)."""
    m = month(rules["month"], dt.date.fromisoformat(day))
    dim, d = len(m.days), m.drawn.day
    cls = {(True, True): "b", (True, False): "o", (False, True): "t", (False, False): "n"}
    cells = [c for x in m.days for c in ((x.day, "o", "b" if x.overlap else cls[(x.origin, False)]), (x.day, "t", "b" if x.overlap else cls[(False, x.target)]))]
    a = m.avoid * 10 if m.avoid else None
    return {"dim": dim, "cells": cells, "best": f"{m.best.day * 10 - 9.5:g}" if m.best else None,
            "avoid": f"M{a - 9} 2L{a} 28M{a} 2L{a - 9} 28" if a else None, "drawn": (f"{d * 10 - 4}", str(d)),
            "ends": ["1" if d != 1 else None, f"{dim * 10 + 1}" if d != dim else None]}  # the day drawn's number stands in for an end's


def test_a_late_answer_for_an_earlier_choice_does_not_replace_the_targets(page, base_url):
    """On a slow line the rules of the first carrier shown can arrive after the reader chose another."""
    first = CATALOG.guides()[0].id
    held = []
    page.route(f"**/api/calculator/{first}.json", lambda route: held.append(route))  # hold them until IIJmio's have arrived
    page.goto(base_url + "calculator/")
    page.select_option("select[name=from]", "iijmio")
    page.wait_for_function("document.querySelector('select[name=to]').dataset.from === 'iijmio'")
    assert held, f"the page did not ask for {first}'s rules first"
    with page.expect_response(f"**/api/calculator/{first}.json"):
        held[0].continue_()
    page.wait_for_timeout(200)
    iijmio_targets = [p["to"] for p in calculator_data(CURRENT["iijmio"], CURRENT)["pairs"]]
    assert page.eval_on_selector("select[name=to]", "s => [s.dataset.from, [...s.options].map(o => o.value)]") == ["iijmio", iijmio_targets]
    assert page.console_errors == []


def test_report_links_open_the_fact_form_with_carrier_and_section(page, base_url):
    """The links keep Japanese as written (smaller pages); the browser encodes it when following them."""
    from urllib.parse import parse_qs, urlsplit

    page.goto(base_url + "iijmio/")
    hrefs = page.eval_on_selector_all(".kg-report a", "links => links.map(a => a.href)")
    assert len(hrefs) >= 10
    for href in hrefs:
        assert href.isascii() and href.startswith("https://github.com/") and "/issues/new?template=fact.yml&" in href
        query = parse_qs(urlsplit(href).query)
        assert query["carrier"] == ["IIJmio(iijmio)"] and query["title"][0].startswith("[IIJmio] ")


def test_print_stylesheet_turns_steps_into_a_checklist(page, base_url):
    page.goto(base_url + "iijmio/")
    page.emulate_media(media="print")
    assert not page.is_visible(".md-header")
    marker = page.evaluate("getComputedStyle(document.querySelector('.kg-way ol > li'), '::before').content")
    assert "☐" in marker
