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

from pydantic import BeforeValidator, Field, PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!]|javascript\s*:|\{\{|\{%|\{:|\{#|\]\(")
WAVE_DASHES = "‐‑‒–—―−－ーｰ"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # control characters (Unicode category Cc) but tab and newline


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


def parse_id(value: Any) -> str:
    text = _scalar(value, "ID", "uq-mobile")
    if not ID_RE.fullmatch(text):
        suggestion = re.sub(r"[^a-z0-9]+", "-", _plain_digits(text).lower()).strip("-")
        raise problem("ID は半角英小文字・数字・ハイフンだけで書きます", f"{suggestion or 'uq-mobile'} のように書いてください")
    return text


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


def parse_count(value: Any) -> int:
    return _whole_number(value, "数", "15", "日回線か月ヶヵ")


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
    folded = _plain_digits(text).replace("時", ":").rstrip("分")
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
    if not parts.netloc or " " in text or any(c in text for c in '<>"\'`'):
        raise problem(f"{text!r} は URL として読めません", "ブラウザのアドレス欄からそのまま写してください")
    return text


Url = Annotated[str, BeforeValidator(parse_url), WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})]


def described(description: str, **kwargs: Any) -> Any:
    """A pydantic Field whose Japanese description shows in the editor's tooltip."""
    return Field(description=description, **kwargs)
