"""Keeps one open GitHub issue (label ``source-report``) holding the latest source report."""

from __future__ import annotations

import json
import os
import urllib.request

LABEL = "source-report"
TITLE = "出典の点検(毎週自動更新)"


def _call(method: str, url: str, token: str, body: dict | None = None) -> object:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Authorization": f"Bearer {token}", "Accept": "application/vnd.github+json", "Content-Type": "application/json",
    })
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def update_tracking_issue(report: str, repo: str, token: str, api: str = "https://api.github.com") -> int:
    """Edit the open tracking issue, or open one; returns its number."""
    base = f"{api.rstrip('/')}/repos/{repo}/issues"
    existing = _call("GET", f"{base}?labels={LABEL}&state=open&per_page=1", token)
    if existing:
        number = existing[0]["number"]
        _call("PATCH", f"{base}/{number}", token, {"body": report})
        return number
    created = _call("POST", base, token, {"title": TITLE, "body": report, "labels": [LABEL]})
    return created["number"]


def main(path: str) -> int:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    number = update_tracking_issue(text, os.environ["GITHUB_REPOSITORY"], os.environ["GITHUB_TOKEN"], os.environ.get("GITHUB_API_URL", "https://api.github.com"))
    print(f"tracking issue #{number} updated")
    return 0
