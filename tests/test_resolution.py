"""The site-wide rules held against every carrier (rules.yaml invariants), a section's history shown as
以前のルール, and the resolution rule for disputes (issue 25)."""

from __future__ import annotations

import datetime as dt

from conftest import FIXTURES, ROOT

from kaiyaku.facts.catalog import load_catalog, load_site
from kaiyaku.output.citations import Citations
from kaiyaku.output.render import Renderer
from test_golden import context_of

TODAY = dt.date(2026, 12, 7)  # on or after every check in rules.yaml
MINIMAL = (FIXTURES / "minimal_guide.yaml").read_text(encoding="utf-8")
TARGET = (FIXTURES / "target_profile.yaml").read_text(encoding="utf-8")
RULES = (ROOT / "rules.yaml").read_text(encoding="utf-8")
NEWER_SOURCE = """  - id: notice
    title: 転出手数料についてのお知らせ
    url: https://example.com/notice
    kind: official
    page_date: 2025-01-10
    checked: 2026-01-02
"""


def catalog_of(tmp_path, guide: str):
    folder = tmp_path / "carriers"
    folder.mkdir(parents=True)
    (folder / "minimal.yaml").write_text(guide, encoding="utf-8")
    (folder / "target.yaml").write_text(TARGET, encoding="utf-8")
    (tmp_path / "rules.yaml").write_text(RULES, encoding="utf-8")
    return load_catalog(folder, tmp_path, today=TODAY, rules_file=tmp_path / "rules.yaml")


def guide_html(catalog, section: str) -> str:
    context = context_of(catalog, "minimal", TODAY) | {"rules": catalog.rules}
    renderer = Renderer(ROOT / "macros", today=TODAY)
    refs = Citations.for_page(context["carrier"], TODAY, renderer.stale_after_days)
    return renderer.env.get_template(f"sections/{section}.html.j2").render(**context, refs=refs)


def test_a_transfer_fee_above_the_mnp_rule_is_refused_naming_the_rule(tmp_path):
    catalog = catalog_of(tmp_path, MINIMAL)  # its MNP fee is 3,300 円 (税込), in force
    [error] = [e for e in catalog.errors if e.path == "fees[0].amount"]
    assert error.file == "carriers/minimal.yaml" and error.line == MINIMAL.splitlines().index("    amount: 3300") + 1
    assert "rules.yaml のルール「MNP転出手数料」(mnp-fee、2021-04-01 から)に反します" in error.message
    assert "3,300 円(税込) が上限 1,000 円(税抜) を超えています" in error.message
    assert "exception: {rule: mnp-fee" in error.hint and "in_force: {until: …}" in error.hint


def test_the_same_fee_with_a_newer_source_stating_the_exception_is_accepted_and_explained(tmp_path):
    guide = MINIMAL.replace("    contracted: {from: 2024-06-01, to: 2025-09-30}\n    sources: [s]\n",
                            "    contracted: {from: 2024-06-01, to: 2025-09-30}\n    sources: [s]\n"
                            "    exception:\n      rule: mnp-fee\n      why: 総務省の指定の対象外の事業者として、店頭での転出に手数料を残すと案内しています。\n      sources: [notice]\n")
    catalog = catalog_of(tmp_path, guide + NEWER_SOURCE)
    assert catalog.ok, catalog.errors
    html = guide_html(catalog, "fees")
    assert "「<a href=\"../rules/#mnp-fee\">MNP転出手数料</a>」と違う理由: 総務省の指定の対象外の事業者として" in html


def test_an_exception_needs_a_page_dated_after_the_rule_took_effect(tmp_path):
    guide = MINIMAL.replace("    contracted: {from: 2024-06-01, to: 2025-09-30}\n    sources: [s]\n",
                            "    contracted: {from: 2024-06-01, to: 2025-09-30}\n    sources: [s]\n"
                            "    exception:\n      rule: mnp-fee\n      why: 店頭では手数料がかかります。\n      sources: [notice]\n")
    catalog = catalog_of(tmp_path, guide + NEWER_SOURCE.replace("page_date: 2025-01-10", "page_date: 2020-12-01"))
    [error] = catalog.errors
    assert error.path == "fees[0].exception.sources" and "2021-04-01 以後の日付のページがありません" in error.message


def test_a_dated_change_of_a_section_shows_the_current_value_and_the_old_one_under_its_history(tmp_path):
    guide = MINIMAL.replace("billing:\n  last_month: full\n  sources: [s]\n",
                            "billing:\n  last_month: full\n  in_force: {from: 2025-06-12}\n  sources: [s]\n"
                            "  history:\n    - last_month: prorated\n      in_force: {until: 2025-06-11}\n      sources: [s]\n")
    catalog = catalog_of(tmp_path, guide.replace("amount: 3300", "amount: 0"))
    assert catalog.ok, catalog.errors
    html = guide_html(catalog, "billing")
    current, _, past = html.partition("以前のルール・これからのルール")
    assert "<strong>満額(日割りなし)</strong>" in current and "日割り" not in current.replace("日割りなし", "")
    assert "終了(2025年6月11日まで): 解約する月の料金は日割り" in past


def test_a_dispute_of_old_guides_against_a_newer_official_page_is_refused_with_the_hint(tmp_path):
    guide = MINIMAL.replace("billing:\n  last_month: full\n  sources: [s]\n",
                            "billing:\n  last_month: full\n  sources: [s, old]\n  disputes:\n    - about: 解約月が日割りか\n      claims:\n"
                            "        - says: 満額\n          sources: [s]\n        - says: 日割り\n          sources: [old]\n")
    old = "  - id: old\n    title: 古い解説\n    url: https://blog.example.com/old\n    kind: guide\n    page_date: 2021-02-27\n    checked: 2026-01-02\n"
    catalog = catalog_of(tmp_path, guide.replace("amount: 3300", "amount: 0") + old)
    [error] = catalog.errors
    assert error.path == "billing.disputes[0].claims[1]"
    assert "old(解説サイト、2021-02-27))は、1 つ目の主張の出典 s(公式、2025-12) より古いか弱いものだけです" in error.message
    assert "古い側を以前のルールに移してください(節なら history に" in error.hint
    # guides against guides of the same standing stay a dispute readers see
    catalog = catalog_of(tmp_path / "guides", guide.replace("amount: 3300", "amount: 0").replace("kind: official", "kind: guide") + old)
    assert catalog.ok, catalog.errors


def test_a_fact_only_a_page_that_is_not_evidence_backs_is_refused(tmp_path):
    farm = MINIMAL.replace("    kind: official\n", "    kind: not_evidence\n").replace("amount: 3300", "amount: 0")
    catalog = catalog_of(tmp_path, farm)
    assert {e.path for e in catalog.errors} >= {"ways[0].sources", "billing.sources", "fees[0].sources", "faq[0].sources"}
    assert all("根拠にしないページ" in e.message for e in catalog.errors)


def test_the_real_corpus_keeps_every_rule_and_the_resolution_rule():
    """The real facts pass with the invariants in force; none of the four old MNP fees is shown as current."""
    catalog = load_site(ROOT)
    assert catalog.ok, catalog.errors[:3]
    assert {r.id for r in catalog.rules.rules if r.invariant} >= {"mnp-fee", "penalty-cap", "initial-cancellation", "reservation-number"}
    for cid in ("aeon-mobile", "nuro-mobile", "biglobe-mobile", "nihontsushin"):
        fees = [f for f in catalog.get(cid).fees if f.kind == "port_out" and f.amount and f.in_force_on(dt.date(2026, 12, 7))]
        assert fees == [], cid


def test_the_worklist_counts_facts_backed_only_by_guides_undated_pages_and_citing_non_evidence(tmp_path):
    """Every item with sources in force counts (sections too); a Q&A-only fact is guides-only, an undated one
    undated-only, and citing a page of the not_evidence kind is counted apart."""
    from kaiyaku.commands.worklist import worklist, worklist_report

    guide = MINIMAL.replace("amount: 3300", "amount: 0").replace("faq:\n  - q: 電話で解約できますか\n    a: [できません。]\n    sources: [s]\n",
                                                               "faq:\n  - q: 電話で解約できますか\n    a: [できません。]\n    sources: [s, farm]\n"
                                                               "  - q: 店頭で解約できますか\n    a: [できます。]\n    sources: [qa]\n")
    extra = ("  - id: farm\n    title: 自動生成の記事\n    url: https://farm.example.com/1\n    kind: not_evidence\n    page_date: undated\n    checked: 2026-01-02\n"
             "  - id: qa\n    title: 質問サイト\n    url: https://qa.example.com/1\n    kind: community\n    page_date: undated\n    checked: 2026-01-02\n")
    catalog = catalog_of(tmp_path, guide + extra)
    assert catalog.ok, catalog.errors
    work = next(w for w in worklist(catalog, TODAY) if w.carrier == "minimal")
    assert (work.backing.guides_only, work.backing.undated_only, work.backing.not_evidence) == (1, 1, 1)
    assert f"| minimal | {work.backing.facts} | 1 | 1 | 1 |" in worklist_report([work])


def test_a_source_on_a_site_rules_yaml_lists_as_not_evidence_must_say_so(tmp_path):
    farm = ("  - id: farm\n    title: 質問への回答形式の記事\n    url: https://gadget.awaisora.com/2025/10/05/x\n    kind: community\n"
            "    page_date: undated\n    checked: 2026-01-02\n")
    guide = MINIMAL.replace("amount: 3300", "amount: 0").replace("  - q: 電話で解約できますか\n    a: [できません。]\n    sources: [s]\n",
                                                               "  - q: 電話で解約できますか\n    a: [できません。]\n    sources: [s, farm]\n")
    [error] = catalog_of(tmp_path, guide + farm).errors
    assert error.path == "sources[1].kind" and "gadget.awaisora.com は rules.yaml で根拠にしないサイトです" in error.message
    assert "kind: not_evidence" in error.hint
    assert catalog_of(tmp_path / "fixed", guide + farm.replace("kind: community", "kind: not_evidence")).ok
