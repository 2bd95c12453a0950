"""The GitHub workflows: valid against GitHub's schema, no medium or high zizmor finding, and the
shape the publishing pipeline relies on (README commands, deploy after build, minimal permissions)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))


def load(name: str) -> dict:
    return yaml.load((ROOT / ".github/workflows" / name).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def test_workflows_match_githubs_schema():
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_fact_report_form_matches_githubs_schema():
    forms = sorted((ROOT / ".github/ISSUE_TEMPLATE").glob("*.yml"))
    assert forms
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-issue-forms", *map(str, forms)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_medium_or_high():
    result = subprocess.run([str(BIN / "zizmor"), "--offline", "--min-severity", "medium", "--format", "plain", str(ROOT / ".github/workflows")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_to_a_commit():
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                ref = line.split("uses:")[1].split("#")[0].strip()
                assert len(ref.split("@")[1]) == 40, (path.name, ref)


def test_pull_requests_use_the_readme_commands_and_upload_the_site():
    steps = load("pull-request.yml")["jobs"]["check-test-build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert "make check" in runs and "make test" in runs and "make build" in runs
    assert any("upload-artifact" in s.get("uses", "") for s in steps)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme and (ROOT / ".ci/run").read_text(encoding="utf-8").strip().endswith("make test")


def test_main_deploys_only_after_a_successful_build_one_at_a_time():
    publish = load("publish.yml")
    assert publish["jobs"]["deploy"]["needs"] == "build"
    assert publish["concurrency"]["cancel-in-progress"] == "false"
    assert publish["permissions"] == {}
    assert publish["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert publish["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_weekly_report_never_fails_a_pull_request():
    sources = load("sources.yml")
    assert set(sources["on"]) == {"schedule", "workflow_dispatch"}
    assert sources["jobs"]["report"]["permissions"] == {"contents": "read", "issues": "write"}
