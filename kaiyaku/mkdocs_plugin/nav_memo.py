"""Material's navigation made once for the pages kept out of it that show the same one.

Material lays the whole navigation (``partials/nav.html``) into every page, and on a big site that is
half of its work. On a page kept out of the navigation (a carrier's list of sources, its topics before
cancelling: two thirds of the generated pages) no item is that page's or on its path, so the navigation
differs from one such page to another only in its links, which MkDocs writes relative to the page: a
link to ``target`` from ``page`` is ``..`` for each of the page's folders below their common start,
then the rest of the target. Two pages of the same depth with the same common start with every target
get the same navigation, so it is made for the first and printed as made for the others.

The targets are read off the first navigation made at each depth (every ``href``/``src`` it writes);
pages at a depth not yet seen get Material's template as it is.

A page in the navigation (a guide) gets a navigation that differs from its siblings' (the pages of its
section) in two items only: its own, which is open and holds its table of contents, and the sibling's
whose navigation is at hand, which is closed on this page. So the first sibling's navigation is made in
full, and each other sibling's is that one with those two items laid in afresh, each made by Material's
own ``nav-item.html``. This holds where the siblings' addresses differ in their last folder only and
every other link comes out the same (the same rule as above, over the links but the siblings'); other
pages of the navigation get Material's template as it is.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

import jinja2
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

#: the theme's own templates stay reachable under this prefix (``kaiyaku-theme/partials/nav.html``)
THEME_PREFIX = "kaiyaku-theme"
NAVIGATION = "partials/nav.html"
#: a link the navigation writes (MkDocs' ``url`` filter makes them relative to the page)
LINK_RE = re.compile(r'\s(?:href|src)="([^"#?]*)')


def parts(url: str) -> tuple[str, ...]:
    """The folders of a page's URL, as MkDocs' ``get_relative_url`` counts them (``a/b/`` → ``a``, ``b``;
    a file's name is not a folder)."""
    folder, _, name = url.rpartition("/")
    path = posixpath.normpath("/" + (folder if "." in name else url))[1:]
    return tuple(path.split("/")) if path else ()


#: one item of the navigation made by Material's macro, as ``partials/nav.html`` makes each
ITEM = ('{% import "' + THEME_PREFIX + '/partials/nav-item.html" as item with context %}'
        '{{ item.render(kg_item, kg_path, kg_level, kg_parent) }}')


@dataclass(frozen=True)
class Place:
    """Where a page sits in the navigation, as Material's ``nav.html`` calls its macro for it."""

    path: str
    level: int
    parent: Section
    #: the pages of the same section (the page among them)
    siblings: tuple[Page, ...]


@dataclass
class Frame:
    """A sibling's navigation as made, and where each sibling's item stands in it."""

    html: str
    page: Page
    spans: dict[int, tuple[int, int]]

    def with_items(self, items: dict[int, str]) -> str:
        """The navigation with the items of the pages ``items`` names (by ``id``) made anew."""
        out, at = [], 0
        for start, end, text in sorted((*self.spans[key], text) for key, text in items.items()):
            out += [self.html[at:start], text]
            at = end
        out.append(self.html[at:])
        return "".join(out)


def places(nav: Navigation) -> dict[int, Place]:
    """Every page of a section whose pages' addresses differ in their last folder only, by ``id``."""
    found: dict[int, Place] = {}

    def walk(items: list, path: str, level: int, parent: Section | None) -> None:
        pages = tuple(item for item in items if isinstance(item, Page))
        alike = parent is not None and pages and _alike([parts(page.url) for page in pages])
        for index, item in enumerate(items, 1):
            here = f"{path}_{index}" if parent is not None else f"__nav_{index}"
            if isinstance(item, Section):
                walk(item.children, here, level + 1, item)
            elif alike and isinstance(item, Page):
                found[id(item)] = Place(here, level, parent, pages)

    walk(nav.items, "", 1, None)
    return found


def _alike(folders: list[tuple[str, ...]]) -> bool:
    """Same depth, the same folders but the last, each its own last folder."""
    depth = len(folders[0])
    return depth > 0 and all(len(f) == depth and f[:-1] == folders[0][:-1] for f in folders) and len({f[-1] for f in folders}) == len(folders)


def common_start(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    count = 0
    for x, y in zip(a, b):
        if x != y:
            break
        count += 1
    return count


class NavMemo:
    """The navigation of every page, made once per shape for pages kept out of ``nav``. :meth:`install`
    puts it in front of the theme's ``partials/nav.html``."""

    def __init__(self, nav: Navigation) -> None:
        self.in_nav = {id(page) for page in nav.pages}
        #: by the depth of a page kept out of the navigation: the folders of every page its navigation links to
        self.targets: dict[int, list[tuple[str, ...]]] = {}
        #: by (depth, common start with each target): the navigation as made
        self.made: dict[tuple, str] = {}
        #: pages of the navigation whose navigation can be a sibling's with two items made anew
        self.places = places(nav)
        #: by section (``id``): the folders of every link of its first page's navigation but its pages'
        self.section_targets: dict[int, list[tuple[str, ...]]] = {}
        #: by (section, common start with each of its targets): a sibling's navigation (None: it cannot serve)
        self.frames: dict[tuple, Frame | None] = {}
        self.item: jinja2.Template | None = None

    def install(self, env: jinja2.Environment) -> None:
        theme = env.loader
        env.loader = jinja2.ChoiceLoader([
            jinja2.DictLoader({NAVIGATION: "{{ kg_navigation() }}"}),
            jinja2.PrefixLoader({THEME_PREFIX: theme}),
            theme,
        ])
        env.globals["kg_navigation"] = self.navigation
        self.item = env.from_string(ITEM)

    @jinja2.pass_context
    def navigation(self, context: jinja2.runtime.Context) -> str:
        """The navigation for the page being laid into the theme (``context`` is the one Material's
        ``base.html`` includes ``partials/nav.html`` with)."""
        page = context.get("page")
        if page is not None and id(page) in self.places:
            return self._in_section(context, page, self.places[id(page)])
        if page is None or id(page) in self.in_nav:
            return self._make(context)
        folders = parts(page.url)
        key = self._key(folders)
        if key is None:
            html = self._make(context)
            self.targets[len(folders)] = [parts(posixpath.join("/".join(folders), link)) for link in LINK_RE.findall(html) if _relative(link)]
            key = self._key(folders)
            self.made[key] = html
        elif key not in self.made:
            self.made[key] = self._make(context)
        return self.made[key]

    def _key(self, folders: tuple[str, ...]) -> tuple | None:
        targets = self.targets.get(len(folders))
        if targets is None:
            return None
        return (len(folders), *(common_start(folders, target) for target in targets))

    def _in_section(self, context: jinja2.runtime.Context, page: Page, place: Place) -> str:
        """The navigation of a page of the navigation: a sibling's, with this page's item and that sibling's made anew."""
        section = id(place.parent)
        folders = parts(page.url)
        if section not in self.section_targets:
            html = self._make(context)
            own = {parts(sibling.url) for sibling in place.siblings}
            links = (parts(posixpath.join("/".join(folders), link)) for link in LINK_RE.findall(html) if _relative(link))
            self.section_targets[section] = [target for target in links if target not in own]
            self.frames[self._section_key(section, folders)] = self._frame(context, html, page, place)
            return html
        key = self._section_key(section, folders)
        if key not in self.frames:
            html = self._make(context)
            self.frames[key] = self._frame(context, html, page, place)
            return html
        frame = self.frames[key]
        if frame is None:  # an item was not found once in the navigation as made: made in full
            return self._make(context)
        other = self.places[id(frame.page)]
        return frame.with_items({id(page): self._item(context, page, place), id(frame.page): self._item(context, frame.page, other)})

    def _section_key(self, section: int, folders: tuple[str, ...]) -> tuple:
        return (section, *(common_start(folders, target) for target in self.section_targets[section]))

    def _frame(self, context: jinja2.runtime.Context, html: str, page: Page, place: Place) -> Frame | None:
        """``html`` (this page's navigation) with where each sibling's item stands, or None if one is not found once."""
        spans: dict[int, tuple[int, int]] = {}
        for sibling in place.siblings:
            text = self._item(context, sibling, self.places[id(sibling)])
            start = html.find(text)
            if start < 0 or html.find(text, start + 1) >= 0:
                return None
            spans[id(sibling)] = (start, start + len(text))
        return Frame(html, page, spans)

    def _item(self, context: jinja2.runtime.Context, page: Page, place: Place) -> str:
        """``page``'s item of the navigation, as Material makes it on the page being laid out."""
        return self.item.render({**context.get_all(), "kg_item": page, "kg_path": place.path, "kg_level": place.level, "kg_parent": place.parent})

    @staticmethod
    def _make(context: jinja2.runtime.Context) -> str:
        return context.environment.get_template(f"{THEME_PREFIX}/{NAVIGATION}").render(context.get_all())


def _relative(link: str) -> bool:
    return not (link.startswith("/") or ":" in link.split("/", 1)[0])
