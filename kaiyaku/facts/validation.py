"""Checking facts: the typed model for one file, then the rules that span a file or all files.

Every problem becomes a ``FactError`` placed at the line and column of what the editor wrote.
Nothing here raises on bad input: problems are collected and returned, all of them in one run.
"""

from __future__ import annotations

import datetime as dt
import difflib
import typing
from collections.abc import Iterator
from typing import NamedTuple
from pathlib import PurePosixPath

from pydantic import BaseModel, ValidationError

from .errors import FactError, format_path
from .model import REQUIRED_FOR_GUIDE, Carrier, RuleBook
from .yamlsource import Document, Path_


def check_document(doc: Document, today: dt.date | None = None, model: type[Carrier | RuleBook] = Carrier) -> Carrier | RuleBook | None:
    """The carrier (or, with ``model=RuleBook``, the site-wide rules) a read file describes, or None;
    problems are appended to ``doc.errors``. ``today`` is the date of the commit being built: no fact
    can have been checked after it."""
    if doc.data is None:
        return None
    _empty_values(doc.data, (), doc)
    try:
        facts = model.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            problem = _from_pydantic(err, doc, model)
            if problem is not None:
                doc.errors.append(problem)
        facts = None
    _file_rules(doc, is_carrier=model is Carrier)
    if facts is not None:
        _dates(facts, doc, today)
        if isinstance(facts, Carrier):
            _guide_sections(facts, doc)
    return facts if not doc.errors else None


def _dates(facts: Carrier | RuleBook, doc: Document, today: dt.date | None) -> None:
    """Dates that cannot be true: a page dated after the day it was checked, a check after the commit."""
    for i, source in enumerate(facts.sources):
        if source.page_date is not None and source.page_date.earliest > source.checked:
            doc.errors.append(doc.error(("sources", i, "page_date"), f"ページの日付 {source.page_date} が確認日 {source.checked} より後です",
                                        "page_date はページに書かれた日付、checked はそのページで事実を確かめた日です。どちらかを直してください"))
        if today is not None and source.checked > today:
            doc.errors.append(doc.error(("sources", i, "checked"), f"確認日 {source.checked} がまだ来ていません(このコミットは {today})",
                                        "実際にページを見て確かめた日を書いてください"))


class CarrierReference(NamedTuple):
    """A place in a file that names a carrier: its path, line and column, and the id it names."""

    path: Path_
    target: str
    line: int
    column: int


def carrier_references(doc: Document) -> list[CarrierReference]:
    """Every place ``doc`` names a carrier, located, for :func:`check_across`."""
    return [CarrierReference(path, ref, *doc.locate(path)) for path, ref in _carrier_refs(doc)]


def check_across(references: dict[str, tuple[str, list[CarrierReference]]], known: set[str]) -> list[FactError]:
    """Rules between files: every carrier id a file names exists, and no carrier names itself.

    ``references`` maps each checked carrier's id to its file and the places it names carriers.
    ``known`` holds the ids of every file read, also those with errors of their own, so that one
    broken file does not make every file that names it fail too.
    """
    errors: list[FactError] = []
    for carrier_id, (file, refs) in references.items():
        for ref in refs:
            place = (file, ref.line, ref.column, format_path(ref.path))
            if ref.target == carrier_id and ref.path[0] in ("switch_to", "identity"):
                errors.append(FactError(*place, f"{ref.target} は自分自身です", "乗り換え先には他のキャリアの id を書いてください"))
            elif ref.target not in known:
                close = difflib.get_close_matches(ref.target, sorted(known), n=1, cutoff=0.5)
                hint = f"もしかして {close[0]}?" if close else f"carriers/ にあるファイルの id を書いてください({', '.join(sorted(known))})"
                errors.append(FactError(*place, f"キャリア {ref.target} は carriers/ にありません", hint))
    return errors


# --- pydantic's findings, placed and said in Japanese -------------------------------------

def _from_pydantic(err: dict, doc: Document, root: type[BaseModel] = Carrier) -> FactError | None:
    loc: Path_ = tuple(err["loc"])
    kind = err["type"]
    given = err.get("input")
    ctx = err.get("ctx") or {}
    if given is None and kind != "missing":
        return None  # reported once by _empty_values
    if kind == "fact":
        return doc.error(loc, ctx["message"], ctx.get("hint", ""))
    if kind == "missing":
        name = loc[-1]
        description = _description(loc, root)
        return doc.error(loc, f"必須の項目 {name} がありません", f"{name}: を書き足してください({description})" if description else f"{name}: を書き足してください")
    if kind == "extra_forbidden":
        allowed = sorted(_fields_at(loc[:-1], root))
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        hint = f"もしかして {close[0]}?" if close else f"使える項目: {', '.join(allowed)}"
        return doc.error(loc, f"{loc[-1]} という項目はありません", hint, at_key=True)
    if kind == "literal_error":
        expected = [v.strip(" '") for v in str(ctx.get("expected", "")).replace(" or ", ",").split(",") if v.strip()]
        close = difflib.get_close_matches(str(given), expected, n=1, cutoff=0.5)
        hint = f"もしかして {close[0]}?" if close else f"次のどれかを書いてください: {', '.join(expected)}"
        return doc.error(loc, f"{_shown(given)} は使えません", hint)
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return doc.error(loc, f"ここには「キー: 値」の組(マッピング)を書きます。{_shape(given)}が書かれています", "字下げして「キー: 値」を並べてください")
    if kind == "list_type":
        return doc.error(loc, f"ここにはリストを書きます。{_shape(given)}が書かれています", "項目ごとに「- 」で始まる行にしてください")
    if kind == "too_short":
        return doc.error(loc, "空のリストです", f"少なくとも {ctx.get('min_length', 1)} つ書いてください")
    return doc.error(loc, f"{_shown(given)} は使えません({err['msg']})", "書き方を CONTRIBUTING.md で確かめてください")


def _shown(value: object) -> str:
    if isinstance(value, (dict, list)):
        return _shape(value)
    return repr(str(value))


def _shape(value: object) -> str:
    if isinstance(value, dict):
        return "マッピング"
    if isinstance(value, list):
        return "リスト"
    return f"値 {str(value)!r} "


def _model_at(loc: Path_, root: type[BaseModel] = Carrier) -> type[BaseModel] | None:
    model: type[BaseModel] | None = root
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        field = next((f for name, f in model.model_fields.items() if (f.alias or name) == part), None)
        model = _inner_model(field.annotation) if field else None
    return model


def _inner_model(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found:
            return found
    return None


def _fields_at(loc: Path_, root: type[BaseModel] = Carrier) -> list[str]:
    model = _model_at(loc, root)
    return [f.alias or name for name, f in model.model_fields.items()] if model else []


def _description(loc: Path_, root: type[BaseModel] = Carrier) -> str:
    model = _model_at(loc[:-1], root)
    if model is None:
        return ""
    field = next((f for name, f in model.model_fields.items() if (f.alias or name) == loc[-1]), None)
    return (field.description or "") if field else ""


# --- rules of one file ---------------------------------------------------------------------

def _empty_values(data: object, path: Path_, doc: Document) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            if value is None:
                doc.errors.append(doc.error(path + (key,), f"{key} の値が空です", "値を書くか、書くことがなければ行ごと消してください", at_key=True))
            else:
                _empty_values(value, path + (key,), doc)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            if value is None:
                doc.errors.append(doc.error(path + (i,), "リストの項目が空です", "「- 」のあとに値を書くか、その行を消してください"))
            else:
                _empty_values(value, path + (i,), doc)


def _file_rules(doc: Document, is_carrier: bool = True) -> None:
    data = doc.data
    if not isinstance(data, dict):
        return
    stem = PurePosixPath(doc.file).stem
    _unique_ids(doc, "rules")
    if is_carrier and isinstance(data.get("id"), str) and data["id"] != stem:
        doc.errors.append(doc.error(("id",), f"id {data['id']!r} がファイル名 {stem}.yaml と違います", f"id: {stem} にするか、ファイル名を {data['id']}.yaml にしてください"))
    _unique_ids(doc, "sources")
    _unique_ids(doc, "ways")
    _unique_ids(doc, "fees")
    _unique_ids(doc, "contacts")
    source_ids = _ids(data.get("sources"))
    refs = doc.refs = _all_refs(data)
    used: set[str] = set()
    for path, ref in refs.get("sources", []):
        used.add(ref)
        if ref not in source_ids:
            close = difflib.get_close_matches(ref, sorted(source_ids), n=1, cutoff=0.5)
            doc.errors.append(doc.error(path, f"出典 {ref} は sources にありません", f"もしかして {close[0]}?" if close else "ファイル末尾の sources に出典を足してください"))
    for i, source in enumerate(data.get("sources") or []):
        if isinstance(source, dict) and isinstance(source.get("id"), str) and source["id"] not in used:
            doc.errors.append(doc.error(("sources", i, "id"), f"出典 {source['id']} はどの項目からも使われていません", "使う項目の sources に足すか、この出典を消してください"))
    way_ids, contact_ids = _ids(data.get("ways")), _ids(data.get("contacts"))
    for name, pool in (("ways", way_ids), ("way", way_ids), ("contact", contact_ids)):
        for path, ref in refs.get(name, []):
            if ref not in pool:
                close = difflib.get_close_matches(ref, sorted(pool), n=1, cutoff=0.5)
                hint = f"もしかして {close[0]}?" if close else f"書ける id: {', '.join(sorted(pool)) or '(まだありません)'}"
                doc.errors.append(doc.error(path, f"{ref} という id は見つかりません", hint))


def _ids(items: object) -> set[str]:
    if not isinstance(items, list):
        return set()
    return {item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)}


def _unique_ids(doc: Document, list_name: str) -> None:
    seen: dict[str, int] = {}
    items = doc.data.get(list_name) if isinstance(doc.data, dict) else None
    for i, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            if item["id"] in seen:
                first_line = doc.locate((list_name, seen[item["id"]], "id"))[0]
                doc.errors.append(doc.error((list_name, i, "id"), f"{list_name} の id {item['id']} が {first_line} 行目と重なっています", "別の id にしてください"))
            else:
                seen[item["id"]] = i


REF_KEYS = frozenset({"sources", "ways", "way", "contact", "to", "from"})


def _all_refs(data: object) -> dict[str, list[tuple[Path_, str]]]:
    """One walk of a file's data collecting every reference-like key below the top level."""
    found: dict[str, list[tuple[Path_, str]]] = {}
    stack: list[tuple[object, Path_]] = [(data, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            for k, value in node.items():
                if k in REF_KEYS and path:
                    if isinstance(value, str):
                        found.setdefault(k, []).append((path + (k,), value))
                    elif isinstance(value, list):
                        found.setdefault(k, []).extend((path + (k, i), v) for i, v in enumerate(value) if isinstance(v, str))
                    continue
                stack.append((value, path + (k,)))
        elif isinstance(node, list):
            stack.extend((value, path + (i,)) for i, value in enumerate(node))
    for refs in found.values():
        refs.sort(key=lambda r: [str(p) if isinstance(p, str) else f"{p:08d}" for p in r[0]])
    return found


def _carrier_refs(doc: Document) -> Iterator[tuple[Path_, str]]:
    """Every place a file names another carrier: switch_to, applies.to, exceptions.to, from."""
    data = doc.data
    if not isinstance(data, dict):
        return
    for i, ref in enumerate(data.get("switch_to") or []):
        if isinstance(ref, str):
            yield ("switch_to", i), ref
    identity = data.get("identity")
    if isinstance(identity, dict) and isinstance(identity.get("brand_of"), str):
        yield ("identity", "brand_of"), identity["brand_of"]
    refs = doc.refs if doc.refs is not None else _all_refs(data)
    for key in ("to", "from"):
        yield from ((path, ref) for path, ref in refs.get(key, []) if "contracted" not in path and "in_force" not in path)


def _guide_sections(carrier: Carrier, doc: Document) -> None:
    if carrier.role != "guide":
        return
    for name, label in REQUIRED_FOR_GUIDE.items():
        value = getattr(carrier, name)
        if value is None or value == []:
            state = "空です" if isinstance(doc.data, dict) and name in doc.data else "ありません"
            doc.errors.append(doc.error((name,) if state == "空です" else (), f"完全ガイド(role: guide)なのに{label}が{state}", f"{name}: を書き足すか、比較用なら role: profile にしてください", at_key=True))
    for i, way in enumerate(carrier.ways):
        if way.kind in ("number_migration", "plan_change") and not way.applies.to:
            doc.errors.append(doc.error(("ways", i, "applies"), f"{'番号移行' if way.kind == 'number_migration' else 'プラン変更'}なのに移れる先(applies.to)がありません", "applies: の下に to: [uq-mobile] のように書いてください"))

