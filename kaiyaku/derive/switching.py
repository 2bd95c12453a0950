"""Where to switch to: each comparison row is computed from the target's own facts and the pair's rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..facts.model import Carrier, ContractFee, Way

Reservation = Literal["number_migration", "plan_change", "one_stop", "needed", "unknown"]


@dataclass(frozen=True)
class SwitchRow:
    """What moving from ``origin`` to ``target`` costs and needs, from both files' facts."""

    origin: Carrier
    target: Carrier
    way: Way | None
    reservation: Reservation
    last_month: str | None
    last_month_exception: bool
    first_month: str | None
    contract_fees: tuple[ContractFee, ...]
    days_left_required: int | None

    @property
    def double_billing(self) -> bool | None:
        """True when both the last month and the first month are charged in full."""
        if self.last_month is None or self.first_month is None:
            return None
        return self.last_month == "full" and self.first_month == "full"


def way_to(origin: Carrier, target_id: str) -> Way | None:
    """The way of leaving ``origin`` that moves the number to ``target_id``: a named migration or plan change,
    else port-out."""
    for way in origin.ways:
        if target_id in way.applies.to:
            return way
    return next((w for w in origin.ways if w.kind == "port_out"), None)


def reservation_needed(origin: Carrier, target: Carrier, way: Way | None) -> Reservation:
    if way is not None and way.kind in ("number_migration", "plan_change"):
        return way.kind  # no reservation number: within one company's brands
    leaving = origin.mnp.one_stop_leaving if origin.mnp else None
    joining = target.mnp.one_stop_joining if target.mnp else None
    if leaving and joining:
        return "one_stop"
    if leaving is False or joining is False:
        return "needed"
    return "unknown"


def same_operator(a: Carrier, b: Carrier) -> bool:
    """Two brands of one company: one is the other's brand (ahamo in docomo's contract), or both name the same
    operator (au, UQ mobile and povo2.0: KDDI)."""
    ia, ib = a.identity, b.identity
    if ia.brand_of == b.id or ib.brand_of == a.id or (ia.brand_of is not None and ia.brand_of == ib.brand_of):
        return True
    return ia.operator is not None and ia.operator == ib.operator


def switch_row(origin: Carrier, target: Carrier) -> SwitchRow:
    way = way_to(origin, target.id)
    last_month = origin.billing.last_month if origin.billing else None
    exception = False
    if origin.billing:
        for rule in origin.billing.exceptions:
            if target.id in rule.to and (rule.way is None or (way is not None and rule.way == way.id)):
                last_month, exception = rule.last_month, True
    first_month = target.billing.first_month if target.billing else None
    first_for_pair = False
    if target.billing:
        for rule in target.billing.first_month_from:
            if origin.id in rule.from_:
                first_month, first_for_pair = rule.first_month, True
    if same_operator(origin, target):
        # a move inside one company is billed by its own facts (a rule naming this pair), never by the months of
        # leaving for, or joining from, another company: what the facts do not say stays unknown
        # (a month without a base fee is the plan's own, whoever arrives or leaves)
        last_month = last_month if exception or last_month == "no_base_fee" else None
        first_month = first_month if first_for_pair or first_month == "no_base_fee" else None
    if way is not None and way.kind == "plan_change":
        # one contract, another plan: how the month of the change is billed is in the way's own facts, not a
        # last month plus a first month
        last_month, exception, first_month = None, False, None
    fees = tuple(f for f in target.contract_fees if not f.from_ or origin.id in f.from_)
    days_left = target.mnp.days_left_required if target.mnp else None
    return SwitchRow(origin, target, way, reservation_needed(origin, target, way), last_month, exception, first_month, fees, days_left)


def switch_rows(origin: Carrier, carriers: dict[str, Carrier]) -> list[SwitchRow]:
    """One row per switching target of ``origin``, in the order its file lists them."""
    return [switch_row(origin, carriers[target_id]) for target_id in origin.switch_to]
