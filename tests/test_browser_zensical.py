"""The site as Zensical 0.1.x builds `kaiyaku export` (with Pagefind run after it, as the move to Zensical in
docs/ARCHITECTURE.md says), in Debian's chromium: the browser tests of the path chooser, the calculator, search
and a page of each kind (phone width, axe-core, no foreign requests, no console errors), run again on that site.

The tests are those of test_browser_pages.py and test_browser_search.py, imported here: this module's
``base_url`` (the Zensical site) takes the place of the real site's for them."""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import QuietHandler, loopback
import test_browser_pages as on_material
from test_browser_pages import (  # noqa: F401 - collected again here, against the Zensical site
    test_the_calculator_matches_the_python_rules_on_fixed_dates,
    test_the_chooser_hides_topics_the_reader_says_do_not_apply,
    test_the_chooser_offers_number_migration_by_destination,
    test_the_path_chooser_shows_only_the_ways_that_apply,
)
from test_browser_search import test_the_index_loads_on_demand, test_the_query_set_finds_its_pages  # noqa: F401

from kaiyaku.mkdocs_plugin.plugin import PAGEFIND_OPTIONS
from kaiyaku.output.export import export_site

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def base_url(real_site, tmp_path_factory):
    """The real site's project exported, built by Zensical under --strict, indexed by Pagefind, served on loopback."""
    project = tmp_path_factory.mktemp("zensical") / "export"
    assert export_site(real_site.parent, project).ok
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": "/tmp"}
    built = subprocess.run([str(BIN / "zensical"), "build", "--strict"], cwd=project, capture_output=True, text=True, env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    indexed = subprocess.run([sys.executable, "-m", "pagefind", "--site", "site", "--silent", *PAGEFIND_OPTIONS], cwd=project, capture_output=True, text=True, env=env)
    assert indexed.returncode == 0, indexed.stderr
    assert (project / "site/pagefind/pagefind.js").exists() and shutil.which("chromium")
    with loopback(functools.partial(QuietHandler, directory=str(project / "site"))) as url:
        yield url + "/"


@pytest.mark.parametrize("path", ["", "iijmio/", "au/", "iijmio/before/", "au/sources/", "compare/", "calculator/", "checklist/"])
def test_a_page_of_each_kind_fits_a_phone_passes_axe_and_stays_local(page, base_url, path):
    """One page of each kind (every page is checked on the Material build): Zensical's theme with the site's CSS
    (its default variant left the footer text at contrast 1.6) and overrides."""
    on_material.test_page_fits_a_phone_passes_axe_and_stays_local(page, base_url, path)
