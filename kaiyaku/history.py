"""What changed in each carrier's facts, and when: read from the git history of its file."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .model import Carrier
from .yamlsource import read_text

SEP = "\x1f"


@dataclass(frozen=True)
class Change:
    """One commit that touched a carrier file: its date, its message and the sections it changed."""

    commit: str
    date: dt.date
    subject: str
    sections: tuple[str, ...]


def _git(root: Path, *args: str) -> str | None:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    return result.stdout if result.returncode == 0 else None


def carrier_history(root: Path, relative: str) -> list[Change]:
    """Changes to ``relative`` (a path under ``root``), newest first; empty outside git."""
    log = _git(root, "log", f"--format=%H{SEP}%cs{SEP}%s", "--", relative)
    if not log:
        return []
    entries = [line.split(SEP, 2) for line in log.strip().splitlines() if line.count(SEP) == 2]
    changes: list[Change] = []
    previous: dict = {}
    for commit, date, subject in reversed(entries):
        text = _git(root, "show", f"{commit}:{relative}")
        data = read_text(text, relative).data if text else None
        current = data if isinstance(data, dict) else {}
        if previous:
            sections = tuple(sorted(k for k in set(current) | set(previous) if current.get(k) != previous.get(k)))
        else:
            sections = ("created",)
        changes.append(Change(commit, dt.date.fromisoformat(date), subject, sections))
        previous = current
    return list(reversed(changes))


def histories(root: Path, carriers: dict[str, Carrier], folder: str = "carriers") -> dict[str, list[Change]]:
    return {cid: carrier_history(root, f"{folder}/{cid}.yaml") for cid in carriers}
