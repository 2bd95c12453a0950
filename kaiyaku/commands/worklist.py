"""The editors' worklist, offline: per carrier, its sources by kind, how old the support of its fees,
deadlines and contacts is, and which of them no official, regulator or press page backs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..derive.in_force import as_of
from ..facts.catalog import Catalog
from pydantic import BaseModel

from ..facts.model import CONFIRMING_KINDS, NOT_EVIDENCE_KINDS, SOURCE_KIND_LABELS, Carrier, Sourced
from ..facts.scalars import LooseDate


@dataclass(frozen=True)
class Fact:
    """A fee, a deadline (a way with cut-offs) or a contact, with where it is and what backs it."""

    path: str
    label: str
    as_of: LooseDate | None  # the newest date its sources' pages state; None when all are undated
    confirmed: bool  # an official, regulator or press source backs it


@dataclass(frozen=True)
class Backing:
    """How many of a carrier's facts in force (every item with sources, sections included) rest only on
    guides and Q&A pages, only on undated pages, or cite a page that is not evidence."""

    facts: int = 0
    guides_only: int = 0
    undated_only: int = 0
    not_evidence: int = 0


@dataclass
class CarrierWork:
    carrier: str
    kinds: dict[str, int]
    facts: list[Fact] = field(default_factory=list)
    backing: Backing = field(default_factory=Backing)

    @property
    def oldest(self) -> Fact | None:
        """The fact whose newest source is oldest (undated ones are listed apart)."""
        dated = [f for f in self.facts if f.as_of is not None]
        return min(dated, key=lambda f: f.as_of.latest) if dated else None

    @property
    def undated(self) -> list[Fact]:
        return [f for f in self.facts if f.as_of is None]

    @property
    def unconfirmed(self) -> list[Fact]:
        return [f for f in self.facts if not f.confirmed]


def _fact(carrier: Carrier, path: str, label: str, item: Sourced) -> Fact:
    sources = [carrier.source(s) for s in item.sources]
    dated = [s.page_date for s in sources if s.page_date is not None]
    return Fact(path, label, max(dated, key=lambda d: d.latest) if dated else None, any(s.kind in CONFIRMING_KINDS for s in sources))


def _sourced(model: BaseModel) -> list[Sourced]:
    """Every item with sources in ``model`` (a carrier: its sections and their items, not the claims of disputes)."""
    found: list[Sourced] = [model] if isinstance(model, Sourced) else []
    for name in type(model).model_fields:
        if name in ("disputes", "history", "exception"):
            continue
        value = getattr(model, name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, BaseModel):
                found += _sourced(item)
    return found


def backing(carrier: Carrier) -> Backing:
    """The counts of :class:`Backing` for ``carrier`` (as it is on a day: see :func:`worklist`)."""
    counts = [0, 0, 0, 0]
    for item in _sourced(carrier):
        sources = [carrier.source(s) for s in item.sources]
        if not sources:
            continue
        evidence = [s for s in sources if s.kind not in NOT_EVIDENCE_KINDS]
        counts[0] += 1
        counts[1] += not any(s.kind in CONFIRMING_KINDS for s in evidence)
        counts[2] += all(s.page_date is None for s in evidence)
        counts[3] += len(evidence) < len(sources)
    return Backing(*counts)


def carrier_work(carrier: Carrier) -> CarrierWork:
    kinds = {kind: sum(s.kind == kind for s in carrier.sources) for kind in SOURCE_KIND_LABELS}
    work = CarrierWork(carrier.id, kinds, backing=backing(carrier))
    work.facts += [_fact(carrier, f"fees[{i}]", f.name, f) for i, f in enumerate(carrier.fees)]
    work.facts += [_fact(carrier, f"ways[{i}].cutoffs", f"{w.title}の締切", w) for i, w in enumerate(carrier.ways) if w.cutoffs]
    work.facts += [_fact(carrier, f"contacts[{i}]", c.name, c) for i, c in enumerate(carrier.contacts)]
    return work


def worklist(catalog: Catalog, today: dt.date) -> list[CarrierWork]:
    """The worklist of the facts in force on ``today`` (ended rules keep their old sources by nature)."""
    return [carrier_work(as_of(c, today)[0]) for c in catalog.carriers.values()]


def _cell(text: str) -> str:
    from .reporting import markdown_cell

    return markdown_cell(text)


def worklist_report(works: list[CarrierWork]) -> str:
    """Markdown for the pull request's summary: the table, then each carrier's facts no official page backs."""
    kinds = list(SOURCE_KIND_LABELS)
    lines = ["## 出典の種類と古さ(料金・締切・窓口)", "",
             "| キャリア | " + " | ".join(SOURCE_KIND_LABELS[k] for k in kinds) + " | いちばん古い時点 | 日付なし | 公式情報で未確認 |",
             "| --- | " + " | ".join("---" for _ in kinds) + " | --- | --- | --- |"]
    for w in works:
        oldest = f"{w.oldest.as_of}({_cell(w.oldest.label)})" if w.oldest else "—"
        lines.append(f"| {w.carrier} | " + " | ".join(str(w.kinds[k]) for k in kinds) + f" | {oldest} | {len(w.undated)} | {len(w.unconfirmed)} |")
    lines += ["", "## 事実の裏づけ(すべての節と項目、今日効いているもの)", "",
              "| キャリア | 事実 | 解説サイト・投稿だけ | 日付のない出典だけ | 根拠にしないページを引用 |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| {w.carrier} | {w.backing.facts} | {w.backing.guides_only} | {w.backing.undated_only} | {w.backing.not_evidence} |" for w in works]
    lines.append("")
    for w in works:
        if w.unconfirmed:
            lines += [f"### {w.carrier}: 解説サイト・投稿だけが出典の事実", ""]
            lines += [f"- `{f.path}` {_cell(f.label)}({f.as_of or '日付なし'})" for f in w.unconfirmed]
            lines.append("")
    return "\n".join(lines) + "\n"
