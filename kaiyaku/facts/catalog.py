"""All carrier files of a folder, read and checked together: the one entry point for the build and `check`."""

from __future__ import annotations

import datetime as dt
import gc
import os
import subprocess
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from functools import partial
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .clock import checks_allowed_until
from .errors import FactError, display_path
from .model import Carrier, RuleBook
from ..forked import can_fork, read_in_processes
from .validation import CarrierReference, carrier_references, check_across, check_document, check_names, previous_ids
from .yamlsource import read_file

#: top-level names of the built site that are not carriers: the pages the generator makes (home,
#: comparison, calculator, API, feeds), the theme's and the search's folders and files. A carrier id is
#: a top-level folder of the site, so none of these may be one (nor any top-level name in docs_dir).
SITE_NAMES = frozenset({
    "index", "compare", "calculator", "rules", "checklist", "api", "feeds",  # generated pages and exports
    "assets", "search", "pagefind", "sitemap", "404", "javascripts", "stylesheets",  # theme, search, MkDocs
})


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


def site_names(docs_dir: Path | None = None) -> frozenset[str]:
    """Names no carrier id may take: :data:`SITE_NAMES` and every top-level name in ``docs_dir`` (the
    hand-written pages' folder: ``about.md`` is the page /about/, ``assets/`` a folder of the site)."""
    names = set(SITE_NAMES)
    if docs_dir is not None and docs_dir.is_dir():
        for entry in docs_dir.iterdir():
            name = entry.name.split(".")[0] if entry.is_file() else entry.name
            names.update({name, name.lower()})
    return frozenset(names)


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml as plain data: MkDocs' own tags (``!ENV``, ``!!python/name:``) read as nothing."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def docs_dir_of(root: Path) -> Path:
    """The hand-written pages' folder that ``root/mkdocs.yml`` names (``docs_dir``, by default ``docs``)."""
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        config = None
    folder = config.get("docs_dir") if isinstance(config, dict) else None
    return root / (folder if isinstance(folder, str) and folder else "docs")


@dataclass
class FileReading:
    """One carrier file read and checked on its own: its carrier (None when it has errors), its errors,
    the places it names other carriers and its previous ids (all the rules between files need of it),
    also when the file has errors of its own, so that every error comes in one run."""

    file: str
    stem: str
    carrier: Carrier | None
    errors: list[FactError]
    references: list[CarrierReference]
    previous: list[CarrierReference] = field(default_factory=list)
    #: line and column of the file's id (where an error about the id as a whole points)
    id_at: tuple[int, int] = (1, 1)


def read_carrier(path: Path, name: str, today: dt.date | None = None, rules: RuleBook | None = None) -> FileReading:
    """Read and check one file (``name`` is how errors call it; nothing can be checked after ``today``;
    its facts in force are held to the invariants of ``rules``)."""
    doc = read_file(path, name)
    carrier = check_document(doc, today, rules=rules)
    return FileReading(name, path.stem, carrier, doc.errors, carrier_references(doc), previous_ids(doc), doc.locate(("id",)))


def committed_ids(folder: Path) -> set[str]:
    """The id of every carrier file git has ever known in ``folder`` (committed at some point, or
    staged): each was published at /<id>/. Empty outside a git work tree or without git."""
    names: set[str] = set()
    for command in (["log", "--format=", "--name-only", "--no-renames", "--relative", "-z", "--", "."], ["ls-files", "-z", "--", "."]):
        try:
            result = subprocess.run(["git", *command], cwd=folder, capture_output=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            return set()
        if result.returncode != 0:
            return set()
        names.update(result.stdout.decode("utf-8", errors="replace").replace("\n", "\0").split("\0"))
    return {name[: -len(".yaml")] for name in names if name.endswith(".yaml") and "/" not in name}


def load_catalog(folder: Path, root: Path | None = None, *, processes: int = 1, docs_dir: Path | None = None,
                 today: dt.date | None = None, rules_file: Path | None = None) -> Catalog:
    """Read and check every ``*.yaml`` in ``folder``, and the site-wide ``rules_file`` if given; errors
    name files relative to ``root``. No source may have been checked after ``today`` (the commit's date).

    ``docs_dir`` is the hand-written pages' folder: no carrier id may be one of its top-level names
    (nor one of :data:`SITE_NAMES`). The build and ``kaiyaku check`` pass the same folder.
    With ``processes`` above 1 (and where processes can fork), files are read in that many processes
    at once; the catalog and its errors are the same either way.
    """
    with collection_paused():
        rules, rule_errors = None, []
        if rules_file is not None:  # first: every carrier's facts are held to its invariants
            doc = read_file(rules_file, display_path(rules_file, root))
            rules, rule_errors = check_document(doc, today, RuleBook), doc.errors
        catalog = _load_catalog(folder, root, processes, site_names(docs_dir), today, rules)
        if rules_file is not None:
            catalog.errors = sorted(catalog.errors + rule_errors)
            catalog.rules = rules if catalog.ok else None
            if not catalog.ok:
                catalog.carriers = {}
        return catalog


def load_site(root: Path, *, processes: int = 1) -> Catalog:
    """The facts of the site at ``root``: ``carriers/`` and, when present, ``rules.yaml``, dated by its
    commit, with the ids its hand-written pages reserve."""
    rules_file = root / "rules.yaml"
    return load_catalog(root / "carriers", root, processes=processes, docs_dir=docs_dir_of(root), today=checks_allowed_until(root),
                        rules_file=rules_file if rules_file.exists() else None)


def _load_catalog(folder: Path, root: Path | None, processes: int, reserved: Collection[str], today: dt.date | None,
                  rules: RuleBook | None = None) -> Catalog:
    catalog = Catalog()
    shown = display_path(folder, root)
    if not folder.is_dir():
        catalog.errors.append(FactError(shown, 1, 1, "", "キャリアのフォルダがありません", "carriers/ を作って *.yaml を置いてください"))
        return catalog
    paths = _carrier_files(folder, root, shown, catalog.errors)
    if not paths:
        catalog.errors.append(FactError(shown, 1, 1, "", f"{shown}/ にキャリアのファイル(*.yaml)が 1 つもありません",
                                        "`kaiyaku new <id> --name 表示名` で作ってください。空のサイトは作りません"))
    read = partial(read_carrier, today=today, rules=rules)
    if processes > 1 and can_fork():
        readings = read_in_processes(read, paths, processes, [_size(path) for path, _name in paths])  # balanced by bytes
    else:
        readings = [read(*p) for p in paths]
    for reading in readings:
        catalog.errors.extend(reading.errors)
    known = {reading.stem for reading in readings}
    gone = committed_ids(folder) - known if paths else set()
    catalog.errors.extend(check_names({r.stem: (r.file, r.id_at, r.previous) for r in readings}, reserved, gone, shown))
    # every file's references, also of files with errors of their own (the id is the file name, a rule
    # of one file: no two alike)
    catalog.errors.extend(check_across({r.stem: (r.file, r.references) for r in readings}, known, _renamed(readings)))
    if not catalog.errors:
        catalog.carriers = {reading.carrier.id: reading.carrier for reading in readings}
    catalog.errors.sort()
    return catalog


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _renamed(readings: list[FileReading]) -> dict[str, str]:
    """Previous id → the id it is now, from every file's ``previous_ids``."""
    return {ref.target: reading.stem for reading in readings for ref in reading.previous}


def _carrier_files(folder: Path, root: Path | None, shown: str, errors: list[FactError]) -> list[tuple[Path, str]]:
    """The carrier files of ``folder`` with the names errors give them. A link, or a name YAML-like but
    not ``*.yaml``, is refused here, without reading it."""
    paths: list[tuple[Path, str]] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        name = f"{shown}/{path.name}"
        suffix = path.suffix.lower()
        if suffix not in (".yaml", ".yml"):
            continue
        if path.is_symlink():
            where = "リポジトリの外" if not _inside(path, root or folder.parent) else "別の場所"
            errors.append(FactError(name, 1, 1, "", f"{where}を指すシンボリックリンクです(読みません)",
                                    f"リンクを消し、事実を書いたファイルそのものを {shown}/ に置いてください"))
        elif not path.is_file():
            errors.append(FactError(name, 1, 1, "", "ふつうのファイルではありません(読みません)", f"{shown}/ には事実を書いた *.yaml ファイルだけを置いてください"))
        elif path.suffix != ".yaml":
            errors.append(FactError(name, 1, 1, "", f"拡張子が {path.suffix} です", f"{path.stem}.yaml に名前を変えてください(小文字の .yaml)"))
        else:
            paths.append((path, name))
    return paths


def _inside(path: Path, root: Path) -> bool:
    target = Path(os.path.realpath(path))
    return target.is_relative_to(Path(os.path.realpath(root)))
