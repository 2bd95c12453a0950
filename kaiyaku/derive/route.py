"""One switch from one carrier to another, walked in order: the facts of the route page, computed from the two
files only (nothing is written per pair).

The pair's facts are :func:`.switching.switch_row` (the guide's comparison row) and :func:`.calculator.pair_rules`
(the calculator's JSON); the month of the switch is :func:`.calculator.plan` on the best day, so the route page, the
comparison and the calculator cannot disagree.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from ..facts.model import AfterItem, Carrier, Fee, Joining, Way
from .calculator import Plan, cheapest_day, pair_rules, plan
from .switching import SwitchRow, same_operator, switch_row

#: ways that move a line between two brands of one company without MNP
INSIDE_KINDS = ("number_migration", "plan_change")


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
class Route:
    """Everything the route page says, in the order it says it."""

    origin: Carrier
    target: Carrier
    row: SwitchRow
    rules: dict
    #: the two carriers are brands of one company
    inside: bool
    #: a move inside one company whose way the origin's facts name (plan change or 番号移行)
    inside_way: Way | None
    #: the leaving side's topics to settle first (only those its file has)
    topics: tuple[AfterItem, ...]
    joining: Joining | None
    #: the leaving side's fees for the way this move uses (penalties, port-out fee): conditional ones say when
    leaving_fees: tuple[Fee, ...]
    month: dt.date  # the first day of the month drawn
    best_day: dt.date | None
    drawn: dt.date | None  # the day the month is drawn for: the best day, or the 15th when any day is the same
    plan: Plan | None  # the calculator's outcome of switching on ``drawn``
    days: tuple[Day, ...]
    #: the sources of the leaving month's and the first month's billing for this pair (an exception's own, if one applies)
    last_sources: tuple[str, ...] = ()
    first_sources: tuple[str, ...] = ()

    @property
    def generic_mnp(self) -> bool:
        """Whether the generic MNP advice (reservation numbers, month-end timing) applies to this move."""
        return not self.inside

    @property
    def facts_silent(self) -> bool:
        """A move inside one company whose way the facts do not name: the page says so instead of guessing."""
        return self.inside and self.inside_way is None

    @property
    def avoid_day(self) -> int | None:
        """The last day of the month when the month-end is the cheap end: a switch that slips is billed a month more."""
        if self.plan is not None and self.plan.cheapest == "month_end":
            return self.plan.days_in_month
        return None


def best_day(cheapest: str, month: dt.date) -> dt.date | None:
    """The day to switch in ``month``: the day before the last when the leaving month is full and the first
    is not (the last day itself risks slipping into the next month), the first when the reverse; none when
    any day is the same or the facts do not say."""
    dim = calendar.monthrange(month.year, month.month)[1]
    if cheapest == "month_end":
        return month.replace(day=dim - 1)
    if cheapest == "month_start":
        return month.replace(day=1)
    return None


def billed_days(p: Plan, day: int) -> tuple[Day, ...]:
    """Who bills each day of the month when the line moves on ``day`` (the move day is billed by both when both
    count it: the leaving side up to and including it, the destination from it)."""

    def origin(d: int) -> bool:
        return p.last_month == "full" or (p.last_month == "prorated" and d <= day)

    def target(d: int) -> bool:
        return p.first_month == "full" or (p.first_month == "prorated" and d >= day)

    return tuple(Day(d, origin(d), target(d)) for d in range(1, p.days_in_month + 1))


def route(origin: Carrier, target: Carrier, today: dt.date) -> Route:
    """The route from ``origin`` to ``target``, with the month of ``today`` drawn."""
    row = switch_row(origin, target)
    rules = pair_rules(origin, target)
    inside = same_operator(origin, target)
    inside_way = row.way if inside and row.way is not None and row.way.kind in INSIDE_KINDS else None
    month = today.replace(day=1)
    p = day = on = None
    days: tuple[Day, ...] = ()
    if rules["last_month"] is not None and rules["first_month"] is not None:
        day = best_day(cheapest_day(rules["last_month"], rules["first_month"]), month)
        on = day or month.replace(day=15)
        p = plan(rules, on)
        days = billed_days(p, on.day)
    way_id = row.way.id if row.way is not None else None
    fees = tuple(f for f in origin.fees if not f.ways or way_id in f.ways)
    return Route(origin, target, row, rules, inside, inside_way, tuple(origin.before_cancel), target.joining, fees, month, day, on, p, days,
                 *billing_sources(origin, target, row))


def billing_sources(origin: Carrier, target: Carrier, row: SwitchRow) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Where the pair's last month and first month come from: the rule for this pair when one applies, else the
    section's sources."""
    last: tuple[str, ...] = tuple(origin.billing.sources) if origin.billing else ()
    if row.last_month_exception and origin.billing:
        rule = next(r for r in origin.billing.exceptions if target.id in r.to and (r.way is None or (row.way is not None and r.way == row.way.id)))
        last = tuple(rule.sources)
    first: tuple[str, ...] = tuple(target.billing.sources) if target.billing else ()
    for rule in target.billing.first_month_from if target.billing else []:
        if origin.id in rule.from_:
            first = tuple(rule.sources)
    return last, first


def routes(origin: Carrier, carriers: dict[str, Carrier], today: dt.date) -> list[Route]:
    """One route per destination in ``origin``'s switch_to, in the order its file lists them."""
    return [route(origin, carriers[t], today) for t in origin.switch_to]
