"""One switch from one carrier to another, walked in order: the facts of the route page, computed from the two
files only (nothing is written per pair).

The pair's facts are :func:`.switching.switch_row` (the guide's comparison row) and :func:`.calculator.pair_rules`
(the calculator's JSON); the month of the switch is :func:`.calculator.month` and :func:`.calculator.plan` on the
best day. :class:`Routes` derives each pair once a build, and the route page, /compare/, the calculator's JSON and
the guide's comparison all read that one derivation, so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..facts.model import AfterItem, Carrier, Fee, Joining, Way
from .calculator import Day, Month, Plan, best_day, month, pair_rules, plan
from .switching import SwitchRow, same_operator, switch_row

#: ways that move a line between two brands of one company without MNP
INSIDE_KINDS = ("number_migration", "plan_change")


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
    bar: Month | None  # the month drawn: on the best day, or the 15th when any day is the same (None: a month unknown)
    plan: Plan | None  # the calculator's outcome of switching on the day drawn
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
    def best_day(self) -> dt.date | None:
        return self.bar.best if self.bar else None

    @property
    def drawn(self) -> dt.date | None:
        return self.bar.drawn if self.bar else None

    @property
    def days(self) -> tuple[Day, ...]:
        return self.bar.days if self.bar else ()

    @property
    def avoid_day(self) -> int | None:
        """The last day of the month when the month-end is the cheap end: a switch that slips is billed a month more."""
        return self.bar.avoid if self.bar else None


def route(origin: Carrier, target: Carrier, today: dt.date) -> Route:
    """The route from ``origin`` to ``target``, with the month of ``today`` drawn."""
    row = switch_row(origin, target)
    rules = pair_rules(origin, target, row)
    inside = same_operator(origin, target)
    inside_way = row.way if inside and row.way is not None and row.way.kind in INSIDE_KINDS else None
    first = today.replace(day=1)
    bar = p = None
    if rules["month"] is not None:
        bar = month(rules["month"], best_day(rules["month"], first) or first.replace(day=15))
        p = plan(rules, bar.drawn)
    way_id = row.way.id if row.way is not None else None
    fees = tuple(f for f in origin.fees if not f.ways or way_id in f.ways)
    return Route(origin, target, row, rules, inside, inside_way, tuple(origin.before_cancel), target.joining, fees, first, bar, p,
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


class Routes:
    """Every switch derived once a build (:func:`route`, by origin and destination id): the route pages, /compare/,
    the calculator's JSON and the guides' comparison rows all read it."""

    def __init__(self, carriers: dict[str, Carrier], today: dt.date) -> None:
        self.carriers = carriers
        self.today = today
        self._made: dict[tuple[str, str], Route] = {}

    def __call__(self, origin: str, target: str) -> Route:
        key = (origin, target)
        if key not in self._made:
            self._made[key] = route(self.carriers[origin], self.carriers[target], self.today)
        return self._made[key]

    def of(self, origin: Carrier) -> list[Route]:
        """One route per destination in ``origin``'s switch_to, in the order its file lists them."""
        return [self(origin.id, t) for t in origin.switch_to]

    def all(self) -> list[Route]:
        """Every full guide's routes, guides in the catalog's order."""
        return [r for c in self.carriers.values() if c.role == "guide" for r in self.of(c)]
