"""Scalar types of the facts format: each turns the text an editor wrote into a value, or says how to write it.

Every parser receives the text exactly as written (see ``yamlsource``) and raises ``problem(...)``
with a message and a hint in Japanese; ``validation`` places it at the right line and column.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from typing import Annotated, Any
from urllib.parse import urlsplit

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


UNSEEN = re.compile(char_class((*INVISIBLE, *BIDI, *HIDDEN_BREAKS)))


def char_name(ch: str) -> str:
    """How an error names a character: ``全角スペース(U+3000)``."""
    name = SPACES.get(ch) or INVISIBLE.get(ch) or HIDDEN_BREAKS.get(ch)
    if ch in BIDI:
        name = f"文字の向きを変える制御文字 {BIDI[ch]}"
    return f"{name}(U+{ord(ch):04X})" if name else f"U+{ord(ch):04X}"


def visible(text: str) -> str:
    """``text`` quoted for a message, with every character one cannot see written as ``[U+200B]``."""
    shown = "".join(f"[U+{ord(c):04X}]" if c in SPACES or UNSEEN.match(c) or CONTROL.match(c) else c for c in text)
    return f"'{shown}'"


def problem(message: str, hint: str = "") -> PydanticCustomError:
    """The error a scalar parser raises: validation turns it into a located FactError."""
    return PydanticCustomError("fact", "{message}", {"message": message, "hint": hint})


def _scalar(value: Any, what: str, example: str) -> str:
    if value is None:
        raise problem("値が空です", f"{what}を書いてください(例: {example})")
    if isinstance(value, (dict, list)):
        raise problem(f"ここには{what}を 1 つだけ書きます", f"例: {example}")
    return str(value)


def _plain_digits(text: str) -> str:
    """Full-width digits and signs folded to ASCII, for suggesting the right form."""
    return unicodedata.normalize("NFKC", text)


# --- text ---------------------------------------------------------------------------------

def parse_text(value: Any) -> str:
    text = _scalar(value, "文章", "マイページにログインする")
    if not text.strip():
        raise problem("値が空です", "文章を書いてください。書くことがなければ項目ごと消してください")
    if "\n" in text.strip() or "\r" in text:
        raise problem("改行は使えません", "1 行で書いてください。長いときは項目を分けてください")
    if CONTROL.search(text):
        raise problem("制御文字が含まれています", "見えない文字を消して書き直してください")
    if "TODO" in text:
        raise problem("まだ書かれていません(TODO が残っています)", "出典のある事実に書き換えてください")
    found = MARKUP.search(text)
    if found:
        raise problem(
            f"HTML・Markdown・テンプレートの記法({found.group(0)})は使えません",
            "ふつうの文章で書いてください。リンクは sources に、表は項目に分けて書きます",
        )
    return text.strip()


Text = Annotated[str, BeforeValidator(parse_text), WithJsonSchema({"type": "string", "minLength": 1})]


# --- identifiers --------------------------------------------------------------------------

ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _unseen_in(text: str) -> list[str]:
    return [c for c in dict.fromkeys(text) if c in SPACES or UNSEEN.match(c) or CONTROL.match(c)]


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
    if ID_RE.fullmatch(text):
        return text
    raise problem(*id_problem(text))


Id = Annotated[str, BeforeValidator(parse_id), WithJsonSchema({"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"})]


# --- numbers ------------------------------------------------------------------------------

def _whole_number(value: Any, what: str, example: str, unit_words: str) -> int:
    text = _scalar(value, what, example).strip()
    folded = _plain_digits(text)
    if re.fullmatch(r"0|[1-9][0-9]*", text):
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
    return _whole_number(value, "円の金額", "3300", "円¥￥")


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
    return _whole_number(value, what, "15" if unit != "months" else "12", "日回線か月ヶヵ")


Yen = Annotated[int, BeforeValidator(parse_yen), WithJsonSchema({"type": "integer", "minimum": 0, "description": "円の金額。半角数字だけ(例: 3300)。税込・税抜は tax に書きます"})]
Count = Annotated[int, BeforeValidator(parse_count), WithJsonSchema({"type": "integer", "minimum": 0})]


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


def parse_date(value: Any) -> dt.date:
    text = _scalar(value, "日付", "2024-06-01").strip()
    folded = _plain_digits(text)
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if not m:
        if ERA.match(folded):
            raise problem(f"{text!r} は和暦です", "西暦で 2024-06-01 のように書いてください")
        loose = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", folded)
        if loose:
            y, mo, d = (int(g) for g in loose.groups())
            raise problem(f"{text!r} は日付の書き方が違います", f"{y:04d}-{mo:02d}-{d:02d} と書いてください")
        raise problem(f"{text!r} は日付として読めません", "年-月-日 を 2024-06-01 のように書いてください")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise problem(f"{text} は存在しない日付です", "月と日を確かめてください") from None


Date = Annotated[dt.date, BeforeValidator(parse_date), WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"})]


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


_LOOSE_SCHEMA = {"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$"}
LooseDateValue = Annotated[LooseDate, PlainValidator(parse_loose_date), PlainSerializer(str, return_type=str), WithJsonSchema(_LOOSE_SCHEMA)]
PageDate = Annotated[
    LooseDate | None,
    PlainValidator(parse_page_date),
    PlainSerializer(lambda d: str(d) if d else "undated", return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^(\d{4}-\d{2}(-\d{2})?|undated)$", "description": "ページに書かれた日付(2025-03-01、日がなければ 2025-03)。なければ undated"}),
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
    text = _scalar(value, "電話番号", '"0570-09-4400"').strip()
    if PHONE_RE.fullmatch(text):
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


def parse_url(value: Any) -> str:
    text = _scalar(value, "URL", "https://www.example.jp/").strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https"):
        raise problem(f"{text!r} は http(s) の URL ではありません", "https:// で始まる URL を書いてください")
    if "TODO" in text or (parts.hostname or "").endswith(".invalid"):
        raise problem("URL がまだ書かれていません", "出典のページの URL を書いてください")
    if not parts.netloc or " " in text or any(c in text for c in '<>"\'`\\'):
        raise problem(f"{text!r} は URL として読めません", "ブラウザのアドレス欄からそのまま写してください")
    if "@" in parts.netloc:
        host = parts.netloc.rsplit("@", 1)[1]
        raise problem(
            f"{text!r} には @ の前にユーザー名の部分({parts.netloc.rsplit('@', 1)[0]}@)があります。このリンクの行き先は {host} です",
            "出典のページの URL をブラウザのアドレス欄からそのまま写してください(https://ホスト名/… の形。@ の前の部分は書きません)",
        )
    return text


Url = Annotated[str, BeforeValidator(parse_url), WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})]


def described(description: str, **kwargs: Any) -> Any:
    """A pydantic Field whose Japanese description shows in the editor's tooltip."""
    return Field(description=description, **kwargs)
