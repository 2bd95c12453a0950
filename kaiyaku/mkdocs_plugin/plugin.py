"""The MkDocs plugin: a thin layer that loads the catalog, adds the generated pages and watches the facts
(and makes the two toggles Material writes outside its template blocks valid HTML: :mod:`.toggles`).

Nothing generated is written into ``docs_dir``: pages are ``File.generated`` in memory (MkDocs 1.6)
whose HTML comes from a :class:`PageSource` when MkDocs first reads it, and whose
:class:`~.pages.GeneratedPage` skips MkDocs' Markdown step.
"""

from __future__ import annotations

import gc
import logging
import os
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage

from ..output.api import api_makers
from ..facts.catalog import Catalog, load_catalog
from ..facts.errors import format_report
from ..forked import can_fork, worker_count
from ..derive.history import head_commit, histories
from ..facts.clock import checks_allowed_until, commit_time, reference_date
from ..derive.navigation import navigation
from ..output.pagesource import PageSource
from .config import GuidesConfig
from .files import GeneratedFile, MemoryBytecodeCache
from .nav_memo import NavMemo
from .pages import GeneratedPage, nav_titles
from .pages_ahead import PagesAhead, only_listener
from .serve_error import serve_error_banner
from .toggles import valid_toggles
from ..output.render import Page, Renderer
from ..output.seo import carrier_jsonld
from ..output.theme import forwarding, inert, inert_nav

log = logging.getLogger("mkdocs.plugins.kaiyaku")

#: how often `mkdocs serve` looks for edits in carriers/ and macros/ (seconds)
FACT_POLL_SECONDS = 0.1
#: what Pagefind indexes of a built page (the article, without permalinks and citation marks); the same after
#: a Zensical build of `kaiyaku export` (docs/ARCHITECTURE.md, "Moving to Zensical")
PAGEFIND_OPTIONS = ("--root-selector", "article", "--exclude-selectors", ".headerlink, .kg-cite, .kg-noindex")


class GuidesPlugin(BasePlugin[GuidesConfig]):
    """Generates one page per carrier from ``carriers/*.yaml`` through the templates in ``macros/``."""

    def __init__(self) -> None:
        self.serving = False
        self.pages: dict[str, Page] = {}
        self.source: PageSource | None = None
        self.theme_bytecode = MemoryBytecodeCache()
        self.frozen = False
        self.parallel = False
        self.nav: Navigation | None = None
        self.pages_ahead: PagesAhead | None = None
        #: `serve` only: the carriers' histories by (commit, carrier ids); an edit does not change them, a commit does
        self.histories: dict[tuple, dict] = {}
        #: `serve` only: the last catalog that built, shown while an edit is broken, and that edit's error
        self.last_good: Catalog | None = None
        self.last_texts: dict[str, str] = {}
        self.serve_error: str | None = None

    def _dirs(self, config: MkDocsConfig) -> tuple[Path, Path, Path]:
        root = Path(config.config_file_path).parent
        return root, root / self.config.carriers_dir, root / self.config.macros_dir

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `mkdocs serve` works in one process and skips the search index, so an edited fact shows fast
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.serving:
            return self._configure(config)
        try:
            config = self._configure(config)
            for src_uri in self.source.makers:
                self.source.text(src_uri)  # made now, so that a fault shows here and not as a stuck server
        except Exception as error:  # noqa: BLE001 - `serve` keeps the last good site, with the error in every page
            if self.last_good is None:
                raise
            self.serve_error = str(error) if isinstance(error, PluginError) else f"{type(error).__name__}: {error}"
            # printed, not logged: a logged error or warning makes the strict build abort, and the server stick
            print(f"編集にエラーがあります。前の正しい内容を表示し続けます(ページの上にもエラーを出します)。\n{self.serve_error}", file=sys.stderr, flush=True)
            self._close_source()
            config = self._configure(config, self.last_good)
            self._close_source()  # the texts themselves are the last good ones (a template may be what broke)
            self.source = PageSource({uri: partial(str, text) for uri, text in self.last_texts.items()}, ahead=0)
            return config
        self.serve_error = None
        self.last_texts = dict(self.source.ready)
        return config

    def _configure(self, config: MkDocsConfig, catalog: Catalog | None = None) -> MkDocsConfig:
        """Load the facts (or take ``catalog``, the last good one under `serve`) and prepare every generated file."""
        root, carriers_dir, macros_dir = self._dirs(config)
        if not config.use_directory_urls:
            raise PluginError("生成するページのリンクはディレクトリ形式の URL です。mkdocs.yml の use_directory_urls を true(既定)にしてください")
        seconds = commit_time(root)
        if seconds and "SOURCE_DATE_EPOCH" not in os.environ:
            # MkDocs dates pages (and the sitemap's gzip header) from this: the commit, not the clock
            os.environ["SOURCE_DATE_EPOCH"] = str(seconds)
        parallel = self.parallel = self.config.parallel and not self.serving and can_fork()
        if gc.get_freeze_count():
            # an earlier build in this process left what it made frozen (see _end_build): collect it now
            gc.unfreeze()
            gc.collect()
        rules_file = root / self.config.rules_file
        if catalog is None:
            catalog = load_catalog(carriers_dir, root, processes=worker_count() if parallel else 1, docs_dir=Path(config.docs_dir),
                                   today=checks_allowed_until(root), rules_file=rules_file)
        if not catalog.ok:
            raise PluginError("キャリアの事実ファイルにエラーがあります。サイトは作りません。\n" + format_report(catalog.errors))
        if self.serving:
            self.last_good = catalog
        if not self.serving:
            # the catalog lives as long as the build: keep the cycle collector from walking it (right after
            # reading, its first walk of a 1,000-carrier catalog took a second; while MkDocs converts pages,
            # 8% of a 100-carrier build); `serve` keeps rebuilding in one process, so there the old catalogs
            # must stay collectable
            gc.freeze()
            self.frozen = True
        cache = Path(tempfile.gettempdir()) / f"kaiyaku-jinja-{os.getuid() if hasattr(os, 'getuid') else 0}"
        renderer = Renderer(macros_dir, reference_date(seconds), self.config.stale_after_days, self.config.issue_url, cache)
        renderer.routes = self.config.routes
        changes = self._histories(root, catalog)
        site_url = (config.site_url or "").rstrip("/") + "/"
        pages = renderer.pages(catalog, changes)
        self.pages = {p.src_uri: p for p in pages}
        makers = {p.src_uri: partial(renderer.article, p) for p in pages}
        makers.update(api_makers(catalog, renderer.current, renderer.today, renderer.pairs))
        makers.update({f"feeds/{c.id}.xml": partial(renderer.feed, c, changes[c.id], site_url) for c in catalog.guides()})
        makers.update(forwarding(catalog, makers, site_url))
        self._close_source()
        self.source = PageSource(makers, ahead=0)  # made when MkDocs reads them; forked processes make a share of the pages (on_nav)
        if not config.nav:
            config.nav = inert_nav(navigation(catalog))
        return config

    def _histories(self, root: Path, catalog: Catalog) -> dict:
        """Each carrier's fact changes from git; `serve` reuses them until the checked-out commit changes
        (reading every past version of every file was a third of a rebuild)."""
        if not self.serving:
            return histories(root, catalog.carriers, self.config.carriers_dir)
        key = (head_commit(root), self.config.carriers_dir, tuple(sorted(catalog.carriers)))
        if key not in self.histories:
            self.histories = {key: histories(root, catalog.carriers, self.config.carriers_dir)}
        return self.histories[key]

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        titles = nav_titles(config.nav)
        for src_uri in self.source.makers:
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"content/{src_uri} は生成するファイルと重なっています。content/ から消してください")
            file = GeneratedFile.made_by(self.source, config, src_uri)
            files.append(file)
            if src_uri in self.pages:
                GeneratedPage(titles.get(src_uri), file, config)  # its text is HTML: no Markdown step
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav  # for the theme (on_env has no navigation)
        if self.parallel and worker_count() > 1 and only_listener(config, self):
            # the navigation is made: forked processes make a share of the generated pages whole from here
            pages = [file.page for file in files.documentation_pages() if file.src_uri in self.pages]
            self.pages_ahead = PagesAhead(pages, config, nav, files, partial(self._theme_env, config), worker_count())
        return nav

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if self.serving and env.bytecode_cache is None:
            env.bytecode_cache = self.theme_bytecode
        self._prepare_theme(env)
        if self.pages_ahead is not None:
            self.pages_ahead.install(env)
        return env

    def _prepare_theme(self, env: jinja2.Environment) -> None:
        # MkDocs makes the environment anew for each build, so its templates do not change under it: each is
        # found in a plain dict, not in Jinja's LRU cache after a look at the file's time (70 times a page)
        env.auto_reload = False
        env.cache = {}
        if self.nav is not None:
            NavMemo(self.nav).install(env)

    def _theme_env(self, config: MkDocsConfig) -> jinja2.Environment:
        """A theme environment as MkDocs makes it and ``on_env`` prepares it (for a forked process)."""
        env = config.theme.get_env()
        self._prepare_theme(env)
        return env

    def on_page_markdown(self, markdown: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            page.meta.setdefault("description", inert(generated.description))
            if generated.scripts:
                page.meta["kg_scripts"] = list(generated.scripts)
            if generated.lastmod is not None:
                page.meta["kg_lastmod"] = generated.lastmod.isoformat()
            if generated.role in ("guide", "profile"):
                page.meta["kg_jsonld"] = carrier_jsonld(generated.carrier, config.site_url or "", page.canonical_url or "")
        return markdown

    def on_post_page(self, output: str, page: MkPage, config: MkDocsConfig) -> str:
        return self._with_serve_error(valid_toggles(output))

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        return self._with_serve_error(valid_toggles(output_content))  # 404.html

    def _with_serve_error(self, html: str) -> str:
        """Under `serve`, while an edit is broken: the error at the top of every page (the page itself is the last good one)."""
        if not self.serve_error:
            return html
        return serve_error_banner(html, self.serve_error)

    def _close_source(self) -> None:
        if self.source is not None:
            self.source.close()
            self.source = None

    def _end_build(self) -> None:
        self._close_source()
        if self.pages_ahead is not None:
            self.pages_ahead.close()
            self.pages_ahead = None
        if self.frozen:
            # what the build made is left frozen: the cycle collector's last walk, when the process ends,
            # then skips it (at 1,000 guides that walk, freeing the site object by object, took 1.8 s of
            # a 17-s build, for memory the process gives back whole anyway); a next build in this process
            # collects it first (on_config)
            gc.freeze()
            self.frozen = False

    def on_build_error(self, *, error: Exception) -> None:
        self._end_build()

    def on_post_build(self, config: MkDocsConfig) -> None:
        self._end_build()
        if not self.config.search_index or self.serving:
            return
        command = [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--silent", *PAGEFIND_OPTIONS]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise PluginError(f"検索インデックス(Pagefind)を作れませんでした: {result.stderr.strip()}")

    def on_serve(self, server, config: MkDocsConfig, builder):  # noqa: ANN001 - MkDocs' own types
        _root, carriers_dir, macros_dir = self._dirs(config)
        observer = getattr(server, "observer", None)
        interval = getattr(observer, "_timeout", None)
        if isinstance(interval, float) and interval > FACT_POLL_SECONDS:
            # MkDocs polls for changes every 0.5 s. The fact and template folders are small, so they are
            # polled faster: a watch takes the observer's interval when it is added (watchdog's
            # PollingObserver keeps it in _timeout), and only ours are added while it is lowered.
            observer._timeout = FACT_POLL_SECONDS
        try:
            server.watch(str(carriers_dir))
            server.watch(str(macros_dir))
        finally:
            if isinstance(interval, float):
                observer._timeout = interval
        return server
