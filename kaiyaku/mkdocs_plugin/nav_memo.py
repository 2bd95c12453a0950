"""Material's navigation made once for the pages kept out of it that show the same one.

Material lays the whole navigation (``partials/nav.html``) into every page, and on a big site that is
half of its work. On a page kept out of the navigation (a carrier's list of sources, its topics before
cancelling: two thirds of the generated pages) no item is that page's or on its path, so the navigation
differs from one such page to another only in its links, which MkDocs writes relative to the page: a
link to ``target`` from ``page`` is ``..`` for each of the page's folders below their common start,
then the rest of the target. Two pages of the same depth with the same common start with every target
get the same navigation, so it is made for the first and printed as made for the others.

The targets are read off the first navigation made at each depth (every ``href``/``src`` it writes);
pages in the navigation, and pages at a depth not yet seen, get Material's template as it is.
"""

from __future__ import annotations

import posixpath
import re

import jinja2
from mkdocs.structure.nav import Navigation

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

    def install(self, env: jinja2.Environment) -> None:
        theme = env.loader
        env.loader = jinja2.ChoiceLoader([
            jinja2.DictLoader({NAVIGATION: "{{ kg_navigation() }}"}),
            jinja2.PrefixLoader({THEME_PREFIX: theme}),
            theme,
        ])
        env.globals["kg_navigation"] = self.navigation

    @jinja2.pass_context
    def navigation(self, context: jinja2.runtime.Context) -> str:
        """The navigation for the page being laid into the theme (``context`` is the one Material's
        ``base.html`` includes ``partials/nav.html`` with)."""
        page = context.get("page")
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

    @staticmethod
    def _make(context: jinja2.runtime.Context) -> str:
        return context.environment.get_template(f"{THEME_PREFIX}/{NAVIGATION}").render(context.get_all())


def _relative(link: str) -> bool:
    return not (link.startswith("/") or ":" in link.split("/", 1)[0])
