"""The places of a read file's data that the rules within one file look at, found in one walk.

The rules of one file (empty values, references to sources, ways and carriers, the resolution rule's
source lists and disputes) each used to walk the whole tree; at a thousand nodes a file those walks took
more time than pydantic. One walk, in document order, notes what all of them need.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Path_ = tuple[str | int, ...]

#: the keys whose places are noted (wherever they stand): references and the resolution rule's lists
WATCHED = frozenset({"sources", "ways", "way", "contact", "to", "from", "disputes"})


@dataclass
class Places:
    """Where a file's data has empty values, and where each watched key stands with its value."""

    #: the path of every empty value (a key or a list item written with nothing), in document order
    empty: list[Path_] = field(default_factory=list)
    #: key → [(path of the key, its value)] for each key of :data:`WATCHED`, in document order
    keyed: dict[str, list[tuple[Path_, object]]] = field(default_factory=dict)


def find_places(data: object) -> Places:
    """One walk of ``data`` (dicts, lists, strings and None as the reader makes them)."""
    found = Places()
    empty, keyed = found.empty, found.keyed

    def walk(node: dict | list, path: Path_) -> None:
        for key, value in (node.items() if node.__class__ is dict else enumerate(node)):
            here = (*path, key)
            if value is None:
                empty.append(here)
                continue
            if key in WATCHED:
                keyed.setdefault(key, []).append((here, value))
            if value.__class__ is dict or value.__class__ is list:
                walk(value, here)

    if data.__class__ is dict or data.__class__ is list:
        walk(data, ())
    return found


def below(path: Path_, keys: frozenset[str], start: int = 0) -> bool:
    """Whether a key of ``keys`` stands in ``path`` before its last part (from index ``start``)."""
    return any(part in keys for part in path[start:-1])
