"""`kaiyaku check` as CI runs it: over the real repository, inside git, at HEAD, where "today" is the
commit's own day (the build tests copy the project outside git, where today is the clock's)."""

from __future__ import annotations

import subprocess
import sys

from conftest import FIXTURES, ROOT, git_commit, make_site

GUIDE = (FIXTURES / "minimal_guide.yaml").read_text(encoding="utf-8")
TARGET = (FIXTURES / "target_profile.yaml").read_text(encoding="utf-8")
#: git_commit's date: the commit's own day
COMMIT_DAY = "2027-01-05"


def check(root) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kaiyaku.commands.cli", "--root", str(root), "check"], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin"})


def test_check_passes_over_the_real_repository_at_head():
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    assert head.returncode == 0, "the repository must be a git checkout (as CI's is)"
    result = check(ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "問題はありません" in result.stdout


def _committed(tmp_path, checked: str):
    site = make_site(tmp_path, {"minimal.yaml": GUIDE.replace("checked: 2026-01-02", f"checked: {checked}"), "target.yaml": TARGET})
    git_commit(site)
    return site


def test_a_source_checked_on_the_commits_own_day_is_accepted(tmp_path):
    result = check(_committed(tmp_path, COMMIT_DAY))
    assert result.returncode == 0, result.stderr


def test_a_source_checked_the_day_after_the_commit_is_refused(tmp_path):
    result = check(_committed(tmp_path, "2027-01-06"))
    assert result.returncode == 1
    assert f"確認日 2027-01-06 がまだ来ていません(このコミットは {COMMIT_DAY})" in result.stderr


def test_today_is_the_commits_day_until_a_fact_file_changes(tmp_path):
    """What "today" is for the facts: the day of HEAD's commit in a clean checkout; the clock's day while a fact
    file has changes not yet committed (an editor checking before committing) and outside git."""
    import datetime as dt

    from kaiyaku.facts.clock import checks_allowed_until, commit_time, reference_date

    assert commit_time(tmp_path) is None and checks_allowed_until(tmp_path) == dt.date.today()
    site = _committed(tmp_path, "2026-01-02")
    assert commit_time(site) == 1799143200 and reference_date(1799143200) == dt.date(2027, 1, 5)
    assert checks_allowed_until(site) == dt.date(2027, 1, 5)
    (site / "README").write_text("not a fact", encoding="utf-8")
    assert checks_allowed_until(site) == dt.date(2027, 1, 5)  # a change outside the facts
    (site / "carriers/target.yaml").write_text(TARGET + "\n", encoding="utf-8")
    assert checks_allowed_until(site) == dt.date.today()
    assert reference_date(None) == dt.date.today()
