"""Errors as CI shows them: GitHub workflow-command annotations and a Markdown step summary.

What a fact file says reaches both (a key, a value quoted in a message), so every text is made inert
first: a control or unseen character is written as ``[U+000D]`` (a carriage return cannot start a new
line, a command or a heading), then escaped for where it goes (workflow-command data and properties;
Markdown table cells, where every sign of inline syntax is escaped and ``<``, ``>``, ``&`` are entities).
"""

from __future__ import annotations

import re

from ..facts.errors import FactError
from ..facts.scalars import CONTROL, unseen


def _shown(text: str, keep: str = "") -> str:
    """``text`` with every control or unseen character (line breaks included, but those in ``keep``)
    written as ``[U+XXXX]``."""
    return "".join(f"[U+{ord(c):04X}]" if c not in keep and (c in "\t\n" or CONTROL.match(c) or unseen(c)) else c for c in text)


def _escape_data(text: str) -> str:
    # CR and LF are the workflow-command format's own escapes (%0D, %0A: one line either way)
    return _shown(text, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(errors: list[FactError]) -> list[str]:
    """One ``::error`` line per error, escaped as the workflow-command format requires."""
    lines = []
    for e in sorted(errors):
        props = f"file={_escape_property(e.file)},line={e.line},col={e.column},title={_escape_property(e.path or '事実ファイル')}"
        message = e.message + (f" → {e.hint}" if e.hint else "")
        lines.append(f"::error {props}::{_escape_data(message)}")
    return lines


#: ASCII signs that make Markdown (GitHub's) syntax inside a line: code, emphasis, links and images,
#: cells, strike-through, headings; each is written with a backslash before it (a cell never starts a
#: line, so list and rule signs are text there)
MARKDOWN_SIGNS = re.compile(r"([\\`*_\[\]|~#!])")


def markdown_cell(text: str) -> str:
    """``text`` as literal text in a Markdown table cell: no heading, link, emphasis, HTML or new row."""
    escaped = MARKDOWN_SIGNS.sub(r"\\\1", _shown(str(text)))
    return escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def step_summary(errors: list[FactError]) -> str:
    """A Markdown table of every error, for ``$GITHUB_STEP_SUMMARY``."""
    if not errors:
        return "### 事実ファイルの検査\n\nエラーはありません。\n"
    cell = markdown_cell
    rows = [f"| {cell(e.file)} | {e.line}:{e.column} | {cell(e.path) or '-'} | {cell(e.message)} | {cell(e.hint)} |" for e in sorted(errors)]
    head = f"### 事実ファイルの検査: {len(errors)} 件のエラー\n\n| ファイル | 行:列 | 場所 | 何がおかしいか | 直し方 |\n| --- | --- | --- | --- | --- |\n"
    return head + "\n".join(rows) + "\n"
