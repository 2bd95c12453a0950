"""The editors' source worklist (offline, in every pull request) and the weekly check that each cited page
still shows the figures of the facts that cite it (against pages served on loopback)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from http.server import BaseHTTPRequestHandler

import pytest
from conftest import FIXTURES, ROOT, loopback

from kaiyaku.commands.figures import figures_of, missing_figures, normalise, read_pages, sourced_items
from kaiyaku.commands.worklist import worklist, worklist_report
from kaiyaku.facts.catalog import load_catalog, load_site

RICH = (FIXTURES / "rich_guide.yaml").read_text(encoding="utf-8")
TARGET = (FIXTURES / "target_profile.yaml").read_text(encoding="utf-8")


def catalog_of(tmp_path, files: dict[str, str]):
    folder = tmp_path / "carriers"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    catalog = load_catalog(folder, tmp_path)
    assert catalog.ok, catalog.errors
    return catalog


def test_the_worklist_counts_kinds_and_finds_the_oldest_and_the_unconfirmed(tmp_path):
    catalog = catalog_of(tmp_path, {"rich.yaml": RICH, "target.yaml": TARGET})
    (rich, _target) = worklist(catalog, dt.date(2026, 6, 1))
    assert rich.kinds == {"official": 1, "regulator": 0, "press": 1, "guide": 1, "community": 1, "not_evidence": 0}
    # in force on the day: the 2025 fee (press, 2025-01), two contacts; the fee that ended in 2022 is not work
    assert [f.path for f in rich.facts] == ["fees[0]", "contacts[0]", "contacts[1]"]
    assert rich.oldest.label == "チャットサポート" and str(rich.oldest.as_of) == "2024-08-15"
    assert [f.label for f in rich.undated] == ["電話窓口"] == [f.label for f in rich.unconfirmed]
    text = worklist_report([rich])
    assert "| rich | 1 | 0 | 1 | 1 | 1 | 0 | 2024-08-15(チャットサポート) | 1 | 1 |" in text
    assert "- `contacts[1]` 電話窓口(日付なし)" in text


def test_sources_offline_prints_every_carriers_worklist():
    """What the pull-request workflow appends to its summary, on the real facts."""
    result = subprocess.run([sys.executable, "-m", "kaiyaku.commands.cli", "--root", str(ROOT), "sources", "--offline"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    for carrier_id, carrier in load_site(ROOT).carriers.items():
        official = sum(s.kind == "official" for s in carrier.sources)
        assert f"| {carrier_id} | {official} |" in result.stdout


def test_figures_of_a_fact_are_the_values_a_page_prints(tmp_path):
    catalog = catalog_of(tmp_path, {"rich.yaml": RICH, "target.yaml": TARGET})
    items = dict(sourced_items(catalog.get("rich")))
    fee = {f.label: f.forms for f in figures_of(items["fees[0]"])}
    assert fee["1,100円"] == ("1100円",) and "12か月" in fee and "2025年3月1日" in fee["2025-03-01"]
    phones = {f.label for f in figures_of(items["contacts[1]"])}
    assert {"0120-000-000", "151", "9:00", "20:00"} <= phones
    assert normalise("<p>契約解除料は１，１００ 円(税込)</p><script>var x = '0120-000-000'</script>") == "契約解除料は1100円(税込)"


class Pages(BaseHTTPRequestHandler):
    """Pages asked for through ``via``: the path is the page's own URL (``/https://host/path``)."""

    BODIES = {
        "https://news.example.jp/2025/01/x.html": "<html><body><h1>短期解約</h1><p>2025年3月1日以降の契約で、12ヶ月以内の解約には 1,100 円(税込)</p></body></html>",
        "https://www.example.jp/faq/1": "<html><body><p>契約解除料は 1,210 円になりました。</p></body></html>",
    }

    def do_GET(self):  # noqa: N802 - http.server's naming
        page = self.path[1:]
        if page == "https://blog.example.jp/rich":
            body = "<p>お問い合わせ ０１２０−０００−０００ 受付 9:00〜20:00</p>".encode("shift_jis")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=shift_jis")
        elif page in self.BODIES:
            body = self.BODIES[page].encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
        else:
            body = b"not found"
            self.send_response(404)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    with loopback(Pages) as url:
        yield url


def test_a_page_that_no_longer_shows_a_figure_is_reported_with_page_and_figure(tmp_path, server):
    catalog = catalog_of(tmp_path, {"rich.yaml": RICH, "target.yaml": TARGET})
    urls = sorted({s.url for c in catalog.carriers.values() for s in c.sources})
    pages = read_pages(urls, timeout=5, via=server)
    assert pages["https://qa.example.jp/q/1"] is None  # unreadable pages are the link check's business, not reported here
    rows = {(r.path, r.figure): r.urls for r in missing_figures(catalog, pages) if r.carrier == "rich"}
    # the fee's press page still shows its figures; the phone page (Shift_JIS, full-width) shows its numbers
    assert not any(path == "fees[0]" for path, _ in rows)
    assert [figure for path, figure in rows if path == "contacts[1]"] == ["151"]  # the second number is not on it
    # the price page changed: 2,970 yen is on no page the price cites
    assert rows[("prices[0]", "2,970円")] == ("https://www.example.jp/faq/1",)
    # the ended fee's page does not show 9,500 yen
    assert rows[("fees[1]", "9,500円")] == ("https://news.example.jp/2025/01/x.html",)


class Recorder(BaseHTTPRequestHandler):
    """Every page asked for (through ``via``) answers with a page that shows no figure; each path is kept."""

    asked: list[str] = []

    def do_HEAD(self):  # noqa: N802 - http.server's naming
        Recorder.asked.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()

    def do_GET(self):  # noqa: N802
        self.do_HEAD()
        self.wfile.write("<p>このページは移転しました。</p>".encode())

    def log_message(self, *args):
        pass


def test_the_weekly_report_runs_over_the_real_carriers(tmp_path):
    """`kaiyaku sources` as the Monday job runs it, over the real carriers/, every page on loopback: it
    asks for every source URL (an IRI's Japanese path as percent-encoded ASCII), reports, and exits 0."""
    import contextlib
    import io

    from kaiyaku.commands import cli

    urls = sorted({s.url for c in load_site(ROOT).carriers.values() for s in c.sources})
    Recorder.asked = []
    out = io.StringIO()
    with loopback(Recorder) as server, contextlib.redirect_stdout(out):
        code = cli.main(["--root", str(ROOT), "sources", "--via", server, "--timeout", "10", "--report", str(tmp_path / "report.md")])
    assert code == 0
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert f"URL: {len(urls)} 件、問題あり 0 件" in text and "出典のページにない数字" in text
    assert all(path.isascii() for path in Recorder.asked)
    iris = [u for u in urls if not u.isascii()]
    assert iris, "the real carriers cite a URL with Japanese in it (ocn-mobile-one)"
    asked = {path[1:] for path in Recorder.asked}
    from kaiyaku.commands.sources import request_url

    assert all(request_url(u) in asked for u in urls)


def test_one_bad_url_never_stops_the_report():
    """URLs no browser would open (a port in letters, an escaped newline, an IPv6 address without its
    bracket, a space) are reported with why; the URLs around them are still checked."""
    from kaiyaku.commands.sources import check_links

    bad = ["https://a.example.jp:abc/", "https://a.example.jp/\nb", "http://[2001:db8::1/", "https://a b.jp/"]
    with loopback(Recorder) as server:
        good = f"{server}/ok"
        results = {r.url: r for r in check_links([bad[0], good, *bad[1:], "https://例え.jp/解約/"], timeout=5)}
        pages = read_pages([*bad, good], timeout=5)
    assert results[good].ok and pages[good] is not None
    for url in bad:
        assert results[url].status is None and "問い合わせできません" in results[url].error, results[url]
        assert pages[url] is None
