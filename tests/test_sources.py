"""The source checker against a local HTTP server: 200, 404, redirect and timeout."""

from __future__ import annotations

import datetime as dt
import time
from http.server import BaseHTTPRequestHandler

import pytest
from conftest import ROOT, loopback

from kaiyaku.facts.catalog import load_site
from kaiyaku.commands.sources import check_links, report, stale_sources


class Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):  # noqa: N802 - http.server's naming
        if self.path == "/ok":
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/slow":
            time.sleep(2)
            self.send_response(200)
        elif self.path == "/no-head":
            self.send_response(405)
        else:
            self.send_response(404)
        self.end_headers()

    def do_GET(self):  # noqa: N802
        if self.path == "/no-head":
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"ok")
        else:
            self.do_HEAD()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    with loopback(Handler) as url:
        yield url


def test_each_kind_of_answer_is_reported(server):
    urls = [f"{server}/ok", f"{server}/missing", f"{server}/moved", f"{server}/slow", f"{server}/no-head", "http://127.0.0.1:9/closed"]
    results = {r.url.rsplit("/", 1)[1]: r for r in check_links(urls, timeout=0.5)}
    assert results["ok"].ok and results["ok"].status == 200
    assert results["missing"].status == 404 and not results["missing"].ok
    assert results["moved"].status == 301 and results["moved"].location == "/ok"
    assert results["slow"].status is None and results["slow"].error
    assert results["no-head"].ok  # HEAD refused, GET answered
    assert results["closed"].status is None
    text = report(list(results.values()), [], 365)
    assert "問題あり 4 件" in text and "| 404 |" in text and "応答なし" in text and "/ok" in text


def test_stale_sources_are_listed_oldest_first():
    catalog = load_site(ROOT)
    rows = stale_sources(catalog, dt.date(2028, 1, 1), 365)
    assert rows and rows[0][4] >= rows[-1][4]
    assert any(r[0] == "iijmio" and r[1] == "seed" for r in rows)
    assert stale_sources(catalog, dt.date(2026, 12, 1), 365) == []
    assert "再確認が必要な出典" in report([], rows, 365)


class FakeGitHub(BaseHTTPRequestHandler):
    issues: list = []
    calls: list = []

    def _reply(self, body):
        data = __import__("json").dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(data)

    def _body(self):
        return __import__("json").loads(self.rfile.read(int(self.headers["Content-Length"])))

    def do_GET(self):  # noqa: N802
        self.calls.append(("GET", self.path, self.headers["Authorization"]))
        self._reply([i for i in self.issues if i["state"] == "open"])

    def do_POST(self):  # noqa: N802
        body = self._body()
        self.calls.append(("POST", self.path, body))
        issue = {"number": 7, "state": "open", **body}
        self.issues.append(issue)
        self._reply(issue)

    def do_PATCH(self):  # noqa: N802
        body = self._body()
        self.calls.append(("PATCH", self.path, body))
        self.issues[0].update(body)
        self._reply(self.issues[0])

    def log_message(self, *args):
        pass


def test_the_tracking_issue_is_opened_once_then_edited():
    from kaiyaku.commands.tracking import update_tracking_issue

    with loopback(FakeGitHub) as api:
        assert update_tracking_issue("first", "o/r", "t0k", api) == 7
        assert update_tracking_issue("second", "o/r", "t0k", api) == 7
    methods = [c[0] for c in FakeGitHub.calls]
    assert methods == ["GET", "POST", "GET", "PATCH"]
    assert FakeGitHub.calls[0][1].startswith("/repos/o/r/issues?labels=source-report") and FakeGitHub.calls[0][2] == "Bearer t0k"
    assert FakeGitHub.issues[0]["body"] == "second" and FakeGitHub.issues[0]["labels"] == ["source-report"]
