"""Rendering facts into the HTML of generated pages with the Jinja templates in ``macros/``.

Jinja escapes every value a template prints (autoescape), so nothing an editor writes can turn into
markup; filters that build markup themselves return ``Markup``. A page's HTML is finished by
:mod:`.article` (headings' permalinks) and handed to MkDocs without going through Markdown.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, quote_plus, urlencode, urlsplit

import jinja2
from markupsafe import Markup, escape

from ..facts import model
from ..facts.catalog import Catalog
from ..facts.model import Carrier, RuleBook
from .article import finish
from .citations import Citations
from ..derive.in_force import catalog_as_of
from ..derive.navigation import bereavements, by_kind
from ..derive.answer import answer_for
from ..derive.timing import timing_for
from ..derive.route import Routes
from ..derive.calculator import Day


def _finalize(value: object) -> object:
    return "" if value is None else value


def yen(amount: int) -> Markup:
    return Markup(f"{amount:,}円")


def jdate(value: object) -> Markup:
    """A date in Japanese; a page date given only to the month (``LooseDate`` with day 0) as 年月."""
    day = getattr(value, "day", 0)
    return Markup(f"{value.year}年{value.month}月" + (f"{day}日" if day else ""))


def jmonth(value: object) -> Markup:
    return Markup(f"{value.year}年{value.month}月")


@functools.lru_cache(maxsize=4096)
def site_name(url: str) -> str:
    """A short name for a source in running text: its host without ``www.`` (the full title is in
    the page's list of sources)."""
    host = urlsplit(url).hostname or url
    try:
        host = host.encode("ascii").decode("idna")  # xn--… hosts in their own script
    except UnicodeError:
        pass
    return host.removeprefix("www.")


@functools.lru_cache(maxsize=4096)
def url(value: str) -> Markup:
    """A source's URL for an ``href``: characters a URL may not hold percent-encoded, then escaped for HTML."""
    return Markup(escape(quote(value, safe=":/?#[]@!$&'()*+,;=%~-._")))


#: what ``quote_plus`` makes of each ASCII character and of each other space (U+3000 and the like: every
#: character ``str.isspace`` accepts is below U+3001); every other character stays as it is
_IRI_QUOTED = {i: quote_plus(chr(i)) for i in range(0x3001) if i < 128 or chr(i).isspace()}


def iri_quote(text: str, safe: str = "", encoding: str | None = None, errors: str | None = None) -> str:
    """``quote_plus`` for ASCII and spaces; other characters stay as they are, as a browser encodes them when
    the link is followed (an IRI). Japanese in a link costs 3 bytes a character instead of 9. (``urlencode``
    calls it with ``safe=""`` for every key and value.)"""
    return text.translate(_IRI_QUOTED)


SECTION_LABELS = {
    **{name: (field.description or name).split("(")[0] for name, field in model.Carrier.model_fields.items()},
    "role": "ページの種類",
    "created": "ファイルを作成",
    "ways": "契約を終える方法",
    "switch_to": "比べる乗り換え先",
    "previous_ids": "以前の id",
}


#: fields whose description starts with its values, not its name
FIELD_NAMES = {"rule": "決まり", "kind": "種類", "sources": "出典", "disputes": "出典の食い違い"}


def _label(description: str | None, name: str) -> str:
    """A field's description cut to its name: before any explanation in brackets, a colon or a sentence's end."""
    if name in FIELD_NAMES:
        return FIELD_NAMES[name]
    return re.sub(r"なら true$", "", re.split(r"[(:。]", description or name)[0].strip()) or name


def _fields_of(annotation: object) -> dict[str, str]:
    """The labels of a section's own fields when the section is one model (alone or optional); none for lists."""
    if typing.get_origin(annotation) is list:
        return {}
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, model.BaseModel):
            return {name: _label(field.description, name) for name, field in candidate.model_fields.items()}
    return {}


#: section → field → label, for the history's 「解約月・初月の請求(解約する月の請求)を更新」
FIELD_LABELS = {name: _fields_of(field.annotation) for name, field in model.Carrier.model_fields.items()}

LABELS = {
    "channel": model.CHANNEL_LABELS,
    "network": model.NETWORK_LABELS,
    "kind": model.KIND_LABELS,
    "month": model.MONTH_BILLING_LABELS,
    "way_kind": model.WAY_KIND_LABELS,
    "effect": model.TAKES_EFFECT_LABELS,
    "source_kind": model.SOURCE_KIND_LABELS,
    "tax": model.TAX_LABELS,
}


#: the issue form readers report a wrong fact with (in .github/ISSUE_TEMPLATE/)
REPORT_FORM = "fact.yml"

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*|0\d{1,4}-\d{1,6}(?:-\d{3,4})?|1\d{2}")


def slug(value: str) -> Markup:
    """An id or phone number, already validated, printed as is (inside anchors and links)."""
    if not SLUG.fullmatch(value):
        raise ValueError(f"not an id: {value!r}")
    return Markup(value)


def contains_or_empty(items: list[str], item: str) -> bool:
    """For fees: an empty list of ways means every way."""
    return not items or item in items


def label(value: str, table: str) -> str:
    return LABELS[table].get(value, value)


@dataclass(frozen=True)
class Page:
    """A generated page: where it goes in the site, its title and description, the carrier it shows, and
    what makes its HTML (a template and a function giving its variables, called only when rendered)."""

    src_uri: str
    title: str
    description: str
    carrier: Carrier | None = None
    #: "guide", "profile" (both carry the carrier's structured data), "sources" (a carrier's list of sources) or "site"
    role: str = "site"
    #: scripts only this page needs (paths in the site), loaded after the site-wide ones
    scripts: tuple[str, ...] = ()
    template: str = field(default="", repr=False, compare=False)
    context: Callable[[], dict] = field(default=dict, repr=False, compare=False)
    #: the site-wide rules, on the pages that show them (rules, checklist)
    rules: RuleBook | None = field(default=None, repr=False, compare=False)

    @property
    def lastmod(self) -> dt.date | None:
        """The newest last-checked date of the facts on the page (for the sitemap)."""
        book = self.carrier or self.rules
        return max(s.checked for s in book.sources) if book else None


class Renderer:
    """The Jinja environment over ``macros/`` and the pages it makes from a catalog."""

    rules: RuleBook | None = None
    #: make a page per switch (``/<from>/to/<to>/``); off only to measure what they cost
    routes: bool = True

    def __init__(self, macros_dir: Path, today: dt.date | None = None, stale_after_days: int = 365, issue_url: str = "",
                 cache_dir: Path | None = None) -> None:
        cache = None
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            cache = jinja2.FileSystemBytecodeCache(str(cache_dir))  # keyed by each template's source checksum
        self.env = jinja2.Environment(
            bytecode_cache=cache,
            auto_reload=False,  # one Renderer per build: templates do not change under it
            cache_size=-1,  # so they are kept in a plain dict (Jinja's LRU cache reorders itself at each of 70 look-ups a page)
            loader=jinja2.FileSystemLoader(str(macros_dir)),
            undefined=jinja2.StrictUndefined,
            finalize=_finalize,
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            extensions=["jinja2.ext.do"],
        )
        self.env.filters.update(yen=yen, jdate=jdate, jmonth=jmonth, url=url, label=label, slug=slug, h=escape, site=site_name)
        self.env.tests["contains_or_empty"] = contains_or_empty
        #: the carriers as they are on the day of the build (set by :meth:`pages`), for the calculator's JSON
        self.current: dict[str, Carrier] = {}
        self.citations: dict[str, Citations] = {}
        #: pages made before their turn, by path, until MkDocs reads them
        self.ahead: dict[str, str] = {}
        self.today = today or dt.date.today()
        self.stale_after_days = stale_after_days
        self.env.globals.update(today=self.today, stale_after_days=stale_after_days, report_url=self.report_url,
                                topic_questions=model.TOPIC_QUESTIONS, topic_labels=model.TOPIC_LABELS,
                                joining_labels=model.JOINING_TOPIC_LABELS)
        self.issue_url = issue_url
        # its own bytecode cache: a template both environments use (_changes.html.j2) compiles differently in each
        xml_cache = jinja2.FileSystemBytecodeCache(str(cache_dir), "__jinja2_xml_%s.cache") if cache_dir is not None else None
        self.xml = jinja2.Environment(loader=self.env.loader, bytecode_cache=xml_cache, autoescape=True, trim_blocks=True, lstrip_blocks=True,
                                      undefined=jinja2.StrictUndefined)

    def report_url(self, carrier: Carrier, section: str) -> Markup:
        """A new issue on the fact-report form (.github/ISSUE_TEMPLATE/fact.yml) with the carrier and the
        section filled in; the form itself adds the label and asks for the correction and its source."""
        if not self.issue_url:
            return Markup("")
        query = urlencode({
            "template": REPORT_FORM,
            "title": f"[{carrier.name}] {section} の事実の誤り",
            "carrier": f"{carrier.name}({carrier.id})",
            "section": section,
        }, quote_via=iri_quote)
        return Markup(escape(f"{self.issue_url}?{query}"))

    def feed(self, carrier: Carrier, history: list, site_url: str) -> str:
        """The Atom feed of a carrier's fact changes (XML, from its own Jinja environment escaping for XML)."""
        return self.xml.get_template("feed.xml.j2").render(
            carrier=carrier, history=history, site_url=site_url, section_labels=SECTION_LABELS, field_labels=FIELD_LABELS
        )

    def article(self, page: Page) -> str:
        """The page's finished HTML (:func:`.article.finish`; the costly part: the templates run here). A page a carrier's other page needed
        first (for the numbers of its citations) was made then, and is handed over once."""
        if page.src_uri in self.ahead:
            return self.ahead.pop(page.src_uri)
        context = page.context()
        text = finish(self.env.get_template(page.template).render(**context))
        if "refs" in context:
            self.citations[page.src_uri] = context["refs"]  # its sources page lists them by these numbers
        return text

    def pages(self, catalog: Catalog, histories: dict | None = None) -> list[Page]:
        """Every generated page, not yet rendered: the home page, the comparison and the calculator, one
        guide per full guide, one page per profile.

        ``histories`` maps a carrier id to its fact changes (``history.histories``), shown on guides.
        """
        histories = histories or {}
        carriers, others = catalog_as_of(catalog.carriers, self.today)  # only what is in force is shown as current
        self.current = carriers
        self.pairs = Routes(carriers, self.today)
        guides = [c for c in carriers.values() if c.role == "guide"]
        self.rules = catalog.rules
        pages = [self.home(guides, carriers), self.tool(guides, carriers, "compare"), self.tool(guides, carriers, "calculator")]
        if self.rules is not None:
            pages.append(self.rules_page())
            if self.rules.checklist:
                pages.append(self.checklist_page(guides))
        for carrier in carriers.values():
            if carrier.role == "guide":
                page = self.guide(carrier, carriers, others[carrier.id])
            else:
                page = self.profile(carrier, carriers, others[carrier.id])
            before = self.before_cancel(page) if carrier.before_cancel else None
            pages += [page, *([before] if before else []), self.sources(page, before, histories.get(carrier.id, []), others[carrier.id])]
            if carrier.role == "guide" and self.routes:
                pages += [self.route_page(carrier, carriers[t], carriers) for t in carrier.switch_to]
        return pages

    def _trust(self, carrier: Carrier | None) -> dict:
        """What every page's citations need: its numbered references and the site-wide rules."""
        return {"refs": Citations.for_page(carrier, self.today, self.stale_after_days), "rules": self.rules, "sources_url": "sources/"}

    def rules_page(self) -> Page:
        """The rules every carrier follows (rules.yaml), each with its sources, listed on the page itself."""

        def context() -> dict:
            return {"rules": self.rules, "refs": Citations.for_page(None, self.today, self.stale_after_days), "sources_url": ""}

        return Page("rules/index.md", "すべての会社に共通するルール", "MNPワンストップ方式、予約番号の有効期限、初期契約解除と確認措置、違約金の上限など、どの携帯電話会社にも当てはまるルールを出典つきでまとめています。",
                    template="rules.html.j2", context=context, rules=self.rules)

    def checklist_page(self, guides: list[Carrier]) -> Page:
        """What every reader should do before leaving any carrier (the checklist of rules.yaml), with sources."""

        def context() -> dict:
            return {"rules": self.rules, "guides": guides, "refs": Citations.for_page(None, self.today, self.stale_after_days), "sources_url": ""}

        return Page("checklist/index.md", "解約の前にすることのチェックリスト", "LINE やデータの引き継ぎ、SMS で受け取る認証コード、キャリアのメールアドレス、ポイント、端末の残り代金など、どのキャリアをやめるときにも解約の前に済ませておくことの一覧です。",
                    template="checklist.html.j2", context=context, rules=self.rules)

    def before_cancel(self, page: Page) -> Page:
        """What to settle before cancelling, in full, on a page of its own (the guide lists the topics and links
        here): it cites by the guide's numbers, continuing them, so that one list of sources serves both."""
        carrier = page.carrier

        def context() -> dict:
            return {"carrier": carrier, "refs": self.render_for_citations(page), "rules": self.rules, "sources_url": "../sources/",
                    "items": carrier.before_cancel, "heading": "解約の前に確かめること", "anchor": "before-cancel", "label": "解約の前に確かめること"}

        return Page(f"{carrier.id}/before.md", f"{carrier.name}: 解約の前に確かめること",
                    f"{carrier.name}を解約する前に確かめること: 端末の残りの代金、ポイント、メールアドレス、割引、必要なものなど。",
                    carrier, role="before", template="before_page.html.j2", context=context)

    def sources(self, page: Page, before: Page | None = None, history: list | None = None, others: list | None = None) -> Page:
        """The list of sources a carrier's pages cite, by the numbers the pages give them. It is a page of its
        own so that a guide's first view stays light however many sources it has; rendering it renders the
        guide (and its page of topics before cancelling) first: numbers of sources that are not the carrier's
        own follow the order the pages cite them."""
        carrier = page.carrier

        def context() -> dict:
            refs = self.render_for_citations(page)
            if before is not None and before.src_uri not in self.citations:
                self.ahead[before.src_uri] = self.article(before)  # adds its sources to the same numbering
            return {"carrier": carrier, "refs": refs, "history": history or [], "section_labels": SECTION_LABELS, "field_labels": FIELD_LABELS,
                    "others": others or [], "sources_url": "", "rules": self.rules}

        return Page(f"{carrier.id}/sources.md", f"{carrier.name}の出典一覧", f"{carrier.name}のページが使っている出典の題名、種類、ページの日付、確認日の一覧です。",
                    carrier, role="sources", template="sources_page.html.j2", context=context)

    def render_for_citations(self, page: Page) -> Citations:
        """The numbered references of ``page`` as rendering it gives them (rendered now if not yet)."""
        if page.src_uri not in self.citations:
            self.ahead[page.src_uri] = self.article(page)  # kept until MkDocs asks for the page
        return self.citations[page.src_uri]

    def home(self, guides: list[Carrier], carriers: dict[str, Carrier]) -> Page:
        return Page("index.md", "ケータイ解約ガイド", "携帯電話・格安SIMの解約と乗り換えの手順、費用、いつ手続きすると得かを、出典と確認日つきでまとめています。",
                    template="home.html.j2", context=lambda: {
                        "guides": guides, "carriers": carriers, "groups": by_kind(guides), "bereavements": bereavements(guides), **self._trust(None)})

    def tool(self, guides: list[Carrier], carriers: dict[str, Carrier], name: str) -> Page:
        """A page about all full guides: the comparison table or the calculator."""
        titles = {
            "compare": ("キャリアの解約条件を比べる", "解約月の料金、違約金、MNP転出手数料、SIMの返却、ワンストップ方式、最低利用期間、窓口の受付時間をキャリアごとに比べます。"),
            "calculator": ("乗り換え日と費用の計算", "今のキャリアと乗り換え先、切り替える日から、最終月と初月の請求、二重払い、契約事務手数料、予約番号の期限、得な日を計算します。"),
        }
        title, description = titles[name]
        scripts = (f"assets/{name}.js",)
        def context() -> dict:
            # /compare/ lists every route (with the route pages: it links them); the calculator draws a month of at
            # most 31 days (blank until a day is picked)
            return {"guides": guides, "carriers": carriers, "pairs": self.pairs.all() if name == "compare" and self.routes else [],
                    "blank_month": tuple(Day(d, False, False) for d in range(1, 32)), **self._trust(None)}

        return Page(f"{name}/index.md", title, description, scripts=scripts, template=f"{name}.html.j2", context=context)

    def guide(self, carrier: Carrier, carriers: dict[str, Carrier], others: list | None = None) -> Page:
        description = f"{carrier.name}の解約・乗り換えの方法({len(carrier.ways)}通り)、手順、費用、SIMの返却、いつ手続きすると得かを出典と確認日つきで解説します。"

        def context() -> dict:
            timing = timing_for(carrier)
            return {"carrier": carrier, "carriers": carriers, "rows": [r.row for r in self.pairs.of(carrier)], "timing": timing, "answer": answer_for(carrier, timing),
                    "section_labels": SECTION_LABELS, "others": others or [], **self._trust(carrier)}

        return Page(f"{carrier.id}/index.md", f"{carrier.name}の解約ガイド", description, carrier, role="guide", template="guide.html.j2", context=context)

    def route_page(self, origin: Carrier, target: Carrier, carriers: dict[str, Carrier]) -> Page:
        """One switch, walked in order (``derive.route``), at ``/<origin>/to/<target>/``: it cites both carriers'
        sources and lists them itself."""

        def context() -> dict:
            return {"r": self.pairs(origin.id, target.id), "origin": origin, "target": target, "carriers": carriers,
                    **self._trust(None), "sources_url": ""}  # only the sources it cites

        return Page(f"{origin.id}/to/{target.id}.md", f"{origin.name}から{target.name}への乗り換え",
                    f"{origin.name}から{target.name}へ乗り換える手順: {target.name}の申し込みに要るもの、番号の移し方、開通、{origin.name}の最終月と{target.name}の初月の料金、得な日を出典つきで順番にまとめています。",
                    origin, role="route", template="route.html.j2", context=context)

    def profile(self, carrier: Carrier, carriers: dict[str, Carrier], others: list | None = None) -> Page:
        description = f"乗り換え先としての{carrier.name}: 料金の例、契約事務手数料、初月の請求、MNPの扱いを出典つきでまとめています。"

        def context() -> dict:
            return {"carrier": carrier, "carriers": carriers, "origins": [c for c in carriers.values() if carrier.id in c.switch_to],
                    "others": others or [], "section_labels": SECTION_LABELS, **self._trust(carrier)}

        return Page(f"{carrier.id}/index.md", f"乗り換え先としての{carrier.name}", description, carrier, role="profile", template="profile.html.j2", context=context)
