"""Material's partials the site overrides with nothing (overrides/partials/): each is empty because the site
uses nothing it would show, which costs a share of every page's time otherwise. Turning on what one shows
(a repository's edit links, tags, analytics, feedback, comments) must come with deleting its empty file."""

from __future__ import annotations

import os

import pytest
from mkdocs.config import load_config

from conftest import ROOT

#: empty partial → why it can be empty (what in the configuration would make it show something)
EMPTY = {
    "partials/actions.html": lambda c: not c.repo_url and not c.edit_uri,
    "partials/source-file.html": lambda c: not {"git-revision-date-localized", "git-committers", "git-authors"} & set(c.plugins),
    "partials/tags.html": lambda c: "tags" not in c.plugins and "material/tags" not in c.plugins,
    "partials/feedback.html": lambda c: not (c.extra.get("analytics") or {}).get("feedback"),
    "partials/integrations/analytics.html": lambda c: not c.extra.get("analytics"),
    "partials/comments.html": lambda c: True,  # Material's own is empty: a place for a site's comment system
}


@pytest.fixture(scope="module")
def config():
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    return load_config(str(ROOT / "mkdocs.yml"))


@pytest.mark.parametrize("partial", sorted(EMPTY))
def test_an_empty_partial_hides_nothing_the_site_uses(partial, config):
    text = (ROOT / "overrides" / partial).read_text(encoding="utf-8")
    assert text.startswith("{#-") and text.rstrip().endswith("-#}") and text.count("#}") == 1, f"{partial} should stay empty (a comment only)"
    assert EMPTY[partial](config), f"mkdocs.yml turns on what {partial} shows: delete overrides/{partial}"


def test_every_empty_partial_is_listed():
    empty = {str(p.relative_to(ROOT / "overrides")) for p in (ROOT / "overrides/partials").rglob("*.html")
             if p.read_text(encoding="utf-8").lstrip().startswith("{#- Empty on purpose")}
    assert empty == set(EMPTY)
