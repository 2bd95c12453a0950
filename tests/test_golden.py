"""Golden tests: a small carrier file in, the exact HTML of each section out (as a page carries it).

Regenerate after an intended template change with ``UPDATE_GOLDEN=1 make test`` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT

from kaiyaku.facts.catalog import load_catalog
from kaiyaku.output.article import finish
from kaiyaku.output.citations import Citations
from kaiyaku.output.render import SECTION_LABELS, Renderer
from kaiyaku.derive.in_force import catalog_as_of
from kaiyaku.derive.switching import switch_rows
from kaiyaku.derive.timing import timing_for
from kaiyaku.derive.answer import answer_for

GOLDEN = Path(__file__).resolve().parent / "golden"
SECTIONS = ["summary", "chooser", "ways", "timing", "billing", "fees", "sim_return", "faq", "switching", "contacts", "mnp", "minimum_term"]


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    folder = tmp_path_factory.mktemp("golden") / "carriers"
    folder.mkdir()
    for name in ("minimal_guide.yaml", "target_profile.yaml", "rich_guide.yaml"):
        text = (FIXTURES / name).read_text(encoding="utf-8")
        (folder / name.replace("_guide", "").replace("_profile", "")).write_text(text, encoding="utf-8")
    catalog = load_catalog(folder, folder.parent)
    assert catalog.ok, catalog.errors
    return catalog


def context_of(catalog, carrier_id: str, today: dt.date) -> dict:
    """A guide's template variables as the renderer gives them: the carrier as it is on ``today``."""
    carriers, others = catalog_as_of(catalog.carriers, today)
    carrier = carriers[carrier_id]
    return {"carrier": carrier, "carriers": carriers, "rows": switch_rows(carrier, carriers), "timing": timing_for(carrier),
            "answer": answer_for(carrier, timing_for(carrier)),
            "rules": None, "others": others[carrier_id], "section_labels": SECTION_LABELS, "sources_url": "sources/"}


@pytest.fixture(scope="module")
def context(catalog):
    return context_of(catalog, "minimal", dt.date(2026, 6, 1))


def rendered(section: str, context: dict, renderer: Renderer) -> str:
    """One section as a page renders it: with the page's numbered references."""
    refs = Citations.for_page(context["carrier"], renderer.today, renderer.stale_after_days)
    return finish(renderer.env.get_template(f"sections/{section}.html.j2").render(**context, refs=refs))


@pytest.mark.parametrize("section", SECTIONS)
def test_section_matches_its_golden_file(section, context):
    out = rendered(section, context, Renderer(ROOT / "macros", today=dt.date(2026, 6, 1), issue_url="https://example.com/issues/new"))
    golden = GOLDEN / f"{section}.html"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


RICH_SECTIONS = ["summary", "before_list", "ways", "billing", "fees", "contacts", "faq", "switching", "timing", "other_rules"]


@pytest.mark.parametrize("section", RICH_SECTIONS)
def test_every_new_field_renders_as_its_golden_file(section, catalog):
    """Source kinds and dates, rules in force, tax as given, conditional fees, brands, chat and unknown
    channels, contacts with several numbers and hours, disputes on items (tests/fixtures/rich_guide.yaml)."""
    out = rendered(section, context_of(catalog, "rich", dt.date(2026, 6, 1)), Renderer(ROOT / "macros", today=dt.date(2026, 6, 1)))
    golden = GOLDEN / f"rich_{section}.html"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_topics_before_cancelling_render_as_their_golden_file(catalog):
    """Each topic is marked for the chooser (data-topic), with its amounts, deadline and sources."""
    context = context_of(catalog, "rich", dt.date(2026, 6, 1))
    context.update(items=context["carrier"].before_cancel, heading="解約の前に確かめること", anchor="before-cancel", label="解約の前に確かめること")
    out = rendered("topics", context, Renderer(ROOT / "macros", today=dt.date(2026, 6, 1)))
    golden = GOLDEN / "rich_before_cancel.html"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")
    chooser = rendered("chooser", context, Renderer(ROOT / "macros", today=dt.date(2026, 6, 1)))
    # the carrier has instalment and mail topics, no family discounts: two questions, not three
    assert 'name="installments"' in chooser and 'name="mail"' in chooser and 'name="family"' not in chooser


def test_a_rule_moves_to_the_earlier_rules_when_its_period_ends(catalog):
    """Built on two dates: before its end a fee is current (in the table, on the ways, in the calculator);
    after, it is only under 以前のルール with its end date and source."""
    from kaiyaku.derive.calculator import calculator_data

    before = context_of(catalog, "rich", dt.date(2022, 1, 15))
    after = context_of(catalog, "rich", dt.date(2022, 2, 1))
    renderer = Renderer(ROOT / "macros", today=dt.date(2022, 1, 15))
    fees_before, fees_after = rendered("fees", before, renderer), rendered("fees", after, renderer)
    assert '<tr><th scope="row">解約金(2 年契約)</th><td data-label="金額">9,500円(税抜)</td>' in fees_before and "解約金" not in fees_after
    assert "<li>解約金(2 年契約): 9,500円(税抜)</li>" in rendered("ways", before, renderer) and "解約金" not in rendered("ways", after, renderer)
    earlier = rendered("other_rules", after, renderer)
    assert "終了" in earlier and "2022年1月まで" in earlier and "解約金(2 年契約) 9,500円(税抜)" in earlier
    # the fee from 2025-03-01 is not current in 2022: not shown as a cost, listed as starting later
    assert "契約解除料" not in fees_before and "予定" in rendered("other_rules", before, renderer)
    assert [f.id for f in after["carrier"].fees] == [] and [f.id for f in context_of(catalog, "rich", dt.date(2025, 3, 1))["carrier"].fees] == ["short-term"]
    assert calculator_data(after["carrier"], after["carriers"])["pairs"][0]["reservation"] == "plan_change"


def test_no_tax_label_the_file_does_not_give(catalog):
    """Every 税込 / 税抜 on a page is the tax its file states for that amount, never one a template adds."""
    renderer = Renderer(ROOT / "macros", today=dt.date(2026, 6, 1))
    context = context_of(catalog, "rich", dt.date(2026, 6, 1))
    text = "".join(rendered(s, context, renderer) for s in RICH_SECTIONS)
    labelled = re.findall(r"([\d,]+)円\((税込|税抜|不課税)", text)
    given = {(f"{a.amount:,}", {"included": "税込", "excluded": "税抜", "exempt": "不課税"}[a.tax])
             for c in catalog.carriers.values() for a in [*c.fees, *c.prices, *c.contract_fees] if a.tax}
    assert labelled and set(labelled) <= given, set(labelled) - given
    assert text.count("税") == len(labelled)  # no tax word anywhere else
    excluded = context_of(catalog, "rich", dt.date(2021, 6, 1))
    old = rendered("fees", excluded, renderer)
    assert "9,500円(税抜)" in old and "税込" not in old


def test_every_template_names_what_it_expects():
    for template in (ROOT / "macros").rglob("*.j2"):
        head = template.read_text(encoding="utf-8").lstrip()
        assert head.startswith("{#") and "Expects" in head.split("#}")[0], template


def test_old_or_unconfirmed_facts_are_marked_only_where_money_or_a_deadline_depends_on_them(context):
    """Age counts from the date the source's page states (2025-12 in the fixture), not from the check; a fact the
    reader pays or acts on by a date (a fee) gets a ※ and one note per section; a FAQ answer gets neither."""
    old = Renderer(ROOT / "macros", today=dt.date(2027, 3, 1), stale_after_days=365)
    fees = rendered("fees", context, old)
    assert '<span class="kg-mark">※</span>' in fees
    assert fees.count('class="kg-warn"') == 1 and "出典が 365 日より前" in fees
    assert "※" not in rendered("faq", context, old) and "kg-warn" not in rendered("faq", context, old)
    fresh = Renderer(ROOT / "macros", today=dt.date(2026, 3, 1), stale_after_days=365)
    assert "※" not in rendered("fees", context, fresh) and "kg-warn" not in rendered("fees", context, fresh)


def test_each_section_links_to_a_prefilled_issue_naming_carrier_and_section(context):
    out = rendered("sim_return", context, Renderer(ROOT / "macros", issue_url="https://example.com/issues/new"))
    (url,) = re.findall(r'<a href="([^"]+)">この節の誤りを知らせる</a>', out)
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
    assert "この節の誤りを知らせる" not in rendered("sim_return", context, Renderer(ROOT / "macros"))


#: every section template (macros/sections/*.html.j2 not starting with "_") and the golden test that covers it
COVERED = set(SECTIONS) | set(RICH_SECTIONS) | {"topics", "as_target", "sources", "history"}


def test_every_section_template_has_a_golden_file():
    sections = {p.name.removesuffix(".html.j2") for p in (ROOT / "macros/sections").glob("*.html.j2") if not p.name.startswith("_")}
    assert sections <= COVERED, f"sections without a golden test: {sorted(sections - COVERED)}"


@pytest.mark.parametrize("carrier_id, level", [("target", 2), ("rich", 3)])
def test_a_carrier_as_a_switching_target_renders_as_its_golden_file(catalog, carrier_id, level):
    """Prices and contract fees with the tax each source gives (税込), first-month billing, MNP as destination."""
    context = context_of(catalog, carrier_id, dt.date(2026, 6, 1))
    context.update(level=level)
    out = rendered("as_target", context, Renderer(ROOT / "macros", today=dt.date(2026, 6, 1)))
    golden = GOLDEN / f"as_target_{carrier_id}.html"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("section", ["sources", "history"])
def test_the_list_of_sources_and_the_history_render_as_their_golden_files(catalog, section):
    from kaiyaku.derive.history import Change

    context = context_of(catalog, "rich", dt.date(2026, 6, 1))
    context.update(history=[])
    out = rendered(section, context, Renderer(ROOT / "macros", today=dt.date(2026, 6, 1)))
    golden = GOLDEN / f"rich_{section}.html"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")
    assert Change  # the history's items: history.Change
