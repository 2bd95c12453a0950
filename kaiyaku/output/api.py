"""The machine-readable export of the facts: one JSON per carrier and an index, from the same model."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial

from ..derive.calculator import calculator_data
from ..facts.catalog import Catalog
from ..facts.model import Carrier

API_DIR = "api/carriers"


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def carrier_json(carrier: Carrier) -> str:
    """Every fact of one carrier, keys in the model's order (pydantic's own serialiser: fast and stable)."""
    return carrier.model_dump_json(by_alias=True, indent=2) + "\n"


def index_json(catalog: Catalog) -> str:
    items = [
        {
            "id": c.id,
            "name": c.name,
            "role": c.role,
            "kind": c.identity.kind,
            "json": f"{c.id}.json",
            "page": f"{c.id}/",
            "checked": max(s.checked for s in c.sources).isoformat(),
        }
        for c in catalog.carriers.values()
    ]
    return _dump({"carriers": items})


def api_makers(catalog: Catalog) -> dict[str, Callable[[], str]]:
    """Path inside the site → a function making that export file's JSON text."""
    makers: dict[str, Callable[[], str]] = {f"{API_DIR}/index.json": partial(index_json, catalog)}
    makers.update({f"{API_DIR}/{c.id}.json": partial(carrier_json, c) for c in catalog.carriers.values()})
    makers.update({f"api/calculator/{c.id}.json": partial(calculator_json, c, catalog) for c in catalog.guides()})
    return makers


def calculator_json(carrier: Carrier, catalog: Catalog) -> str:
    """What the calculator needs to know of switching away from ``carrier``."""
    return _dump(calculator_data(carrier, catalog.carriers))


def api_files(catalog: Catalog) -> dict[str, str]:
    """Path inside the site → JSON text, for every export file."""
    return {path: make() for path, make in api_makers(catalog).items()}
