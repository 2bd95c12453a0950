"""Numbered references on one page: each source gets a number that leads to the page's list of sources,
and each cited fact says how current (the newest page date among its sources) and how official it is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..facts.model import CONFIRMING_KINDS, NOT_EVIDENCE_KINDS, Carrier, RuleBook, Source
from ..facts.scalars import LooseDate

KIND_ORDER = {"official": 0, "regulator": 1, "press": 2, "guide": 3, "community": 4, "not_evidence": 5}


@dataclass(frozen=True)
class Support:
    """What a reader sees beside a fact: reference numbers, as-of date, age and whether it is confirmed."""

    numbers: tuple[int, ...]
    newest: LooseDate | None  # None: every source is undated
    stale: bool
    confirmed: bool  # some source is official, the regulator or press

    @property
    def warn(self) -> bool:
        """Worth a warning where money or a deadline depends on the fact: no official, regulator or press page
        backs it, or its newest source is old."""
        return self.stale or not self.confirmed


@dataclass
class Citations:
    """The sources cited on one page, numbered: the page's own carrier's sources first (official first),
    then any other source (site-wide rules, other carriers) in the order the page cites them."""

    today: dt.date
    stale_after_days: int
    numbers: dict[tuple[str, str], int] = field(default_factory=dict)
    listed: list[tuple[int, Source]] = field(default_factory=list)
    #: why facts of the section being written were marked ※ ("unconfirmed", "stale"), until its note says so
    marked: set[str] = field(default_factory=set)

    @classmethod
    def for_page(cls, carrier: Carrier | None, today: dt.date, stale_after_days: int) -> Citations:
        refs = cls(today, stale_after_days)
        if carrier is not None:
            for source in sorted(carrier.sources, key=lambda s: KIND_ORDER[s.kind]):
                refs.number(carrier, source)
        return refs

    def number(self, book: Carrier | RuleBook, source: Source) -> int:
        key = (book.id if isinstance(book, Carrier) else "", source.id)  # a carrier's view as of a day cites as the carrier
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
            self.listed.append((self.numbers[key], source))
        return self.numbers[key]

    def mark(self, support: Support) -> bool:
        """Remember why a fact money or a deadline depends on is marked ※; False when it needs no mark."""
        if not support.confirmed:
            self.marked.add("unconfirmed")
        if support.stale:
            self.marked.add("stale")
        return support.warn

    def take_marks(self) -> list[str]:
        """The reasons for the marks written since the last note, in a fixed order (and forget them)."""
        found = [reason for reason in ("unconfirmed", "stale") if reason in self.marked]
        self.marked.clear()
        return found

    def support(self, book: Carrier | RuleBook, ids: list[str]) -> Support:
        sources = [book.source(sid) for sid in ids]
        dated = [s.page_date for s in sources if s.page_date is not None and s.kind not in NOT_EVIDENCE_KINDS]  # such a page dates nothing
        newest = max(dated, key=lambda d: d.latest) if dated else None
        stale = newest is not None and (self.today - newest.latest).days > self.stale_after_days
        return Support(tuple(sorted(self.number(book, s) for s in sources)), newest, stale, any(s.kind in CONFIRMING_KINDS for s in sources))
