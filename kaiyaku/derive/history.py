"""What changed in each carrier's facts, and when: read from the git history of its file.

What changed is read from the file's contents before and after each commit (which sections, how many of
their items were added, removed or updated, which fields of a section), never from the commit's message.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..facts.model import Carrier
from ..facts.yamlsource import read_text

SEP = "\x1f"


@dataclass(frozen=True)
class Edit:
    """What one commit did to one top-level section of a carrier file.

    ``action`` is "created" (the whole file is new), "added" or "removed" (the section appeared or went),
    or "updated"; for a list of items, ``added``, ``removed`` and ``updated`` count its items (matched by
    their id, topic, question or plan); for a mapping, ``fields`` names its keys that changed."""

    section: str
    action: str
    added: int = 0
    removed: int = 0
    updated: int = 0
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class Change:
    """One commit that touched a carrier file: its date and what it changed in the file's facts."""

    commit: str
    date: dt.date
    edits: tuple[Edit, ...]

    @property
    def sections(self) -> tuple[str, ...]:
        return tuple(e.section for e in self.edits)


#: the keys that identify an item of a list section, tried in this order
ITEM_KEYS = ("id", "topic", "q", "plan", "channel", "name")


def _item_key(before: list, after: list) -> str | None:
    items = before + after
    for key in ITEM_KEYS:
        if items and all(isinstance(i, dict) and key in i for i in items):
            return key
    return None


def _list_edit(section: str, before: list, after: list) -> Edit:
    key = _item_key(before, after)
    if key is None:  # plain values (switch_to) or items without a name: compared in order
        added = [i for i in after if i not in before]
        removed = [i for i in before if i not in after]
        if all(not isinstance(i, dict) for i in before + after):
            return Edit(section, "updated", added=len(added), removed=len(removed))
        updated = min(len(added), len(removed))
        return Edit(section, "updated", added=len(added) - updated, removed=len(removed) - updated, updated=updated)
    old = {str(i[key]): i for i in before}
    new = {str(i[key]): i for i in after}
    return Edit(
        section, "updated",
        added=sum(k not in old for k in new),
        removed=sum(k not in new for k in old),
        updated=sum(k in old and old[k] != item for k, item in new.items()),
    )


def edits(before: dict | None, after: dict) -> tuple[Edit, ...]:
    """What changed from one version of a carrier file's data to the next, section by section (in file order)."""
    if before is None:
        return (Edit("created", "created"),)
    result = []
    for section in [*after, *(k for k in before if k not in after)]:
        old, new = before.get(section), after.get(section)
        if old == new:
            continue
        if old is None:
            result.append(Edit(section, "added"))
        elif new is None:
            result.append(Edit(section, "removed"))
        elif isinstance(old, list) and isinstance(new, list):
            result.append(_list_edit(section, old, new))
        elif isinstance(old, dict) and isinstance(new, dict):
            fields = tuple(k for k in [*new, *(k for k in old if k not in new)] if old.get(k) != new.get(k))
            result.append(Edit(section, "updated", fields=fields))
        else:
            result.append(Edit(section, "updated"))
    return tuple(result)


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
    log = _git(root, "log", f"--format=%x1e%H{SEP}%cs", "--name-only", "--", folder)
    if not log:
        return result
    commits: dict[str, list[tuple[str, str]]] = {cid: [] for cid in carriers}
    for record in log.split("\x1e")[1:]:
        head, _, names = record.partition("\n")
        commit, date = head.split(SEP, 1)
        for name in names.split():
            cid = Path(name).stem
            if name == f"{folder}/{cid}.yaml" and cid in commits:
                commits[cid].append((commit, date))
    specs = [(cid, c) for cid, entries in commits.items() for c in reversed(entries)]
    texts = _blobs(root, [f"{c[0]}:{folder}/{cid}.yaml" for cid, c in specs])
    previous: dict[str, dict] = {}
    for (cid, (commit, date)), text in zip(specs, texts, strict=True):
        data = read_text(text, cid).data if text else None
        current = data if isinstance(data, dict) else {}
        changed = edits(previous.get(cid) or None, current)
        if changed:  # a commit that only reworded comments changes no fact
            result[cid].insert(0, Change(commit, dt.date.fromisoformat(date), changed))
        previous[cid] = current
    return result


