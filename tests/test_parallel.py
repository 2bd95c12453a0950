"""Work shared among processes gives exactly what one process gives: the same catalog, errors and site."""

from __future__ import annotations

import gc
import os
import threading
import time
import weakref

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from conftest import ROOT, git_commit, make_site, mkdocs_build, set_plugin_options, tree

from kaiyaku.facts.catalog import load_catalog
from kaiyaku.forked import ForkedFailure, balanced_shares, can_fork, read_in_processes
from kaiyaku.output import pagesource
from kaiyaku.output.pagesource import PageSource, RenderError, shares

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs fork and two cores")


def many_carriers(tmp_path, copies: int = 30):
    """The real carriers plus ``copies`` copies of IIJmio under their own ids: enough files to share."""
    folder = tmp_path / "carriers"
    folder.mkdir()
    for path in (ROOT / "carriers").glob("*.yaml"):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    text = (ROOT / "carriers/iijmio.yaml").read_text(encoding="utf-8")
    for i in range(copies):
        (folder / f"iijmio-{i:02d}.yaml").write_text(text.replace("id: iijmio\n", f"id: iijmio-{i:02d}\n", 1), encoding="utf-8")
    return folder


def test_every_process_takes_its_share_and_results_keep_their_order():
    results = read_in_processes(lambda n: (n, os.getpid()), [(n,) for n in range(40)], 2)
    assert [n for n, _pid in results] == list(range(40))
    pids = {pid for _n, pid in results}
    assert len(pids) == 2 and os.getpid() in pids


def test_shares_are_balanced_by_weight_and_results_keep_their_order():
    """Two sizes of file alternating (as in the benchmark's corpus): every other item would give one process
    all the big ones; by weight, each process gets about half of the work."""
    weights = [1 if n % 2 == 0 else 3 for n in range(40)]
    shares = balanced_shares(weights, 2)
    assert sorted(i for share in shares for i in share) == list(range(40))
    loads = [sum(weights[i] for i in share) for share in shares]
    assert abs(loads[0] - loads[1]) <= 3, loads
    results = read_in_processes(lambda n: (n, os.getpid()), [(n,) for n in range(40)], 2, weights)
    assert [n for n, _pid in results] == list(range(40))
    by_process = {}
    for n, pid in results:
        by_process[pid] = by_process.get(pid, 0) + weights[n]
    assert len(by_process) == 2 and abs(by_process[os.getpid()] - sum(weights) / 2) <= 3, by_process


def test_a_failure_in_a_forked_share_is_reported_with_its_traceback():
    def work(n):
        if n == 33:
            raise ValueError("broken item")
        return n

    with pytest.raises(ForkedFailure, match="broken item"):
        read_in_processes(work, [(n,) for n in range(40)], 2)


def test_reading_in_two_processes_gives_the_same_catalog(tmp_path):
    folder = many_carriers(tmp_path)
    one = load_catalog(folder, tmp_path, processes=1)
    two = load_catalog(folder, tmp_path, processes=2)
    assert one.errors == two.errors == []
    assert list(one.carriers) == list(two.carriers) and len(two.carriers) == len(list((ROOT / "carriers").glob("*.yaml"))) + 30
    assert one.carriers == two.carriers


def test_reading_in_two_processes_gives_the_same_errors(tmp_path):
    folder = many_carriers(tmp_path)
    # sorted file order alternates between the processes: break files on both sides
    for name, old, new in (("iijmio-03.yaml", "switch_to: [", "switch_to: [nowhere, "),
                           ("iijmio-04.yaml", "id: iijmio-04\n", "id: iijmio-04\nshoe_size: 27\n"),
                           ("iijmio-11.yaml", "amount: 1000", "amount: -5")):
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    one = load_catalog(folder, tmp_path, processes=1)
    two = load_catalog(folder, tmp_path, processes=2)
    assert [str(e) for e in one.errors] == [str(e) for e in two.errors]
    assert {e.file for e in two.errors} == {"carriers/iijmio-03.yaml", "carriers/iijmio-04.yaml", "carriers/iijmio-11.yaml"}
    assert any("nowhere" in e.message for e in two.errors) and two.carriers == {}


def test_texts_made_ahead_are_the_texts_made_on_request():
    makers = {f"c{n % 7}/p{n}.md": (lambda n=n: f"# page {n}\n" * 1000) for n in range(20)}
    ahead, here = PageSource(makers, ahead=2), PageSource(makers, ahead=0)
    try:
        assert len(ahead.processes) == 2 and here.processes == []
        for uri in reversed(list(makers)):  # asked out of order: earlier texts wait in memory
            assert ahead.text(uri) == here.text(uri) == makers[uri]()
    finally:
        ahead.close()


def test_a_folder_is_made_by_one_process_and_folders_take_turns():
    """A carrier's guide, its sources and its topics number their citations together: one process makes them."""
    share = shares(["index.md", "au/index.md", "iijmio/index.md", "au/sources.md", "iijmio/before.md", "api/carriers/au.json", "feeds/au.xml"], 2)
    assert share["au/index.md"] == share["au/sources.md"] != share["iijmio/index.md"] == share["iijmio/before.md"]
    assert sorted(share.values()) == [0, 0, 0, 0, 1, 1, 1] and share["api/carriers/au.json"] != share["feeds/au.xml"]


def test_a_template_failure_ahead_names_the_file_and_the_cause():
    def broken():
        raise KeyError("no such fact")

    source = PageSource({"a.md": lambda: "fine", "b.md": broken, "c.md": lambda: "never"}, ahead=1)
    try:
        assert source.text("a.md") == "fine"
        with pytest.raises(RenderError, match=r"b\.md(.|\n)*no such fact"):
            source.text("c.md")
    finally:
        source.close()


def test_closing_stops_a_process_that_is_still_making():
    def slow():
        time.sleep(0.2)
        return "x" * 1_000_000

    source = PageSource({f"{n}.md": slow for n in range(50)}, ahead=2)
    source.text("0.md")
    processes, threads = source.processes, source.threads
    assert all(p.is_alive() for p in processes)  # 49 texts to go
    source.close()
    assert source.processes == [] and not any(p.is_alive() for p in processes) and all(p.exitcode < 0 for p in processes)  # stopped, not finished
    assert not any(t.is_alive() for t in threads)


def test_texts_arrive_while_nobody_asks():
    """A forked process never waits for the build to ask: its texts (each more than a pipe holds) are taken as made."""
    source = PageSource({f"{n}.md": (lambda n=n: str(n) * 1_000_000) for n in range(20)}, ahead=1)
    try:
        source.processes[0].join(60)
        assert source.processes[0].exitcode == 0 and source.text("19.md") == "19" * 1_000_000
    finally:
        source.close()


@pytest.mark.skipif(not hasattr(pagesource.fcntl, "F_SETPIPE_SZ"), reason="pipe sizes are Linux's")
def test_a_forked_process_sends_a_dozen_pages_without_waiting(monkeypatch):
    """The pipe holds a dozen guide-sized pages: a forked process does not wait for this process's thread,
    which shares the interpreter with MkDocs' work, to take each page (a pipe holds 64 KB at first)."""
    release = threading.Event()
    receive = PageSource._receive
    monkeypatch.setattr(PageSource, "_receive", lambda self, k, receiver: release.wait(60) and receive(self, k, receiver))
    source = PageSource({f"{n}.md": (lambda n=n: str(n % 10) * 70_000) for n in range(12)}, ahead=1)
    try:
        source.processes[0].join(20)  # nobody takes the pages meanwhile
        assert source.processes[0].exitcode == 0
        release.set()
        assert source.text("11.md") == "1" * 70_000
    finally:
        release.set()
        source.close()


def set_up_build(config, command: str = "build"):
    """A build's plugin after reading the facts, adding the files and making the navigation (``on_nav``)."""
    from mkdocs.structure.nav import get_navigation

    plugin = config.plugins["kaiyaku"]
    plugin.on_startup(command=command, dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(Files([]), config=config)
    plugin.on_nav(get_navigation(files, config), config=config, files=files)
    return plugin, files


def test_the_build_makes_pages_ahead_but_serve_does_not(tmp_path):
    site = make_site(tmp_path, {}, real=True)
    config = load_config(str(site / "mkdocs.yml"))
    for command, forked in (("build", True), ("serve", False)):
        plugin, _files = set_up_build(config, command)
        try:
            assert (plugin.pages_ahead is not None) is forked
            assert (gc.get_freeze_count() > 0) is forked  # the catalog is kept from the cycle collector in builds only
            assert "0570-09-4400" in plugin.source.text("iijmio/index.md")
        finally:
            plugin.on_build_error(error=RuntimeError())
        assert not plugin.frozen and (gc.get_freeze_count() > 0) is forked  # a build's leftovers stay frozen (serve's are not)
        assert plugin.source is None and plugin.pages_ahead is None


def test_what_a_build_made_is_left_frozen_until_the_next_build_collects_it(tmp_path):
    """The process usually ends after a build: the cycle collector's last walk skips what is frozen. A
    next build in the same process (the tests, a program building twice) collects it first."""
    site = make_site(tmp_path, {}, real=True)
    config = load_config(str(site / "mkdocs.yml"))
    plugin, _files = set_up_build(config)
    plugin.on_build_error(error=RuntimeError())
    first = weakref.ref(plugin.nav)  # the navigation holds cycles (sections and their children): only the collector frees it
    del plugin, config, _files
    gc.collect()
    assert first() is not None and gc.get_freeze_count() > 0
    plugin, _files = set_up_build(load_config(str(site / "mkdocs.yml")))
    try:
        assert first() is None
    finally:
        plugin.on_build_error(error=RuntimeError())


def test_a_parallel_build_makes_the_same_site_as_a_serial_one(tmp_path):
    site = make_site(tmp_path, {}, real=True)
    git_commit(site)
    assert mkdocs_build(site, tmp_path / "parallel").returncode == 0
    set_plugin_options(site, parallel=False)
    result = mkdocs_build(site, tmp_path / "serial")
    assert result.returncode == 0, result.stderr
    parallel, serial = tree(tmp_path / "parallel"), tree(tmp_path / "serial")
    assert parallel == serial and "iijmio/index.html" in parallel and "api/carriers/iijmio.json" in parallel and "feeds/iijmio.xml" in parallel


def test_pages_are_made_ahead_only_where_no_other_plugin_acts_on_them(tmp_path):
    """Forked processes make generated pages whole only when the plugin is alone on the page events
    (another plugin's effects would stay in the forked process); the site is the same either way (above)."""
    from kaiyaku.mkdocs_plugin.pages_ahead import MADE_AHEAD, only_listener

    site = make_site(tmp_path, {}, real=True)
    config = load_config(str(site / "mkdocs.yml"))
    assert only_listener(config, config.plugins["kaiyaku"])
    plugin, files = set_up_build(config)
    try:
        ahead = {page.file.src_uri for page in plugin.pages_ahead.pages}
        assert 0 < len(ahead) < len(plugin.pages)  # a share; the build's process keeps the rest
        assert {uri.split("/")[0] for uri in ahead} & {"iijmio", "au"}
        assert all(files.get_file_from_path(uri).content_string == "" for uri in ahead)  # not made twice
        plugin.on_env(config.theme.get_env(), config=config, files=files)
        assert {f.src_uri for f in files.documentation_pages() if f.page.meta.get("template") == MADE_AHEAD} == ahead
        guide = next(p for p in plugin.pages_ahead.pages if p.file.src_uri.endswith("/index.md"))
        carrier_id = guide.file.src_uri.split("/")[0]
        html = plugin.pages_ahead.text(guide)
        assert f'<h1 id="{carrier_id}">' in html and html.lstrip().startswith("<!doctype html>")  # made whole, in the theme
    finally:
        plugin.on_build_error(error=RuntimeError())
    assert plugin.pages_ahead is None
    text = (site / "mkdocs.yml").read_text(encoding="utf-8")
    (site / "mkdocs.yml").write_text(text.replace("plugins:\n", "plugins:\n  - search\n", 1), encoding="utf-8")
    config = load_config(str(site / "mkdocs.yml"))
    assert not only_listener(config, config.plugins["kaiyaku"])
    plugin, _ = set_up_build(config)
    try:
        assert plugin.pages_ahead is None
    finally:
        plugin.on_build_error(error=RuntimeError())


def test_a_page_that_cannot_be_made_ahead_stops_the_build_naming_it(tmp_path):
    from mkdocs.exceptions import PluginError

    site = make_site(tmp_path, {}, real=True)
    (site / "macros" / "sources_page.html.j2").write_text("{{ no_such_macro() }}", encoding="utf-8")
    config = load_config(str(site / "mkdocs.yml"))
    plugin, files = set_up_build(config)
    try:
        plugin.on_env(config.theme.get_env(), config=config, files=files)
        ahead = next(p for p in plugin.pages_ahead.pages if p.file.src_uri.endswith("/sources.md"))
        with pytest.raises(PluginError) as failure:
            plugin.pages_ahead.text(ahead)
        assert "sources.md を作れませんでした" in str(failure.value) and "no_such_macro" in str(failure.value)
    finally:
        plugin.on_build_error(error=RuntimeError())


def test_the_build_keeps_a_smaller_share_of_the_folders():
    """MkDocs' own process also copies, writes and makes the JSON: it keeps 3 folders in 8 beside one forked process."""
    from kaiyaku.mkdocs_plugin.pages_ahead import forked_share

    folders = [f"c{i:03d}" for i in range(900)]
    assert abs(len(folders) - len(forked_share(folders, 2)) - 900 * 3 / 8) <= 1
    assert len(forked_share(folders, 4)) > 3 * 200 and forked_share(folders, 1) == set()


def test_what_a_forked_process_logs_is_logged_by_the_build(tmp_path, monkeypatch, caplog):
    """A warning while making a page ahead reaches MkDocs' own process (where --strict counts it), once."""
    import logging

    from kaiyaku.mkdocs_plugin import pages_ahead

    read = pages_ahead.read_page

    def warning_read(page, config, files):
        if page.file.src_uri.endswith("/sources.md"):
            logging.getLogger("mkdocs.plugins.example").warning("a warning about %s", page.file.src_uri)
        read(page, config, files)

    monkeypatch.setattr(pages_ahead, "read_page", warning_read)
    site = make_site(tmp_path, {}, real=True)
    config = load_config(str(site / "mkdocs.yml"))
    plugin, files = set_up_build(config)
    try:
        plugin.on_env(config.theme.get_env(), config=config, files=files)
        made = {p.file.src_uri: p for p in plugin.pages_ahead.pages}
        sources = [uri for uri in made if uri.endswith("/sources.md")]
        assert sources
        with caplog.at_level(logging.WARNING):
            for page in made.values():
                plugin.pages_ahead.text(page)
        assert [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.example"] == [f"a warning about {uri}" for uri in sources]
    finally:
        plugin.on_build_error(error=RuntimeError())
