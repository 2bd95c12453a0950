"""The switching and calculator rules over every ordered pair of carriers, both directions.

What a move from A to B needs is read from both files, each from its own side: A's ways and last month,
its MNP one-stop *leaving*; B's first month, contract fees and one-stop *joining*. The expected values are
written here from that rule, independently of kaiyaku/derive/switching.py, and checked for every ordered
pair of the real carriers (as in force on the day) and of the test fixtures; pairs whose two directions
differ must exist, or the check would not tell a side read from the wrong carrier.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from conftest import FIXTURES, ROOT

from kaiyaku.derive.calculator import month_end_notes, calculator_data, cheapest_day, pair_rules, plan
from kaiyaku.derive.in_force import catalog_as_of
from kaiyaku.derive.switching import switch_row
from kaiyaku.facts.catalog import load_catalog, load_site
from kaiyaku.facts.clock import checks_allowed_until


def _real():
    catalog = load_site(ROOT)
    assert catalog.ok, catalog.errors
    return catalog_as_of(catalog.carriers, checks_allowed_until(ROOT))[0]


def _fixtures(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pairs") / "carriers"
    folder.mkdir()
    for name in ("minimal_guide.yaml", "target_profile.yaml", "rich_guide.yaml"):
        (folder / name.replace("_guide", "").replace("_profile", "")).write_text((FIXTURES / name).read_text(encoding="utf-8"), encoding="utf-8")
    catalog = load_catalog(folder, folder.parent)
    assert catalog.ok, catalog.errors
    return catalog_as_of(catalog.carriers, dt.date(2026, 6, 1))[0]


GUIDE = (FIXTURES / "minimal_guide.yaml").read_text(encoding="utf-8")
PROFILE = (FIXTURES / "target_profile.yaml").read_text(encoding="utf-8")
#: a guide whose billing has exceptions by destination (one for a way only) and one-stop leaving
SYNTHETIC = {
    "minimal": GUIDE.replace("  last_month: full\n  sources: [s]", "  last_month: full\n  exceptions:\n    - to: [target]\n      last_month: prorated\n"
                             "      sources: [s]\n    - to: [other]\n      way: cancel\n      last_month: no_base_fee\n      sources: [s]\n  sources: [s]")
    .replace("billing:\n", "  - id: port\n    kind: port_out\n    title: 番号を移す\n    summary: 番号ごと移る方法です。\n    applies: {keep_number: true}\n"
             "    procedures:\n      - channel: member_page\n        steps:\n          - text: 予約番号を受け取る\n    sources: [s]\nbilling:\n", 1)
    .replace("  reservation_validity_days: 15\n", "  reservation_validity_days: 15\n  one_stop_leaving: true\n  one_stop_joining: false\n")
    .replace("switch_to: [target]", "switch_to: [target, other]"),
    "target": PROFILE.replace("  first_month: prorated\n", "  first_month: prorated\n  first_month_from:\n    - from: [minimal]\n      first_month: full\n      sources: [s]\n")
    .replace("contract_fees:\n", "contract_fees:\n  - channel: store\n    amount: 0\n    from: [minimal]\n    sources: [s]\n  - channel: store\n    amount: 1\n    tax: included\n    from: [other]\n    sources: [s]\n")
    + "mnp:\n  one_stop_joining: true\n  days_left_required: 7\n  sources: [s]\n",
    "other": PROFILE.replace("id: target", "id: other") + "mnp:\n  one_stop_joining: false\n  one_stop_leaving: true\n  sources: [s]\n",
}


def _synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic") / "carriers"
    folder.mkdir()
    for cid, text in SYNTHETIC.items():
        (folder / f"{cid}.yaml").write_text(text, encoding="utf-8")
    catalog = load_catalog(folder, folder.parent)
    assert catalog.ok, catalog.errors
    return catalog_as_of(catalog.carriers, dt.date(2026, 6, 1))[0]


@pytest.fixture(scope="module", params=["real", "fixtures", "synthetic"])
def carriers(request, tmp_path_factory):
    return {"real": _real, "fixtures": _fixtures, "synthetic": _synthetic}[request.param](*([] if request.param == "real" else [tmp_path_factory]))


def expected(a, b) -> dict:
    """What moving from ``a`` to ``b`` needs, said from the format's documentation."""
    way = next((w for w in a.ways if b.id in w.applies.to), None) or next((w for w in a.ways if w.kind == "port_out"), None)
    if way is not None and way.kind in ("number_migration", "plan_change"):
        reservation = way.kind
    else:
        leaving = a.mnp.one_stop_leaving if a.mnp else None  # the origin lets its number leave without a reservation number
        joining = b.mnp.one_stop_joining if b.mnp else None  # the destination takes it in
        reservation = "one_stop" if leaving and joining else "needed" if False in (leaving, joining) else "unknown"
    last = a.billing.last_month if a.billing else None
    exception = False
    for rule in a.billing.exceptions if a.billing else []:
        if b.id in rule.to and (rule.way is None or (way is not None and rule.way == way.id)):
            last, exception = rule.last_month, True
    first = b.billing.first_month if b.billing else None
    for rule in b.billing.first_month_from if b.billing else []:
        if a.id in rule.from_:
            first = rule.first_month
    if way is not None and way.kind == "plan_change":
        last, exception, first = None, False, None
    ia, ib = a.identity, b.identity
    if ia.brand_of == b.id or ib.brand_of == a.id or (ia.brand_of and ia.brand_of == ib.brand_of) or (ia.operator and ia.operator == ib.operator):
        # two brands of one company: only a rule naming this very pair bills its months
        last = last if exception or last == "no_base_fee" else None  # no base fee: the plan's, not the move's
        first = first if first == "no_base_fee" or (b.billing and any(a.id in r.from_ for r in b.billing.first_month_from)) else None
    return {"way": way.id if way else None, "reservation": reservation, "last_month": last, "last_month_exception": exception, "first_month": first,
            "contract_fees": [f for f in b.contract_fees if not f.from_ or a.id in f.from_],
            "days_left_required": b.mnp.days_left_required if b.mnp else None}


def month_drawn(last, first) -> dict | None:
    """The month bar of a move, said from the calculator's documentation: who bills which days, the best day (the
    day before the last when only the destination's month shrinks, the first when only the origin's does) and the
    last day avoided in the first case; nothing when either month is unknown."""
    if last is None or first is None:
        return None
    month_end = last == "full" and first in ("prorated", "no_base_fee")
    return {"origin": {"full": "all", "prorated": "to_day", "no_base_fee": "none"}[last],
            "target": {"full": "all", "prorated": "from_day", "no_base_fee": "none"}[first],
            "best": "day_before_last" if month_end else ("first" if (last, first) == ("prorated", "full") else None),
            "avoid": "last" if month_end else None}


def row_of(a, b) -> dict:
    row = switch_row(a, b)
    return {"way": row.way.id if row.way else None, "reservation": row.reservation, "last_month": row.last_month,
            "last_month_exception": row.last_month_exception, "first_month": row.first_month, "contract_fees": list(row.contract_fees),
            "days_left_required": row.days_left_required}


def test_every_ordered_pair_gets_each_sides_own_facts(carriers):
    differ = 0
    for a, b in itertools.permutations(carriers.values(), 2):
        assert row_of(a, b) == expected(a, b), (a.id, b.id)
        want, mnp = expected(a, b), a.mnp
        way = next((w for w in a.ways if w.id == want["way"]), None)
        assert pair_rules(a, b) == {
            "to": b.id, "name": b.name, "way": way.kind if way else None, "last_month": want["last_month"],
            "last_month_exception": want["last_month_exception"], "first_month": want["first_month"], "reservation": want["reservation"],
            "validity_days": mnp.reservation_validity_days if mnp else None,
            "issue_days_max": mnp.reservation_issue_days.max if mnp and mnp.reservation_issue_days else None,
            "days_left_required": want["days_left_required"] if want["days_left_required"] is not None else (mnp.destinations_often_require_days_left if mnp else None),
            "contract_fees": [{"channel": f.channel, "amount": f.amount, "tax": f.tax, "conditions": list(f.conditions), "since": f.since.isoformat() if f.since else None}
                              for f in want["contract_fees"]],
            # the destination's monthly prices; the origin's own words and deadlines about the month's last day
            "prices": [{"plan": p.plan, "amount": p.amount, "tax": p.tax} for p in b.prices if p.per == "month"],
            "month_end_notes": month_end_notes(a, way),
            "month_end_cutoffs": [{"action": c.action, "time": c.time} for c in way.cutoffs if c.day == "last_day_of_month"] if way else [],
            "month": month_drawn(want["last_month"], want["first_month"]),
        }, (a.id, b.id)
        there, back = row_of(a, b), row_of(b, a)
        differ += there["reservation"] != back["reservation"] or there["last_month"] != back["first_month"]
    assert differ > 0, "no pair whose two directions differ: the test would not notice a side read from the wrong carrier"


def test_one_stop_is_read_from_the_leaving_and_the_joining_side():
    """IIJmio lets a number leave by one-stop and mineo takes it in; the way back is not said by IIJmio's file."""
    carriers = _real()
    iijmio, mineo = carriers["iijmio"], carriers["mineo"]
    if iijmio.mnp.one_stop_leaving and mineo.mnp.one_stop_joining and iijmio.mnp.one_stop_joining is None:
        assert switch_row(iijmio, mineo).reservation == "one_stop"
        assert switch_row(mineo, iijmio).reservation == "unknown"
    else:
        pytest.skip("the facts changed: test_every_ordered_pair_gets_each_sides_own_facts covers the pairs")


MONTHS = ["full", "prorated", "no_base_fee", None]
# (last month at the origin, first month at the destination) -> what is paid twice, the cheapest day
OVERLAP = {
    ("full", "full"): ("month", "any"),
    ("full", "prorated"): ("days", "month_end"),
    ("full", "no_base_fee"): ("none", "month_end"),
    ("prorated", "full"): ("days", "month_start"),
    ("prorated", "prorated"): ("none", "any"),
    ("prorated", "no_base_fee"): ("none", "any"),
    ("no_base_fee", "full"): ("none", "any"),
    ("no_base_fee", "prorated"): ("none", "any"),
    ("no_base_fee", "no_base_fee"): ("none", "any"),
}


@pytest.mark.parametrize("last, first", list(itertools.product(MONTHS, MONTHS)))
def test_overlap_and_cheapest_day_for_every_billing_pair(last, first):
    rules = {"last_month": last, "first_month": first, "reservation": "needed", "validity_days": 15, "issue_days_max": 4, "days_left_required": 10}
    result = plan(rules, dt.date(2026, 3, 10))
    overlap, cheapest = OVERLAP.get((last, first), ("unknown", "unknown"))
    assert (result.overlap, result.cheapest) == (overlap, cheapest)
    assert cheapest_day(last, first) == cheapest
    assert result.last_month_days == (10 if last == "prorated" else None)
    assert result.first_month_days == (22 if first == "prorated" else None)


def test_the_calculators_data_lists_the_origins_targets_in_order(carriers):
    for origin in carriers.values():
        if origin.switch_to:
            data = calculator_data(origin, carriers)
            assert (data["from"], data["name"]) == (origin.id, origin.name)
            assert [p["to"] for p in data["pairs"]] == list(origin.switch_to)


# reservation -> whether the reservation number's dates are computed
NEEDS_NUMBER = {"needed": True, "unknown": True, "one_stop": True, "number_migration": False, "plan_change": False}


@pytest.mark.parametrize("reservation", list(NEEDS_NUMBER))
@pytest.mark.parametrize("validity, issue_max, days_left", [(15, 4, 10), (None, 4, 10), (15, None, 10), (15, 4, None)])
def test_the_reservation_numbers_dates_only_when_one_is_needed_and_known(reservation, validity, issue_max, days_left):
    rules = {"last_month": "full", "first_month": "prorated", "reservation": reservation, "validity_days": validity, "issue_days_max": issue_max,
             "days_left_required": days_left}
    result = plan(rules, dt.date(2026, 3, 10))
    known = NEEDS_NUMBER[reservation] and validity is not None
    assert result.issue_from == (dt.date(2026, 2, 24) if known else None)
    assert result.request_from == (dt.date(2026, 2, 20) if known and issue_max is not None else None)
    assert result.apply_by_day == (6 if known and days_left is not None else None)
    assert (result.reservation, result.last_month, result.first_month) == (reservation, "full", "prorated")


def test_timing_of_a_carrier_without_billing_or_cancel_way_is_unknown(carriers):
    from kaiyaku.derive.timing import timing_for

    for carrier in carriers.values():
        timing = timing_for(carrier)
        cancel = next((w for w in carrier.ways if w.kind == "cancel" and not w.applies.sims), None)
        withdraw = next((c.time for c in (cancel.cutoffs if cancel else []) if c.action == "withdraw"), None)
        assert timing.last_month == (carrier.billing.last_month if carrier.billing else None)
        assert timing.cancel_takes_effect == (cancel.takes_effect if cancel else None)
        assert timing.withdraw_until == withdraw
        mnp = carrier.mnp
        assert timing.days_left_required == (mnp.destinations_often_require_days_left if mnp else None)
        assert timing_for(carrier, 3).days_left_required == 3
