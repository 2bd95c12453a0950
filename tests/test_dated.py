"""Every dated fact on its boundary days: a rule's first and last day (written to the day or to the month),
a source checked on the commit's own day, a page dated the day it was checked, a source exactly as old
as ``stale_after_days``, the calculator on the first and last day of a month (and of February)."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import FIXTURES, check_text

from kaiyaku.derive.calculator import plan
from kaiyaku.derive.in_force import as_of, status
from kaiyaku.facts.model import Period
from kaiyaku.output.citations import Citations

BASE = (FIXTURES / "minimal_guide.yaml").read_text(encoding="utf-8")
D = dt.date.fromisoformat


def guide_with_fee_in_force(period: str):
    text = BASE.replace("    contracted: {from: 2024-06-01, to: 2025-09-30}", f"    in_force: {period}")
    carrier, errors = check_text(text, "carriers/minimal.yaml")
    assert carrier is not None, [str(e) for e in errors]
    return carrier


# (period as written, day, status on that day)
PERIODS = [
    ("{from: 2025-03-10}", "2025-03-09", "future"),
    ("{from: 2025-03-10}", "2025-03-10", "current"),  # the first day
    ("{until: 2025-03-10}", "2025-03-10", "current"),  # the last day
    ("{until: 2025-03-10}", "2025-03-11", "past"),
    ("{from: 2025-03}", "2025-02-28", "future"),
    ("{from: 2025-03}", "2025-03-01", "current"),  # a month alone starts on its first day
    ("{until: 2025-02}", "2025-02-28", "current"),  # and ends on its last
    ("{until: 2025-02}", "2025-03-01", "past"),
    ("{until: 2024-02}", "2024-02-29", "current"),  # a leap year's February
    ("{from: 2025-03-10, until: 2025-03-10}", "2025-03-10", "current"),  # a one-day rule
    ("{from: 2025-03-10, until: 2025-03-10}", "2025-03-11", "past"),
    ("{from: 2025-03-10, until: 2025-03-10}", "2025-03-09", "future"),
]


@pytest.mark.parametrize("period, day, expected", PERIODS, ids=[f"{p}@{d}" for p, d, _ in PERIODS])
def test_a_rule_is_in_force_from_its_first_through_its_last_day(period, day, expected):
    carrier = guide_with_fee_in_force(period)
    assert status(carrier.fees[0], D(day)) == expected
    current, others = as_of(carrier, D(day))
    assert [f.id for f in current.fees] == (["mnp"] if expected == "current" else [])
    assert [(o.section, o.item.id, o.status) for o in others] == ([] if expected == "current" else [("fees", "mnp", expected)])


def test_a_one_day_period_is_a_valid_fact():
    assert Period.model_validate({"from": "2025-03-10", "until": "2025-03-10"}).until is not None


def checked_on(checked: str, page_date: str = "2025-12", today: dt.date = D("2026-06-01")):
    from kaiyaku.facts.validation import check_document
    from kaiyaku.facts.yamlsource import read_text

    doc = read_text(BASE.replace("checked: 2026-01-02", f"checked: {checked}").replace("page_date: 2025-12", f"page_date: {page_date}"), "carriers/minimal.yaml")
    return check_document(doc, today), [str(e) for e in doc.errors]


def test_a_source_checked_on_the_commits_own_day_is_accepted():
    carrier, errors = checked_on("2026-06-01")
    assert carrier is not None, errors


def test_a_source_checked_the_day_after_the_commit_is_refused():
    carrier, errors = checked_on("2026-06-02")
    assert carrier is None and any("まだ来ていません" in e for e in errors), errors


@pytest.mark.parametrize("page_date", ["2026-01-02", "2026-01"])
def test_a_page_dated_the_day_it_was_checked_is_accepted(page_date):
    carrier, errors = checked_on("2026-01-02", page_date)
    assert carrier is not None, errors


@pytest.mark.parametrize("page_date", ["2026-01-03", "2026-02"])
def test_a_page_dated_after_the_day_it_was_checked_is_refused(page_date):
    carrier, errors = checked_on("2026-01-02", page_date)
    assert carrier is None and any("より後です" in e for e in errors), errors


# (page date, today, stale) with stale_after_days 365: a month alone counts from its last day
STALE = [
    ("2025-06-01", "2026-06-01", False),  # exactly 365 days
    ("2025-06-01", "2026-06-02", True),  # 366
    ("2025-05", "2026-05-31", False),  # 365 days after May 31
    ("2025-05", "2026-06-01", True),
]


@pytest.mark.parametrize("page_date, today, stale", STALE, ids=[f"{p}@{t}" for p, t, _ in STALE])
def test_a_fact_is_old_only_once_more_than_stale_after_days_have_passed(page_date, today, stale):
    carrier, errors = checked_on("2026-01-02", page_date, today=D(today))
    assert carrier is not None, errors
    support = Citations.for_page(carrier, D(today), 365).support(carrier, ["s"])
    assert support.stale is stale
    assert str(support.newest) == page_date


RULES = {"last_month": "prorated", "first_month": "prorated", "reservation": "needed", "validity_days": 15, "issue_days_max": 4, "days_left_required": 10}


# (day, days in month, days charged at the origin, days charged at the destination)
MONTH_DAYS = [("2026-03-01", 31, 1, 31), ("2026-03-31", 31, 31, 1), ("2026-02-28", 28, 28, 1), ("2028-02-29", 29, 29, 1), ("2028-02-01", 29, 1, 29)]


@pytest.mark.parametrize("day, dim, last_days, first_days", MONTH_DAYS, ids=[m[0] for m in MONTH_DAYS])
def test_the_calculator_on_the_first_and_last_day_of_a_month(day, dim, last_days, first_days):
    result = plan(RULES, D(day))
    assert (result.days_in_month, result.last_month_days, result.first_month_days) == (dim, last_days, first_days)
    assert result.last_month_days + result.first_month_days == dim + 1  # the switch day is charged by both


def test_the_reservation_number_dates_count_the_issue_day_as_day_one():
    result = plan(RULES, D("2026-03-01"))
    assert result.issue_from == D("2026-02-15")  # issued on Feb 15, valid 15 days counting that day: through Mar 1
    assert result.request_from == D("2026-02-11")
    assert result.apply_by_day == 6  # 10 days must be left of 15: apply by its 6th day


def test_a_rule_inside_a_section_moves_apart_when_it_ends():
    text = BASE.replace("  last_month: full\n  sources: [s]", "  last_month: full\n  exceptions:\n    - to: [target]\n      last_month: prorated\n"
                        "      in_force: {until: 2025-12}\n      sources: [s]\n  sources: [s]")
    carrier, errors = check_text(text, "carriers/minimal.yaml")
    assert carrier is not None, [str(e) for e in errors]
    current, others = as_of(carrier, D("2026-01-01"))
    assert current.billing.exceptions == [] and current.billing.last_month == "full" and current.fees == carrier.fees
    assert [(o.section, o.item.last_month, o.status) for o in others] == [("billing.exceptions", "prorated", "past")]
    kept, none_apart = as_of(carrier, D("2025-12-31"))
    assert [e.last_month for e in kept.billing.exceptions] == ["prorated"] and none_apart == []
    assert kept is carrier  # nothing set apart: the carrier as it is, not a copy
