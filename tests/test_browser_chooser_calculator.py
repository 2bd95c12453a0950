"""In the browser: each chooser question unanswered, yes and no (with each other question answered), and the
calculator's overlap and day counts for every pair of billing rules, against the Python rules."""

from __future__ import annotations

import datetime as dt
import itertools
import json

import pytest
from conftest import ROOT, open_chooser

from kaiyaku.derive.calculator import plan
from kaiyaku.facts.catalog import load_site

CATALOG = load_site(ROOT)

STATE = """(answers) => {
  const form = document.querySelector('[data-kg-chooser]');
  form.reset();
  for (const [name, value] of Object.entries(answers)) form.querySelector(`input[name="${name}"][value="${value}"]`).checked = true;
  form.dispatchEvent(new Event('change', {bubbles: true}));
  return [...document.querySelectorAll('.kg-way, .kg-topic')].map((e, i) => e.hidden ? null : i).filter(i => i !== null);
}"""
QUESTIONS = "() => [...new Set([...document.querySelectorAll('[data-kg-chooser] input[type=radio]')].map(i => i.name))]"


@pytest.mark.parametrize("guide", [g.id for g in CATALOG.guides()])
def test_each_question_unanswered_hides_nothing_an_answer_would_show(page, base_url, guide):
    """With any other question answered: a question left unanswered shows every way and topic that either
    answer shows (no answer assumed), and its two answers do not show the same."""
    page.goto(base_url + guide + "/")
    open_chooser(page)
    questions = page.evaluate(QUESTIONS)
    everything = page.evaluate(STATE, {})
    for question in questions:
        yes, no = page.evaluate(STATE, {question: "yes"}), page.evaluate(STATE, {question: "no"})
        assert set(yes) <= set(everything) and set(no) <= set(everything)
        assert yes != no or len(questions) == 1, (guide, question, "its answers change nothing")
        for other, answer in itertools.product([q for q in questions if q != question], ("yes", "no")):
            unanswered = set(page.evaluate(STATE, {other: answer}))
            shown_by_an_answer = set(page.evaluate(STATE, {other: answer, question: "yes"})) | set(page.evaluate(STATE, {other: answer, question: "no"}))
            assert shown_by_an_answer <= unanswered, (guide, question, f"{other}={answer}", sorted(shown_by_an_answer - unanswered))
    assert page.console_errors == []


LABELS = {"full": "満額", "prorated": "日割り", "no_base_fee": "基本料 0 円", None: "出典なし"}
MONTHS = ["full", "prorated", "no_base_fee", None]
PAIRS = list(itertools.product(MONTHS, MONTHS))


def _rules(i: int, last, first) -> dict:
    return {"to": f"c{i}", "name": f"試験{i}", "way": None, "last_month": last, "last_month_exception": False, "first_month": first,
            "reservation": "needed", "validity_days": 15, "issue_days_max": 4, "days_left_required": 10, "contract_fees": []}


@pytest.mark.parametrize("day", ["2026-03-10", "2026-02-28"])
def test_the_calculator_shows_the_overlap_and_day_counts_of_every_billing_pair(page, base_url, day):
    origin = CATALOG.guides()[0].id
    pairs = [_rules(i, last, first) for i, (last, first) in enumerate(PAIRS)]
    page.route(f"**/api/calculator/{origin}.json", lambda route: route.fulfill(content_type="application/json", body=json.dumps({"from": origin, "name": "x", "pairs": pairs})))
    page.goto(base_url + "calculator/")
    page.select_option("select[name=from]", origin)
    page.wait_for_function(f"document.querySelector('select[name=to]').dataset.from === '{origin}'")
    for rules in pairs:
        page.select_option("select[name=to]", rules["to"])
        page.fill("input[name=day]", "")
        page.fill("input[name=day]", day)
        page.wait_for_function(f"document.querySelector('[data-kg-calc-out]').dataset.ready === '{rules['to']} {day}'")
        out = {el.get_attribute("data-kg-out"): el.inner_text() for el in page.query_selector_all("[data-kg-out]")}
        p = plan(rules, dt.date.fromisoformat(day))
        what = (rules["last_month"], rules["first_month"])
        assert out["last_month"].startswith(LABELS[p.last_month]), what
        assert (f"{p.days_in_month} 日のうち {p.last_month_days} 日分" in out["last_month"]) == (p.last_month_days is not None), (what, out["last_month"])
        assert (f"{p.days_in_month} 日のうち {p.first_month_days} 日分" in out["first_month"]) == (p.first_month_days is not None), (what, out["first_month"])
        days = p.first_month_days if p.last_month == "full" else p.last_month_days
        overlap = {"month": "切り替えた月は両方を満額で払います", "none": "ありません", "unknown": "出典がないため計算できません", "days": f"{days} 日分"}[p.overlap]
        assert out["overlap"] == overlap, what
    assert page.console_errors == []
