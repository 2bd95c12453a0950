"""Builds you can trust: byte-identical twice over, dated by the commit, and atomic on failure."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

from conftest import git_commit, make_site, mkdocs_build, tree


def test_two_builds_of_the_same_commit_are_byte_identical(tmp_path):
    site = make_site(tmp_path, {}, real=True)
    epoch = git_commit(site)
    assert mkdocs_build(site, tmp_path / "one").returncode == 0
    assert mkdocs_build(site, tmp_path / "two").returncode == 0
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert one == two
    assert any(k.startswith("pagefind/") for k in one) and "api/carriers/au.json" in one
    with gzip.open(tmp_path / "one/sitemap.xml.gz") as gz:
        gz.read()
        assert gz.mtime == epoch - epoch % 86400  # dated by the commit's day, not by the clock


def run_build(site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kaiyaku.commands.cli", "--root", str(site), "build"], capture_output=True, text=True,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"})


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path):
    site = make_site(tmp_path, {}, real=True)
    assert run_build(site).returncode == 0
    before = tree(site / "site")
    au = site / "carriers/au.yaml"
    au.write_text(au.read_text(encoding="utf-8").replace("amount: 990", "amount: 990円"), encoding="utf-8")
    result = run_build(site)
    assert result.returncode == 1
    assert "carriers/au.yaml" in result.stderr and "site/ は前のまま" in result.stderr
    assert tree(site / "site") == before
    assert not list(site.glob(".site-*"))


def test_a_killed_builds_folder_is_removed_by_the_next_build(tmp_path):
    """A build killed (SIGKILL) while it writes leaves its staging folder; the next build removes it,
    and leaves a running build's folder alone."""
    import os
    import signal
    import time

    site = make_site(tmp_path, {}, real=True)
    build = subprocess.Popen([sys.executable, "-m", "kaiyaku.commands.cli", "--root", str(site), "build"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env={"NO_MKDOCS_2_WARNING": "1", "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"})
    deadline = time.monotonic() + 60
    while not any(f.is_dir() and any(f.iterdir()) for f in site.glob(".site-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    build.send_signal(signal.SIGKILL)
    build.wait()
    left = list(site.glob(".site-*"))
    assert left, "the killed build left nothing to clean (it was killed too late)"
    running = site / f".site-{os.getpid()}-running"  # this process is alive: its folder is kept
    running.mkdir()
    assert run_build(site).returncode == 0
    assert not any(f.exists() for f in left) and running.exists()
    assert (site / "site/iijmio/index.html").exists()


def test_a_successful_build_replaces_the_site_whole(tmp_path):
    site = make_site(tmp_path, {}, real=True)
    (site / "site").mkdir()
    (site / "site/stale.html").write_text("old", encoding="utf-8")
    assert run_build(site).returncode == 0
    assert not (site / "site/stale.html").exists() and (site / "site/iijmio/index.html").exists()


def test_fact_changes_show_on_the_guide_and_in_its_feed(tmp_path):
    import xml.etree.ElementTree as ET

    from bs4 import BeautifulSoup

    site = make_site(tmp_path, {}, real=True)
    git_commit(site)
    au = site / "carriers/au.yaml"
    au.write_text(au.read_text(encoding="utf-8").replace("amount: 1100", "amount: 1000"), encoding="utf-8")
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           "GIT_AUTHOR_DATE": "2027-02-03T10:00:00Z", "GIT_COMMITTER_DATE": "2027-02-03T10:00:00Z", "PATH": "/usr/bin:/bin"}
    # control characters (invalid in XML) and a direction override in the message never reach the feed or the page
    subprocess.run(["git", "commit", "-qam", "au: 契約解除料を <更新>\x1b\x0c\x7f\u202e"], cwd=site, check=True, env=env)
    assert mkdocs_build(site).returncode == 0
    page = BeautifulSoup((site / "site/au/sources/index.html").read_text(encoding="utf-8"), "html.parser")
    rows = [tr.get_text(" ", strip=True) for tr in page.select("h2#history ~ div table tbody tr, h2#history + table tbody tr")]
    # what changed is read from the file, in Japanese; the commit's message is not shown
    assert rows[0] == "2027年2月3日 解約にかかる料金: 1 件更新"
    assert not any("<更新>" in row for row in rows)
    assert "ファイルを作成" in rows[-1]
    feed = ET.parse(site / "site/feeds/au.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert entries[0].find("a:summary", ns).text == "解約にかかる料金: 1 件更新"
    assert entries[0].find("a:title", ns).text == "2027-02-03: 解約にかかる料金: 1 件更新"
    assert feed.find("a:updated", ns).text == "2027-02-03T00:00:00Z"
    # no <link rel=alternate> in <head>: Material's JS would fetch a sitemap next to it; the page links the feed
    assert page.select_one('h2#history ~ p a[href$="feeds/au.xml"]') is not None
