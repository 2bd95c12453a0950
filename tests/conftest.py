"""Shared helpers: the project root, reading a YAML text through the checker, fixture sites."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kaiyaku.validation import check_document
from kaiyaku.yamlsource import read_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def check_text(text: str, file: str = "carriers/x.yaml"):
    """Read and check one file's text; returns (carrier or None, errors)."""
    doc = read_text(text, file)
    carrier = check_document(doc)
    return carrier, sorted(doc.errors)


def make_site(tmp_path: Path, carriers: dict[str, str], real: bool = False) -> Path:
    """A copy of the project's site setup with the given carrier files (or the real ones)."""
    site = tmp_path / "proj"
    site.mkdir()
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, site / name)
    for folder in ("content", "macros", "overrides"):
        shutil.copytree(ROOT / folder, site / folder)
    if real:
        shutil.copytree(ROOT / "carriers", site / "carriers")
    else:
        (site / "carriers").mkdir()
    for name, text in carriers.items():
        (site / "carriers" / name).write_text(text, encoding="utf-8")
    return site


def mkdocs_build(site: Path, out: Path | None = None) -> subprocess.CompletedProcess:
    out = out or site / "site"
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=site, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real site, built once under --strict for all tests that read its HTML."""
    tmp = tmp_path_factory.mktemp("real")
    site = make_site(tmp, {}, real=True)
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr
    return site / "site"
