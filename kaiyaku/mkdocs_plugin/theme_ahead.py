"""Laying generated pages into the theme in forked processes while MkDocs lays the others.

MkDocs lays every page into the theme's templates one after the other in its one process; with generated
pages that skip Markdown, Material's templates (about 4 ms a page, half of it the navigation) are the largest
part of a big build, and the other cores are idle meanwhile. So once every page has been read (``on_env``),
forked processes lay a share of the generated pages into the theme exactly as MkDocs would (its public
``get_context``, then the plugins' ``page_context`` and ``post_page`` events), while MkDocs goes on with the
rest; for a page made ahead, MkDocs renders a one-line template that prints the made text, and writes it as
usual. Only when no other plugin listens to those events (their effects would stay in the forked process).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import jinja2
from markupsafe import Markup
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..output.pagesource import PageSource, RenderError

#: the template MkDocs renders a page made ahead with (from memory: nothing is added to the theme's folders)
MADE_AHEAD = "kaiyaku-made-ahead.html"


def only_listener(config: MkDocsConfig, plugin: object) -> bool:
    """Whether ``plugin`` is the only plugin that acts on a page while it is laid into the theme."""
    events = config.plugins.events
    return all(getattr(method, "__self__", None) is plugin for name in ("page_context", "post_page") for method in events[name])


def laid_in_theme(page: Page, config: MkDocsConfig, nav: Navigation, pages: list, env: jinja2.Environment) -> str:
    """``page`` in the theme, as MkDocs' build lays it (MkDocs 1.6, ``commands/build.py``)."""
    page.active = True  # the navigation marks the page and its sections
    try:
        context = get_context(nav, pages, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        return config.plugins.on_post_page(template.render(context), page=page, config=config)
    finally:
        page.active = False


class ThemeAhead:
    """Forked processes laying every ``processes``-th of ``pages`` into the theme (the build's own process
    keeps the others); the theme environment ``env`` then prints those pages as made. :meth:`close` when the
    build ends."""

    def __init__(self, pages: list[Page], config: MkDocsConfig, nav: Navigation, files: Files, env: jinja2.Environment, processes: int) -> None:
        documentation = files.documentation_pages(inclusion=InclusionLevel.is_included)
        share = [page for index, page in enumerate(pages) if index % processes]
        makers: dict[str, Callable[[], str]] = {page.file.src_uri: partial(laid_in_theme, page, config, nav, documentation, env) for page in share}
        self.source = PageSource(makers, ahead=processes - 1)  # forks now: the processes see the pages as they are
        for page in share:
            page.meta["template"] = MADE_AHEAD
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({MADE_AHEAD: "{{ kg_made_ahead(page) }}"}), env.loader])
        env.globals["kg_made_ahead"] = self.text

    def text(self, page: Page) -> Markup:
        """The page as a forked process laid it into the theme."""
        try:
            return Markup(self.source.text(page.file.src_uri))
        except RenderError as error:
            raise PluginError(str(error)) from None

    def close(self) -> None:
        self.source.close()
