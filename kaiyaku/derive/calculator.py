"""The switch-day and cost calculator's rules: what a move from one carrier to another costs on a given day.

``pair_rules`` is what the browser gets (one JSON per origin carrier); ``plan`` applies the same rules
to a date in Python, so the rules are unit-tested here and the page is checked against ``plan``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from ..facts.model import Carrier
from .switching import switch_row


def pair_rules(origin: Carrier, target: Carrier) -> dict:
    """The facts of one move, as plain data: everything the calculator needs, nothing date-dependent."""
    row = switch_row(origin, target)
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
    }


def calculator_data(origin: Carrier, carriers: dict[str, Carrier]) -> dict:
    targets = [carriers[t] for t in origin.switch_to]
    return {"from": origin.id, "name": origin.name, "pairs": [pair_rules(origin, t) for t in targets]}


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


def cheapest_day(last_month: str | None, first_month: str | None) -> str:
    if last_month is None or first_month is None:
        return "unknown"
    if last_month == "full" and first_month in ("prorated", "no_base_fee"):
        return "month_end"
    if last_month == "prorated" and first_month == "full":
        return "month_start"
    return "any"


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
