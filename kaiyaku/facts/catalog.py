"""All carrier files of a folder, read and checked together: the one entry point for the build and `check`."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from functools import partial
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .clock import checks_allowed_until
from .errors import FactError, display_path
from .model import Carrier, RuleBook
from ..forked import can_fork, read_in_processes
from .validation import CarrierReference, carrier_references, check_across, check_document
from .yamlsource import read_file


@dataclass
class Catalog:
    """The carriers of a folder by id, in file-name order, and every problem found in them."""

    carriers: dict[str, Carrier] = field(default_factory=dict)
    errors: list[FactError] = field(default_factory=list)
    #: the site-wide rules (rules.yaml), when the site has them
    rules: RuleBook | None = None

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


@dataclass
class FileReading:
    """One carrier file read and checked on its own: its carrier (None when it has errors), its errors,
    and the places it names other carriers (all the rules between files need of it)."""

    file: str
    stem: str
    carrier: Carrier | None
    errors: list[FactError]
    references: list[CarrierReference]


def read_carrier(path: Path, name: str, today: dt.date | None = None) -> FileReading:
    """Read and check one file (``name`` is how errors call it; nothing can be checked after ``today``)."""
    doc = read_file(path, name)
    carrier = check_document(doc, today)
    references = carrier_references(doc) if carrier is not None else []
    return FileReading(name, path.stem, carrier, doc.errors, references)


def load_catalog(folder: Path, root: Path | None = None, *, processes: int = 1, today: dt.date | None = None,
                 rules_file: Path | None = None) -> Catalog:
    """Read and check every ``*.yaml`` in ``folder``, and the site-wide ``rules_file`` if given; errors
    name files relative to ``root``. No source may have been checked after ``today`` (the commit's date).

    With ``processes`` above 1 (and where processes can fork), files are read in that many processes
    at once; the catalog and its errors are the same either way.
    """
    with collection_paused():
        catalog = _load_catalog(folder, root, processes, today)
        if rules_file is not None:
            doc = read_file(rules_file, display_path(rules_file, root))
            rules = check_document(doc, today, RuleBook)
            catalog.errors = sorted(catalog.errors + doc.errors)
            catalog.rules = rules if catalog.ok else None
            if not catalog.ok:
                catalog.carriers = {}
        return catalog


def load_site(root: Path, *, processes: int = 1) -> Catalog:
    """The facts of the site at ``root``: ``carriers/`` and, when present, ``rules.yaml``, dated by its commit."""
    rules_file = root / "rules.yaml"
    return load_catalog(root / "carriers", root, processes=processes, today=checks_allowed_until(root),
                        rules_file=rules_file if rules_file.exists() else None)


def _load_catalog(folder: Path, root: Path | None, processes: int, today: dt.date | None) -> Catalog:
    catalog = Catalog()
    if not folder.is_dir():
        catalog.errors.append(FactError(display_path(folder, root), 1, 1, "", "キャリアのフォルダがありません", "carriers/ を作って *.yaml を置いてください"))
        return catalog
    paths: list[tuple[Path, str]] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        name = display_path(path, root)
        if path.suffix == ".yml":
            catalog.errors.append(FactError(name, 1, 1, "", "拡張子が .yml です", f"{path.stem}.yaml に名前を変えてください"))
        elif path.suffix == ".yaml":
            paths.append((path, name))
    read = partial(read_carrier, today=today)
    readings = read_in_processes(read, paths, processes) if processes > 1 and can_fork() else [read(*p) for p in paths]
    checked: dict[str, FileReading] = {}
    for reading in readings:
        catalog.errors.extend(reading.errors)
        if reading.carrier is not None:
            checked[reading.carrier.id] = reading  # the id is the file name (a rule of one file): no two alike
    known = {reading.stem for reading in readings}
    catalog.errors.extend(check_across({cid: (r.file, r.references) for cid, r in checked.items()}, known))
    if not catalog.errors:
        catalog.carriers = {cid: reading.carrier for cid, reading in checked.items()}
    catalog.errors.sort()
    return catalog
