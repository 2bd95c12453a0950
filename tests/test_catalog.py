"""Rules across files: references to other carriers, self-references, file names, all errors at once."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, ROOT

from kaiyaku.facts.catalog import load_catalog

GUIDE = (FIXTURES / "minimal_guide.yaml").read_text(encoding="utf-8")
TARGET = (FIXTURES / "target_profile.yaml").read_text(encoding="utf-8")


def folder(tmp_path: Path, files: dict[str, str]) -> Path:
    d = tmp_path / "carriers"
    d.mkdir()
    for name, text in files.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


def test_the_real_carriers_are_clean():
    catalog = load_catalog(ROOT / "carriers", ROOT)
    assert catalog.errors == []
    assert {c.id for c in catalog.guides()} >= {"iijmio", "au"}


def test_a_missing_switching_target_suggests_the_closest_id(tmp_path):
    d = folder(tmp_path, {"minimal.yaml": GUIDE.replace("switch_to: [target]", "switch_to: [targit]"), "target.yaml": TARGET})
    catalog = load_catalog(d, tmp_path)
    (error,) = catalog.errors
    assert error.file == "carriers/minimal.yaml" and error.path == "switch_to[0]"
    assert "targit" in error.message and "target" in error.hint
    assert catalog.carriers == {}


def test_a_carrier_listing_itself_is_refused(tmp_path):
    d = folder(tmp_path, {"minimal.yaml": GUIDE.replace("switch_to: [target]", "switch_to: [minimal]"), "target.yaml": TARGET})
    (error,) = load_catalog(d, tmp_path).errors
    assert "自分自身" in error.message


def test_a_broken_target_does_not_make_its_referrers_fail_too(tmp_path):
    d = folder(tmp_path, {"minimal.yaml": GUIDE, "target.yaml": TARGET.replace("amount: 990", "amount: 990円")})
    errors = load_catalog(d, tmp_path).errors
    assert [e.file for e in errors] == ["carriers/target.yaml"]


def test_a_duplicated_id_is_refused(tmp_path):
    d = folder(tmp_path, {"minimal.yaml": GUIDE, "copy.yaml": GUIDE, "target.yaml": TARGET})
    errors = load_catalog(d, tmp_path).errors
    assert any(e.file == "carriers/copy.yaml" and e.path == "id" for e in errors)


def test_errors_of_all_files_come_in_one_run_sorted_by_file_and_line(tmp_path):
    d = folder(tmp_path, {
        "minimal.yaml": GUIDE.replace("amount: 1100", "amount: 3,300").replace("checked: 2026-01-02", "checked: 2026/1/2"),
        "target.yaml": TARGET.replace("amount: 990", "amount: ¥990"),
        "wrong.yml": "id: wrong\n",
    })
    errors = load_catalog(d, tmp_path).errors
    assert [e.file for e in errors] == ["carriers/minimal.yaml", "carriers/minimal.yaml", "carriers/target.yaml", "carriers/wrong.yml"]
    assert errors[0].line < errors[1].line
