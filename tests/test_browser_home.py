"""The home page on a phone (390×844): ways in by what the reader wants, carrier names that never break, and a
way in for a bereaved reader that reaches each guide's own place about the holder's death."""

from __future__ import annotations

from conftest import ROOT

from kaiyaku.derive.navigation import bereavements
from kaiyaku.facts.catalog import load_site

CATALOG = load_site(ROOT)


def test_the_ways_in_are_in_the_page_body(page, base_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base_url)
    links = page.eval_on_selector_all("article .kg-ways-in a", "as => as.map(a => [a.innerText.trim(), a.getAttribute('href')])")
    assert links == [["解約したい", "#guides"], ["乗り換えたい", "calculator/"], ["家族が亡くなった", "#bereavement"],
                     ["解約条件を比べる", "compare/"], ["解約の前のチェックリスト", "checklist/"]]
    # the first two are on the first screen of a phone
    bottom = page.evaluate("document.querySelectorAll('article .kg-ways-in a')[1].getBoundingClientRect().bottom")
    assert bottom <= 844, bottom


def test_carrier_names_fit_a_phone_and_never_break_inside_a_name(page, base_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base_url)
    names = page.eval_on_selector_all(
        "article .kg-names a",
        "as => as.map(a => { const r = a.getClientRects(); const b = a.getBoundingClientRect();"
        " return [a.innerText, r.length, b.right, b.height, parseFloat(getComputedStyle(a).lineHeight) || 0]; })",
    )
    assert sorted(n[0] for n in names) == sorted(c.name for c in CATALOG.guides())
    for name, boxes, right, height, _line in names:
        assert boxes == 1 and right <= 390, (name, boxes, right)
    one_line = min(n[3] for n in names)
    assert all(n[3] < one_line * 1.5 for n in names), [(n[0], n[3]) for n in names]  # none wraps to a second line
    # 楽天モバイル sits with the other network operators
    groups = page.eval_on_selector_all("article h3[id^=guides-]", "hs => hs.map(h => [h.childNodes[0].textContent.trim(), [...h.nextElementSibling.querySelectorAll('a')].map(a => a.innerText)])")
    major = dict(groups)["大手キャリア"]
    assert {"ドコモ", "au", "ソフトバンク", "楽天モバイル"} <= set(major) and "その他" not in dict(groups)


def test_a_bereaved_reader_reaches_each_guides_place_about_the_holders_death(page, base_url):
    expected = bereavements(CATALOG.guides())
    assert len(expected) >= 8  # topics before cancelling, and BIGLOBE's way
    page.goto(base_url)
    page.click("article .kg-ways-in a[href='#bereavement']")
    hrefs = page.eval_on_selector_all("article ul.kg-bereavement a", "as => as.map(a => a.getAttribute('href'))")
    assert hrefs == [b.path for b in expected]
    for b in expected:
        page.goto(base_url + b.path)
        anchor = b.path.split("#")[1]
        heading = page.eval_on_selector(f"[id='{anchor}']", "h => h.innerText")
        assert heading.startswith(b.title) or b.title in heading, (b.path, heading)
    assert page.console_errors == []
