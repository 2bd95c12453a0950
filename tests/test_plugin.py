"""The MkDocs plugin: watches for serve, generated pages in memory, errors as build failures."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files



@pytest.fixture
def config():
    return load_config(str(ROOT / "mkdocs.yml"))


def test_serve_watches_carriers_and_macros_and_polls_them_faster(config, tmp_path):
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(ROOT / "content"))  # what MkDocs watches before it asks the plugins
    config.plugins["kaiyaku"].on_serve(server, config=config, builder=None)
    polls = {Path(emitter.watch.path).name: emitter.timeout for emitter in server.observer.emitters}
    assert polls == {"content": 0.5, "carriers": 0.1, "macros": 0.1}
    assert server.observer.timeout == 0.5  # anything watched later keeps MkDocs' interval
    server.server_close()


def test_pages_are_generated_in_memory(config):
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(Files([]), config=config)
    guide = files.get_file_from_path("iijmio/index.md")
    assert guide is not None and guide.generated_by == "kaiyaku"
    assert "初期契約解除" in guide.content_string
    assert not (Path(config.docs_dir) / "iijmio").exists()


def test_an_edited_fact_shows_after_reloading(tmp_path, config):
    """What `mkdocs serve` does on a change: a new on_config reads the edited file."""
    import shutil

    proj = tmp_path / "p"
    shutil.copytree(ROOT / "carriers", proj / "carriers")
    shutil.copytree(ROOT / "macros", proj / "macros")
    shutil.copytree(ROOT / "content", proj / "content")
    shutil.copytree(ROOT / "overrides", proj / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", proj / "mkdocs.yml")
    shutil.copy(ROOT / "rules.yaml", proj / "rules.yaml")
    cfg = load_config(str(proj / "mkdocs.yml"))
    plugin = cfg.plugins["kaiyaku"]
    plugin.on_config(cfg)
    assert "0570-09-4400" in plugin.source.text("iijmio/index.md").replace("\\", "")
    path = proj / "carriers/iijmio.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("0570-09-4400", "0570-09-4401"), encoding="utf-8")
    cfg = load_config(str(proj / "mkdocs.yml"))
    plugin = cfg.plugins["kaiyaku"]
    plugin.on_config(cfg)
    assert "0570-09-4401" in plugin.source.text("iijmio/index.md").replace("\\", "")


def test_bad_facts_stop_the_build_with_every_error(tmp_path, config):
    import shutil

    proj = tmp_path / "p"
    shutil.copytree(ROOT / "carriers", proj / "carriers")
    shutil.copytree(ROOT / "macros", proj / "macros")
    (proj / "content").mkdir()
    shutil.copy(ROOT / "mkdocs.yml", proj / "mkdocs.yml")
    (proj / "overrides").mkdir()
    au = proj / "carriers/au.yaml"
    au.write_text(au.read_text(encoding="utf-8").replace("amount: 990", "amount: 990円").replace("amount: 1100", "amount: 1,100"), encoding="utf-8")
    cfg = load_config(str(proj / "mkdocs.yml"))
    with pytest.raises(PluginError) as info:
        cfg.plugins["kaiyaku"].on_config(cfg)
    message = str(info.value)
    assert message.count("carriers/au.yaml:") == 2 and "'990円'" in message and "'1,100'" in message


def test_serve_reads_the_history_again_only_after_a_commit(tmp_path, monkeypatch):
    """An edit shows at once because `serve` keeps the carriers' histories (every past version of every file,
    read from git) until the checked-out commit changes; a new commit's change shows on the page of sources."""
    import subprocess

    from conftest import git_commit, make_site

    from kaiyaku.mkdocs_plugin import plugin as plugin_module

    site = make_site(tmp_path, {}, real=True)
    git_commit(site)
    reads = []
    real = plugin_module.histories
    monkeypatch.setattr(plugin_module, "histories", lambda *args: reads.append(1) or real(*args))
    cfg = load_config(str(site / "mkdocs.yml"))
    plugin = cfg.plugins["kaiyaku"]
    plugin.on_startup(command="serve", dirty=False)
    path = site / "carriers/iijmio.yaml"
    for old, number in (("0570-09-4400", "0570-09-4401"), ("0570-09-4401", "0570-09-4402")):
        path.write_text(path.read_text(encoding="utf-8").replace(old, number), encoding="utf-8")
        plugin.on_config(cfg)
        assert number in plugin.source.text("iijmio/index.md")
    assert len(reads) == 1
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           "GIT_AUTHOR_DATE": "2027-01-06T10:00:00Z", "GIT_COMMITTER_DATE": "2027-01-06T10:00:00Z", "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", "commit", "-qam", "IIJmio の電話番号を直す"], cwd=site, check=True, env=env)
    plugin.on_config(cfg)
    # the new commit's change shows, as what changed in the file (not the commit's message)
    assert len(reads) == 2 and "<td>2027年1月6日</td><td>問い合わせ窓口: 1 件更新</td>" in plugin.source.text("iijmio/sources.md")
    plugin.on_build_error(error=RuntimeError())
