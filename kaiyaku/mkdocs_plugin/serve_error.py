"""`mkdocs serve` while an edit is broken: the last good page, with the error written at its top."""

from __future__ import annotations

import re
from functools import cache

import jinja2


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.PackageLoader("kaiyaku.mkdocs_plugin", "templates"), autoescape=True, undefined=jinja2.StrictUndefined)
    return env.get_template("serve_error.html.j2")


def serve_error_banner(html: str, error: str) -> str:
    """``html`` with the error (escaped: it quotes what the file says) right after ``<body …>``."""
    body = re.search(r"<body\b[^>]*>", html)
    if body is None:
        return html
    banner = _template().render(error=error)
    return html[:body.end()] + banner + html[body.end():]
