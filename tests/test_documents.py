"""The documents a newcomer reads: the README stays short, links between the documents reach an existing file
and heading, paths they name exist, and the carrier files' header comments point at files in the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

DOCUMENTS = ["README.md", "CONTRIBUTING.md", "benchmarks/README.md", "docs/ARCHITECTURE.md"]
README_LIMIT = 12_000
#: top-level folders of the repository: a `path` in backticks that starts with one of these must exist
REPO_FOLDERS = ("carriers/", "kaiyaku/", "macros/", "content/", "overrides/", "schema/", "tests/", "benchmarks/", "scripts/", "docs/", ".github/")
GENERATED = ("tests/artifacts/",)  # written by the tests, not kept in git


def slugs(markdown: str) -> set[str]:
    """The anchors GitHub gives a document's headings: lower case, punctuation dropped, spaces as hyphens."""
    found: set[str] = set()
    for heading in re.findall(r"^#{1,6} +(.+?) *$", re.sub(r"```.*?```", "", markdown, flags=re.S), flags=re.M):
        base = re.sub(r"[^\w\- ]", "", heading.replace("`", "").lower()).replace(" ", "-")
        slug, n = base, 0
        while slug in found:
            n += 1
            slug = f"{base}-{n}"
        found.add(slug)
    return found


def links(markdown: str) -> list[str]:
    """Every Markdown link's target outside code (blocks and spans), web addresses left out."""
    text = re.sub(r"`[^`\n]*`", "", re.sub(r"```.*?```", "", markdown, flags=re.S))
    return [t for t in re.findall(r"\]\(([^)\s]+)\)", text) if not re.match(r"[a-z]+:", t)]


def broken_links(document: Path) -> list[str]:
    broken = []
    for target in links(document.read_text(encoding="utf-8")):
        path, _, anchor = target.partition("#")
        file = (document.parent / path).resolve() if path else document
        if not file.exists():
            broken.append(f"{target}: no file {file.relative_to(ROOT) if file.is_relative_to(ROOT) else file}")
        elif anchor and file.suffix == ".md" and anchor not in slugs(file.read_text(encoding="utf-8")):
            broken.append(f"{target}: no heading with anchor #{anchor}")
    return broken


def test_the_readme_is_short_and_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme) <= README_LIMIT, f"README.md has {len(readme)} characters (at most {README_LIMIT}): move details to docs/ or benchmarks/"
    sections = re.findall(r"^## (.+)$", readme, flags=re.M)
    assert sections[0] == "Two commands", sections
    first = readme.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    assert "make serve" in first and "make test" in first


@pytest.mark.parametrize("document", DOCUMENTS)
def test_links_between_the_documents_reach_a_file_and_heading(document):
    assert broken_links(ROOT / document) == []


@pytest.mark.parametrize("document", DOCUMENTS)
def test_paths_the_documents_name_exist(document):
    text = re.sub(r"```.*?```", "", (ROOT / document).read_text(encoding="utf-8"), flags=re.S)
    named = {re.sub(r"(:\d+)+$", "", p) for p in re.findall(r"`([^`\s<>*]+)`", text) if p.startswith(REPO_FOLDERS) and not p.startswith(GENERATED)}
    assert {p for p in named if not (ROOT / p).exists()} == set()


def test_a_broken_link_or_anchor_is_found(tmp_path):
    """The checks above can fail: a link to a missing file and one to a missing heading are reported."""
    doc = tmp_path / "doc.md"
    doc.write_text("# Title\n\n## Two words\n\n[a](gone.md) [b](#two-words) [c](#three) [d](https://example.org/x)\n", encoding="utf-8")
    broken = broken_links(doc)
    assert len(broken) == 2 and broken[0].startswith("gone.md") and broken[1].startswith("#three")


def header_comments(text: str) -> str:
    """The comments at the top of a carrier file that a person reads (the editor's schema line left out)."""
    return "\n".join(line for line in text.splitlines()[:12] if line.startswith("#") and "yaml-language-server" not in line)


@pytest.mark.parametrize("path", sorted(p.name for p in (ROOT / "carriers").glob("*.yaml")) + ["scaffold"])
def test_a_carrier_files_header_points_at_files_in_the_repository(path, tmp_path):
    """The header tells an editor where the format is written down: CONTRIBUTING.md and the schema, both here."""
    if path == "scaffold":
        from kaiyaku.commands.cli import main

        (tmp_path / "carriers").mkdir()
        assert main(["--root", str(tmp_path), "new", "newco", "--name", "ニューコ"]) == 0
        text = (tmp_path / "carriers/newco.yaml").read_text(encoding="utf-8")
    else:
        text = (ROOT / "carriers" / path).read_text(encoding="utf-8")
    header = header_comments(text)
    assert "CONTRIBUTING.md" in header and "schema/carrier.schema.json" in header, header
    named = set(re.findall(r"[\w./-]+\.(?:md|json|py|yaml)\b", header))
    missing = {n for n in named if not (ROOT / n).exists()}
    assert missing == set(), f"{path} names files the repository does not have: {missing}"
