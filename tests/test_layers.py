"""The package's folders are layers, from fact file to page: each may import only from itself and the
layers before it, and only the MkDocs integration and the commands on top may import MkDocs."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "kaiyaku"

#: lowest first: `forked` is shared plumbing; then the facts, what is derived from them, what is written out,
#: the MkDocs plugin, and the command line on top
LAYERS = ["forked", "facts", "derive", "output", "mkdocs_plugin", "commands"]
MAY_IMPORT_MKDOCS = {"mkdocs_plugin", "commands"}


def layer_of(module: str) -> str:
    """``kaiyaku.facts.model`` → ``facts``."""
    return module.split(".")[1]


def imports_of(path: Path, package_dir: Path) -> list[tuple[int, str]]:
    """Every module a file imports (relative imports made absolute), with its line."""
    parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
    package = parts[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            name = ".".join(base + ([node.module] if node.module else []))
            if node.module is None:  # `from ..facts import model`
                found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, name))
    return found


def violations(path: Path, package_dir: Path = PACKAGE) -> list[str]:
    own = layer_of(".".join(path.relative_to(package_dir.parent).with_suffix("").parts))
    problems = []
    for line, module in imports_of(path, package_dir):
        where = f"{path.relative_to(package_dir.parent)}:{line}"
        if module.split(".")[0] == "mkdocs" and own not in MAY_IMPORT_MKDOCS:
            problems.append(f"{where}: {own} imports {module}; only {sorted(MAY_IMPORT_MKDOCS)} may import MkDocs")
        if module.startswith("kaiyaku.") and LAYERS.index(layer_of(module)) > LAYERS.index(own):
            problems.append(f"{where}: {own} imports {module} from a later layer")
    return problems


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def test_every_module_is_in_a_layer():
    assert {layer_of(".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts)) for p in MODULES} - {"__init__"} <= set(LAYERS)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_follow_the_layers(path):
    assert violations(path) == []


def test_a_backward_import_is_found(tmp_path):
    """The check itself: a fact module importing the renderer, or MkDocs, is reported with its line."""
    fake = tmp_path / "kaiyaku"
    (fake / "facts").mkdir(parents=True)
    bad = fake / "facts" / "model.py"
    bad.write_text("import json\nfrom ..output.render import Renderer\nfrom mkdocs.plugins import BasePlugin\n", encoding="utf-8")
    assert violations(bad, fake) == [
        "kaiyaku/facts/model.py:2: facts imports kaiyaku.output.render from a later layer",
        "kaiyaku/facts/model.py:3: facts imports mkdocs.plugins; only ['commands', 'mkdocs_plugin'] may import MkDocs",
    ]
