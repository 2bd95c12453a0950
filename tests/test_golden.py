"""Golden tests: a small carrier file in, the exact Markdown of each section out.

Regenerate after an intended template change with ``UPDATE_GOLDEN=1 make test`` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT

from kaiyaku.facts.catalog import load_catalog
from kaiyaku.output.render import Renderer
from kaiyaku.derive.switching import switch_rows
from kaiyaku.derive.timing import timing_for

GOLDEN = Path(__file__).resolve().parent / "golden"
SECTIONS = ["summary", "chooser", "ways", "timing", "billing", "fees", "sim_return", "faq", "switching", "contacts", "mnp", "minimum_term"]


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    folder = tmp_path_factory.mktemp("golden") / "carriers"
    folder.mkdir()
    for name in ("minimal_guide.yaml", "target_profile.yaml"):
        text = (FIXTURES / name).read_text(encoding="utf-8")
        (folder / name.replace("_guide", "").replace("_profile", "")).write_text(text, encoding="utf-8")
    catalog = load_catalog(folder, folder.parent)
    assert catalog.ok, catalog.errors
    carrier = catalog.get("minimal")
    return {"carrier": carrier, "carriers": catalog.carriers, "rows": switch_rows(carrier, catalog.carriers), "timing": timing_for(carrier)}


@pytest.mark.parametrize("section", SECTIONS)
def test_section_matches_its_golden_file(section, context):
    env = Renderer(ROOT / "macros", today=dt.date(2026, 6, 1), issue_url="https://example.com/issues/new").env
    out = env.get_template(f"sections/{section}.md.j2").render(**context)
    golden = GOLDEN / f"{section}.md"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_every_template_names_what_it_expects():
    for template in (ROOT / "macros").rglob("*.j2"):
        head = template.read_text(encoding="utf-8").lstrip()
        assert head.startswith("{#") and "Expects" in head.split("#}")[0], template


def test_old_sources_are_flagged_for_rechecking(context):
    env = Renderer(ROOT / "macros", today=dt.date(2027, 3, 1), stale_after_days=365).env
    out = env.get_template("sections/faq.md.j2").render(**context)
    assert "確認から 423 日・要再確認" in out
    fresh = Renderer(ROOT / "macros", today=dt.date(2026, 3, 1), stale_after_days=365).env
    assert "要再確認" not in fresh.get_template("sections/faq.md.j2").render(**context)


def test_each_section_links_to_a_prefilled_issue_naming_carrier_and_section(context):
    env = Renderer(ROOT / "macros", issue_url="https://example.com/issues/new").env
    out = env.get_template("sections/sim_return.md.j2").render(**context)
    (url,) = [part.split(")")[0] for part in out.split("[この節の誤りを知らせる](")[1:]]
    from urllib.parse import parse_qs, urlsplit
    from markupsafe import Markup

    query = parse_qs(urlsplit(Markup(url).unescape()).query)
    assert query["title"] == ["[ミニマル] SIMカードの返却 の事実の誤り"]
    assert query["carrier"] == ["ミニマル(minimal)"] and query["section"] == ["SIMカードの返却"]
    # every other parameter fills a field of the issue form the link opens
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE" / query["template"][0]).read_text(encoding="utf-8"))
    fields = {item["id"] for item in form["body"] if "id" in item}
    assert set(query) - {"template", "title"} <= fields and "labels" not in query
    assert form["labels"] == ["fact"]
    assert "この節の誤りを知らせる" not in Renderer(ROOT / "macros").env.get_template("sections/sim_return.md.j2").render(**context)
