"""The answer a guide opens with: what leaving costs, how the last month is billed, whether the SIM goes back,
where to apply and the best day, derived from the carrier's facts in force. A fact the file does not hold is
left out (the card never says 出典なし); each answer names the official source that backs it, if any."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..facts.model import Carrier, Fee, Source, Way
from .timing import Timing

BestDay = Literal["any_day", "month_end", "prorated", "no_base_fee"]
#: channels a reader can act on (``unknown`` says nothing about where to apply)
_KNOWN_CHANNELS = ("member_page", "app", "web", "chat", "phone", "store", "writing")


@dataclass(frozen=True)
class Cost:
    """What leaving costs: the fees that are 0円 by kind, and the largest fee that applies only in some cases."""

    free_kinds: tuple[str, ...]  # "penalty", "port_out": kinds with a 0円 fee in force
    charged: tuple[Fee, ...]  # fees in force with an amount, charged to everyone who uses the way
    conditional_max: Fee | None  # the highest conditional fee with an amount
    conditional_count: int
    sources: tuple[str, ...]

    @property
    def known(self) -> bool:
        return bool(self.free_kinds or self.charged or self.conditional_max)


@dataclass(frozen=True)
class Answer:
    """The first screen of a guide. ``None`` or empty where the facts do not say."""

    cost: Cost
    last_month: str | None
    sim_rule: str | None  # return, dispose, not_required, by_plan
    cancel_channels: tuple[str, ...]
    port_channels: tuple[str, ...]
    one_stop: bool | None
    best_day: BestDay | None
    #: the official page backing each answer, by its key (cost, last_month, sim, apply)
    official: dict[str, Source]


def _official(carrier: Carrier, ids: list[str] | tuple[str, ...]) -> Source | None:
    return next((s for s in (carrier.source(i) for i in ids) if s.kind == "official"), None)


def _channels(way: Way | None) -> tuple[str, ...]:
    if way is None:
        return ()
    found: list[str] = []
    for proc in way.procedures:
        if proc.channel in _KNOWN_CHANNELS and proc.channel not in found:
            found.append(proc.channel)
    return tuple(found)


def _cost(carrier: Carrier) -> Cost:
    fees = [f for f in carrier.fees if f.kind in ("penalty", "port_out")]
    free = tuple(k for k in ("penalty", "port_out") if any(f.kind == k and f.amount == 0 for f in fees))
    charged = tuple(f for f in fees if f.amount and not f.conditional)
    conditional = [f for f in fees if f.amount and f.conditional]
    top = max(conditional, key=lambda f: f.amount, default=None)
    ids: list[str] = []
    for f in fees:
        ids += [i for i in f.sources if i not in ids]
    return Cost(free, charged, top, len(conditional), tuple(ids))


def _best_day(timing: Timing) -> BestDay | None:
    if timing.last_month == "no_base_fee":
        return "no_base_fee"
    if timing.last_month == "prorated":
        return "prorated"
    if timing.any_day_same_cost:
        return "any_day"
    if timing.last_month == "full":
        return "month_end"
    return None


def answer_for(carrier: Carrier, timing: Timing) -> Answer:
    """The answer card of ``carrier`` (as in force on the day of the build)."""
    cancel = next((w for w in carrier.ways if w.kind == "cancel" and not w.applies.sims), None)
    port = next((w for w in carrier.ways if w.kind == "port_out"), None)
    cost = _cost(carrier)
    sim = carrier.sim_return.rule if carrier.sim_return and carrier.sim_return.rule != "unknown" else None
    official = {
        "cost": _official(carrier, cost.sources),
        "last_month": _official(carrier, carrier.billing.sources) if carrier.billing and carrier.billing.last_month else None,
        "sim": _official(carrier, carrier.sim_return.sources) if sim else None,
        "apply": _official(carrier, [i for w in (cancel, port) if w for i in w.sources]),
    }
    return Answer(
        cost=cost,
        last_month=carrier.billing.last_month if carrier.billing else None,
        sim_rule=sim,
        cancel_channels=_channels(cancel),
        port_channels=_channels(port),
        one_stop=carrier.mnp.one_stop_leaving if carrier.mnp else None,
        best_day=_best_day(timing),
        official={k: v for k, v in official.items() if v is not None},
    )
