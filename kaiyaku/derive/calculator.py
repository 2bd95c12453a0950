"""The switch-day and cost calculator's rules: what a move from one carrier to another costs on a given day.

``pair_rules`` is what the browser gets (one JSON per origin carrier); ``plan`` applies the same rules
to a date in Python, so the rules are unit-tested here and the page is checked against ``plan``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable

from ..facts.model import Carrier, Way
from .switching import SwitchRow, switch_row

#: a sentence of the origin's facts about the end of the month moving to the next day or month
MONTH_END = re.compile(r"月末|末日")
ROLLS_OVER = re.compile(r"翌月|翌日|間に合")
#: …but not a minimum term that runs "until the end of the next month"
NEXT_MONTH_END = re.compile(r"翌月末まで|翌月の末日まで")


def monthly_prices(carrier: Carrier) -> list[dict]:
    """The carrier's monthly prices in its facts (plans bought once, like a data top-up, are not a month's price)."""
    return [{"plan": p.plan, "amount": p.amount, "tax": p.tax} for p in carrier.prices if p.per == "month"]


def month_end_notes(origin: Carrier, way: Way | None) -> list[str]:
    """What the origin's facts say about leaving at the very end of a month (a late request counted the next day
    or month, hours that close before midnight): from the way this move uses and the FAQ, as written there."""
    texts = []
    if way is not None:
        texts += [*way.conditions, *(note for proc in way.procedures for step in proc.steps for note in step.notes)]
    texts += [answer for item in origin.faq for answer in item.a]
    found = [t for t in texts if MONTH_END.search(t) and ROLLS_OVER.search(t) and not NEXT_MONTH_END.search(t)]
    return list(dict.fromkeys(found))


def month_end_cutoffs(way: Way | None) -> list[dict]:
    """The way's deadlines on the last day of the month (to apply or to withdraw, and the time)."""
    if way is None:
        return []
    return [{"action": c.action, "time": c.time} for c in way.cutoffs if c.day == "last_day_of_month"]


def pair_rules(origin: Carrier, target: Carrier, row: SwitchRow | None = None) -> dict:
    """The facts of one move, as plain data: everything the calculator needs, nothing date-dependent (``row``: the
    pair's comparison row, when already made)."""
    row = row or switch_row(origin, target)
    mnp = origin.mnp
    return {
        "to": target.id,
        "name": target.name,
        "way": row.way.kind if row.way else None,
        "last_month": row.last_month,
        "last_month_exception": row.last_month_exception,
        "first_month": row.first_month,
        "reservation": row.reservation,
        "validity_days": mnp.reservation_validity_days if mnp else None,
        "issue_days_max": mnp.reservation_issue_days.max if mnp and mnp.reservation_issue_days else None,
        "days_left_required": row.days_left_required if row.days_left_required is not None else (mnp.destinations_often_require_days_left if mnp else None),
        "contract_fees": [
            {"channel": f.channel, "amount": f.amount, "tax": f.tax, "conditions": list(f.conditions), "since": f.since.isoformat() if f.since else None}
            for f in row.contract_fees
        ],
        "prices": monthly_prices(target),
        "month_end_notes": month_end_notes(origin, row.way),
        "month_end_cutoffs": month_end_cutoffs(row.way),
        "month": month_rule(row.last_month, row.first_month),
    }


def calculator_data(origin: Carrier, carriers: dict[str, Carrier], rules_of: Callable[[str, str], dict] | None = None) -> dict:
    """The calculator's JSON for switching away from ``origin``; ``rules_of(origin id, target id)`` gives a pair's
    rules already derived (the build's :class:`.route.Routes`), else they are derived here."""
    rules_of = rules_of or (lambda o, t: pair_rules(carriers[o], carriers[t]))
    return {"from": origin.id, "name": origin.name, "prices": monthly_prices(origin), "pairs": [rules_of(origin.id, t) for t in origin.switch_to]}


@dataclass(frozen=True)
class Plan:
    """The outcome of switching on ``day``; counts are days of the month, dates are ISO dates."""

    days_in_month: int
    last_month: str | None  # "full" / "prorated" / None
    last_month_days: int | None  # days charged at the origin when prorated
    first_month: str | None
    first_month_days: int | None  # days charged at the destination when prorated
    overlap: str  # "month" / "days" / "none" / "unknown"
    cheapest: str  # "month_end" / "month_start" / "any" / "unknown"
    reservation: str
    issue_from: dt.date | None  # the earliest issue date still valid on the switch day
    request_from: dt.date | None  # request no earlier than this
    apply_by_day: int | None  # apply at the destination by this day, counting the issue day as 1


@dataclass(frozen=True)
class Amounts:
    """Yen for the last month at the origin and the first month at the destination, for one plan at each.

    A prorated month is the monthly price times the days charged over the days of the month, rounded to the yen
    (carriers round their own way: the page says 約); a month without a base fee costs the listed price, which is
    its base fee (0 円). ``total`` only when both prices are given with the same tax."""

    last: int | None
    first: int | None
    total: int | None
    prorated: bool


def month_yen(amount: int, billing: str | None, days: int | None, dim: int) -> int | None:
    if billing in ("full", "no_base_fee"):
        return amount
    if billing == "prorated" and days is not None:
        return (amount * days * 2 + dim) // (2 * dim)  # rounded half up, as calculator.js does
    return None


def amounts(rules: dict, origin_price: dict | None, target_price: dict | None, day: dt.date) -> Amounts:
    """What ``plan(rules, day)`` means in yen for one plan at each end (None where a price or a billing rule is unknown)."""
    p = plan(rules, day)
    last = month_yen(origin_price["amount"], p.last_month, p.last_month_days, p.days_in_month) if origin_price else None
    first = month_yen(target_price["amount"], p.first_month, p.first_month_days, p.days_in_month) if target_price else None
    same_tax = origin_price and target_price and (origin_price["tax"] == target_price["tax"] or 0 in (origin_price["amount"], target_price["amount"]))
    total = last + first if last is not None and first is not None and same_tax else None
    return Amounts(last, first, total, "prorated" in (p.last_month, p.first_month))


def is_month_end(day: dt.date) -> bool:
    """The last day of its month: the day the calculator warns about (a switch that slips lands in the next month)."""
    return day.day == calendar.monthrange(day.year, day.month)[1]


def cheapest_day(last_month: str | None, first_month: str | None) -> str:
    if last_month is None or first_month is None:
        return "unknown"
    if last_month == "full" and first_month in ("prorated", "no_base_fee"):
        return "month_end"
    if last_month == "prorated" and first_month == "full":
        return "month_start"
    return "any"


#: which days of the month of the switch each side bills, by its billing of that month
ORIGIN_DAYS = {"full": "all", "prorated": "to_day", "no_base_fee": "none"}
TARGET_DAYS = {"full": "all", "prorated": "from_day", "no_base_fee": "none"}


def month_rule(last_month: str | None, first_month: str | None) -> dict | None:
    """The month of a switch as plain data, from the pair's two billings (None when either is unknown): the days
    each side bills ("all", "to_day": up to and including the switch day, "from_day": from it on, "none"), the
    best day ("day_before_last": the last day risks slipping into the next month, or "first") and the day to
    avoid ("last"). The route page draws it with :func:`month`; the calculator's JSON carries it, and
    calculator.js draws the same bar from it for the day the reader picks."""
    if last_month is None or first_month is None:
        return None
    cheapest = cheapest_day(last_month, first_month)
    return {"origin": ORIGIN_DAYS[last_month], "target": TARGET_DAYS[first_month],
            "best": {"month_end": "day_before_last", "month_start": "first"}.get(cheapest),
            "avoid": "last" if cheapest == "month_end" else None}


@dataclass(frozen=True)
class Day:
    """One day of the month of the switch: who bills it."""

    day: int
    origin: bool  # the leaving side bills this day
    target: bool  # the destination bills this day

    @property
    def overlap(self) -> bool:
        return self.origin and self.target


@dataclass(frozen=True)
class Month:
    """The month of a switch on ``drawn`` (:func:`month`): who bills each day, the best day and the day to avoid."""

    drawn: dt.date
    days: tuple[Day, ...]
    best: dt.date | None
    avoid: int | None  # a day of the month

    @property
    def first(self) -> dt.date:
        return self.drawn.replace(day=1)


def bills(side: str, d: int, day: int) -> bool:
    """Whether a side billing ``side`` (see :func:`month_rule`) bills day ``d`` of a month switched on ``day``."""
    return side == "all" or (side == "to_day" and d <= day) or (side == "from_day" and d >= day)


def best_day(rule: dict, first: dt.date) -> dt.date | None:
    """The best day of the month that starts on ``first``, by the pair's :func:`month_rule` (None: any day)."""
    dim = calendar.monthrange(first.year, first.month)[1]
    best = {"day_before_last": dim - 1, "first": 1}.get(rule["best"])
    return first.replace(day=best) if best else None


def month(rule: dict, on: dt.date) -> Month:
    """The month of a switch on ``on``, by the pair's :func:`month_rule` (calculator.js mirrors this)."""
    dim = calendar.monthrange(on.year, on.month)[1]
    days = tuple(Day(d, bills(rule["origin"], d, on.day), bills(rule["target"], d, on.day)) for d in range(1, dim + 1))
    return Month(on, days, best_day(rule, on.replace(day=1)), dim if rule["avoid"] == "last" else None)


def plan(rules: dict, day: dt.date) -> Plan:
    dim = calendar.monthrange(day.year, day.month)[1]
    last, first = rules["last_month"], rules["first_month"]
    if last is None or first is None:
        overlap = "unknown"
    elif last == "full" and first == "full":
        overlap = "month"
    elif "no_base_fee" in (last, first) or (last == "prorated" and first == "prorated"):  # no base fee on one side: nothing paid twice
        overlap = "none"
    else:
        overlap = "days"
    validity, issue_max, days_left = rules["validity_days"], rules["issue_days_max"], rules["days_left_required"]
    needs_number = rules["reservation"] in ("needed", "unknown", "one_stop")
    issue_from = day - dt.timedelta(days=validity - 1) if needs_number and validity else None
    request_from = issue_from - dt.timedelta(days=issue_max) if issue_from is not None and issue_max is not None else None
    apply_by = validity - days_left + 1 if needs_number and validity and days_left is not None else None
    return Plan(
        days_in_month=dim,
        last_month=last,
        last_month_days=day.day if last == "prorated" else None,
        first_month=first,
        first_month_days=dim - day.day + 1 if first == "prorated" else None,
        overlap=overlap,
        cheapest=cheapest_day(last, first),
        reservation=rules["reservation"],
        issue_from=issue_from,
        request_from=request_from,
        apply_by_day=apply_by,
    )
