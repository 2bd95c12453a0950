"""Scalar types of the facts format: each turns the text an editor wrote into a value, or says how to write it.

Every parser receives the text exactly as written (see ``yamlsource``) and raises ``problem(...)``
with a message and a hint in Japanese; ``validation`` places it at the right line and column.
"""

from __future__ import annotations

import calendar
import datetime as dt
import ipaddress
import re
import unicodedata
from typing import Annotated, Any

from dataclasses import dataclass

from pydantic import BeforeValidator, Field, PlainSerializer, PlainValidator, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!]|javascript\s*:|\{\{|\{%|\{:|\{#|\]\(")
WAVE_DASHES = "‐‑‒–—―−－ーｰ"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # control characters (Unicode category Cc) but tab and newline

# --- characters an editor cannot see ---------------------------------------------------------
# Each is named as an editor would look it up, with what to type instead ("" = delete it).

#: spaces other than the ASCII space: harmless inside a sentence, wrong where YAML expects a space
SPACES = {
    "\t": "タブ",
    "\u3000": "全角スペース",
    "\u00a0": "ノーブレークスペース(NBSP)",
    **{chr(c): "幅の違うスペース" for c in range(0x2000, 0x200B)},
    "\u202f": "幅の狭いノーブレークスペース",
    "\u205f": "数式用のスペース",
}
#: characters that show nothing at all: never wanted in a fact file
INVISIBLE = {
    "\u200b": "ゼロ幅スペース",
    "\u200c": "ゼロ幅非接合子(ZWNJ)",
    "\u200d": "ゼロ幅接合子(ZWJ)",
    "\u2060": "ワードジョイナー",
    "\ufeff": "BOM(ゼロ幅ノーブレークスペース)",
    "\u00ad": "ソフトハイフン",
    "\u034f": "書記素結合子",
    "\u180e": "モンゴル文字の母音区切り",
    **{chr(c): "見えない演算子" for c in range(0x2061, 0x2065)},
    **{c: "ハングルの空白文字" for c in "\u115f\u1160\u3164\uffa0"},
    "\u2800": "点字の空白",
    **{chr(c): "タグ文字" for c in range(0xE0000, 0xE0080)},
}
#: characters that change the reading direction of what follows them
BIDI = {
    "\u200e": "LRM", "\u200f": "RLM", "\u061c": "ALM",
    "\u202a": "LRE", "\u202b": "RLE", "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO",
    "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI",
}
#: line breaks YAML counts but editors do not show as one: every line number after them would be wrong
HIDDEN_BREAKS = {"\u0085": "改行文字 NEL", "\u2028": "行区切り文字(LS)", "\u2029": "段落区切り文字(PS)"}


def char_class(chars: object) -> str:
    """A regular expression class of ``chars`` written as ranges (a class of single characters is tried
    one by one: over a whole file that costs milliseconds, ranges cost microseconds)."""
    points = sorted({ord(c) for c in chars})
    ranges: list[list[int]] = []
    for point in points:
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return "[" + "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]"


#: Unicode categories of characters that show nothing or nothing reliable, whatever their name: format
#: characters (Cf: zero-width, direction, deprecated format and interlinear annotation marks, tags),
#: private use (Co), unassigned code points and noncharacters (Cn, U+FFFE), surrogates (Cs) and the line
#: and paragraph separators (Zl, Zp). Decided by category, so a character no list names is caught too.
UNSEEN_CATEGORIES = {
    "Cf": "書式制御文字", "Co": "私用領域の文字", "Cn": "割り当てのない文字(非文字)", "Cs": "サロゲート",
    "Zl": "行区切り文字", "Zp": "段落区切り文字",
}
#: variation selectors (category Mn): they change the glyph of the character before them, invisibly
VARIATION_SELECTORS = "\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef"
#: combining marks stacked this many on one character are not text anyone wrote on purpose
STACKED_MARKS = 3


def unseen(ch: str) -> bool:
    """Whether ``ch`` is a character an editor cannot see (by category; see :data:`UNSEEN_CATEGORIES`)."""
    return ch in INVISIBLE or ch in BIDI or ch in HIDDEN_BREAKS or unicodedata.category(ch) in UNSEEN_CATEGORIES or bool(_SELECTOR.match(ch))


_SELECTOR = re.compile(f"[{VARIATION_SELECTORS}]")
_BMP = [chr(c) for c in range(0x80, 0x10000)]
#: a class that holds every unseen character of the BMP and every character outside it (rare in text;
#: each is then decided by :func:`unseen`): a fast first pass over a whole file
UNSEEN = re.compile(char_class({*INVISIBLE, *BIDI, *HIDDEN_BREAKS, *(c for c in _BMP if unseen(c))})[:-1] + "\U00010000-\U0010ffff]")
#: a run of combining marks (categories Mn, Me) on one character
STACKED = re.compile(char_class(c for c in _BMP if unicodedata.category(c) in ("Mn", "Me"))[:-1] + "\U0001d165-\U0001d169\U000e0100-\U000e01ef]" + f"{{{STACKED_MARKS},}}")
del _BMP


def unseen_in(text: str) -> list[tuple[int, str]]:
    """(index, character) of every unseen character of ``text``."""
    return [(found.start(), found.group()) for found in UNSEEN.finditer(text) if unseen(found.group())]


def char_name(ch: str) -> str:
    """How an error names a character: ``全角スペース(U+3000)``."""
    name = SPACES.get(ch) or INVISIBLE.get(ch) or HIDDEN_BREAKS.get(ch)
    if ch in BIDI:
        name = f"文字の向きを変える制御文字 {BIDI[ch]}"
    elif not name and _SELECTOR.match(ch):
        name = "異体字セレクタ"
    elif not name and unicodedata.category(ch) in UNSEEN_CATEGORIES:
        name = UNSEEN_CATEGORIES[unicodedata.category(ch)]
    elif not name and CONTROL.match(ch):
        name = "制御文字"
    return f"{name}(U+{ord(ch):04X})" if name else f"U+{ord(ch):04X}"


def visible(text: str) -> str:
    """``text`` quoted for a message, with every character one cannot see written as ``[U+200B]``."""
    shown = "".join(f"[U+{ord(c):04X}]" if c in SPACES or c == "\n" or unseen(c) or CONTROL.match(c) else c for c in text)
    return f"'{shown}'"


def problem(message: str, hint: str = "") -> PydanticCustomError:
    """The error a scalar parser raises: validation turns it into a located FactError."""
    return PydanticCustomError("fact", "{message}", {"message": message, "hint": hint})


#: what YAML means by "no value" when written without quotes (the facts format reads it as text, so it is refused)
NULL_WORDS = ("~", "null", "Null", "NULL")


def _scalar(value: Any, what: str, example: str) -> str:
    if value is None:
        raise problem("値が空です", f"{what}を書いてください(例: {example})")
    if getattr(value, "plain", False) and value in NULL_WORDS:
        raise problem(f"{value} は YAML では「値なし」の印です", f"{what}を書くか、書くことがなければ項目ごと消してください(例: {example})")
    if isinstance(value, (dict, list)):
        raise problem(f"ここには{what}を 1 つだけ書きます", f"例: {example}")
    return str(value)


def _plain_digits(text: str) -> str:
    """Full-width digits and signs folded to ASCII, for suggesting the right form."""
    return unicodedata.normalize("NFKC", text)


# --- text ---------------------------------------------------------------------------------

#: the longest sentence a text field takes, and the longest display name (a carrier's, a fee's, a contact's)
MAX_TEXT = 400
MAX_NAME = 80


#: words of the editors' own work (the stored copies of pages the search tool shows, their openings, the team's
#: notes): a reader's page never shows them
EDITOR_NOTE = re.compile(r"冒頭|保存ページ|保存された|/work/|FORMAT\d*\.md|notes/")


def parse_text(value: Any) -> str:
    text = _scalar(value, "文章", "マイページにログインする")
    if len(text) > MAX_TEXT:
        raise problem(f"文章が {len(text)} 文字あります({MAX_TEXT} 文字まで)", "1 項目 1 文の短い文章にし、長いときは項目を分けてください")
    if not text.strip():
        raise problem("値が空です", "文章を書いてください。書くことがなければ項目ごと消してください")
    if "\n" in text.strip() or "\r" in text:
        raise problem("改行は使えません", "1 行で書いてください。長いときは項目を分けてください")
    if CONTROL.search(text):
        raise problem("制御文字が含まれています", "見えない文字を消して書き直してください")
    if "TODO" in text:
        raise problem("まだ書かれていません(TODO が残っています)", "出典のある事実に書き換えてください")
    note = EDITOR_NOTE.search(text)
    if note:
        raise problem(
            f"読者に見せる文に、編集のためのメモ(「{note.group(0)}」)が入っています",
            "読者に向けて書き直してください(例: 「確かめた出典からは分かりませんでした。公式の案内で確かめてください」)。調べた経過は、行頭に # を付けた YAML のコメントに書きます",
        )
    found = MARKUP.search(text)
    if found:
        raise problem(
            f"HTML・Markdown・テンプレートの記法({found.group(0)})は使えません",
            "ふつうの文章で書いてください。リンクは sources に、表は項目に分けて書きます",
        )
    return text.strip()


Text = Annotated[str, BeforeValidator(parse_text), WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_TEXT})]


def parse_name(value: Any) -> str:
    text = parse_text(value)
    if len(text) > MAX_NAME:
        raise problem(f"名前が {len(text)} 文字あります({MAX_NAME} 文字まで)", "見出しやナビゲーションに出る短い名前にしてください。説明は別の項目に書きます")
    return text


Name = Annotated[str, BeforeValidator(parse_name), WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_NAME})]


# --- identifiers --------------------------------------------------------------------------

ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: an id is a file name and a folder of the site: well under any file system's limit of 255 bytes
MAX_ID = 40


def _unseen_in(text: str) -> list[str]:
    return [c for c in dict.fromkeys(text) if c in SPACES or unseen(c) or CONTROL.match(c)]


def suggest_id(text: str) -> str | None:
    """The id ``text`` most likely meant (``S51`` → ``s51``, ``ａｕ`` → ``au``, ``uq_mobile`` → ``uq-mobile``),
    or None when that cannot be told without dropping what was written (letters other than Latin)."""
    unseen = _unseen_in(text)
    folded = unicodedata.normalize("NFKC", "".join(c for c in text if c not in unseen))
    if not folded.isascii():
        return None
    suggestion = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return suggestion if ID_RE.fullmatch(suggestion) else None


def id_problem(text: str) -> tuple[str, str] | None:
    """Why ``text`` is not an id and how to write it, or None for an id. The hint suggests an id only
    when the suggestion is itself an id and keeps everything the editor wrote (no letter silently dropped)."""
    if ID_RE.fullmatch(text):
        return None
    rule = "ID は半角英小文字・数字・ハイフンだけで書きます"
    unseen = _unseen_in(text)
    rest = "".join(c for c in text if c not in unseen)
    folded = unicodedata.normalize("NFKC", rest)
    foreign = "".join(dict.fromkeys(c for c in folded if not c.isascii()))
    suggestion = suggest_id(text)
    write = f"{suggestion} と書いてください" if suggestion else "uq-mobile のように書いてください"
    if unseen:
        names = "、".join(char_name(c) for c in unseen)
        return f"{rule}。{visible(text)} に空白か見えない文字 {names} があります", f"その文字を消して、{write}"
    if foreign:
        return f"{rule}。{text!r} の「{foreign}」は使えません", "ローマ字(半角英小文字)に直してください(例: 楽天モバイル → rakuten-mobile)"
    if folded != rest:
        wide = "".join(dict.fromkeys(c for c in rest if unicodedata.normalize("NFKC", c) != c))
        return f"{rule}。{text!r} に全角の文字「{wide}」があります", f"半角にして {write}"
    upper = "".join(dict.fromkeys(c for c in text if c.isupper()))
    if upper:
        return f"{rule}。{text!r} に大文字「{upper}」があります", f"小文字にして {write}"
    others = "".join(dict.fromkeys(c for c in text if not (c.isalnum() or c == "-")))
    if others:
        return f"{rule}。{text!r} の「{others}」は使えません", f"単語はハイフン(-)で区切ります: {write}"
    return f"{rule}。{text!r} はハイフンの位置が違います(先頭・末尾・2 つ続きは不可)", write


def parse_id(value: Any) -> str:
    text = _scalar(value, "ID", "uq-mobile")
    if len(text) > MAX_ID:
        raise problem(f"ID が {len(text)} 文字あります({MAX_ID} 文字まで)", "ファイル名と URL になる短い id にしてください(例: uq-mobile)")
    if ID_RE.fullmatch(text):
        return text
    raise problem(*id_problem(text))


Id = Annotated[str, BeforeValidator(parse_id), WithJsonSchema({"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": MAX_ID})]


# --- numbers ------------------------------------------------------------------------------

#: the largest value each kind of number takes: no fee, price or penalty near a million yen; no deadline,
#: validity or term of a mobile contract beyond 1,000 days or 120 months (ten years)
MAX_YEN = 1_000_000
MAX_DAYS = 1_000
MAX_MONTHS = 120


def _whole_number(value: Any, what: str, example: str, unit_words: str, most: int) -> int:
    text = _scalar(value, what, example).strip()
    folded = _plain_digits(text)
    if re.fullmatch(r"0|[1-9][0-9]*", text):
        if len(text) > 9 or int(text) > most:
            raise problem(f"{text} は{what}として大きすぎます({most:,} まで)", "出典の数字を確かめてください(桁の打ち間違いではありませんか)")
        return int(text)
    cleaned = re.sub(f"[,、\\s{unit_words}]", "", folded)
    if cleaned.startswith("-") or cleaned.startswith("−"):
        raise problem(f"{text!r} はマイナスです。{what}にマイナスは書けません", "0 以上の整数で書いてください")
    if re.fullmatch(r"[0-9]+\.[0-9]+", cleaned):
        raise problem(f"{text!r} は小数です。{what}は整数で書きます", f"{int(float(cleaned))} のように整数で書いてください")
    if re.fullmatch(r"0[0-9]+", cleaned):
        raise problem(f"{text!r} は先頭に 0 があります", f"{int(cleaned)} と書いてください")
    if re.fullmatch(r"[0-9]+", cleaned):
        raise problem(f"{text!r} は{what}として読めません", f"{int(cleaned)} と書いてください(半角数字だけ)")
    raise problem(f"{text!r} は{what}として読めません", f"半角数字だけで書いてください(例: {example})")


def parse_yen(value: Any) -> int:
    return _whole_number(value, "円の金額", "3300", "円¥￥", MAX_YEN)


#: units an editor may write after a number of days or months, as days (None: no fixed number of days)
UNIT_DAYS = {"日": 1, "週": 7, "週間": 7, "か月": None, "ヶ月": None, "ヵ月": None, "カ月": None, "ケ月": None, "箇月": None, "月": None, "年": None, "年間": None}
UNIT_MONTHS = {"か月": 1, "ヶ月": 1, "ヵ月": 1, "カ月": 1, "ケ月": 1, "箇月": 1, "月": 1, "年": 12, "年間": 12, "日": None, "週": None, "週間": None}
UNIT_WORDS = {"日": "日", "週": "週", "週間": "週", "年": "年", "年間": "年"}


def parse_count(value: Any, info: ValidationInfo) -> int:
    """A whole number of days, months or things. The field's name says which (``months``,
    ``within_months``: months; a name with ``days`` or a day range's ``min``/``max``: days), so that
    ``1年`` or ``2週間`` gets the number to write in this field's unit."""
    field = info.field_name or ""
    unit = "months" if "month" in field else "days" if "days" in field or field in ("min", "max") else None
    if unit is not None and isinstance(value, str):
        found = re.fullmatch(r"\s*([0-9]+)\s*(か月|ヶ月|ヵ月|カ月|ケ月|箇月|週間|年間|[日週月年])(?:以内|まで|間)?\s*", _plain_digits(value))
        table = UNIT_MONTHS if unit == "months" else UNIT_DAYS
        if found and found[2] in table and table[found[2]] != 1:
            number, word = int(found[1]), found[2]
            per = table[word]
            what = "月数" if unit == "months" else "日数"
            said = UNIT_WORDS.get(word, "月")
            if per is None:
                raise problem(f"{value.strip()!r} は{said}で書かれています。ここには{what}を書きます",
                              f"{what}を半角数字だけで書いてください({said}は{what}に決まった数で直せないので、{what}を出典で確かめてください)")
            raise problem(f"{value.strip()!r} は{said}で書かれています。ここには{what}を書きます", f"{number * per} と書いてください({what}を半角数字だけで)")
    what = "月数" if unit == "months" else "日数" if unit == "days" else "数"
    return _whole_number(value, what, "15" if unit != "months" else "12", "日回線か月ヶヵ", MAX_MONTHS if unit == "months" else MAX_DAYS)


Yen = Annotated[int, BeforeValidator(parse_yen), WithJsonSchema({"type": "integer", "minimum": 0, "maximum": MAX_YEN, "description": "円の金額。半角数字だけ(例: 3300)。税込・税抜は tax に書きます"})]
Count = Annotated[int, BeforeValidator(parse_count), WithJsonSchema({"type": "integer", "minimum": 0, "maximum": MAX_DAYS})]
MonthCount = Annotated[int, BeforeValidator(parse_count), WithJsonSchema({"type": "integer", "minimum": 0, "maximum": MAX_MONTHS})]


# --- truth values -------------------------------------------------------------------------

def parse_flag(value: Any) -> bool:
    text = _scalar(value, "true か false", "true")
    if text in ("true", "false"):
        return text == "true"
    if text.lower() in ("yes", "y", "on", "はい", "有", "あり", "○", "true"):
        raise problem(f"{text!r} は使えません", "true と書いてください")
    if text.lower() in ("no", "n", "off", "いいえ", "無", "なし", "×", "false"):
        raise problem(f"{text!r} は使えません", "false と書いてください")
    raise problem(f"{text!r} は true / false として読めません", "true か false のどちらかを書いてください")


Flag = Annotated[bool, BeforeValidator(parse_flag), WithJsonSchema({"type": "boolean"})]


# --- dates and times ----------------------------------------------------------------------

ERA = re.compile(r"(令和|平成|昭和|R|H)\s*(\d+|元)\s*[年.\-/]")
#: years a date of the facts may have: mobile contracts in Japan, from the first mobile phones to this century's end
FIRST_YEAR, LAST_YEAR = 1980, 2100


def _year(year: int, text: str) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise problem(f"{text} の年 {year} はありえません({FIRST_YEAR}〜{LAST_YEAR} 年)", "西暦 4 桁の年を確かめてください(例: 2025-03-01)")
    return year


#: a date as the format writes it
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: Any) -> dt.date:
    text = _scalar(value, "日付", "2024-06-01").strip()
    m = ISO_DATE.fullmatch(text)
    if not m:
        folded = _plain_digits(text)
        if ERA.match(folded):
            raise problem(f"{text!r} は和暦です", "西暦で 2024-06-01 のように書いてください")
        loose = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", folded)
        if loose:
            y, mo, d = (int(g) for g in loose.groups())
            raise problem(f"{text!r} は日付の書き方が違います", f"{y:04d}-{mo:02d}-{d:02d} と書いてください")
        raise problem(f"{text!r} は日付として読めません", "年-月-日 を 2024-06-01 のように書いてください")
    _year(int(m[1]), text)
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise problem(f"{text} は存在しない日付です", "月と日を確かめてください") from None


#: a year from FIRST_YEAR to LAST_YEAR, a month and a day, for the schema's patterns
_Y, _M, _D = r"(198\d|199\d|20\d\d|2100)", r"(0[1-9]|1[0-2])", r"(0[1-9]|[12]\d|3[01])"
Date = Annotated[dt.date, BeforeValidator(parse_date), WithJsonSchema({"type": "string", "format": "date", "pattern": f"^{_Y}-{_M}-{_D}$"})]


@dataclass(frozen=True, order=True)
class LooseDate:
    """A date as a page gives it: with its day, or only year and month (``day`` 0)."""

    year: int
    month: int
    day: int = 0

    @property
    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    @property
    def latest(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or calendar.monthrange(self.year, self.month)[1])

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")


def parse_loose_date(value: Any) -> LooseDate:
    if isinstance(value, LooseDate):
        return value
    text = _scalar(value, "日付", "2025-03 か 2025-03-01").strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if m:
        _year(int(m[1]), text)
        if not 1 <= int(m[2]) <= 12:
            raise problem(f"{text} は存在しない月です", "月を 01〜12 で書いてください")
        return LooseDate(int(m[1]), int(m[2]))
    folded = _plain_digits(text)
    month_only = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?", folded)
    if month_only and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise problem(f"{text!r} は年月の書き方が違います", f"{int(month_only[1]):04d}-{int(month_only[2]):02d} と書いてください")
    day = parse_date(value)
    return LooseDate(day.year, day.month, day.day)


def parse_page_date(value: Any) -> LooseDate | None:
    """The date a page states, or None for a page that states none (written ``undated``)."""
    if value is None or isinstance(value, LooseDate):
        return value
    text = _scalar(value, "ページの日付", "2025-03-01").strip()
    if text == "undated":
        return None
    if text in ("なし", "不明", "none", "unknown", "記載なし"):
        raise problem(f"{text!r} は使えません", "ページに日付がなければ undated と書いてください")
    return parse_loose_date(value)


_LOOSE_SCHEMA = {"type": "string", "pattern": f"^{_Y}-{_M}(-{_D})?$"}
LooseDateValue = Annotated[LooseDate, PlainValidator(parse_loose_date), PlainSerializer(str, return_type=str), WithJsonSchema(_LOOSE_SCHEMA)]
PageDate = Annotated[
    LooseDate | None,
    PlainValidator(parse_page_date),
    PlainSerializer(lambda d: str(d) if d else "undated", return_type=str),
    WithJsonSchema({"type": "string", "pattern": f"^({_Y}-{_M}(-{_D})?|undated)$", "description": "ページに書かれた日付(2025-03-01、日がなければ 2025-03)。なければ undated"}),
]


def parse_time(value: Any) -> str:
    text = _scalar(value, "時刻", '"9:00"').strip()
    folded = _plain_digits(text)
    spoken = re.fullmatch(r"(午前|午後)?\s*(\d{1,2})\s*時\s*(?:(半)|(\d{1,2})\s*分?)?", folded)
    if spoken:  # 9時, 9時30分, 19時半, 午後7時
        hour = int(spoken[2]) + (12 if spoken[1] == "午後" and int(spoken[2]) < 12 else 0)
        minute = 30 if spoken[3] else int(spoken[4] or 0)
        folded = f"{hour}:{minute:02d}"
    m = re.fullmatch(r"([01]?\d|2[0-4]):([0-5]\d)", folded)
    if not m or (int(m[1]) == 24 and m[2] != "00"):
        raise problem(f"{text!r} は時刻として読めません", '"9:00" や "19:00" のように 24 時間制で書いてください')
    canonical = f"{int(m[1])}:{m[2]}"
    if folded != text:
        raise problem(f"{text!r} は時刻の書き方が違います", f'"{canonical}" と書いてください')
    if getattr(value, "plain", False):
        raise problem(
            f"時刻 {text} が引用符で囲まれていません(YAML 1.1 を読むツールでは 60 進数の数として読まれます)",
            f'"{canonical}" と引用符で囲んでください',
        )
    return canonical


Time = Annotated[str, BeforeValidator(parse_time), WithJsonSchema({"type": "string", "pattern": r"^([01]?\d|2[0-4]):[0-5]\d$"})]


# --- contact data -------------------------------------------------------------------------

PHONE_RE = re.compile(r"0\d{1,4}-\d{1,6}(?:-\d{3,4})?|1\d{2}")


def parse_phone(value: Any) -> str:
    """A Japanese phone number, written with hyphens, that Google's numbering-plan data (``phonenumbers``)
    holds valid: a number a digit short or long is refused. Three-digit numbers from 1 (151, 157) are the
    carriers' own short numbers, which that data does not list."""
    text = _scalar(value, "電話番号", '"0570-09-4400"').strip()
    if PHONE_RE.fullmatch(text):
        if re.fullmatch(r"1\d{2}", text):
            return text
        import phonenumbers

        if not phonenumbers.is_valid_number(phonenumbers.parse(text, "JP")):
            digits = text.replace("-", "")
            raise problem(f"{text!r} は日本の電話番号として正しくありません({len(digits)} 桁。桁が足りないか多いか、使われていない番号です)",
                          "出典の番号を 1 桁ずつ確かめてください(例: 0570-09-4400、0120-123-456、03-1234-5678)")
        return text
    folded = _plain_digits(text)
    if any(c in text for c in WAVE_DASHES):
        fixed = re.sub(f"[{WAVE_DASHES}]", "-", folded)
        raise problem(f"{text!r} のハイフンが半角ではありません", f"{fixed} のように半角の - で区切ってください")
    if re.fullmatch(r"0\d{8,10}", folded):
        raise problem(f"{text!r} は区切りがありません", "市外局番などをハイフンで区切ってください(例: 0570-09-4400)")
    raise problem(f"{text!r} は電話番号として読めません", "半角数字とハイフンで書いてください(例: 0570-09-4400)")


Phone = Annotated[str, BeforeValidator(parse_phone), WithJsonSchema({"type": "string", "pattern": PHONE_RE.pattern})]


def parse_postal_code(value: Any) -> str:
    text = _scalar(value, "郵便番号", '"143-0006"').strip()
    if re.fullmatch(r"\d{3}-\d{4}", text):
        return text
    folded = re.sub(f"[{WAVE_DASHES}]", "-", _plain_digits(text)).replace("〒", "").strip()
    digits = folded.replace("-", "")
    suggestion = f"{digits[:3]}-{digits[3:]}" if re.fullmatch(r"\d{7}", digits) else "143-0006"
    if "〒" in text:
        raise problem(f"{text!r} に 〒 が付いています", f"〒 を付けずに {suggestion} と書いてください")
    raise problem(f"{text!r} は郵便番号の形ではありません", f"{suggestion} のように 3 桁-4 桁を半角で書いてください")


PostalCode = Annotated[str, BeforeValidator(parse_postal_code), WithJsonSchema({"type": "string", "pattern": r"^\d{3}-\d{4}$"})]


#: the longest URL taken (browsers and servers keep to about 2,000 characters)
MAX_URL = 2000


def _url_problem(text: str) -> tuple[str, str]:
    """Why the URL parser refused ``text``, as close as can be told, and how to write it."""
    host = re.match(r"[a-zA-Z]+://([^/?#]*)", text)
    authority = host[1].rsplit("@", 1)[-1] if host else ""
    if "[" in authority or "]" in authority or authority.count(":") > 1:
        return f"{text!r} の IPv6 アドレスの書き方が違います", "IPv6 アドレスは [2001:db8::1] のように [ ] で囲みます(公開されたページのホスト名を書いてください)"
    port = re.search(r":([^:\]]*)$", authority)
    if port and port[1] and not (port[1].isdigit() and int(port[1]) <= 65535):
        return f"{text!r} のポート番号 {port[1]!r} は使えません(0〜65535 の数字)", "ポート番号は書かないのがふつうです。ブラウザのアドレス欄からそのまま写してください"
    return f"{text!r} は URL として読めません", "ブラウザのアドレス欄からそのまま写してください"


def _private_host(hostname: str, address: bool) -> bool:
    """A host no reader can reach: this machine, a link-local, private or reserved address, a name without
    a dot. ``address`` says the URL parser read the host as an IP address (it writes every form of one,
    such as ``0x7f.1``, as the usual dotted or bracketed form)."""
    name = hostname.strip("[]").lower().rstrip(".")
    if address:
        try:
            return not ipaddress.ip_address(name).is_global
        except ValueError:
            return True
    return name == "localhost" or name.endswith((".localhost", ".local", ".internal", ".test", ".example", ".invalid")) or "." not in name


#: a URL all of printable ASCII and no space: no character in it to look at one by one for being unseen
_PLAIN_URL = re.compile(r"[!-~]+")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_HTTP_HOST = re.compile(r"https?://[^/]", re.I)
#: what the URL parser is asked for
_URL_PARTS = ("username", "password", "hostname", "port", "host_type")


def parse_url(value: Any) -> str:
    """A source's URL as a browser's address bar shows it: http(s), a public host, parsed by the WHATWG
    URL standard (``ada_url``, the parser of Node.js), so that what a browser refuses is refused here and
    a URL with Japanese in its path (an IRI) is taken as browsers take it."""
    import ada_url

    text = _scalar(value, "URL", "https://www.example.jp/").strip()
    if len(text) > MAX_URL:
        raise problem(f"URL が {len(text)} 文字あります({MAX_URL} 文字まで)", "検索結果や追跡用の部分(? から後ろ)を除いた、ページそのものの URL を書いてください")
    scheme = _SCHEME.match(text)
    if not scheme or scheme[1].lower() not in ("http", "https"):
        raise problem(f"{text!r} は http(s) の URL ではありません", "https:// で始まる URL を書いてください")
    if "TODO" in text or ".invalid" in text.lower():
        raise problem("URL がまだ書かれていません", "出典のページの URL を書いてください")
    odd = [] if _PLAIN_URL.fullmatch(text) else [c for c in dict.fromkeys(text) if c.isspace() or CONTROL.match(c) or unseen(c)]
    if odd:
        raise problem(f"{visible(text)} に空白・改行・見えない文字({'、'.join(char_name(c) for c in odd)})があります", "ブラウザのアドレス欄からそのまま写してください")
    if not _HTTP_HOST.match(text) or any(c in text for c in '<>"\'`\\'):
        raise problem(f"{text!r} は URL として読めません", "ブラウザのアドレス欄からそのまま写してください")
    try:
        url = ada_url.parse_url(text, _URL_PARTS)
    except ValueError:
        raise problem(*_url_problem(text)) from None
    if url["username"] or url["password"] or "@" in text.split("/", 3)[2]:
        host = text.split("/", 3)[2].rsplit("@", 1)
        raise problem(
            f"{text!r} には @ の前にユーザー名の部分({host[0]}@)があります。このリンクの行き先は {host[1]} です",
            "出典のページの URL をブラウザのアドレス欄からそのまま写してください(https://ホスト名/… の形。@ の前の部分は書きません)",
        )
    if _private_host(url["hostname"], url["host_type"] != ada_url.HostType.DEFAULT):
        raise problem(f"{text!r} のホスト {url['hostname']} は公開されたサイトではありません(この機械・社内・予約されたアドレス)", "読者が開ける公開ページの URL を書いてください")
    if url["port"] == "0":
        raise problem(*_url_problem(text.replace(":0", ":-0", 1)))
    return text


Url = Annotated[str, BeforeValidator(parse_url), WithJsonSchema({"type": "string", "format": "iri", "pattern": "^https?://[^/@\\s]+", "maxLength": MAX_URL})]


def described(description: str, **kwargs: Any) -> Any:
    """A pydantic Field whose Japanese description shows in the editor's tooltip. An empty list as the
    default is made anew for each model (pydantic would deep-copy it: a hundred copies a file) and still
    shown as the schema's default."""
    if kwargs.get("default") == [] and isinstance(kwargs["default"], list):
        del kwargs["default"]
        kwargs.update(default_factory=list, json_schema_extra={"default": []})
    return Field(description=description, **kwargs)
