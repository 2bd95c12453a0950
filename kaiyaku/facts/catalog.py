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
from .model import RULES_CITED, Carrier, RuleBook
from ..forked import can_fork, read_in_processes
from .validation import CarrierReference, carrier_references, check_across, check_document, check_names, previous_ids
from .yamlsource import Document, read_file, read_text

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


#: top-level names whose page or folder the generator (or the search) writes itself: a hand-written page
#: or folder of that name in docs_dir would be written over, so it is refused there
GENERATED_NAMES = frozenset({"index", "compare", "calculator", "rules", "checklist", "feeds", "sitemap", "404", "search", "pagefind"})


def _top_level_name(entry: Path) -> str:
    return entry.name.split(".")[0] if entry.is_file() else entry.name


def content_clashes(docs_dir: Path | None, root: Path | None, carrier_ids: Collection[str], published: Collection[str]) -> tuple[list[FactError], set[str]]:
    """Hand-written pages (top-level names of ``docs_dir``) that take a generated page's URL, or the URL of
    a carrier already published (an id git's history knows): each is refused at the page, which is the
    newcomer. Returns those errors and the names whose clash is reported here (not again at the carrier)."""
    errors: list[FactError] = []
    blamed: set[str] = set()
    if docs_dir is None or not docs_dir.is_dir():
        return errors, blamed
    for entry in sorted(docs_dir.iterdir()):
        name = _top_level_name(entry)
        shown = display_path(entry, root)
        if name in GENERATED_NAMES and name != "index" or name == "index" and entry.is_dir():
            errors.append(FactError(shown, 1, 1, "", f"手書きのページ {shown} は、生成するページ /{name}/ と同じ URL になります(ビルドできません)",
                                    f"{shown} の名前を変えてください(使えない名前: {', '.join(sorted(GENERATED_NAMES))})"))
        elif name in carrier_ids and name in published:
            errors.append(FactError(shown, 1, 1, "", f"手書きのページ {shown} は、公開済みのキャリア {name} のページ /{name}/ と同じ URL です",
                                    f"{shown} の名前を変えてください(キャリアの URL は公開済みなので変えません)"))
            blamed.add(name)
    return errors, blamed


def site_names(docs_dir: Path | None = None) -> frozenset[str]:
    """Names no carrier id may take: :data:`SITE_NAMES` and every top-level name in ``docs_dir`` (the
    hand-written pages' folder: ``about.md`` is the page /about/, ``assets/`` a folder of the site)."""
    names = set(SITE_NAMES)
    if docs_dir is not None and docs_dir.is_dir():
        for entry in docs_dir.iterdir():
            name = _top_level_name(entry)
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
            shown = display_path(rules_file, root)
            if rules_file.exists() or rules_file.is_symlink():
                doc = read_file(rules_file, shown)
                rules = check_document(doc, today, RuleBook)
                if doc.data is not None:
                    doc.errors.extend(check_rule_ids(doc, committed_rule_ids(rules_file)))
            else:
                doc = Document(shown)
                doc.errors.append(FactError(shown, 1, 1, "", f"{shown} がありません。すべての会社に共通するルール(/rules/)とチェックリスト(/checklist/)は公開済みで、ガイドからリンクしています",
                                            f"消したのなら戻してください(git checkout -- {shown})"))
            rule_errors = doc.errors
        catalog = _load_catalog(folder, root, processes, docs_dir, today, rules if not rule_errors else None)
        if rules_file is not None:
            catalog.errors = sorted(catalog.errors + rule_errors)
            catalog.rules = rules if catalog.ok else None
            if not catalog.ok:
                catalog.carriers = {}
        return catalog


def load_site(root: Path, *, processes: int = 1) -> Catalog:
    """The facts of the site at ``root``: ``carriers/`` and ``rules.yaml`` (required), dated by its
    commit, with the ids its hand-written pages reserve."""
    return load_catalog(root / "carriers", root, processes=processes, docs_dir=docs_dir_of(root), today=checks_allowed_until(root),
                        rules_file=root / "rules.yaml")


def committed_rule_ids(rules_file: Path) -> set[str]:
    """Every id of ``rules:`` and ``checklist:`` in every committed version of ``rules_file``: each was
    published as an anchor (/rules/#id, /checklist/#id). Empty outside git."""
    def git(*args: str) -> str | None:
        try:
            result = subprocess.run(["git", *args], cwd=rules_file.parent, capture_output=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            return None
        return result.stdout.decode("utf-8", errors="replace") if result.returncode == 0 else None

    ids: set[str] = set()
    for commit in (git("log", "--format=%H", "--", rules_file.name) or "").split():
        data = read_text(git("show", f"{commit}:./{rules_file.name}") or "", rules_file.name).data
        for key in ("rules", "checklist"):
            items = data.get(key) if isinstance(data, dict) else None
            ids.update(item["id"] for item in items or [] if isinstance(item, dict) and isinstance(item.get("id"), str))
    return ids


def check_rule_ids(doc: Document, published: set[str]) -> list[FactError]:
    """The site-wide rules keep their published anchors: the rules the templates cite (RULES_CITED) are
    there, and an id once published is still there, or named in ``retired_ids`` (removed on purpose)."""
    data = doc.data if isinstance(doc.data, dict) else {}
    present = {item.get("id") for key in ("rules", "checklist") for item in (data.get(key) if isinstance(data.get(key), list) else []) if isinstance(item, dict)}
    retired = set(data.get("retired_ids") or []) if isinstance(data.get("retired_ids"), list) else set()
    errors = [doc.error(("rules",), f"ルール {rule_id} がありません。ガイドの MNP の節がこの id で /rules/#{rule_id} にリンクしています",
                        f"id: {rule_id} のルールを戻してください(id を変えたなら元に戻します)", at_key=True) for rule_id in RULES_CITED if rule_id not in present]
    for rule_id in sorted(published - present - retired - set(RULES_CITED)):
        errors.append(doc.error(("rules",), f"ルール(またはチェック項目){rule_id} は公開済みです(/rules/#{rule_id}、/checklist/#{rule_id})。id を変えたり消したりするとリンクが切れます",
                                f"id を {rule_id} に戻してください。載せないと決めたなら retired_ids: [{rule_id}] と書いてください", at_key=True))
    return errors


def _load_catalog(folder: Path, root: Path | None, processes: int, docs_dir: Path | None, today: dt.date | None,
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
    published = committed_ids(folder) if paths else set()
    gone = published - known
    clashes, blamed = content_clashes(docs_dir, root, known, published)
    catalog.errors.extend(clashes)
    reserved = site_names(docs_dir) - blamed
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
        if path.is_dir() and not path.is_symlink():
            errors.append(FactError(name, 1, 1, "", f"{shown}/ の中のフォルダ {path.name}/ は読みません(中のファイルは公開されません)",
                                    f"キャリアのファイルは {shown}/ の直下に <id>.yaml として置いてください。使わないならフォルダを消してください"))
            continue
        if suffix.rstrip() != suffix or path.name != path.name.strip():
            errors.append(FactError(name, 1, 1, "", f"ファイル名 {path.name!r} の前後に空白があります(読みません)", f"{path.name.strip()} に名前を変えてください"))
            continue
        if suffix not in (".yaml", ".yml"):
            errors.append(FactError(name, 1, 1, "", f"{path.name} はキャリアのファイル(*.yaml)ではありません(読みません)",
                                    f"{shown}/ には事実を書いた <id>.yaml だけを置いてください。メモは別の場所に置きます"))
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
