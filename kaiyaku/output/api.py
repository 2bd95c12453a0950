"""The machine-readable export of the facts: one JSON per carrier and an index, from the same model."""

from __future__ import annotations

import datetime as dt
import functools
import json
import typing
from collections.abc import Callable, Iterator
from functools import partial

from ..derive.calculator import calculator_data
from ..derive.route import Routes
from ..facts.catalog import Catalog
from pydantic import BaseModel

from ..derive.in_force import status
from ..facts.model import Carrier, Timed

API_DIR = "api/carriers"


#: no indentation: a third smaller, and written by the json module's C encoder (indented JSON is written in Python,
#: three times slower); a browser's JSON viewer indents it for a reader
COMPACT = {"ensure_ascii": False, "separators": (",", ":")}


def _dump(data: object) -> str:
    return json.dumps(data, sort_keys=True, **COMPACT) + "\n"


def carrier_json(carrier: Carrier, today: dt.date) -> str:
    """Every fact of one carrier, keys in the model's order, with sources' kinds and page dates; each fact
    that has a period in force is marked ``"status": "current" | "past" | "future"`` as of ``today``."""
    data = carrier.model_dump(mode="json", by_alias=True)
    _mark(carrier, data, today)
    return json.dumps(data, **COMPACT) + "\n"


def _mark(model: BaseModel, data: dict, today: dt.date) -> None:
    if isinstance(model, Timed) and model.in_force is not None:
        data["status"] = status(model, today)
    for name, key in _holding_timed(type(model)):
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            _mark(value, data[key], today)
        elif isinstance(value, list):
            for item, item_data in zip(value, data[key]):
                if isinstance(item, BaseModel):
                    _mark(item, item_data, today)


def _models_in(annotation: object, owner: type[BaseModel]) -> Iterator[type[BaseModel]]:
    """The model classes a field of ``owner`` names in its type (``list[Way]``, ``Period | None``, ``list[Self]``)."""
    if annotation is typing.Self:
        yield owner
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models_in(arg, owner)


@functools.cache
def _holding_timed(cls: type[BaseModel], _seen: frozenset = frozenset()) -> tuple[tuple[str, str], ...]:
    """(attribute, JSON key) of the fields of ``cls`` that can hold a fact with a period in force, at any
    depth: the only ones :func:`_mark` walks (the others were most of the export's time)."""
    seen = _seen | {cls}
    return tuple((name, field.alias or name) for name, field in cls.model_fields.items()
                 if any(issubclass(m, Timed) or m in seen or _holding_timed(m, seen) for m in _models_in(field.annotation, cls)))


def index_json(catalog: Catalog) -> str:
    items = [
        {
            "id": c.id,
            "name": c.name,
            "role": c.role,
            "kind": c.identity.kind,
            "aliases": list(c.identity.aliases),
            "json": f"{c.id}.json",
            "page": f"{c.id}/",
            "checked": max(s.checked for s in c.sources).isoformat(),
        }
        for c in catalog.carriers.values()
    ]
    return _dump({"carriers": items})


def api_makers(catalog: Catalog, current: dict[str, Carrier], today: dt.date, routes: Routes | None = None) -> dict[str, Callable[[], str]]:
    """Path inside the site → a function making that export file's JSON text. The carriers' files have every
    fact, marked as in force on ``today`` or not; the calculator's rules use only ``current`` (the carriers as
    they are on ``today``, as the pages show them: ``Renderer.current``), each pair's from ``routes`` (the
    build's one derivation of every switch, ``Renderer.pairs``) when given."""
    makers: dict[str, Callable[[], str]] = {f"{API_DIR}/index.json": partial(index_json, catalog)}
    makers.update({f"{API_DIR}/{c.id}.json": partial(carrier_json, c, today) for c in catalog.carriers.values()})
    makers.update({f"api/calculator/{c.id}.json": partial(calculator_json, c, current, routes) for c in current.values() if c.role == "guide"})
    return makers


def calculator_json(carrier: Carrier, carriers: dict[str, Carrier], routes: Routes | None = None) -> str:
    """What the calculator needs to know of switching away from ``carrier``."""
    return _dump(calculator_data(carrier, carriers, (lambda o, t: routes(o, t).rules) if routes else None))


def api_files(catalog: Catalog, current: dict[str, Carrier], today: dt.date, routes: Routes | None = None) -> dict[str, str]:
    """Path inside the site → JSON text, for every export file."""
    return {path: make() for path, make in api_makers(catalog, current, today, routes).items()}
