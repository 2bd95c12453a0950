"""What "today" is for the facts: the date of the commit being built, so that a build is reproducible."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def commit_time(root: Path) -> int | None:
    """The commit time of HEAD (seconds since the epoch), or None outside a git checkout."""
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True)
    return int(result.stdout) if result.returncode == 0 and result.stdout.strip().isdigit() else None


def checks_allowed_until(root: Path, fact_paths: tuple[str, ...] = ("carriers", "rules.yaml")) -> dt.date:
    """The latest day a source can have been checked: the commit's date, or today's while the fact files
    have changes not yet committed (an editor running `kaiyaku check` before committing)."""
    result = subprocess.run(["git", "status", "--porcelain", "--", *fact_paths], cwd=root, capture_output=True, text=True)
    if result.returncode != 0 or result.stdout.strip():
        return dt.date.today()
    return reference_date(commit_time(root))


def reference_date(seconds: int | None) -> dt.date:
    """"Today" for freshness badges: the date of the commit being built (``commit_time``), so a build
    is reproducible; today outside git."""
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).date() if seconds else dt.date.today()
