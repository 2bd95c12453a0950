"""Which rules are in force on a day: a guide shows, compares and calculates only those; the others
are listed apart ("以前のルール" and rules that start later) with their dates and sources."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from ..facts.model import Carrier, Section, Timed

Status = Literal["current", "past", "future"]


def status(item: Timed, today: dt.date) -> Status:
    """Whether ``item`` is in force on ``today``, has ended, or starts later."""
    period = item.in_force
    if period is None:
        return "current"
    if period.until is not None and period.until.latest < today:
        return "past"
    if period.from_ is not None and period.from_.earliest > today:
        return "future"
    return "current"


@dataclass(frozen=True)
class OtherRule:
    """A fact not in force on the day: which list it was in, the item, and whether it ended or starts later."""

    section: str
    item: Timed
    status: Status


def _split(model: BaseModel, today: dt.date, path: str, others: list[OtherRule]) -> BaseModel:
    update = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, list) and value and isinstance(value[0], Timed):
            kept = []
            for item in value:
                state = status(item, today)
                if state == "current":
                    kept.append(item)
                else:
                    others.append(OtherRule(f"{path}{name}", item, state))
            if len(kept) != len(value):
                update[name] = kept
        elif isinstance(value, Section) and value.history:
            current = _section_as_of(value, today, f"{path}{name}", others)
            update[name] = _split(current, today, f"{path}{name}.", others)
        elif isinstance(value, BaseModel) and name != "identity":
            inner = _split(value, today, f"{path}{name}.", others)
            if inner is not value:
                update[name] = inner
    return model.model_copy(update=update) if update else model


def _section_as_of(section: Section, today: dt.date, path: str, others: list[OtherRule]) -> Section:
    """The value of a section with a history that holds on ``today`` (the section as written when none
    does); every other value is set apart, each with its own dates. None keeps a history of its own."""
    values = [section.model_copy(update={"history": []}), *section.history]
    current = next((v for v in values if status(v, today) == "current"), values[0])
    others.extend(OtherRule(path, v, status(v, today)) for v in values if v is not current)
    return current


def as_of(carrier: Carrier, today: dt.date) -> tuple[Carrier, list[OtherRule]]:
    """The carrier as it is on ``today`` (only facts in force), and the facts set apart."""
    others: list[OtherRule] = []
    current = _split(carrier, today, "", others)
    return current, others


def catalog_as_of(carriers: dict[str, Carrier], today: dt.date) -> tuple[dict[str, Carrier], dict[str, list[OtherRule]]]:
    """Every carrier as it is on ``today``, and per carrier the facts not in force."""
    current, others = {}, {}
    for cid, carrier in carriers.items():
        current[cid], others[cid] = as_of(carrier, today)
    return current, others
