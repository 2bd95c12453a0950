"""Errors as CI shows them: GitHub workflow-command annotations and a Markdown step summary."""

from __future__ import annotations

from ..facts.errors import FactError


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


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


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")


def step_summary(errors: list[FactError]) -> str:
    """A Markdown table of every error, for ``$GITHUB_STEP_SUMMARY``."""
    if not errors:
        return "### 事実ファイルの検査\n\nエラーはありません。\n"
    rows = [f"| {_cell(e.file)} | {e.line}:{e.column} | `{_cell(e.path) or '-'}` | {_cell(e.message)} | {_cell(e.hint)} |" for e in sorted(errors)]
    head = f"### 事実ファイルの検査: {len(errors)} 件のエラー\n\n| ファイル | 行:列 | 場所 | 何がおかしいか | 直し方 |\n| --- | --- | --- | --- | --- |\n"
    return head + "\n".join(rows) + "\n"
