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
from .places import Places, find_places
from .scalars import BIDI, CONTROL, HIDDEN_BREAKS, SPACES, STACKED, STACKED_MARKS, UNSEEN, char_class, char_name, unseen

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
    #: unquoted values followed by a comment on their line: path → (line, column of "#", what the comment cut off)
    comments: dict[Path_, tuple[int, int, str]] = field(default_factory=dict)
    #: places already refused as written (an alias): no other error is reported there
    refused: set[Path_] = field(default_factory=set)
    _places: Places | None = field(default=None, repr=False, compare=False)

    def places(self) -> Places:
        """Where the data's empty values and watched keys stand (walked once, when first asked)."""
        if self._places is None:
            self._places = find_places(self.data)
        return self._places

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
    construct the facts format refuses (anchors, aliases, tags, merge keys, duplicate keys).

    This walk is most of the time a fact file takes to read (a thousand nodes a file), so it keeps to
    local names and takes each event once."""

    def __init__(self, text: str, doc: Document, lines: list[str]) -> None:
        self.loader = _EVENTS_LOADER(text)
        self.peek = self.loader.peek_event  # straight to the parser (C when libyaml is there)
        self.take = self.loader.get_event
        self.doc = doc
        #: where each value stands (``doc.values``; a duplicate key's value is composed into a scratch one)
        self.values = doc.values
        self.lines = lines
        self.text = text
        #: anchor → [index of its error in doc.errors, how many more aliases name it]
        self.aliases: dict[str, list[int]] = {}
        self.hash_lines = {n for n, line in enumerate(lines) if "#" in line}  # the only lines a comment can follow a value on

    def refuse(self, mark: yaml.Mark, message: str, hint: str, path: Path_ = ()) -> None:
        self.doc.errors.append(FactError(self.doc.file, mark.line + 1, mark.column + 1, format_path(path), message, hint))

    def document(self) -> tuple[bool, object]:
        """(empty?, (data, the root's first event))."""
        self.take()  # StreamStart
        if isinstance(self.peek(), StreamEndEvent):
            return True, None
        self.take()  # DocumentStart
        kind = self.peek()
        data = self.node(self.take(), (), 1)
        self.take()  # DocumentEnd
        for index, more in self.aliases.values():
            if more:
                first = self.doc.errors[index]
                self.doc.errors[index] = FactError(first.file, first.line, first.column, first.path, f"{first.message}(ほかに {more} か所)", first.hint)
        if not isinstance(self.peek(), StreamEndEvent):
            extra = self.peek().start_mark
            self.refuse(extra, "ファイルに YAML のドキュメントが 2 つ以上あります", "「---」の行を消して 1 つにまとめてください")
        return False, (data, kind)

    def node(self, event: yaml.Event, path: Path_, depth: int) -> object:
        """The value ``event`` starts (the parser's next events up to its end)."""
        mark = event.start_mark
        self.values[path] = (mark.line + 1, mark.column + 1)
        kind = event.__class__
        if kind is AliasEvent:
            self.doc.refused.add(path)  # nothing more is said of this place (not "empty", not "wrong type")
            seen = self.aliases.get(event.anchor)
            if seen is None:
                self.aliases[event.anchor] = [len(self.doc.errors), 0]
                self.refuse(mark, f"エイリアス *{event.anchor} は使えません", "参照せず、値をそのまま書いてください", path)
            else:
                seen[1] += 1  # said once, with a count of the others
            return None
        if event.anchor is not None:
            self.refuse(mark, f"アンカー &{event.anchor} は使えません", "アンカーを消し、値はそれぞれの場所に書いてください", path)
        tag = event.tag
        if tag is not None and tag != "!":
            self.refuse(mark, f"タグ {tag} は使えません", "タグを消して値だけを書いてください", path)
        if depth > MAX_DEPTH:
            raise _Refusal(mark, f"入れ子が深すぎます({MAX_DEPTH} 段まで)", "字下げを見直してください")
        if kind is ScalarEvent:
            return self.scalar(event, mark, path)
        take = self.take
        depth += 1
        if kind is SequenceStartEvent:
            items = []
            item = take()
            while item.__class__ is not SequenceEndEvent:
                items.append(self.node(item, (*path, len(items)), depth))
                item = take()
            if event.flow_style:
                self._split_numbers(items, path)
            return items
        return self.mapping(path, depth)

    def scalar(self, event: ScalarEvent, mark: yaml.Mark, path: Path_) -> YStr | None:
        style = event.style
        if not style:
            end = event.end_mark
            if end.line in self.hash_lines:
                self._comment_after(path, end)
            value = event.value
            return YStr(value, True) if value else None
        end = event.end_mark
        if style == '"' and "\\" in self.text[mark.index:end.index]:
            self._escapes(self.text[mark.index:end.index], mark, path)
        if end.line != mark.line and style in ("'", '"'):
            self.refuse(mark, f"引用符 {style} で始まる値が {end.line + 1} 行目まで続いています(引用符が閉じていません)",
                        f"値の終わりにも {style} を書いてください。値は 1 行に書きます", path)
        return YStr(event.value, False)

    def _split_numbers(self, items: list, path: Path_) -> None:
        """In a flow list (``[a, b]``) a comma ends an item, so 「税込 3,300 円」 unquoted becomes two items,
        「税込 3」 and 「300 円」: an unquoted item ending in a digit followed by one starting with exactly
        three digits is a number split at its thousands separator, and is refused."""
        for i in range(1, len(items)):
            before, after = items[i - 1], items[i]
            if (isinstance(before, YStr) and isinstance(after, YStr) and before.plain and after.plain
                    and before[-1:].isdigit() and re.match(r"[0-9]{3}(?![0-9])", after)):
                whole = f"{before},{after}"
                line, column = self.values[(*path, i - 1)]
                self.doc.errors.append(FactError(self.doc.file, line, column, format_path((*path, i - 1)),
                                                 f"「{before}」と「{after}」: [ ] のリストでは「,」で項目が分かれるので、数字 {before.split()[-1]},{after[:3]} が 2 つの項目に分かれています",
                                                 f"その項目を引用符で囲んでください: '{whole.replace(chr(39), chr(39) * 2)}'(または「- 」で始まる行のリストに書きます)"))

    def _escapes(self, raw: str, mark: yaml.Mark, path: Path_) -> None:
        """Characters written as escapes are checked as if typed: an unseen or control character, or
        stacked combining marks, is refused where its escape stands."""
        made = escaped_characters(raw)
        marks = "".join(ch for _at, ch, _written in made)
        for at, ch, written in made:
            if unseen(ch) or CONTROL.match(ch) or ch in "\t\n" or ch in HIDDEN_BREAKS:
                line = mark.line + raw.count("\n", 0, at) + 1
                column = at - raw.rfind("\n", 0, at) if "\n" in raw[:at] else mark.column + at + 1
                self.doc.errors.append(unseen_error(self.doc.file, line, column, ch, written, format_path(path)))
        if STACKED.search(marks):
            self.refuse(mark, "エスケープで書いた結合文字が重なっています", f"重ねた記号を消してください(1 文字に付ける結合文字は {STACKED_MARKS - 1} つまで)", path)

    def _comment_after(self, path: Path_, end: yaml.Mark) -> None:
        """Note a comment that follows an unquoted value on its line: YAML drops it from the value."""
        line = self.lines[end.line]
        found = re.match(r"[ \t]+#", line[end.column:])
        if found:
            column = end.column + found.end()  # 1-based column of "#"
            self.doc.comments[path] = (end.line + 1, column, line[column - 1:].rstrip())

    def mapping(self, path: Path_, depth: int) -> dict:
        """A mapping's keys and values, up to its end (``depth`` is its values' depth)."""
        out: dict[str, object] = {}
        first_seen: dict[str, tuple[int, int]] = {}
        keys = self.doc.keys
        take, node = self.take, self.node
        key_event = take()
        while key_event.__class__ is not MappingEndEvent:
            start = key_event.start_mark
            if key_event.__class__ is not ScalarEvent:
                self.refuse(start, "キーには文字列しか使えません", "「キー: 値」の形で書いてください", path)
                node(key_event, (*path, "?"), depth)
                node(take(), (*path, "?"), depth)
                key_event = take()
                continue
            key = key_event.value
            key_mark = (start.line + 1, start.column + 1)
            if key == "<<" and not key_event.style:
                self.refuse(start, "マージキー << は使えません", "値をそれぞれの場所にそのまま書いてください", path)
                node(take(), (*path, "<<"), depth)
            elif key in first_seen:
                self.refuse(start, f"キー {key} が {first_seen[key][0]} 行目と {key_mark[0]} 行目の 2 回書かれています", "どちらか一方を消してください", (*path, key))
                values, self.values = self.values, {}  # where the first one's value stands is kept
                node(take(), (*path, key), depth)
                self.values = values
            else:
                first_seen[key] = key_mark
                here = (*path, key)
                keys[here] = key_mark
                out[key] = node(take(), here, depth)
            key_event = take()
        return out


#: what may stand before a value on a line: indentation, list dashes, a key and its colon
VALUE_START = re.compile(r"^(?P<lead>[ ]*(?:-[ ]+)*(?:(?P<key>[A-Za-z_][A-Za-z0-9_]*):[ ]+)?)(?P<value>\S.*?)\s*$")
#: characters that mean something to YAML at the start of a value (a list, a mapping, a quote, an anchor…)
INDICATORS = "[{\"'&*!|>%@`"


def _closing_quote(value: str) -> int | None:
    """Where the quote opening ``value`` closes on the same line, or None."""
    quote, i = value[0], 1
    while i < len(value):
        if quote == '"' and value[i] == "\\":
            i += 2
            continue
        if value[i] == quote:
            if quote == "'" and value[i + 1:i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return None


def _closing_bracket(value: str) -> int | None:
    depth = 0
    for i, ch in enumerate(value):
        depth += ch in "[{"
        depth -= ch in "]}"
        if depth == 0:
            return i
    return None


def _unclosed_quote(lines: list[str], last: int) -> int | None:
    """The last line up to ``last`` whose value opens a quote that the line does not close."""
    for number in range(min(last, len(lines) - 1), -1, -1):
        found = VALUE_START.match(lines[number])
        if found and found["value"][0] in "\"'" and _closing_quote(found["value"]) is None:
            return number
    return None


def _quote_whole_value(line: str) -> str | None:
    """A hint when a value starts with a YAML indicator and goes on after it (``[重要] …``, ``"a" b``)."""
    found = VALUE_START.match(line)
    if not found or found["value"][0] not in INDICATORS:
        return None
    value, first = found["value"], found["value"][0]
    if first in "\"'":
        end = _closing_quote(value)
        rest = value[end + 1:].strip() if end is not None else ""
        if not rest or rest.startswith("#"):
            return None
    elif first in "[{":
        end = _closing_bracket(value)
        if end is not None and (not value[end + 1:].strip() or value[end + 1:].strip().startswith("#")):
            return None
    elif len(value) == 1:
        return None
    quoted = "'" + value.replace("'", "''") + "'"
    example = f"{found['key']}: {quoted}" if found["key"] else quoted
    return f"「{first}」で始まる値は YAML の記号と読まれます。値全体を引用符で囲んでください → {example}"


def _syntax_hint(lines: list[str], problem: str, candidates: list[int]) -> tuple[int, str]:
    """The line to blame (0-based) and a plain hint, looking at the lines PyYAML names (and, for a quote
    left open, the line that opened it: PyYAML blames the line where the runaway value finally ends)."""
    unclosed = _unclosed_quote(lines, max(candidates))
    if unclosed is not None:
        quote = VALUE_START.match(lines[unclosed])["value"][0]
        return unclosed, f"この行で開いた引用符 {quote} が行の中で閉じていません。値の終わりにも {quote} を書いてください"
    for number in reversed(candidates):
        line = lines[number] if 0 <= number < len(lines) else ""
        stripped = line.lstrip(" ")
        if "\t" in line:
            return number, "タブ文字は使えません。字下げは半角スペースで書いてください"
        if stripped.startswith("-") and len(stripped) > 1 and stripped[1] not in " -":
            return number, "リストの項目は「- 」(ハイフンのあとに半角スペース)で始めてください"
        hint = _quote_whole_value(line)
        if hint:
            return number, hint
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


def _first_text_column(lines: list[str], number: int) -> int:
    line = lines[number] if 0 <= number < len(lines) else ""
    return len(line) - len(line.lstrip()) + 1


def split_lines(text: str) -> list[str]:
    """The lines as YAML and editors count them (not ``str.splitlines``, which also breaks at U+2028 and others)."""
    return re.split(r"\r\n|\r|\n", text)


#: dashes that look like the list marker "-"
LOOKALIKE_DASHES = "－ー‐‑‒–—―−ｰ"
#: a key of the facts format (lowercase, as every field is named): what may stand before a full-width colon
KEY = re.compile(r"[a-z_][a-z0-9_]*")
#: anything that may call for a closer look, line by line: a character one cannot see or an odd space
#: anywhere, a full-width colon, a combining mark (stacked ones are refused), a dash like "-" opening a
#: line (two passes over a clean file and no more: one expression with both took twice as long). The
#: characters are one class, not three alternatives: a third of the time over a clean file.
SUSPECT_CHARACTER = re.compile(char_class((*SPACES, *'：︰﹕'))[:-1] + UNSEEN.pattern[1:-1] + STACKED.pattern[1:STACKED.pattern.rindex("]") + 1])
SUSPECT_DASH = re.compile(rf"\n *[{LOOKALIKE_DASHES}][ \u3000]")
#: the same within one line: the lines of a file with such a character that are looked at closely
SUSPECT_LINE = re.compile(rf"{SUSPECT_CHARACTER.pattern}|^ *[{LOOKALIKE_DASHES}][ \u3000]")


def _syntax_spaces(file: str, number: int, line: str) -> FactError | None:
    """A character other than the ASCII space where YAML needs one: in the indentation, after a list's
    "-", after a key's ":"; or a full-width colon or dash where YAML needs ":" or "-"."""
    at = lambda column, message, hint: FactError(file, number, column + 1, "", message, hint)  # noqa: E731
    i = 0
    while i < len(line):
        ch = line[i]
        if ch == " ":
            i += 1
        elif ch in SPACES or unseen(ch):
            indent = not line[:i].strip()
            fix = "半角スペースに置き換えて" if ch in SPACES else "消して"
            rule = "字下げは半角スペース 2 つずつ" if indent else "「- 」はハイフンと半角スペース"
            return at(i, f"{'字下げ' if indent else '「- 」のあと'}に{char_name(ch)}があります", f"{SPACES.get(ch) or 'その見えない文字'}を{fix}ください({rule})")
        elif ch == "-" and line[i + 1:i + 2] and (line[i + 1] == " " or line[i + 1] in SPACES):
            i += 1
        elif ch in LOOKALIKE_DASHES and not line[:i].strip() and line[i + 1:i + 2] in (" ", "\u3000"):
            return at(i, f"リストの印が全角の「{ch}」です", "半角のハイフンと半角スペース「- 」にしてください")
        else:
            break
    key = KEY.match(line, i)
    if key:
        after = key.end()
        colon, next_ch = line[after:after + 1], line[after + 1:after + 2]
        if colon and colon in "：︰﹕":
            return at(after, f"{key[0]} のあとのコロンが全角の「{colon}」です", f"半角の「:」にしてください({key[0]}: …)")
        if colon == ":" and next_ch and next_ch != " " and (next_ch in SPACES or unseen(next_ch)):
            return at(after + 1, f"「{key[0]}:」のあとが{char_name(next_ch)}です", f"「: 」のあとは半角スペースにしてください({key[0]}: …)")
    return None


def _unseen_characters(text: str, file: str) -> tuple[list[FactError], bool]:
    """Every character an editor cannot see, or that looks like YAML's syntax but is not, located and
    named. The flag is true when YAML would read the file differently from how it looks (such a
    character where YAML needs a space, a colon or a dash, or a hidden line break): then the file is
    not parsed further, since every error after it would be blamed on the wrong place."""
    if not (SUSPECT_CHARACTER.search(text) or SUSPECT_DASH.search(text) or text[:1] in LOOKALIKE_DASHES and text[1:2] in (" ", "\u3000")):
        return [], False
    errors: list[FactError] = []
    misleading = False
    for number, line in enumerate(split_lines(text), 1):
        if not SUSPECT_LINE.search(line):
            continue  # nothing below would find anything on it
        syntax = _syntax_spaces(file, number, line)
        if syntax is not None:
            errors.append(syntax)
            misleading = True
        for found in STACKED.finditer(line):
            errors.append(FactError(file, number, found.start() + 1, "", f"結合文字が {len(found.group())} つ重なっています({', '.join(f'U+{ord(c):04X}' for c in found.group())})",
                                    f"重ねた記号を消してください(1 文字に付ける結合文字は {STACKED_MARKS - 1} つまで)"))
        for found in UNSEEN.finditer(line):
            column, ch = found.start() + 1, found.group()
            if not unseen(ch):
                continue
            if syntax is not None and syntax.column == column or found.start() and line[found.start() - 1] == ch:
                continue  # one error for a run of the same character
            misleading = misleading or ch in HIDDEN_BREAKS
            errors.append(unseen_error(file, number, column, ch))
    return errors, misleading


def unseen_error(file: str, line: int, column: int, ch: str, escape: str = "", path: str = "") -> FactError:
    """The error for one character an editor cannot see, typed as it is or written as a YAML escape
    (``escape``, such as ``\\u202e``): the same message either way."""
    written = f"(エスケープ {escape} で書かれています)" if escape else ""
    delete = f"{escape} を消してください" if escape else "消してください"
    if ch in HIDDEN_BREAKS:
        return FactError(file, line, column, path, f"見えない改行文字 {char_name(ch)} があります{written}", f"{delete}(改行なら Enter で改めて改行します)")
    if ch in BIDI:
        return FactError(file, line, column, path, f"{char_name(ch)} があります{written}", f"{delete}(この文字があると、書いた順と違う順に表示されます)")
    if ch == "\ufeff":
        return FactError(file, line, column, path, f"ファイルの途中に BOM(U+FEFF)があります{written}", f"{delete}(ファイルをつなげたときなどに入ります)")
    if CONTROL.match(ch) or ch in "\t\n":
        return FactError(file, line, column, path, f"制御文字 U+{ord(ch):04X} があります{written}", f"{delete}(値は 1 行のふつうの文字で書きます)")
    return FactError(file, line, column, path, f"見えない文字 {char_name(ch)} があります{written}", f"{delete}(見た目は変わりません。コピーした文章に混じることがあります)")


#: YAML's double-quoted escapes that stand for one character (``\\x41``, ``\\u00e9``, ``\\U0001F600`` take hex digits)
SIMPLE_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r", "e": "\x1b",
                  " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


def escaped_characters(raw: str) -> list[tuple[int, str, str]]:
    """(offset in ``raw``, character, escape as written) for every escape of a double-quoted scalar's source."""
    found: list[tuple[int, str, str]] = []
    i = raw.find("\\")
    while i >= 0 and i + 1 < len(raw):
        code = raw[i + 1]
        if code in SIMPLE_ESCAPES:
            found.append((i, SIMPLE_ESCAPES[code], raw[i:i + 2]))
            end = i + 2
        elif code in HEX_ESCAPES:
            digits = raw[i + 2:i + 2 + HEX_ESCAPES[code]]
            end = i + 2 + len(digits)
            try:
                found.append((i, chr(int(digits, 16)), raw[i:end]))
            except (ValueError, OverflowError):
                pass
        else:
            end = i + 2  # a line continuation, or an escape YAML itself refuses
        i = raw.find("\\", end)
    return found


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
    unseen, misleading = _unseen_characters(text, file)
    doc.errors.extend(unseen)
    if misleading:
        return doc
    lines = split_lines(text)
    composer = _Composer(text, doc, lines)
    try:
        empty, result = composer.document()
    except _Refusal as exc:
        doc.errors.append(FactError(file, exc.mark.line + 1, exc.mark.column + 1, "", exc.message, exc.hint))
        return doc
    except yaml.MarkedYAMLError as exc:
        marks = [m for m in (exc.context_mark, exc.problem_mark) if m is not None]
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        number, hint = _syntax_hint(lines, problem, [m.line for m in marks] or [0])
        mark = next((m for m in reversed(marks) if m.line == number), None)
        column = mark.column + 1 if mark else _first_text_column(lines, number)
        if hint.startswith("この行で開いた引用符"):
            column = len(VALUE_START.match(lines[number])["lead"]) + 1
            doc.errors = [e for e in doc.errors if not (e.line == number + 1 and e.message.startswith("引用符"))]  # said once
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


