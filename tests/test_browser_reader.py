"""The real site read as a reader on a phone reads it (390×844, Debian's chromium): each guide answers in its
first screen, its folded sections keep it short, tables read as cards, warnings are few and mean something."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ROOT

from kaiyaku.derive.answer import answer_for
from kaiyaku.derive.in_force import catalog_as_of
from kaiyaku.derive.timing import timing_for
from kaiyaku.facts.catalog import load_site
from kaiyaku.facts.model import MONTH_BILLING_LABELS

CATALOG = load_site(ROOT)
#: the carriers as the built site shows them (the copy the tests build is no git checkout: dated today)
CURRENT, _ = catalog_as_of(CATALOG.carriers, dt.date.today())
GUIDES = sorted(cid for cid, c in CURRENT.items() if c.role == "guide")
PHONE = {"width": 390, "height": 844}
SIM_WORDS = {"return": "返却が必要", "dispose": "自分で処分", "not_required": "返却は不要", "by_plan": "プランによって違う"}
#: at most this many warnings per guide: the notes that explain marked facts and the 要再確認 boxes
MOST_WARNINGS = 10
MOST_SCREENS = 10

#: headings whose next element is a heading of the same or a higher level, or nothing (an empty section)
EMPTY_HEADINGS = """() => [...document.querySelectorAll('article h1, article h2, article h3, article h4')].filter(h => {
  const level = +h.tagName[1];
  let next = h.nextElementSibling;
  while (next && next.matches('a.headerlink')) next = next.nextElementSibling;
  if (!next) return !h.closest('details, .kg-way, .kg-topic') || !h.parentElement.lastElementChild || h.parentElement.lastElementChild === h;
  return /^H[1-6]$/.test(next.tagName) && +next.tagName[1] <= level;
}).map(h => h.textContent)"""

#: table cells narrower than four characters of their own font (every fold opened first)
NARROW_CELLS = """() => {
  document.querySelectorAll('details').forEach(d => d.open = true);
  return [...document.querySelectorAll('article td, article th')].filter(c => {
    const box = c.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) return false;  // not shown (a row the reader did not pick)
    const head = c.closest('thead');
    if (head && head.getBoundingClientRect().width <= 1) return false;  // a card table's header, for screen readers only
    return box.width < 4 * parseFloat(getComputedStyle(c).fontSize);
  }).map(c => c.textContent.slice(0, 20) + ' ' + Math.round(c.getBoundingClientRect().width) + 'px');
}"""


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


@pytest.mark.parametrize("cid", GUIDES)
def test_a_guide_answers_in_its_first_screen_and_stays_short(phone, base_url, cid):
    phone.goto(base_url + f"{cid}/")
    card = phone.locator(".kg-answer")
    box = card.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], f"the answer card ends at {box} on {cid}"
    text = card.inner_text()
    assert "出典なし" not in text
    carrier = CURRENT[cid]
    answer = answer_for(carrier, timing_for(carrier))
    if answer.last_month:
        assert MONTH_BILLING_LABELS[answer.last_month] in text
    if answer.sim_rule:
        assert SIM_WORDS[answer.sim_rule] in text
    if answer.cost.free_kinds:
        assert "0円" in text
    if answer.best_day:
        assert "得な日" in text
    for link in ("乗り換え日と費用の計算", "他社と比べる"):
        assert link in text
    height = phone.evaluate("document.documentElement.scrollHeight")
    assert height <= MOST_SCREENS * PHONE["height"], f"{cid} is {height / PHONE['height']:.1f} screens with its sections folded"
    assert phone.evaluate(EMPTY_HEADINGS) == []
    warnings = phone.evaluate("document.querySelectorAll('article .kg-warn, article .admonition.warning').length")
    missing = phone.evaluate("document.querySelector('article').textContent.split('出典なし').length - 1")
    assert warnings + missing <= MOST_WARNINGS, f"{cid}: {warnings} warnings and {missing} 出典なし"


#: route pages read on a phone like guides (an MNP, a plan change, a move inside one company the facts do not name)
ROUTES = ["au/to/ahamo/", "docomo/to/ahamo/", "povo2/to/au/", "iijmio/to/mineo/"]


@pytest.mark.parametrize("path", ["", "compare/", "calculator/", "rules/", "checklist/", "au/sources/", "iijmio/before/"] + ROUTES + [f"{cid}/" for cid in GUIDES])
def test_no_table_cell_is_narrower_than_four_characters_on_a_phone(phone, base_url, path):
    phone.goto(base_url + path)
    assert phone.evaluate(NARROW_CELLS) == []


@pytest.mark.parametrize("path", ROUTES)
def test_a_route_answers_in_its_first_screen_and_its_month_fits_a_phone(phone, base_url, path):
    phone.goto(base_url + path)
    card = phone.locator(".kg-answer").bounding_box()
    assert card is not None and card["y"] + card["height"] <= PHONE["height"], f"the answer card ends at {card} on {path}"
    assert phone.evaluate(EMPTY_HEADINGS) == []
    # warnings only where money or a deadline depends on a fact: a note per section at most, no 出典なし on each step
    warnings = phone.evaluate("document.querySelectorAll('article .kg-warn, article .admonition.warning').length")
    missing = phone.evaluate("document.querySelector('article').textContent.split('出典なし').length - 1")
    assert warnings + missing <= MOST_WARNINGS, f"{path}: {warnings} warnings and {missing} 出典なし"
    bar = phone.locator(".kg-month svg")
    if bar.count():
        box = bar.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] and box["height"] >= 30, box  # drawn, and not wider than the phone


def test_carrier_names_never_break_inside_a_word(phone, base_url):
    for path in ("compare/", "au/"):
        phone.goto(base_url + path)
        phone.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        broken = phone.evaluate("[...document.querySelectorAll('.kg-name')].filter(n => n.getClientRects().length > 1).map(n => n.textContent)")
        assert broken == [], (path, broken)


def test_compare_shows_the_two_carriers_a_reader_picks(phone, base_url):
    phone.goto(base_url + "compare/")
    rows = "[...document.querySelectorAll('tr[data-carrier]')].filter(r => r.offsetParent !== null).map(r => r.dataset.carrier)"
    assert len(phone.evaluate(rows)) == len(GUIDES)
    phone.select_option("select[name=from]", "au")
    phone.select_option("select[name=to]", "ahamo")
    assert sorted(phone.evaluate(rows)) == ["ahamo", "au"]
    phone.select_option("select[name=from]", "")
    assert phone.evaluate(rows) == ["ahamo"]


def test_an_address_inside_a_folded_section_opens_it(phone, base_url):
    phone.goto(base_url + "iijmio/#way-port-out-1")
    assert phone.evaluate("document.getElementById('way-port-out-1').closest('details').open")
    assert phone.locator("#way-port-out-1").is_visible()
    phone.goto(base_url + "iijmio/")
    folded = "document.getElementById('mnp-rules').closest('details').open"
    assert not phone.evaluate(folded)
    phone.evaluate("location.hash = '#mnp-rules'")
    phone.wait_for_function(folded)
    assert phone.locator("#mnp-rules").is_visible()


def test_every_folded_section_opens_for_printing(phone, base_url):
    phone.goto(base_url + "au/")
    closed = "document.querySelectorAll('details.kg-fold:not([open])').length"
    assert phone.evaluate(closed) > 5
    phone.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert phone.evaluate(closed) == 0
    phone.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert phone.evaluate(closed) > 5


def test_the_report_link_stands_once_per_section_out_of_search(phone, base_url):
    phone.goto(base_url + "au/")
    links = phone.evaluate("""[...document.querySelectorAll('article a')].filter(a => a.textContent === 'この節の誤りを知らせる')
      .map(a => [a.closest('[data-pagefind-ignore]') !== null, [...document.querySelectorAll('article h2')].filter(h => h.compareDocumentPosition(a) & 4).pop().id])""")
    assert links, "no report links on au (issue_url is set in mkdocs.yml)"
    assert all(ignored for ignored, _ in links)
    sections = [section for _, section in links]
    assert len(sections) == len(set(sections)), sections
