"""What changed in each carrier's facts, and when: read from the git history of its file."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..facts.model import Carrier
from ..facts.scalars import CONTROL, unseen
from ..facts.yamlsource import read_text

SEP = "\x1f"


@dataclass(frozen=True)
class Change:
    """One commit that touched a carrier file: its date, its message and the sections it changed."""

    commit: str
    date: dt.date
    subject: str
    sections: tuple[str, ...]


def readable(message: str) -> str:
    """A commit message as pages and feeds may show it: control and unseen characters (invalid in XML,
    or invisible) dropped."""
    return "".join(c for c in message if not (CONTROL.match(c) or unseen(c))).strip()


def _git(root: Path, *args: str, stdin: str | None = None) -> str | None:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, input=stdin)
    return result.stdout if result.returncode == 0 else None


def _blobs(root: Path, specs: list[str]) -> list[str | None]:
    """The text of many ``commit:path`` blobs from one ``git cat-file --batch`` process."""
    if not specs:
        return []
    result = subprocess.run(["git", "cat-file", "--batch"], cwd=root, capture_output=True, input="\n".join(specs).encode() + b"\n")
    out, pos, texts = result.stdout, 0, []
    for _ in specs:
        header_end = out.index(b"\n", pos)
        header = out[pos:header_end].split()
        if len(header) < 3 or header[1] == b"missing":
            texts.append(None)
            pos = header_end + 1
            continue
        size = int(header[2])
        texts.append(out[header_end + 1:header_end + 1 + size].decode("utf-8", errors="replace"))
        pos = header_end + 1 + size + 1
    return texts


def head_commit(root: Path) -> str | None:
    """The commit checked out at ``root`` (None outside git): the histories change only when it does."""
    out = _git(root, "rev-parse", "HEAD")
    return out.strip() if out else None


def histories(root: Path, carriers: dict[str, Carrier], folder: str = "carriers") -> dict[str, list[Change]]:
    """Changes to every carrier file, newest first, from one ``git log`` and one ``git cat-file``; empty outside git."""
    result: dict[str, list[Change]] = {cid: [] for cid in carriers}
    log = _git(root, "log", f"--format=%x1e%H{SEP}%cs{SEP}%s", "--name-only", "--", folder)
    if not log:
        return result
    commits: dict[str, list[tuple[str, str, str]]] = {cid: [] for cid in carriers}
    for record in log.split("\x1e")[1:]:
        head, _, names = record.partition("\n")
        commit, date, subject = head.split(SEP, 2)
        subject = readable(subject)
        for name in names.split():
            cid = Path(name).stem
            if name == f"{folder}/{cid}.yaml" and cid in commits:
                commits[cid].append((commit, date, subject))
    specs = [(cid, c) for cid, entries in commits.items() for c in reversed(entries)]
    texts = _blobs(root, [f"{c[0]}:{folder}/{cid}.yaml" for cid, c in specs])
    previous: dict[str, dict] = {}
    for (cid, (commit, date, subject)), text in zip(specs, texts, strict=True):
        data = read_text(text, cid).data if text else None
        current = data if isinstance(data, dict) else {}
        before = previous.get(cid)
        if before:
            sections = tuple(sorted(k for k in set(current) | set(before) if current.get(k) != before.get(k)))
        else:
            sections = ("created",)
        result[cid].insert(0, Change(commit, dt.date.fromisoformat(date), subject, sections))
        previous[cid] = current
    return result


