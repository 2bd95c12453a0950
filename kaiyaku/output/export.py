"""`kaiyaku export`: the generated pages, the hand-written pages and the JSON exports written out as
plain files, with an mkdocs.yml that needs no plugin: the way off this generator if it has to move."""

from __future__ import annotations

import shutil
from functools import partial
from pathlib import Path

import yaml

from .api import api_files
from .article import to_markdown
from ..facts.catalog import Catalog, load_site
from ..derive.history import histories
from ..facts.clock import commit_time, reference_date
from ..derive.navigation import navigation
from .render import Renderer
from .seo import carrier_jsonld
from .theme import forwarding, inert, inert_nav

PLUGIN_NAME = "kaiyaku"


def _page_path(src_uri: str) -> str:
    """Where an exported page is written: ``au/sources.md`` as ``au/sources/index.md``, so the file sits where
    its URL does. The pages' links are relative to their URL (``../`` from /au/sources/ is /au/); Zensical
    resolves links in a page's HTML from its file, and MkDocs leaves them as written: both then agree."""
    if src_uri.endswith(".md") and not src_uri.endswith("index.md"):
        return src_uri[: -len(".md")] + "/index.md"
    return src_uri


def _plain_config(config: dict, catalog: Catalog) -> dict:
    """The project's mkdocs.yml without the plugin, with the navigation it would have made."""
    config = dict(config)
    config["docs_dir"] = "docs"
    # Zensical's look closest to Material 9's (its default, "modern", has a light footer: the site's CSS, made for
    # Material's dark one, would leave the footer text unreadable); MkDocs ignores the key
    config["theme"] = {**config.get("theme", {}), "variant": "classic"}
    if isinstance(config.get("not_in_nav"), str):
        config["not_in_nav"] = "".join(f"{_page_path(line)}\n" for line in config["not_in_nav"].splitlines() if line.strip())
    config["nav"] = inert_nav(navigation(catalog))
    plugins = []
    for plugin in config.get("plugins", []):
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name != PLUGIN_NAME:
            plugins.append(plugin)
    config["plugins"] = plugins
    return config


def _plugin_options(config: dict) -> dict:
    """The kaiyaku plugin's options in mkdocs.yml, so exported pages match the built ones."""
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and PLUGIN_NAME in plugin:
            return plugin[PLUGIN_NAME] or {}
    return {}


def export_site(root: Path, out: Path) -> Catalog:
    """Write the site's sources to ``out`` (replaced whole). Returns the catalog; nothing is written on errors."""
    catalog = load_site(root)
    if not catalog.ok:
        return catalog
    mkdocs_config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    options = _plugin_options(mkdocs_config)
    renderer = Renderer(root / "macros", reference_date(commit_time(root)), options.get("stale_after_days", 365), options.get("issue_url", ""))
    changes = histories(root, catalog.carriers)
    pages = renderer.pages(catalog, changes)
    staging = out.with_name(out.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(root / "content", staging / "docs")
    if (root / "overrides").is_dir():
        # sitemap.xml too: it reads kg_lastmod from a page's front matter on MkDocs and on Zensical alike
        shutil.copytree(root / "overrides", staging / "overrides")
    site_url = (mkdocs_config.get("site_url") or "").rstrip("/") + "/"
    feeds = {f"feeds/{c.id}.xml": renderer.feed(c, changes[c.id], site_url) for c in catalog.guides()}
    files = {_page_path(p.src_uri): to_markdown(renderer.article(p)) for p in pages} | api_files(catalog, renderer.current, renderer.today, renderer.pairs) | feeds
    files |= {path: make() for path, make in forwarding(catalog, {path: partial(str, text) for path, text in files.items()}, site_url).items()}
    for src_uri, text in files.items():
        target = staging / "docs" / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for page in pages:
        path = staging / "docs" / _page_path(page.src_uri)
        meta = {"description": inert(page.description)}
        if page.scripts:
            meta["kg_scripts"] = list(page.scripts)
        if page.lastmod is not None:
            meta["kg_lastmod"] = page.lastmod.isoformat()
        if page.role in ("guide", "profile"):
            meta["kg_jsonld"] = carrier_jsonld(page.carrier, site_url, f"{site_url}{page.carrier.id}/")
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
        path.write_text(f"---\n{front}---\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    config = _plain_config(mkdocs_config, catalog)
    (staging / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)
    return catalog
