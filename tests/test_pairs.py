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

from kaiyaku.derive.calculator import cheapest_day, pair_rules, plan
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


@pytest.fixture(scope="module", params=["real", "fixtures"])
def carriers(request, tmp_path_factory):
    return _real() if request.param == "real" else _fixtures(tmp_path_factory)


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


def row_of(a, b) -> dict:
    row = switch_row(a, b)
    return {"way": row.way.id if row.way else None, "reservation": row.reservation, "last_month": row.last_month,
            "last_month_exception": row.last_month_exception, "first_month": row.first_month, "contract_fees": list(row.contract_fees),
            "days_left_required": row.days_left_required}


def test_every_ordered_pair_gets_each_sides_own_facts(carriers):
    differ = 0
    for a, b in itertools.permutations(carriers.values(), 2):
        assert row_of(a, b) == expected(a, b), (a.id, b.id)
        rules = pair_rules(a, b)
        assert (rules["reservation"], rules["last_month"], rules["first_month"]) == (expected(a, b)["reservation"], expected(a, b)["last_month"], expected(a, b)["first_month"])
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
