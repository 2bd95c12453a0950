"""Strict YAML reading: every scalar stays the text the editor wrote, and every node keeps its place.

PyYAML's usual loaders follow YAML 1.1 (``9:00`` becomes 540, ``no`` becomes False, ``0570`` an
octal number) and silently keep the last of two duplicate keys. Here only PyYAML's parser is used
(libyaml's, in C, where available): its events are composed into plain data with no type resolution
at all, and anything that makes a file harder to read than it looks (anchors, aliases, merge keys,
tags, duplicate keys) is refused with its line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from .errors import FactError, format_path

MAX_BYTES = 512 * 1024
MAX_DEPTH = 16

Path_ = tuple[str | int, ...]


class YStr(str):
    """A scalar exactly as written; ``plain`` is true when it was written without quotes."""

    plain: bool

    def __new__(cls, value: str, plain: bool) -> YStr:
        obj = super().__new__(cls, value)
        obj.plain = plain
        return obj

    def __reduce__(self) -> tuple:
        return (YStr, (str(self), self.plain))


@dataclass
class Document:
    """A read fact file: its data (dicts, lists, YStr, None for empty values) and where each part stands."""

    file: str
    data: object = None
    #: path → (line, column) of the value at that path (1-based)
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: path → (line, column) of the key that names that path
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    errors: list[FactError] = field(default_factory=list)
    #: references to ids found in the data (key → [(path, id)]), filled by validation
    refs: dict | None = None

    def error(self, path: Path_, message: str, hint: str = "", *, at_key: bool = False) -> FactError:
        """A FactError placed at ``path``, or at its nearest existing parent."""
        line, column = self.locate(path, at_key=at_key)
        return FactError(self.file, line, column, format_path(path), message, hint)

    def locate(self, path: Path_, *, at_key: bool = False) -> tuple[int, int]:
        path = tuple(path)
        if at_key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))


class _Refusal(Exception):
    """Stops composing a file that cannot be read safely further (too deep)."""

    def __init__(self, mark: yaml.Mark, message: str, hint: str) -> None:
        super().__init__(message)
        self.mark, self.message, self.hint = mark, message, hint


# libyaml's parser (C) when PyYAML has it, else PyYAML's own: both yield the same events
_EVENTS_LOADER = yaml.CBaseLoader if getattr(yaml, "__with_libyaml__", False) else yaml.BaseLoader
NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]")


class _Composer:
    """Builds plain data (dict, list, YStr, None) from parser events, noting every place and every
    construct the facts format refuses (anchors, aliases, tags, merge keys, duplicate keys)."""

    def __init__(self, text: str, doc: Document) -> None:
        self.loader = _EVENTS_LOADER(text)
        self.peek = self.loader.peek_event  # straight to the parser (C when libyaml is there)
        self.take = self.loader.get_event
        self.doc = doc

    def refuse(self, mark: yaml.Mark, message: str, hint: str, path: Path_ = ()) -> None:
        self.doc.errors.append(FactError(self.doc.file, mark.line + 1, mark.column + 1, format_path(path), message, hint))

    def document(self) -> tuple[bool, object]:
        """(empty?, (data, the root's first event))."""
        self.take()  # StreamStart
        if isinstance(self.peek(), StreamEndEvent):
            return True, None
        self.take()  # DocumentStart
        kind = self.peek()
        data = self.node((), 1)
        self.take()  # DocumentEnd
        if not isinstance(self.peek(), StreamEndEvent):
            extra = self.peek().start_mark
            self.refuse(extra, "ファイルに YAML のドキュメントが 2 つ以上あります", "「---」の行を消して 1 つにまとめてください")
        return False, (data, kind)

    def node(self, path: Path_, depth: int) -> object:
        event = self.take()
        mark = event.start_mark
        self.doc.values[path] = (mark.line + 1, mark.column + 1)
        kind = event.__class__
        if kind is AliasEvent:
            self.refuse(mark, f"エイリアス *{event.anchor} は使えません", "参照せず、値をそのまま書いてください", path)
            return None
        if event.anchor is not None:
            self.refuse(mark, f"アンカー &{event.anchor} は使えません", "アンカーを消し、値はそれぞれの場所に書いてください", path)
        tag = event.tag
        if tag is not None and tag != "!":
            self.refuse(mark, f"タグ {tag} は使えません", "タグを消して値だけを書いてください", path)
        if depth > MAX_DEPTH:
            raise _Refusal(mark, f"入れ子が深すぎます({MAX_DEPTH} 段まで)", "字下げを見直してください")
        if kind is ScalarEvent:
            plain = not event.style
            return None if plain and event.value == "" else YStr(event.value, plain)
        if kind is SequenceStartEvent:
            items = []
            while self.peek().__class__ is not SequenceEndEvent:
                items.append(self.node(path + (len(items),), depth + 1))
            self.take()
            return items
        return self.mapping(path, depth)

    def mapping(self, path: Path_, depth: int) -> dict:
        out: dict[str, object] = {}
        first_seen: dict[str, tuple[int, int]] = {}
        while self.peek().__class__ is not MappingEndEvent:
            key_event = self.peek()
            key_mark = (key_event.start_mark.line + 1, key_event.start_mark.column + 1)
            if key_event.__class__ is not ScalarEvent:
                self.refuse(key_event.start_mark, "キーには文字列しか使えません", "「キー: 値」の形で書いてください", path)
                self.node(path + ("?",), depth + 1)
                self.node(path + ("?",), depth + 1)
                continue
            self.take()
            key = key_event.value
            if key == "<<" and not key_event.style:
                self.refuse(key_event.start_mark, "マージキー << は使えません", "値をそれぞれの場所にそのまま書いてください", path)
                self.node(path + ("<<",), depth + 1)
                continue
            if key in first_seen:
                self.refuse(key_event.start_mark, f"キー {key} が {first_seen[key][0]} 行目と {key_mark[0]} 行目の 2 回書かれています", "どちらか一方を消してください", path + (key,))
                saved = dict(self.doc.values)
                self.node(path + (key,), depth + 1)
                self.doc.values = saved
                continue
            first_seen[key] = key_mark
            self.doc.keys[path + (key,)] = key_mark
            out[key] = self.node(path + (key,), depth + 1)
        self.take()
        return out


def _syntax_hint(text: str, problem: str, candidates: list[int]) -> tuple[int, str]:
    """The line to blame (0-based) and a plain hint, looking at the lines PyYAML names."""
    lines = text.splitlines()
    for number in candidates:
        line = lines[number] if 0 <= number < len(lines) else ""
        stripped = line.lstrip(" ")
        if "\t" in line:
            return number, "タブ文字は使えません。字下げは半角スペースで書いてください"
        if stripped.startswith("-") and len(stripped) > 1 and stripped[1] not in " -":
            return number, "リストの項目は「- 」(ハイフンのあとに半角スペース)で始めてください"
    number = candidates[-1]
    if "quoted scalar" in problem or "end of stream" in problem:
        return candidates[0], "この行で開いた引用符(\" または ')が閉じているか確かめてください"
    if "mapping values are not allowed" in problem:
        return number, "値に「: 」を含むときは値全体を引用符で囲んでください。そうでなければ字下げを確かめてください"
    if "block end" in problem or "expected key" in problem or "indicator" in problem:
        return number, "字下げ(行頭のスペースの数)が上の行とそろっているか確かめてください"
    return number, "YAML の書き方を確かめてください(字下げ、引用符、「キー: 値」の形)"


def _unacceptable_character(text: str) -> int | None:
    """Where PyYAML's reader would refuse a character (it allows tab, newlines and printable text)."""
    found = NON_PRINTABLE.search(text)
    return found.start() if found else None


def _text_position(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def _first_text_column(text: str, number: int) -> int:
    lines = text.splitlines()
    line = lines[number] if 0 <= number < len(lines) else ""
    return len(line) - len(line.lstrip()) + 1


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", errors="replace")) + 1
    return line, column


def read_bytes(raw: bytes, file: str) -> Document:
    """Read a fact file from its bytes. Never raises: problems are in ``Document.errors``."""
    doc = Document(file)
    if len(raw) > MAX_BYTES:
        doc.errors.append(FactError(file, 1, 1, "", f"ファイルが大きすぎます({len(raw)} バイト、上限 {MAX_BYTES})", "1 社 1 ファイルで、事実だけを書いてください"))
        return doc
    if raw.startswith(b"\xef\xbb\xbf"):
        doc.errors.append(FactError(file, 1, 1, "", "ファイルの先頭に BOM があります", "BOM なしの UTF-8 で保存し直してください"))
        return doc
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(raw, nul)
        doc.errors.append(FactError(file, line, column, "", "NUL 文字が含まれています", "テキストファイルとして UTF-8 で保存し直してください"))
        return doc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(raw, exc.start)
        doc.errors.append(FactError(file, line, column, "", "UTF-8 として読めない文字があります", "UTF-8 で保存し直してください(Shift_JIS などは使えません)"))
        return doc
    return read_text(text, file)


def read_text(text: str, file: str) -> Document:
    """Read a fact file from its text. Never raises: problems are in ``Document.errors``."""
    doc = Document(file)
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        doc.errors.append(FactError(file, 1, 1, "", "ファイルが空です", "「id: …」から始まる事実を書いてください(`kaiyaku new` で雛形を作れます)"))
        return doc
    bad = _unacceptable_character(text)
    if bad is not None:
        line, column = _text_position(text, bad)
        doc.errors.append(FactError(file, line, column, "", f"使えない制御文字(U+{ord(text[bad]):04X})が含まれています", "見えない文字を消して、ふつうのテキストとして保存し直してください"))
        return doc
    composer = _Composer(text, doc)
    try:
        empty, result = composer.document()
    except _Refusal as exc:
        doc.errors.append(FactError(file, exc.mark.line + 1, exc.mark.column + 1, "", exc.message, exc.hint))
        return doc
    except yaml.MarkedYAMLError as exc:
        marks = [m for m in (exc.context_mark, exc.problem_mark) if m is not None]
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        number, hint = _syntax_hint(text, problem, [m.line for m in marks] or [0])
        mark = next((m for m in reversed(marks) if m.line == number), None)
        column = mark.column + 1 if mark else _first_text_column(text, number)
        doc.errors.append(FactError(file, number + 1, column, "", f"YAML として読めません({problem})", hint))
        return doc
    except yaml.YAMLError as exc:  # reader errors without a mark
        doc.errors.append(FactError(file, 1, 1, "", f"YAML として読めません({exc})", "UTF-8 のテキストで保存してください"))
        return doc
    if empty:
        doc.errors.append(FactError(file, 1, 1, "", "ファイルが空です", "「id: …」から始まる事実を書いてください"))
        return doc
    data, first = result
    if not isinstance(first, MappingStartEvent):
        doc.errors.append(FactError(file, first.start_mark.line + 1, first.start_mark.column + 1, "", "ファイルの一番上は「キー: 値」の組(マッピング)でなければなりません", "先頭の「- 」を消し、「id: …」から書いてください"))
        return doc
    doc.data = data
    return doc


def read_file(path: Path, display: str) -> Document:
    """Read one carrier file; ``display`` is the name errors give for it."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        doc = Document(display)
        doc.errors.append(FactError(display, 1, 1, "", f"ファイルを開けません({exc.strerror})", "ファイルの場所と権限を確かめてください"))
        return doc
    return read_bytes(raw, display)


