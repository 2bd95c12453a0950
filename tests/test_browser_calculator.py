"""The calculator on a phone (390×844): yen for the last and first months where both carriers' prices are in
the facts (the same figures as the Python rules), and a warning, with why, when the day is the month's last."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ROOT, calculate

from kaiyaku.derive.calculator import amounts, calculator_data
from kaiyaku.derive.in_force import catalog_as_of
from kaiyaku.facts.catalog import load_site

CATALOG = load_site(ROOT)
CURRENT, _ = catalog_as_of(CATALOG.carriers, dt.date.today())


def choose(page, base_url, origin, target, day):
    page.set_viewport_size({"width": 390, "height": 844})
    calculate(page, base_url, origin, target, day)
    return page.inner_text("[data-kg-out=yen]")


@pytest.mark.parametrize("origin, target, day", [("au", "ahamo", "2026-12-10"), ("au", "ahamo", "2027-02-28"), ("ahamo", "rakuten-mobile", "2026-12-15"),
                                                 ("rakuten-mobile", "au", "2027-01-20")])
def test_yen_for_the_last_and_first_months_match_the_python_rules(page, base_url, origin, target, day):
    data = calculator_data(CURRENT[origin], CURRENT)
    rules = next(p for p in data["pairs"] if p["to"] == target)
    assert data["prices"] and rules["prices"], "this case needs both carriers' prices in the facts"
    text = choose(page, base_url, origin, target, day)
    for i, origin_price in enumerate(data["prices"][:2]):
        if len(data["prices"]) > 1:
            page.select_option("select[name=from_plan]", str(i))
            page.wait_for_timeout(100)
        expected = amounts(rules, origin_price, rules["prices"][0], dt.date.fromisoformat(day))
        text = page.inner_text("[data-kg-out=yen]")
        for label, name, value in (("最終月", data["name"], expected.last), ("初月", rules["name"], expected.first)):
            # a month whose billing the facts do not give has no amount, whatever the price
            assert f"{label}({name}): " + (f"{value:,}円" if value is not None else "請求の出典がないため不明") in text.replace("約 ", ""), text
        if expected.total is not None:
            assert f"合計: {'約 ' if expected.prorated else ''}{expected.total:,}円" in text, text
    assert page.console_errors == []


def test_no_yen_without_both_prices(page, base_url):
    text = choose(page, base_url, "biglobe-mobile", "povo2", "2026-12-10")
    assert text.startswith("料金の出典がないため計算できません") and "BIGLOBEモバイル" in text


def test_the_last_day_of_the_month_warns_with_why(page, base_url):
    choose(page, base_url, "au", "ahamo", "2026-12-30")
    assert not page.is_visible("[data-kg-month-end]")
    choose(page, base_url, "au", "ahamo", "2026-12-31")
    warning = page.inner_text("[data-kg-month-end]")
    assert page.is_visible("[data-kg-month-end]")
    assert "切り替えが翌月 1 日になれば" in warning and "auの解約月は満額なので、auの翌月分が 1 か月分かかります" in warning
    assert "ahamoの SIM が届くまでの日数" in warning  # what the site has not checked is said, not guessed
    assert page.get_attribute("[data-kg-month-end] a", "href") == "../rules/#one-stop"
    # on a phone the warning is inside the screen's width
    assert page.evaluate("document.querySelector('[data-kg-month-end]').getBoundingClientRect().right") <= 390
    # the origin's own sentences about the month's end (BIGLOBE: its check of the transfer can fall in the next month)
    biglobe = next(p for p in calculator_data(CURRENT["biglobe-mobile"], CURRENT)["pairs"] if p["to"] == "povo2")
    choose(page, base_url, "biglobe-mobile", "povo2", "2027-02-28")
    items = page.eval_on_selector_all("[data-kg-month-end-facts] li", "ls => ls.map(l => l.innerText)")
    assert items == [f"BIGLOBEモバイルのガイドより: {n}" for n in biglobe["month_end_notes"]] and items
    # a plan change inside one contract has no switch to slip
    choose(page, base_url, "docomo", "ahamo", "2026-12-31")
    assert not page.is_visible("[data-kg-month-end]")
    assert page.console_errors == []
