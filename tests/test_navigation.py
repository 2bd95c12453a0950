"""The navigation stays small on every page however many carriers there are."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from kaiyaku.facts.model import KIND_LABELS
from kaiyaku.derive.navigation import CHUNK, navigation


class FakeCatalog:
    def __init__(self, n: int) -> None:
        self.rules = None
        self.carriers = {f"c{i:05d}": SimpleNamespace(id=f"c{i:05d}", name=f"キャリア{i:05d}", role="guide", identity=SimpleNamespace(kind="mvno"))
                         for i in range(n)}

    def guides(self):
        return list(self.carriers.values())


def guide_entries(n: int) -> list:
    (entries,) = [entry[KIND_LABELS["mvno"]] for entry in navigation(FakeCatalog(n)) if KIND_LABELS["mvno"] in entry]
    return entries


def leaves(entries: list, depth: int = 1):
    """(page, depth) for every page under ``entries``, in order, checking each level's width."""
    assert len(entries) <= CHUNK * 3 // 2
    for entry in entries:
        ((_title, value),) = entry.items()
        if isinstance(value, list):
            yield from leaves(value, depth + 1)
        else:
            yield value, depth


@pytest.mark.parametrize("n, deepest", [(25, 1), (100, 2), (1000, 3), (20000, 4)])
def test_every_guide_is_listed_once_in_order_in_narrow_sections(n, deepest):
    found = list(leaves(guide_entries(n)))
    assert [page for page, _depth in found] == [f"c{i:05d}/index.md" for i in range(n)]
    assert max(depth for _page, depth in found) == deepest


def test_a_page_carries_a_logarithmic_share_of_the_navigation():
    """What navigation.prune renders on one page: each level's entries along the page's own path."""
    def on_path(entries: list) -> int:
        ((_title, first),) = entries[0].items()
        return len(entries) + (on_path(first) if isinstance(first, list) else 0)

    sizes = {}
    for n in (100, 1000, 20000):
        sizes[n] = on_path(guide_entries(n))
    assert sizes[20000] <= 4 * CHUNK and sizes[1000] <= 3 * CHUNK, sizes


def test_a_navigation_made_once_is_the_one_material_makes_for_each_page(tmp_path, monkeypatch):
    """Pages kept out of the navigation share one made navigation where their links come out the same, and a
    guide gets a sibling's with two items made anew; every page of a site with a long, pruned navigation
    (links to the first guide of each section, so some pages of sources sit beside a link's target; sections
    of 20 guides) is the same byte for byte as without it."""
    from mkdocs.commands import build
    from mkdocs.config import load_config

    from conftest import ROOT, make_site, set_plugin_options, tree
    from kaiyaku.mkdocs_plugin.nav_memo import NavMemo

    site = make_site(tmp_path, {}, real=True)
    text = (ROOT / "carriers/iijmio.yaml").read_text(encoding="utf-8")
    for i in range(40):
        (site / "carriers" / f"iijmio-{i:02d}.yaml").write_text(text.replace("id: iijmio\n", f"id: iijmio-{i:02d}\n", 1), encoding="utf-8")
    set_plugin_options(site, parallel=False, search_index=False)
    config_file = site / "mkdocs.yml"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.chdir(site)
    made = []
    make = NavMemo._make
    monkeypatch.setattr(NavMemo, "_make", staticmethod(lambda context: made.append(context["page"]) or make(context)))
    build.build(load_config(str(config_file), site_dir=str(tmp_path / "memo")))
    monkeypatch.setattr(NavMemo, "install", lambda self, env: None)
    build.build(load_config(str(config_file), site_dir=str(tmp_path / "plain")))
    memo, plain = tree(tmp_path / "memo"), tree(tmp_path / "plain")
    assert memo == plain and "iijmio-20/sources/index.html" in memo
    kept_out = [uri for uri in memo if uri.endswith(("/sources/index.html", "/before/index.html"))]
    made_kept_out = [page for page in made if page is not None and page.url.endswith(("/sources/", "/before/"))]
    assert len(kept_out) > 80 and 0 < len(made_kept_out) < len(kept_out) // 4, (len(kept_out), len(made_kept_out))
    # the guides of a section got a sibling's navigation with two items made anew: made in full for one in four at most
    guides = [uri for uri in memo if re.fullmatch(r"iijmio-\d\d/index\.html", uri)]
    made_guides = [page for page in made if page is not None and re.fullmatch(r"iijmio-\d\d/", page.url)]
    assert len(guides) == 40 and 0 < len(made_guides) <= len(guides) // 4, (len(guides), len(made_guides))


def test_the_network_operators_are_one_group_and_no_carrier_stands_alone():
    """楽天モバイル, the fourth network operator, sits with ドコモ, au and ソフトバンク, not alone under その他."""
    from conftest import ROOT

    from kaiyaku.facts.catalog import load_site

    nav = navigation(load_site(ROOT))
    groups = {title: [next(iter(e)) for e in entries] for entry in nav for title, entries in entry.items() if isinstance(entries, list)}
    assert {"ドコモ", "au", "ソフトバンク", "楽天モバイル"} <= set(groups[KIND_LABELS["major"]])
    assert "その他" not in groups
    assert all(len(names) > 1 for names in groups.values()), groups
