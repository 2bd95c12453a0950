"""The one error type of the project: a problem in a fact file, with its place and a fix hint."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class FactError(Exception):
    """A located problem in a carrier file.

    ``line`` and ``column`` are 1-based, as editors show them. ``path`` is the place inside
    the file in the form ``ways[2].steps[0].text`` (empty for the whole file), ``message``
    says what is wrong and ``hint`` how to write it.
    """

    file: str
    line: int
    column: int
    path: str = ""
    message: str = ""
    hint: str = field(default="", compare=False)

    def __reduce__(self) -> tuple:
        # rebuilt from its fields when sent between processes (Exception's own pickling sets attributes)
        return (FactError, (self.file, self.line, self.column, self.path, self.message, self.hint))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}: "
        path = f"{self.path}: " if self.path else ""
        hint = f" → {self.hint}" if self.hint else ""
        return f"{where}{path}{self.message}{hint}"


def display_path(file: Path | str, root: Path | None = None) -> str:
    """The file name as an editor knows it: relative to the project root where possible."""
    file = Path(file)
    if root is not None:
        try:
            return file.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return file.as_posix()


def format_path(parts: tuple[str | int, ...] | list[str | int]) -> str:
    """``('ways', 2, 'steps')`` → ``ways[2].steps``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def format_report(errors: list[FactError]) -> str:
    """All errors, sorted by file and line, with a count at the end."""
    lines = [str(e) for e in sorted(errors)]
    files = len({e.file for e in errors})
    lines.append(f"{len(errors)} 件のエラー({files} ファイル)")
    return "\n".join(lines)
