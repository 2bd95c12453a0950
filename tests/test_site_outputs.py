"""What the built site hands to machines: the API in its documented shape (a JSON Schema), every kind of
page in the sitemap (with lastmod where the page has facts) and in the search index; and a build that fails
inside MkDocs (a template error) leaves site/ as it was."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from pathlib import Path

import jsonschema
import pytest

from conftest import FIXTURES, ROOT, make_site, tree
from test_builds import run_build

from kaiyaku.facts.catalog import load_site
from kaiyaku.output.api import carrier_json

CATALOG = load_site(ROOT)
SITE_PAGES = ["", "compare/", "calculator/", "rules/", "checklist/", "about/", "api/"]


def carrier_pages() -> dict[str, str]:
    """Each page with facts (a carrier's pages, the rules' pages), with the newest 確認日 of its facts (its lastmod)."""
    pages = {}
    for carrier in CATALOG.carriers.values():
        newest = max(s.checked for s in carrier.sources).isoformat()
        pages[f"{carrier.id}/"] = newest
        pages[f"{carrier.id}/sources/"] = newest
        if carrier.before_cancel:
            pages[f"{carrier.id}/before/"] = newest
    newest_rule = max(s.checked for s in CATALOG.rules.sources).isoformat()
    pages.update({"rules/": newest_rule, "checklist/": newest_rule})  # the site-wide rules' pages
    return pages


def test_the_api_index_has_its_documented_shape(real_site):
    schema = json.loads((Path(__file__).parent / "schemas/api-index.schema.json").read_text(encoding="utf-8"))
    index = json.loads((real_site / "api/carriers/index.json").read_text(encoding="utf-8"))
    jsonschema.validate(index, schema, format_checker=jsonschema.FormatChecker())
    assert {c["id"] for c in index["carriers"]} == set(CATALOG.carriers)
    for item in index["carriers"]:
        assert item["checked"] == max(s.checked for s in CATALOG.carriers[item["id"]].sources).isoformat()
        assert (real_site / "api/carriers" / item["json"]).is_file() and (real_site / item["page"] / "index.html").is_file()


def _without_status(data):
    if isinstance(data, dict):
        return {k: _without_status(v) for k, v in data.items() if k != "status"}
    if isinstance(data, list):
        return [_without_status(v) for v in data]
    return data


def _statuses(data) -> list:
    if isinstance(data, dict):
        return ([data["status"]] if "status" in data else []) + [s for v in data.values() for s in _statuses(v)]
    if isinstance(data, list):
        return [s for v in data for s in _statuses(v)]
    return []


def test_each_carriers_json_is_valid_against_the_format_schema(real_site):
    """api/carriers/<id>.json has the format of schema/carrier.schema.json, plus each timed fact's status."""
    schema = json.loads((ROOT / "schema/carrier.schema.json").read_text(encoding="utf-8"))
    for cid in CATALOG.carriers:
        data = json.loads((real_site / f"api/carriers/{cid}.json").read_text(encoding="utf-8"))
        jsonschema.validate(_without_status(data), schema)
        assert set(_statuses(data)) <= {"current", "past", "future"}
        assert data["id"] == cid and data["sources"] and all("checked" in s and "kind" in s for s in data["sources"])


def _dated(data, path=()) -> list:
    """The places of the JSON whose fact has a period in force (``in_force`` set)."""
    if isinstance(data, dict):
        return ([path] if data.get("in_force") else []) + [p for k, v in data.items() for p in _dated(v, (*path, k))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in _dated(v, (*path, i))]
    return []


def test_every_fact_with_a_period_carries_its_status_in_the_json():
    """Every fact with in_force, at any depth (a section's history too), is marked as in force on the day or not."""
    today = dt.date(2026, 12, 8)
    seen = 0
    for carrier in CATALOG.carriers.values():
        data = json.loads(carrier_json(carrier, today))
        for path in _dated(data):
            node = data
            for part in path:
                node = node[part]
            assert node.get("status") in {"current", "past", "future"}, (carrier.id, path)
            seen += "history" in path
    assert seen, "no section history in the real files: this test no longer covers it"


def test_every_kind_of_page_is_in_the_sitemap_with_lastmod_where_it_has_facts(real_site):
    sitemap = (real_site / "sitemap.xml").read_text(encoding="utf-8")
    entries = {re.search(r"<loc>[^<]*?://[^/]+/(.*?)</loc>", u)[1]: re.search(r"<lastmod>(.*?)</lastmod>", u) for u in re.findall(r"<url>(.*?)</url>", sitemap, re.S)}
    for page in SITE_PAGES:
        assert page in entries, page
    for page, newest in carrier_pages().items():
        assert page in entries, page
        assert entries[page] is not None and entries[page][1] == newest, (page, entries[page])


def _indexed(real_site: Path) -> set[str]:
    urls = set()
    for fragment in (real_site / "pagefind/fragment").glob("*"):
        raw = gzip.decompress(fragment.read_bytes())
        urls.add(json.loads(raw[raw.index(b"{"):])["url"].lstrip("/"))
    return urls


def test_every_kind_of_page_is_in_the_search_index(real_site):
    indexed = _indexed(real_site)
    missing = [p for p in [*SITE_PAGES, *carrier_pages()] if p not in indexed]
    assert not missing, missing


BASE = (FIXTURES / "minimal_guide.yaml").read_text(encoding="utf-8")
TARGET = (FIXTURES / "target_profile.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("template", ["overrides/main.html", "macros/guide.html.j2"])
def test_a_template_error_inside_mkdocs_leaves_the_previous_site_untouched(tmp_path, template):
    site = make_site(tmp_path, {"minimal.yaml": BASE, "target.yaml": TARGET})
    api = site / "content/api.md"
    api.write_text(api.read_text(encoding="utf-8").replace("api/carriers/iijmio.json", "api/carriers/minimal.json"), encoding="utf-8")
    first = run_build(site)
    assert first.returncode == 0, first.stderr[-2000:]
    before = tree(site / "site")
    broken = site / template
    broken.write_text(broken.read_text(encoding="utf-8") + "\n{% endif %}\n", encoding="utf-8")  # a syntax error: Material does not refuse undefined names
    result = run_build(site)
    assert result.returncode != 0
    assert tree(site / "site") == before
    assert not list(site.glob(".site-*"))



def _breadcrumb_names(html: str) -> list[str]:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert found, "no JSON-LD"
    graph = json.loads(found[1])["@graph"]
    return [item["name"] for item in next(g for g in graph if g["@type"] == "BreadcrumbList")["itemListElement"]]


def test_every_carriers_page_guide_or_profile_has_its_breadcrumb_jsonld(real_site, tmp_path):
    for carrier in CATALOG.carriers.values():
        assert _breadcrumb_names((real_site / carrier.id / "index.html").read_text(encoding="utf-8"))[-1] == carrier.name
    # the real carriers are all guides: a profile is tried on the fixtures
    site = make_site(tmp_path, {"minimal.yaml": BASE, "target.yaml": TARGET})
    api = site / "content/api.md"
    api.write_text(api.read_text(encoding="utf-8").replace("api/carriers/iijmio.json", "api/carriers/minimal.json"), encoding="utf-8")
    assert run_build(site).returncode == 0
    for cid, name in (("minimal", "ミニマル"), ("target", "ターゲット")):
        assert _breadcrumb_names((site / "site" / cid / "index.html").read_text(encoding="utf-8"))[-1] == name
