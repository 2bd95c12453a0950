"""The editors' commands: check (exit codes, GitHub annotations, step summary), new, schema."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml
from conftest import FIXTURES, ROOT

from kaiyaku.facts.errors import FactError
from kaiyaku.commands.reporting import github_annotations, step_summary
from kaiyaku.facts.schema import SCHEMA_PATH, schema_text


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    (tmp_path / "rules.yaml").write_text((ROOT / "rules.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "carriers").mkdir()
    for name, text in files.items():
        (tmp_path / "carriers" / name).write_text(text, encoding="utf-8")
    return tmp_path


def run(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kaiyaku.commands.cli", "--root", str(root), *args], capture_output=True, text=True, env=env)


def fixtures() -> dict[str, str]:
    return {
        "minimal.yaml": (FIXTURES / "minimal_guide.yaml").read_text(encoding="utf-8"),
        "target.yaml": (FIXTURES / "target_profile.yaml").read_text(encoding="utf-8"),
    }


def test_check_exits_0_on_clean_facts(tmp_path):
    result = run(project(tmp_path, fixtures()), "check")
    assert result.returncode == 0 and "2 件" in result.stdout


def test_check_exits_1_and_lists_every_error(tmp_path):
    files = fixtures()
    files["minimal.yaml"] = files["minimal.yaml"].replace("amount: 3300", "amount: 3,300")
    files["target.yaml"] = files["target.yaml"].replace("checked: 2026-01-03", "checked: 2026/01/03")
    result = run(project(tmp_path, files), "check")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("carriers/minimal.yaml:") and "fees[0].amount: '3,300'" in lines[0] and "3300 と書いて" in lines[0]
    assert lines[1].startswith("carriers/target.yaml:") and "2026-01-03" in lines[1]
    assert "2 件のエラー" in lines[-1]


def test_check_exits_2_on_bad_usage(tmp_path):
    assert run(tmp_path, "check", "--no-such-flag").returncode == 2
    assert run(tmp_path).returncode == 2


def test_check_under_github_actions_annotates_and_summarises(tmp_path):
    files = fixtures()
    files["minimal.yaml"] = files["minimal.yaml"].replace("amount: 3300", "amount: 3,300")
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary), "PATH": "/usr/bin:/bin"}
    result = run(project(tmp_path, files), "check", env=env)
    assert result.returncode == 1
    (annotation,) = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert annotation.startswith("::error file=carriers/minimal.yaml,line=") and ",col=13," in annotation
    assert "'3,300'" in annotation.split("::")[2]
    assert "| carriers/minimal.yaml |" in summary.read_text(encoding="utf-8")


def test_annotations_escape_the_workflow_command_format():
    error = FactError("carriers/a,b:c.yaml", 3, 4, "x.y", "100% 違う\n2 行目", "直す")
    (line,) = github_annotations([error])
    assert line.startswith("::error file=carriers/a%2Cb%3Ac.yaml,line=3,col=4,title=x.y::")
    assert "100%25 違う%0A2 行目" in line and "\n" not in line


def test_step_summary_escapes_table_pipes():
    table = step_summary([FactError("a.yaml", 1, 1, "p", "a | b", "c")])
    assert "a \\| b" in table


def test_new_scaffolds_every_required_section_and_refuses_existing_ids(tmp_path):
    root = project(tmp_path, fixtures())
    result = run(root, "new", "newco", "--name", "ニューコ")
    assert result.returncode == 0, result.stderr
    text = (root / "carriers/newco.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    for section in ("ways", "fees", "billing", "sim_return", "faq", "switch_to", "sources"):
        assert section in data, section
    assert text.startswith("# yaml-language-server: $schema=")
    assert dt.date.today().isoformat() in text
    check = run(root, "check")
    assert check.returncode == 1 and "TODO" in check.stderr  # a scaffold cannot be published until filled in
    again = run(root, "new", "newco", "--name", "x")
    assert again.returncode == 1 and "もうあります" in again.stderr
    assert run(root, "new", "Bad_ID", "--name", "x").returncode == 2


def test_new_refuses_an_id_the_site_uses(tmp_path):
    root = project(tmp_path, fixtures())
    (root / "content").mkdir()
    (root / "content/about.md").write_text("# about\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: x\ndocs_dir: content\n", encoding="utf-8")
    for taken in ("compare", "api", "about"):
        result = run(root, "new", taken, "--name", "x")
        assert result.returncode == 2 and f"/{taken}/" in result.stderr
        assert not (root / f"carriers/{taken}.yaml").exists()


def test_check_and_new_read_docs_dir_from_mkdocs_yml(tmp_path):
    from kaiyaku.facts.catalog import docs_dir_of

    (tmp_path / "mkdocs.yml").write_text("site_name: x\ndocs_dir: pages\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n", encoding="utf-8")
    assert docs_dir_of(tmp_path) == tmp_path / "pages"
    assert docs_dir_of(tmp_path / "nowhere") == tmp_path / "nowhere/docs"


def test_new_profile_scaffold(tmp_path):
    root = project(tmp_path, {})
    assert run(root, "new", "p", "--name", "P", "--profile").returncode == 0
    data = yaml.safe_load((root / "carriers/p.yaml").read_text(encoding="utf-8"))
    assert data["role"] == "profile" and "ways" not in data


def test_committed_schema_is_not_stale():
    committed = (ROOT / SCHEMA_PATH).read_text(encoding="utf-8")
    assert committed == schema_text(), "schema/carrier.schema.json is stale: run `make schema`"


def test_schema_accepts_the_real_files_as_an_editor_reads_them():
    """The editor's view (YAML 1.2 via yaml-language-server) of every real file passes the schema."""
    schema = json.loads((ROOT / SCHEMA_PATH).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((ROOT / "carriers").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12Loader)
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], (path.name, errors[:3])


def test_schema_descriptions_are_in_japanese():
    schema = json.loads((ROOT / SCHEMA_PATH).read_text(encoding="utf-8"))
    way = schema["$defs"]["Way"]["properties"]
    assert "いつ解約になるか" in way["takes_effect"]["description"]


def test_every_carrier_file_has_the_schema_modeline():
    for path in (ROOT / "carriers").glob("*.yaml"):
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schema/carrier.schema.json"), path


class _Yaml12Loader(yaml.SafeLoader):
    """Roughly how editors read YAML (1.2 core): dates stay strings, 9:00 stays a string."""


_Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, regexp) for tag, regexp in v if tag not in ("tag:yaml.org,2002:timestamp",)]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
