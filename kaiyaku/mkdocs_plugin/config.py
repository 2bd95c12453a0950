"""The plugin's options under `plugins: - kaiyaku:` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class GuidesConfig(Config):
    carriers_dir = opt.Type(str, default="carriers")
    """Folder of carrier fact files, relative to mkdocs.yml."""
    rules_file = opt.Type(str, default="rules.yaml")
    """The site-wide fact file (rules every carrier follows), relative to mkdocs.yml; optional."""
    macros_dir = opt.Type(str, default="macros")
    """Folder of the Jinja templates that render the facts, relative to mkdocs.yml."""
    search_index = opt.Type(bool, default=True)
    """Build the Pagefind search index into site/pagefind/ after the build."""
    stale_after_days = opt.Type(int, default=365)
    """A source checked longer ago than this is flagged for re-checking on the page."""
    issue_url = opt.Type(str, default="")
    """Where readers report a wrong fact (a repository's /issues/new); empty hides the links."""
    parallel = opt.Type(bool, default=True)
    """In `mkdocs build` on Linux with two or more cores: read the carrier files in several processes, and
    have forked processes make a share of the generated pages whole (read and laid into the theme) while
    MkDocs makes the rest. `mkdocs serve` does everything in its own process. The site is the same either way."""
    routes = opt.Type(bool, default=True)
    """A page per switch (/<from>/to/<to>/) for every full guide and each destination in its switch_to; off only
    to measure what they cost (benchmarks/bench.py --routes-ratio)."""
