"""Checking facts: the typed model for one file, then the rules that span a file or all files.

Every problem becomes a ``FactError`` placed at the line and column of what the editor wrote.
Nothing here raises on bad input: problems are collected and returned, all of them in one run.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import typing
import unicodedata
from collections.abc import Collection, Iterator
from typing import NamedTuple
from pathlib import PurePosixPath

from pydantic import BaseModel, ValidationError

from .errors import FactError, format_path
from .places import below
from .invariants import check_invariants
from .model import REQUIRED_FOR_GUIDE, Carrier, RuleBook
from .standing import check_hosts, check_standing
from .scalars import ID_RE, id_problem, parse_date, parse_name, parse_page_date, parse_text, suggest_id
from .yamlsource import Document, Path_


#: errors reported of one file at most; the rest are counted in one last error
MAX_ERRORS_PER_FILE = 100


def check_document(doc: Document, today: dt.date | None = None, model: type[Carrier | RuleBook] = Carrier,
                   rules: RuleBook | None = None) -> Carrier | RuleBook | None:
    """The carrier (or, with ``model=RuleBook``, the site-wide rules) a read file describes, or None;
    problems are appended to ``doc.errors`` (at most :data:`MAX_ERRORS_PER_FILE`, and a count of the
    rest). ``today`` is the date of the commit being built: no fact can have been checked after it. A
    carrier's facts in force are held to the invariants of ``rules`` (the site-wide rules, when they were
    read without errors)."""
    try:
        return _check_document(doc, today, model, rules)
    finally:
        bound_errors(doc)


def bound_errors(doc: Document) -> None:
    """The first :data:`MAX_ERRORS_PER_FILE` errors of a file by place, and one more saying how many were left out."""
    if len(doc.errors) > MAX_ERRORS_PER_FILE:
        kept = sorted(doc.errors)[:MAX_ERRORS_PER_FILE]
        last = kept[-1]
        kept.append(FactError(doc.file, last.line, last.column, "", f"ほかに {len(doc.errors) - MAX_ERRORS_PER_FILE} 件のエラーがあります(最初の {MAX_ERRORS_PER_FILE} 件だけを示しました)",
                              "示したエラーを直してから、もう一度検査してください"))
        doc.errors[:] = kept


def _check_document(doc: Document, today: dt.date | None, model: type[Carrier | RuleBook], rules: RuleBook | None) -> Carrier | RuleBook | None:
    if doc.data is None:
        return None
    _empty_values(doc)
    try:
        # only the names the schema documents: a field's Python name (``from_``) is not one of them,
        # even where a model allows population by name
        facts = model.model_validate(doc.data, by_name=False)
    except ValidationError as exc:
        escaped = {e.path for e in doc.errors if "(エスケープ" in e.message}  # said once, where the escape is
        for err in exc.errors(include_url=False):
            problem = _from_pydantic(err, doc, model)
            if problem is not None and problem.path not in escaped and not _under(tuple(err["loc"]), doc.refused):
                doc.errors.append(problem)
        facts = None
    _file_rules(doc, is_carrier=model is Carrier)
    if model is Carrier:
        _guide_sections(doc)
    _comments_in_text(doc, model)
    _dates(doc, today)
    if facts is not None:
        check_standing(doc, facts.sources)
        book = facts if isinstance(facts, RuleBook) else rules
        if book is not None:
            check_hosts(doc, facts.sources, book.not_evidence_hosts)
        if rules is not None and isinstance(facts, Carrier):
            check_invariants(facts, rules, doc, today or dt.date.today())
    return facts if not doc.errors else None


def _dates(doc: Document, today: dt.date | None) -> None:
    """Dates that cannot be true: a page dated after the day it was checked, a check after the commit.
    Read from each source as written, so that they come in the same run as the file's other errors."""
    sources = doc.data.get("sources") if isinstance(doc.data, dict) else None
    for i, source in enumerate(sources if isinstance(sources, list) else []):
        if not isinstance(source, dict):
            continue
        try:
            checked = parse_date(source.get("checked"))
        except ValueError:
            continue  # said where it is written
        try:
            page_date = parse_page_date(source.get("page_date"))
        except ValueError:
            page_date = None
        if page_date is not None and page_date.earliest > checked:
            doc.errors.append(doc.error(("sources", i, "page_date"), f"ページの日付 {page_date} が確認日 {checked} より後です",
                                        "page_date はページに書かれた日付、checked はそのページで事実を確かめた日です。どちらかを直してください"))
        if today is not None and checked > today:
            doc.errors.append(doc.error(("sources", i, "checked"), f"確認日 {checked} がまだ来ていません(このコミットは {today})",
                                        "実際にページを見て確かめた日を書いてください"))


class CarrierReference(NamedTuple):
    """A place in a file that names a carrier: its path, line and column, and the id it names."""

    path: Path_
    target: str
    line: int
    column: int


def carrier_references(doc: Document) -> list[CarrierReference]:
    """Every place ``doc`` names a carrier, located, for :func:`check_across` (ids the id rule refuses
    are left out: they are reported where they are written)."""
    return [CarrierReference(path, ref, *doc.locate(path)) for path, ref in _carrier_refs(doc) if ID_RE.fullmatch(ref)]


def previous_ids(doc: Document) -> list[CarrierReference]:
    """The ids a carrier had before (``previous_ids``), located, for :func:`check_names`."""
    items = doc.data.get("previous_ids") if isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        return []
    return [CarrierReference(("previous_ids", i), v, *doc.locate(("previous_ids", i))) for i, v in enumerate(items) if isinstance(v, str) and ID_RE.fullmatch(v)]


def carrier_names(doc: Document) -> list[str]:
    """The names a file gives its carrier (``name`` and ``identity.aliases``), for suggesting an id from them."""
    data = doc.data if isinstance(doc.data, dict) else {}
    identity = data.get("identity") if isinstance(data.get("identity"), dict) else {}
    aliases = identity.get("aliases") if isinstance(identity.get("aliases"), list) else []
    return [n for n in (data.get("name"), *aliases) if isinstance(n, str)]


def _folded(text: str) -> str:
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).lower())


def suggest_carrier(written: str, known: Collection[str], names: dict[str, list[str]]) -> str | None:
    """The carrier an unknown id most likely means: one whose name or alias holds it as written
    (``rakuten`` → rakuten-mobile, from 「Rakuten Mobile」), else the closest id or name."""
    wanted = _folded(written)
    if wanted:
        by_name = sorted(cid for cid in known if any(wanted == _folded(n) or len(wanted) >= 3 and wanted in _folded(n) for n in names.get(cid, [])))
        if by_name:
            return by_name[0]
    choices = {cid: cid for cid in known} | {_folded(n): cid for cid in sorted(known) for n in names.get(cid, []) if _folded(n)}
    close = difflib.get_close_matches(wanted or written, list(choices), n=1, cutoff=0.6)
    if close:
        return choices[close[0]]
    close = difflib.get_close_matches(written, sorted(known), n=1, cutoff=0.5)
    return close[0] if close else None


def brand_cycles(references: dict[str, tuple[str, list[CarrierReference]]]) -> list[FactError]:
    """``identity.brand_of`` may not go round: a brand of a brand of … itself (a → b → a) has no operator."""
    owner = {cid: ref for cid, (_file, refs) in references.items() for ref in refs if ref.path == ("identity", "brand_of")}
    errors: list[FactError] = []
    for start in sorted(owner):
        chain, at = [start], owner[start].target
        while at in owner and at not in chain:
            chain.append(at)
            at = owner[at].target
        if at == start and len(chain) > 1:
            ref = owner[start]
            errors.append(FactError(references[start][0], ref.line, ref.column, format_path(ref.path),
                                    f"brand_of が循環しています({' → '.join([*chain, start])})", "ブランドの元の事業者(自分自身はどこかのブランドでないもの)を書き、循環の 1 つを消してください"))
    return errors


def check_across(references: dict[str, tuple[str, list[CarrierReference]]], known: set[str], renamed: dict[str, str] | None = None,
                 names: dict[str, list[str]] | None = None) -> list[FactError]:
    """Rules between files: every carrier id a file names exists, no carrier names itself (as a brand,
    a switching target, an exception's destination or a first month's origin), and brand_of does not go
    round. ``names`` (each carrier's name and aliases) make the suggestion for an unknown id.

    ``references`` maps each file's id (its name) to the file and the places it names carriers, for
    every file read, also those with errors of their own, so that all errors come in one run.
    ``known`` holds the ids of every file read, so that one broken file does not make every file that
    names it fail too. ``renamed`` maps previous ids to the ids that replaced them.
    """
    errors: list[FactError] = []
    renamed = renamed or {}
    for carrier_id, (file, refs) in references.items():
        for ref in refs:
            place = (file, ref.line, ref.column, format_path(ref.path))
            if ref.target == carrier_id:
                what = "ブランドの元の事業者" if ref.path[0] == "identity" else "乗り換え元" if ref.path[-2:-1] == ("from",) or ref.path[-1] == "from" else "乗り換え先"
                errors.append(FactError(*place, f"{ref.target} は自分自身です({what}に自分は書けません)", f"{what}には他のキャリアの id を書いてください"))
            elif ref.target not in known:
                close = suggest_carrier(ref.target, known, names or {})
                if ref.target in renamed:
                    hint = f"{ref.target} は {renamed[ref.target]} の前の id です。{renamed[ref.target]} と書いてください"
                else:
                    hint = f"もしかして {close}?" if close else f"carriers/ にあるファイルの id を書いてください({', '.join(sorted(known))})"
                errors.append(FactError(*place, f"キャリア {ref.target} は carriers/ にありません", hint))
    return errors + brand_cycles(references)


def check_names(files: dict[str, tuple[str, tuple[int, int], list[CarrierReference]]], reserved: Collection[str], gone: set[str], folder: str) -> list[FactError]:
    """Rules on the site's names. A carrier's id is a top-level folder of the site (/<id>/), so:
    it is none of the names the site uses for other pages (``reserved``); an id once published and
    now without a file (``gone``: a renamed or deleted file) is named in the ``previous_ids`` of the
    carrier that replaces it, whose page its old address then forwards to; a previous id is not an id
    in use, a reserved name, or claimed by two carriers.

    ``files`` maps each file's id (its name) to the file, the place of its ``id`` and its previous ids.
    """
    errors: list[FactError] = []
    taken = ", ".join(sorted(n for n in reserved if ID_RE.fullmatch(n)))
    claimed: dict[str, str] = {}
    for stem, (file, (line, column), previous) in files.items():
        if stem in reserved:
            errors.append(FactError(file, line, column, "id", f"id {stem} はサイトのページ /{stem}/ と同じ名前です(キャリアのページがそのページと入れ替わります)",
                                    f"別の id にして、ファイル名も同じ名前に変えてください(使えない id: {taken})"))
        for ref in previous:
            place = (file, ref.line, ref.column, format_path(ref.path))
            if ref.target == stem:
                errors.append(FactError(*place, f"{ref.target} はこのファイル自身の id です", "previous_ids には、前に使っていた id だけを書いてください"))
            elif ref.target in files:
                errors.append(FactError(*place, f"{ref.target} は {folder}/{ref.target}.yaml が今使っている id です",
                                        f"前の id でなければ previous_ids から消してください。{ref.target} のページを転送に変えるなら {folder}/{ref.target}.yaml を消してください"))
            elif ref.target in reserved:
                errors.append(FactError(*place, f"{ref.target} はサイトのページ /{ref.target}/ の名前です", "previous_ids から消してください"))
            elif ref.target in claimed:
                errors.append(FactError(*place, f"{ref.target} は {claimed[ref.target]} の previous_ids にも書かれています",
                                        "古い URL の転送先は 1 つだけです。どちらかから消してください"))
            else:
                claimed[ref.target] = file
    for old in sorted(gone - claimed.keys()):
        errors.append(FactError(f"{folder}/{old}.yaml", 1, 1, "", f"{folder}/{old}.yaml がありません。id {old} のページ /{old}/ と api/carriers/{old}.json は公開済みです(git の履歴にあります)",
                                f"id を変えたなら、新しいファイルに previous_ids: [{old}] と書いてください(/{old}/ は新しいページへ転送されます)。まちがって消したなら、ファイルを戻してください"))
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
        least = ctx.get("min_length", 1)
        if isinstance(given, list) and given:
            return doc.error(loc, f"{loc[-1]} が {len(given)} つしかありません({least} つ以上書く項目です)", _too_few_hint(loc, least))
        return doc.error(loc, "空のリストです", f"少なくとも {least} つ書いてください")
    return doc.error(loc, f"{_shown(given)} は使えません({err['msg']})", "書き方を CONTRIBUTING.md で確かめてください")


def _too_few_hint(loc: Path_, least: int) -> str:
    if loc[-1] == "claims":
        return "食い違う出典の主張を、出典ごとに 1 つずつ書いてください。食い違いがないなら disputes ごと消してください"
    return f"少なくとも {least} つ書いてください"


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

def _under(path: Path_, refused: set[Path_]) -> bool:
    return any(path[:len(r)] == r for r in refused) if refused else False


def _empty_values(doc: Document) -> None:
    for path in doc.places().empty:
        if path in doc.refused:
            continue
        key = path[-1]
        if isinstance(key, str):
            doc.errors.append(doc.error(path, f"{key} の値が空です", "値を書くか、書くことがなければ行ごと消してください", at_key=True))
        else:
            doc.errors.append(doc.error(path, "リストの項目が空です", "「- 」のあとに値を書くか、その行を消してください"))


def _file_rules(doc: Document, is_carrier: bool = True) -> None:
    data = doc.data
    if not isinstance(data, dict):
        return
    stem = PurePosixPath(doc.file).stem
    _unique_ids(doc, "rules")
    _unique_ids(doc, "checklist")
    named = id_problem(stem) if is_carrier else None
    if named is not None:  # the hint names an id the id rule accepts, never the file name as it is
        doc.errors.append(doc.error(("id",), f"ファイル名 {stem}.yaml は id に使えない名前です(id はファイル名と同じにします)",
                                    f"ファイル名(.yaml の前)と id は同じにします。{named[1]}"))
    elif is_carrier and isinstance(data.get("id"), str) and data["id"] != stem:
        hint = f"id: {stem} にするか、ファイル名を {data['id']}.yaml にしてください" if ID_RE.fullmatch(data["id"]) else f"id: {stem} にしてください"
        doc.errors.append(doc.error(("id",), f"id {data['id']!r} がファイル名 {stem}.yaml と違います", hint))
    _unique_ids(doc, "sources")
    _unique_ids(doc, "ways")
    _unique_ids(doc, "fees")
    _unique_ids(doc, "contacts")
    source_ids = _ids(data.get("sources"))
    # a source whose own id is refused (S51) is reported once, at its id: the places naming it, as
    # written or as it should be written (s51), are not reported again
    misnamed = {suggest_id(sid) or sid: sid for sid in source_ids if not ID_RE.fullmatch(sid)}
    valid_ids = sorted(sid for sid in source_ids if ID_RE.fullmatch(sid))
    refs = doc.refs = _all_refs(doc)
    used: set[str] = set()
    for path, ref in refs.get("sources", []):
        used.add(ref)
        used.add(misnamed.get(ref, ref))
        if ref in source_ids or ref in misnamed or not ID_RE.fullmatch(ref):
            continue  # found, or the source's id or this reference is refused by the id rule already
        close = difflib.get_close_matches(ref, valid_ids, n=1, cutoff=0.5)
        doc.errors.append(doc.error(path, f"出典 {ref} は sources にありません", f"もしかして {close[0]}?" if close else "ファイル末尾の sources に出典を足してください"))
    for i, source in enumerate(data.get("sources") or []):
        if isinstance(source, dict) and isinstance(source.get("id"), str) and source["id"] not in used and ID_RE.fullmatch(source["id"]):
            doc.errors.append(doc.error(("sources", i, "id"), f"出典 {source['id']} はどの項目からも使われていません", "使う項目の sources に足すか、この出典を消してください"))
    way_ids, contact_ids = _ids(data.get("ways")), _ids(data.get("contacts"))
    for name, pool in (("ways", way_ids), ("way", way_ids), ("contact", contact_ids)):
        for path, ref in refs.get(name, []):
            if ref not in pool and ID_RE.fullmatch(ref):
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


def _all_refs(doc: Document) -> dict[str, list[tuple[Path_, str]]]:
    """Every reference-like key below the top level (not those inside another's value), each id with its path."""
    found: dict[str, list[tuple[Path_, str]]] = {}
    for key in REF_KEYS:
        refs: list[tuple[Path_, str]] = []
        for path, value in doc.places().keyed.get(key, ()):
            if len(path) < 2 or below(path, REF_KEYS, 1):
                continue
            if isinstance(value, str):
                refs.append((path, value))
            elif isinstance(value, list):
                refs.extend(((*path, i), v) for i, v in enumerate(value) if isinstance(v, str))
        if refs:
            refs.sort(key=lambda r: [str(p) if isinstance(p, str) else f"{p:08d}" for p in r[0]])
            found[key] = refs
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
    refs = doc.refs if doc.refs is not None else _all_refs(doc)
    for key in ("to", "from"):
        yield from ((path, ref) for path, ref in refs.get(key, []) if "contracted" not in path and "in_force" not in path)


#: sections only a full guide shows: a profile's page (macros/profile.html.j2) and the comparisons never do
GUIDE_ONLY = {
    "ways": "契約を終える方法(ways)", "fees": "料金(fees)", "minimum_term": "最低利用期間(minimum_term)", "sim_return": "SIM の返却(sim_return)",
    "before_cancel": "解約の前に確かめること(before_cancel)", "after_cancel": "解約後のこと(after_cancel)", "contacts": "問い合わせ窓口(contacts)",
    "faq": "よくある質問(faq)", "switch_to": "乗り換え先(switch_to)",
}


def _profile_sections(doc: Document) -> None:
    """A profile (``role: profile``) that holds a section only a guide shows: refused, so that turning a
    guide into a profile never drops its ways, fees or FAQ from the site without a word."""
    data = doc.data
    for name, label in GUIDE_ONLY.items():
        if data.get(name) not in (None, []):
            doc.errors.append(doc.error((name,), f"比較用(role: profile)のページには{label}が出ません(書いても公開されません)",
                                        f"解約ガイドにするなら role: guide に、比較用のままなら {name} を消してください", at_key=True))


def _guide_sections(doc: Document) -> None:
    """What a full guide must have, read from the file as written, so that it is reported in the same
    run as every other error of the file (not only once the rest is right)."""
    data = doc.data
    if isinstance(data, dict) and data.get("role") == "profile":
        _profile_sections(doc)
    if not isinstance(data, dict) or data.get("role") != "guide":
        return
    reported = {e.path for e in doc.errors}
    for name, label in REQUIRED_FOR_GUIDE.items():
        value = data.get(name)
        if name in reported or (value is not None and value != []):
            continue
        state = "空です" if name in data else "ありません"
        doc.errors.append(doc.error((name,) if state == "空です" else (), f"完全ガイド(role: guide)なのに{label}が{state}", f"{name}: を書き足すか、比較用なら role: profile にしてください", at_key=True))
    for i, way in enumerate(data.get("ways") if isinstance(data.get("ways"), list) else []):
        if not isinstance(way, dict) or way.get("kind") not in ("number_migration", "plan_change"):
            continue
        applies = way.get("applies")
        if not (isinstance(applies, dict) and applies.get("to")):
            what = "番号移行" if way.get("kind") == "number_migration" else "プラン変更"
            doc.errors.append(doc.error(("ways", i, "applies"), f"{what}なのに移れる先(applies.to)がありません", "applies: の下に to: [uq-mobile] のように書いてください"))


# --- text YAML did not keep ------------------------------------------------------------------

def _comments_in_text(doc: Document, root: type[BaseModel] = Carrier) -> None:
    """A " #" in an unquoted sentence starts a YAML comment: the rest of the sentence is silently
    dropped. In a text field that is never what the editor meant to lose, so it is refused."""
    for path, (line, column, cut) in sorted(doc.comments.items(), key=lambda item: item[1]):
        if _is_text_field(path, root):
            doc.errors.append(FactError(doc.file, line, column, format_path(path), f"「 #」から後ろ({cut})はコメントとして読まれ、値に入りません",
                                        "# を含めて値にするなら、値全体を引用符 ' で囲んでください。メモなら別の行に「# …」と書いてください"))


def _is_text_field(path: Path_, root: type[BaseModel] = Carrier) -> bool:
    """Whether the value at ``path`` is free text (a ``Text`` field, or an item of a list of them)."""
    names = [p for p in path if isinstance(p, str)]
    if not names:
        return False
    model = _model_at(path[: max(i for i, p in enumerate(path) if isinstance(p, str))], root)
    field = next((f for name, f in model.model_fields.items() if (f.alias or name) == names[-1]), None) if model else None
    return field is not None and _holds_text(field.annotation, field.metadata)


def _holds_text(annotation: object, metadata: list | tuple = ()) -> bool:
    if any(getattr(m, "func", None) in (parse_text, parse_name) for m in metadata):
        return True
    return any(_holds_text(arg, getattr(arg, "__metadata__", ())) for arg in typing.get_args(annotation))
