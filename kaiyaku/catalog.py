"""All carrier files of a folder, read and checked together: the one entry point for the build and `check`."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import FactError, display_path
from .model import Carrier
from .validation import check_across, check_document
from .yamlsource import Document, read_file


@dataclass
class Catalog:
    """The carriers of a folder by id, in file-name order, and every problem found in them."""

    carriers: dict[str, Carrier] = field(default_factory=dict)
    errors: list[FactError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def guides(self) -> list[Carrier]:
        return [c for c in self.carriers.values() if c.role == "guide"]

    def get(self, carrier_id: str) -> Carrier:
        return self.carriers[carrier_id]


@contextmanager
def collection_paused() -> Iterator[None]:
    """Reading builds hundreds of thousands of small acyclic objects: the cycle collector only slows it
    down (at 1,000 carriers it took 2 of 5 seconds), so it is paused while the catalog is built."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_catalog(folder: Path, root: Path | None = None) -> Catalog:
    """Read and check every ``*.yaml`` in ``folder``; errors name files relative to ``root``."""
    with collection_paused():
        return _load_catalog(folder, root)


def _load_catalog(folder: Path, root: Path | None) -> Catalog:
    catalog = Catalog()
    if not folder.is_dir():
        catalog.errors.append(FactError(display_path(folder, root), 1, 1, "", "キャリアのフォルダがありません", "carriers/ を作って *.yaml を置いてください"))
        return catalog
    checked: dict[str, tuple[Carrier, Document]] = {}
    known: set[str] = set()
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        name = display_path(path, root)
        if path.suffix == ".yml":
            catalog.errors.append(FactError(name, 1, 1, "", "拡張子が .yml です", f"{path.stem}.yaml に名前を変えてください"))
            continue
        if path.suffix != ".yaml":
            continue
        doc = read_file(path, name)
        known.add(path.stem)
        carrier = check_document(doc)
        catalog.errors.extend(doc.errors)
        if carrier is None:
            continue
        if carrier.id in checked:
            other = checked[carrier.id][1].file
            catalog.errors.append(doc.error(("id",), f"id {carrier.id} は {other} と重なっています", "id はキャリアごとに別にしてください"))
            continue
        checked[carrier.id] = (carrier, doc)
    catalog.errors.extend(check_across(checked, known))
    if not catalog.errors:
        catalog.carriers = {cid: carrier for cid, (carrier, _doc) in checked.items()}
    catalog.errors.sort()
    return catalog
