"""When to act: best-timing figures derived from a carrier's billing and MNP rules, never typed in as prose."""

from __future__ import annotations

from dataclasses import dataclass

from ..facts.model import Carrier, Way


@dataclass(frozen=True)
class Timing:
    """The figures a timing advice is worded from; ``None`` where the facts do not say."""

    last_month: str | None
    cancel_takes_effect: str | None
    withdraw_until: str | None
    issue_days_max: int | None
    validity_days: int | None
    days_left_required: int | None
    one_stop: bool

    @property
    def any_day_same_cost(self) -> bool:
        """Cancelling takes effect at month end and the month is billed in full: the day does not matter."""
        return self.cancel_takes_effect == "end_of_month" and self.last_month == "full"

    @property
    def apply_within_days(self) -> int | None:
        """The last day, counting the day of issue as day 1, to apply at the destination with enough days left."""
        if self.validity_days is None or self.days_left_required is None:
            return None
        return self.validity_days - self.days_left_required + 1

    @property
    def earliest_request_before_month_end(self) -> int | None:
        """Requesting a reservation number more days than this before month end risks it expiring first."""
        if self.validity_days is None or self.issue_days_max is None:
            return None
        return self.validity_days - 1 + self.issue_days_max


def _cancel_way(carrier: Carrier) -> Way | None:
    return next((w for w in carrier.ways if w.kind == "cancel" and not w.applies.sims), None)


def timing_for(carrier: Carrier, days_left_required: int | None = None) -> Timing:
    """Timing figures for leaving ``carrier``; ``days_left_required`` is the destination's, if known."""
    mnp = carrier.mnp
    cancel = _cancel_way(carrier)
    withdraw = next((c for c in (cancel.cutoffs if cancel else []) if c.action == "withdraw"), None)
    return Timing(
        last_month=carrier.billing.last_month if carrier.billing else None,
        cancel_takes_effect=cancel.takes_effect if cancel else None,
        withdraw_until=withdraw.time if withdraw else None,
        issue_days_max=mnp.reservation_issue_days.max if mnp and mnp.reservation_issue_days else None,
        validity_days=mnp.reservation_validity_days if mnp else None,
        days_left_required=days_left_required if days_left_required is not None else (mnp.destinations_often_require_days_left if mnp else None),
        one_stop=bool(mnp and mnp.one_stop_leaving),
    )
