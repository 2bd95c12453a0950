"""A carrier's changelog from git: each commit that touched its file, newest first, with the sections it changed."""

from __future__ import annotations

import datetime as dt
import subprocess

import yaml

from conftest import FIXTURES, check_text

from kaiyaku.derive.history import head_commit, histories

GUIDE = (FIXTURES / "minimal_guide.yaml").read_text(encoding="utf-8")
TARGET = (FIXTURES / "target_profile.yaml").read_text(encoding="utf-8")


def commit(root, message: str, day: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           "GIT_AUTHOR_DATE": f"{day}T10:00:00Z", "GIT_COMMITTER_DATE": f"{day}T10:00:00Z", "PATH": "/usr/bin:/bin"}
    for cmd in (["git", "add", "-A"], ["git", "commit", "-qm", message]):
        subprocess.run(cmd, cwd=root, check=True, env=env, capture_output=True)
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True).stdout.strip()


def test_each_commit_to_a_carrier_file_is_a_change_newest_first(tmp_path):
    folder = tmp_path / "carriers"
    folder.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (folder / "minimal.yaml").write_text(GUIDE, encoding="utf-8")
    first = commit(tmp_path, "ミニマルを足す", "2026-01-05")
    (folder / "minimal.yaml").write_text(GUIDE.replace("amount: 1100", "amount: 990").replace("name: ミニマル", "name: ミニ"), encoding="utf-8")
    (folder / "target.yaml").write_text(TARGET, encoding="utf-8")
    (tmp_path / "README").write_text("not a carrier", encoding="utf-8")
    second = commit(tmp_path, "料金を直す", "2026-02-10")
    (folder / "minimal.yaml").write_text("id: [broken\n", encoding="utf-8")
    third = commit(tmp_path, "壊れた版", "2026-03-01")
    carriers = {cid: check_text(text, f"carriers/{cid}.yaml")[0] for cid, text in (("minimal", GUIDE), ("target", TARGET), ("gone", TARGET))}
    found = histories(tmp_path, carriers)
    entries = {cid: [(c.commit, c.date, c.sections) for c in changes] for cid, changes in found.items()}
    # each entry says which sections changed (what changed in each is tests/test_history.py's); a version that
    # does not read as YAML has none of the sections before it
    every_section = tuple(yaml.safe_load(GUIDE))
    assert entries["minimal"] == [(third, dt.date(2026, 3, 1), every_section), (second, dt.date(2026, 2, 10), ("name", "fees")),
                                  (first, dt.date(2026, 1, 5), ("created",))]
    assert entries["target"] == [(second, dt.date(2026, 2, 10), ("created",))]
    assert found["gone"] == []
    assert head_commit(tmp_path) == third


def test_outside_git_there_is_no_history(tmp_path):
    carriers = {"minimal": check_text(GUIDE, "carriers/minimal.yaml")[0]}
    assert histories(tmp_path, carriers) == {"minimal": []}
    assert head_commit(tmp_path) is None
