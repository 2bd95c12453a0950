"""How much a fact's sources weigh, and the resolution rule of CONTRIBUTING.md that ``check`` applies:

- a page of the ``not_evidence`` kind (machine-written article farms) never counts: a fact, a claim of a
  dispute or an exception that only such pages back is refused;
- a newer official, regulator or press page outranks older pages that are no stronger, so a dispute one of
  whose claims rests only on such older or weaker pages is refused, with the hint to move that claim into
  the history (a dated change) or drop it. A dispute stays only while current sources of comparable
  standing disagree (guides against guides, or a newer guide against an older official page).

A page's date is the date it states; an official or regulator page that states none is taken as
it was on the day it was checked (it is their live word), any other undated page (press included) as
older than every dated one.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from .model import CONFIRMING_KINDS, NOT_EVIDENCE_KINDS, SOURCE_KIND_LABELS, NotEvidenceHost, Source
from .places import below
from .yamlsource import Document, Path_

#: kinds whose undated page speaks for the day it was checked (the carrier's or the regulator's live word;
#: a press article was written on a day, undated it is as old as any undated page)
LIVE_KINDS = frozenset({"official", "regulator"})
#: how strong each kind of evidence is (not_evidence is none)
#: the keys whose values hold no further source lists or disputes
SOURCES, DISPUTES = frozenset({"sources"}), frozenset({"disputes"})
STANDING = {"official": 2, "regulator": 2, "press": 2, "guide": 1, "community": 0}


def _dates(source: Source) -> tuple[dt.date, dt.date] | None:
    """The earliest and latest day a source speaks for (None: an undated page that is not official)."""
    if source.page_date is not None:
        return source.page_date.earliest, source.page_date.latest
    if source.kind in LIVE_KINDS:
        return source.checked, source.checked
    return None


def outranking(claim: list[Source], other: list[Source]) -> Source | None:
    """A source of ``other`` that outranks every source of ``claim``: official, regulator or press (or
    stronger than all of them), and dated after each of them; None when ``claim`` holds its own."""
    evidence = [s for s in claim if s.kind not in NOT_EVIDENCE_KINDS]
    best = max((STANDING[s.kind] for s in evidence), default=-1)
    for candidate in sorted(other, key=lambda s: (-STANDING.get(s.kind, -1), -(_dates(s) or (dt.date.min,) * 2)[0].toordinal())):
        strength, span = STANDING.get(candidate.kind, -1), _dates(candidate)
        if span is None or strength < best or (strength == best and candidate.kind not in CONFIRMING_KINDS):
            continue
        if all((d := _dates(s)) is None or d[1] < span[0] for s in evidence):
            return candidate
    return None


def check_hosts(doc: Document, sources: list[Source], hosts: list[NotEvidenceHost]) -> None:
    """Append to ``doc.errors`` each source on a site of ``hosts`` (rules.yaml's not_evidence_hosts) whose
    kind is not not_evidence."""
    for i, source in enumerate(sources):
        name = (urlsplit(source.url).hostname or "").lower()
        site = next((h for h in hosts if name == h.host or name.endswith("." + h.host)), None)
        if site is not None and source.kind not in NOT_EVIDENCE_KINDS:
            doc.errors.append(doc.error(("sources", i, "kind"), f"{name} は rules.yaml で根拠にしないサイトです({site.why})",
                                        "kind: not_evidence にしてください(この出典だけが支える事実は消すか、根拠になる出典を足します)"))


def _source_lists(doc: Document) -> list[tuple[Path_, list]]:
    """Every ``sources:`` list of ids below the top level of a file, with the path of its owner."""
    return [(path[:-1], value) for path, value in doc.places().keyed.get("sources", ())
            if len(path) > 1 and isinstance(value, list) and not below(path, SOURCES)]


def _describe(source: Source) -> str:
    return f"{source.id}({SOURCE_KIND_LABELS[source.kind]}、{source.page_date or '日付なし'})"


def check_standing(doc: Document, sources: list[Source]) -> None:
    """Append to ``doc.errors`` each fact only non-evidence backs, and each dispute's claim that another
    claim's source outranks (the resolution rule)."""
    by_id = {s.id: s for s in sources}
    for path, ids in _source_lists(doc):
        cited = [by_id[i] for i in ids if isinstance(i, str) and i in by_id]
        if cited and len(cited) == len(ids) and all(s.kind in NOT_EVIDENCE_KINDS for s in cited):
            doc.errors.append(doc.error(path + ("sources",), f"出典がすべて根拠にしないページ(not_evidence)です: {', '.join(ids)}",
                                        "公式ページなど根拠になる出典を足すか、この事実を消してください(分からない事実は書かずにおくと、ページに「出典なし」と出ます)"))
    for path, dispute in _disputes(doc):
        claims = dispute.get("claims") if isinstance(dispute, dict) else None
        if not isinstance(claims, list):
            continue
        cited = [[by_id[i] for i in (c.get("sources") or []) if isinstance(i, str) and i in by_id] if isinstance(c, dict) else [] for c in claims]
        for k, claim in enumerate(cited):
            if not claim or all(s.kind in NOT_EVIDENCE_KINDS for s in claim):
                continue  # reported above
            for j, other in enumerate(cited):
                winner = outranking(claim, other) if j != k else None
                if winner is not None:
                    doc.errors.append(doc.error(path + ("claims", k), f"この主張の出典({', '.join(_describe(s) for s in claim)})は、{j + 1} つ目の主張の出典 {_describe(winner)} より古いか弱いものだけです",
                                                "日付のある変更なら、古い側を以前のルールに移してください(節なら history に、項目なら in_force: {until: …} を書いた別の項目に)。"
                                                "今は違うだけなら、この主張を消し、主張が 1 つになったら disputes ごと消してください"))
                    break


def _disputes(doc: Document) -> list[tuple[Path_, object]]:
    """Every item of every ``disputes:`` list, with its path."""
    return [((*path, i), item) for path, value in doc.places().keyed.get("disputes", ()) if isinstance(value, list) and not below(path, DISPUTES)
            for i, item in enumerate(value)]
