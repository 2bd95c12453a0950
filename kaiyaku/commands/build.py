"""An atomic build: the site is built into a temporary folder and replaces ``site/`` only on success."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException


def build_atomically(config_file: Path, site_dir: Path | None = None) -> None:
    """Build with ``--strict``; on any failure the previous site is left exactly as it was."""
    config_file = config_file.resolve()
    target = (site_dir or config_file.parent / "site").resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=target.parent))
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=True)
        build(config)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    retired = None
    if target.exists():
        retired = target.with_name(f".{target.name}-old")
        shutil.rmtree(retired, ignore_errors=True)
        target.rename(retired)
    staging.rename(target)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


__all__ = ["build_atomically", "MkDocsException"]
