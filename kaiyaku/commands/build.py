"""An atomic build: the site is built into a temporary folder and replaces ``site/`` only on success."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


def remove_abandoned(target: Path) -> None:
    """Staging folders of builds that were killed (``.site-<pid>-…`` whose process is gone), and of
    older builds that named theirs without a pid (``.site-…`` untouched for an hour): each is a whole
    site that nothing will ever use again."""
    for folder in target.parent.glob(f".{target.name}-*"):
        found = re.fullmatch(rf"\.{re.escape(target.name)}-(\d+)-\w+", folder.name)
        try:
            abandoned = not _alive(int(found[1])) if found else folder.name != f".{target.name}-old" and time.time() - folder.stat().st_mtime > 3600
        except OSError:
            continue
        if abandoned and folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)


def build_atomically(config_file: Path, site_dir: Path | None = None) -> None:
    """Build with ``--strict``; on any failure the previous site is left exactly as it was."""
    config_file = config_file.resolve()
    target = (site_dir or config_file.parent / "site").resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-{os.getpid()}-", dir=target.parent))
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
