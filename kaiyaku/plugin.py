"""The MkDocs plugin: a thin layer that loads the catalog, adds the generated pages and watches the facts.

Nothing generated is written into ``docs_dir``: pages are ``File.generated`` in memory (MkDocs 1.6).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

from .catalog import Catalog, load_catalog
from .errors import format_report
from .api import api_files
from .navigation import navigation
from .render import Page, Renderer

log = logging.getLogger("mkdocs.plugins.kaiyaku")


class GuidesConfig(Config):
    carriers_dir = opt.Type(str, default="carriers")
    """Folder of carrier fact files, relative to mkdocs.yml."""
    macros_dir = opt.Type(str, default="macros")
    """Folder of the Jinja templates that render the facts, relative to mkdocs.yml."""


class GuidesPlugin(BasePlugin[GuidesConfig]):
    """Generates one page per carrier from ``carriers/*.yaml`` through the templates in ``macros/``."""

    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.pages: dict[str, Page] = {}

    def _dirs(self, config: MkDocsConfig) -> tuple[Path, Path, Path]:
        root = Path(config.config_file_path).parent
        return root, root / self.config.carriers_dir, root / self.config.macros_dir

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root, carriers_dir, macros_dir = self._dirs(config)
        catalog = load_catalog(carriers_dir, root)
        if not catalog.ok:
            raise PluginError("キャリアの事実ファイルにエラーがあります。サイトは作りません。\n" + format_report(catalog.errors))
        self.catalog = catalog
        self.pages = {p.src_uri: p for p in Renderer(macros_dir).pages(catalog)}
        if not config.nav:
            config.nav = navigation(catalog)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for page in self.pages.values():
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                raise PluginError(f"content/{page.src_uri} は生成するページと重なっています。content/ から消してください")
            files.append(File.generated(config, page.src_uri, content=page.markdown))
        for src_uri, text in api_files(self.catalog).items():
            files.append(File.generated(config, src_uri, content=text))
        return files

    def on_page_markdown(self, markdown: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            page.meta.setdefault("description", generated.description)
        return markdown

    def on_serve(self, server, config: MkDocsConfig, builder):  # noqa: ANN001 - MkDocs' own types
        _root, carriers_dir, macros_dir = self._dirs(config)
        server.watch(str(carriers_dir))
        server.watch(str(macros_dir))
        return server
