"""Derived rules: switching rows from both carriers' facts, and best-timing figures."""

from __future__ import annotations

from conftest import ROOT

from kaiyaku.facts.catalog import load_site
from kaiyaku.derive.switching import switch_row
from kaiyaku.derive.timing import timing_for

CATALOG = load_site(ROOT)
C = CATALOG.carriers


def test_au_to_uq_is_a_number_migration_prorated_with_free_contract_fee():
    row = switch_row(C["au"], C["uq-mobile"])
    assert row.way.kind == "number_migration" and row.reservation == "number_migration"
    assert row.last_month == "prorated" and row.last_month_exception
    assert row.first_month == "prorated"
    assert [f.amount for f in row.contract_fees] == [0, 3850]
    assert row.double_billing is False


def test_au_to_rakuten_is_one_stop_with_double_billing():
    row = switch_row(C["au"], C["rakuten-mobile"])
    assert row.reservation == "one_stop" and row.last_month == "full" and row.first_month == "full"
    assert row.double_billing is True


def test_iijmio_to_uq_does_not_get_aus_pair_rules():
    row = switch_row(C["iijmio"], C["uq-mobile"])
    # an MNP by IIJmio's port-out (one-stop or a reservation number as both files say), never au's 番号移行
    assert row.way.kind == "port_out" and row.reservation in ("one_stop", "needed", "unknown")
    assert row.first_month == "prorated"  # UQ's own first-month rule
    assert row.contract_fees == ()  # UQ's 0-yen and 3,850-yen fees are for moves from au only
    assert not row.last_month_exception


def test_mineos_own_days_left_requirement_is_used():
    assert switch_row(C["iijmio"], C["mineo"]).days_left_required == 10


def test_iijmio_timing_is_derived_from_its_rules():
    t = timing_for(C["iijmio"])
    assert t.any_day_same_cost and t.withdraw_until == "20:00"
    assert t.apply_within_days == 6  # 15-day validity, 10 days left wanted: by day 6 counting the issue day
    assert t.earliest_request_before_month_end == 18  # 14 days of validity after issue + up to 4 days to issue


def test_au_timing_prefers_month_end():
    t = timing_for(C["au"])
    assert not t.any_day_same_cost and t.last_month == "full" and t.one_stop


def test_every_rule_id_a_template_names_is_checked_to_exist():
    """The ids the guide templates link to (rules.get("…"), lists of ids) are the ones the checker requires
    in rules.yaml (RULES_CITED): a template citing a new rule cannot skip the check."""
    import re

    from kaiyaku.facts.model import RULES_CITED

    named = set()
    for template in (ROOT / "macros").rglob("*.j2"):
        text = template.read_text(encoding="utf-8")
        named |= set(re.findall(r"""rules\.get\(\s*["']([a-z0-9-]+)["']\s*\)""", text))
        for listed in re.findall(r"for \w+ in \[([^\]]*)\] if rules\.get", text):
            named |= set(re.findall(r"""["']([a-z0-9-]+)["']""", listed))
    assert named and named <= set(RULES_CITED), sorted(named - set(RULES_CITED))
