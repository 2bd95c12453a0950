"""Generated pages made whole in forked processes (read, then laid into the theme) while MkDocs makes the rest.

MkDocs reads every page, then lays every page into the theme's templates, all in its one process; for a
generated page both are ours to speed up (the HTML from ``macros/``, then Material's templates around it),
and together they are most of a big build. So once the navigation is made (``on_nav``), forked processes
take a share of the generated pages, folder by folder (a carrier's pages number their citations
together), and make each page whole exactly as MkDocs' build does: its steps for reading a page, then
its public ``get_context``, the plugins' ``page_context`` event and the theme's templates. They send the
HTML; MkDocs' process prints it through a one-line template, which runs ``post_page`` on it as on any page.
In MkDocs' own process those pages are read as empty. MkDocs' process keeps the rest of the site
(hand-written pages, the copied files, API JSON and feeds, the sitemap) and writes every file, so its
share is smaller (:func:`forked_share`).

Used only when no other plugin acts on a page (its effects would stay in the forked process). What a forked
process logs while making a page is logged again by MkDocs' process when it prints the page, so that
``--strict`` counts its warnings as it would count them without forking.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

import jinja2
from markupsafe import Markup
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..forked import balanced_shares
from ..output.pagesource import PageSource, RenderError

#: the template MkDocs renders a page made ahead with (from memory: nothing is added to the theme's folders)
MADE_AHEAD = "kaiyaku-made-ahead.html"
#: the events of reading a page and laying it into the theme
PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content", "env", "page_context", "post_page")


def only_listener(config: MkDocsConfig, plugin: object) -> bool:
    """Whether ``plugin`` is the only plugin that acts on a page while it is read or laid into the theme."""
    events = config.plugins.events
    return all(getattr(method, "__self__", None) is plugin for name in PAGE_EVENTS for method in events[name])


#: how much of a forked process's pace at pages this process keeps beside its other work (measured at 1,000
#: guides on two cores, builds of 0.8 and 0.65 alternating: 0.65 was faster in each of 4 pairs, by 0.3-3.6 s,
#: and the forked process still ended before this one; 0.65 against 0.5 came out even)
OWN_PACE = 0.6


def forked_share(folders: list[str], processes: int) -> set[str]:
    """The folders the forked processes make: shared as :func:`~kaiyaku.forked.balanced_shares` shares work,
    this process at ``OWN_PACE`` (with two processes it keeps 3 folders in 8)."""
    kept = balanced_shares([1.0] * len(folders), processes, OWN_PACE)[0]
    return set(folders) - {folders[i] for i in kept}


def read_page(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Read ``page`` as MkDocs' build does (MkDocs 1.6, ``commands/build.py``, ``_populate_page``)."""
    page = config.plugins.on_pre_page(page, config=config, files=files)
    page.read_source(config)
    page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    page.render(config, files)
    page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)


def laid_in_theme(page: Page, config: MkDocsConfig, nav: Navigation, pages: list[File], env: jinja2.Environment) -> str:
    """``page`` in the theme, as MkDocs' build lays it (MkDocs 1.6, ``commands/build.py``, ``_build_page``) up to
    the template's output: MkDocs' process runs the ``post_page`` event on it when it prints the page."""
    page.active = True  # the navigation marks the page and its sections
    try:
        context = get_context(nav, pages, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        return template.render(context)
    finally:
        page.active = False


def folder(page: Page) -> str:
    return page.file.src_uri.split("/", 1)[0]


class KeptRecords(logging.Handler):
    """In a forked process, in place of MkDocs' handlers: what is logged, kept (as text) to be sent along."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args, record.exc_info = record.getMessage(), None, None  # its text, not its objects
        self.records.append(record)

    def take(self) -> list[logging.LogRecord]:
        records, self.records = self.records, []
        return records


class PagesAhead:
    """Forked processes making their share of ``pages`` whole (:func:`forked_share`), with a theme
    environment from ``theme_env``; this process's copies of those pages are read as empty.
    :meth:`install` (at ``on_env``) prints them as made; :meth:`close` when the build ends."""

    def __init__(self, pages: list[Page], config: MkDocsConfig, nav: Navigation, files: Files,
                 theme_env: Callable[[], jinja2.Environment], processes: int) -> None:
        theirs = forked_share(list(dict.fromkeys(folder(page) for page in pages)), processes)
        self.pages = [page for page in pages if folder(page) in theirs]
        self.theme_env = theme_env
        self.env: jinja2.Environment | None = None
        self.kept: KeptRecords | None = None
        documentation = files.documentation_pages(inclusion=InclusionLevel.is_included)
        makers = {page.file.src_uri: partial(self._whole, page, config, nav, files, documentation) for page in self.pages}
        self.source = PageSource(makers, ahead=processes - 1)  # forks now
        for page in self.pages:
            page.file.content_string = ""  # in this process only: MkDocs reads nothing it would throw away

    def _whole(self, page: Page, config: MkDocsConfig, nav: Navigation, files: Files, documentation: list[File]) -> tuple[str, list]:
        """In a forked process: ``page`` read and laid into the theme, and what was logged meanwhile."""
        if self.env is None:
            self.kept = KeptRecords()
            mkdocs_log = logging.getLogger("mkdocs")
            mkdocs_log.handlers, mkdocs_log.propagate = [self.kept], False  # this process only
            self.env = self.theme_env()
        read_page(page, config, files)
        return laid_in_theme(page, config, nav, documentation, self.env), self.kept.take()

    def install(self, env: jinja2.Environment) -> None:
        """Lay the pages made ahead through a template that prints them as made."""
        for page in self.pages:
            page.meta["template"] = MADE_AHEAD
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({MADE_AHEAD: "{{ kg_made_ahead(page) }}"}), env.loader])
        env.globals["kg_made_ahead"] = self.text

    def text(self, page: Page) -> Markup:
        """The page as a forked process made it (what it logged making the page is logged here now)."""
        try:
            html, records = self.source.text(page.file.src_uri)
        except RenderError as error:
            raise PluginError(str(error)) from None
        for record in records:
            logging.getLogger(record.name).handle(record)
        return Markup(html)

    def close(self) -> None:
        self.source.close()
