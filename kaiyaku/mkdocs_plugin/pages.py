"""Generated pages as MkDocs pages: their text is already HTML, so MkDocs' Markdown step is skipped.

MkDocs lets a plugin give a file its own :class:`~mkdocs.structure.pages.Page` before the navigation is
made (Material's blog plugin does the same for its posts); the navigation then uses that page as it is.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..output.article import outline


class GeneratedPage(Page):
    """A page whose text is a finished article (:func:`kaiyaku.output.article.finish`): rendering it takes
    the HTML as it is, with the title, table of contents and anchors read from its headings."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        shape = outline(self.markdown, toc_depth(config))
        self.content = self.markdown
        self.toc = get_toc(shape.toc)
        self._title_from_render = shape.title
        self.present_anchor_ids = set(shape.ids)
        self.links_to_anchors = {}


def toc_depth(config: MkDocsConfig) -> int:
    """The deepest heading level in a page's table of contents: the ``toc`` extension's ``toc_depth`` in
    mkdocs.yml (a number, or a range such as ``"2-3"``), 6 if not set, as Python-Markdown reads it."""
    depth = (config.mdx_configs or {}).get("toc", {}).get("toc_depth", 6)
    return int(str(depth).split("-")[-1])


def nav_titles(nav: list | None) -> dict[str, str]:
    """Each page's title in mkdocs.yml's ``nav`` (path → title), as MkDocs would give it."""
    titles: dict[str, str] = {}
    for item in nav or []:
        if isinstance(item, dict):
            for title, target in item.items():
                if isinstance(target, list):
                    titles.update(nav_titles(target))
                elif isinstance(target, str):
                    titles[target] = title
    return titles
