"""A generated page's article: the HTML its templates wrote, finished as MkDocs' Markdown would have left it
(permalinks on headings, a table of contents), and the same article as Markdown for `kaiyaku export`.

The templates write HTML straight away (Jinja escapes every value), so no generated page goes through
Python-Markdown in a build: that conversion was most of the build's time. A heading is written on a line of
its own as ``<hN id="...">text</hN>``; the table of contents lists levels 1 to mkdocs.yml's ``toc_depth``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

#: heading levels written as Markdown headings by :func:`to_markdown`: the templates write h1 and h2 at the top
#: level of a page only, never inside a block (as ``toc_depth: 2`` in mkdocs.yml, so the export's table of
#: contents is the build's)
TOC_DEPTH = 2

#: what the link on a heading says when pointed at (the ``toc`` extension's ``permalink_title`` in mkdocs.yml,
#: so that hand-written pages say the same; Python-Markdown's own is English)
PERMALINK_TITLE = "この見出しへのリンク"
#: the link Python-Markdown's toc extension adds to a heading (``permalink: true``)
PERMALINK = f'<a class="headerlink" href="#{{id}}" title="{PERMALINK_TITLE}">&para;</a>'
HEADING = re.compile(r'^<h([1-6]) id="([^"<>&]+)">(.*)</h\1>$', re.MULTILINE)
_FINISHED = r'^<h([{levels}]) id="([^"<>&]+)">(.*)' + re.escape(PERMALINK.format(id="ID")).replace("ID", r"\2") + r"</h\1>$"
FINISHED_HEADING = re.compile(_FINISHED.format(levels="1-6"), re.MULTILINE)
#: the headings :func:`to_markdown` writes as Markdown
EXPORTED_HEADING = re.compile(_FINISHED.format(levels=f"1-{TOC_DEPTH}"), re.MULTILINE)
LOOSE_HEADING = re.compile(r"<h[1-6][\s>]")
IDS = re.compile(r' id="([^"]+)"')
TAG = re.compile(r"<[^>]*>")


class ArticleError(ValueError):
    """A template wrote a heading the article cannot place (a fault in ``macros/``)."""


def finish(text: str) -> str:
    """The templates' HTML as a page carries it: no blank lines and no indentation (so that it is also one
    raw HTML block in Markdown, see :func:`to_markdown`), and a permalink on every heading."""
    lines = [line.strip() for line in text.splitlines()]
    body = "\n".join(line for line in lines if line)
    found = len(HEADING.findall(body))
    if found != len(LOOSE_HEADING.findall(body)):
        raise ArticleError('a heading must stand on a line of its own as <hN id="...">text</hN>')
    return HEADING.sub(lambda m: f'<h{m[1]} id="{m[2]}">{m[3]}{PERMALINK.format(id=m[2])}</h{m[1]}>', body) + "\n"


@dataclass(frozen=True)
class Outline:
    """What MkDocs needs of a finished article besides its HTML: title, table of contents, anchors."""

    #: the first level-1 heading's text, as HTML text (None if there is none)
    title: str | None
    #: Python-Markdown's ``toc_tokens`` shape (level, id, name, children)
    toc: list[dict]
    ids: frozenset[str]


def outline(article: str, toc_depth: int = TOC_DEPTH) -> Outline:
    """The title, table of contents (levels 1 to ``toc_depth``) and anchors of a finished article (see :func:`finish`)."""
    title = None
    roots: list[dict] = []
    stack: list[dict] = []
    for match in FINISHED_HEADING.finditer(article):
        level, name = int(match[1]), TAG.sub("", match[3])
        if level == 1 and title is None:
            title = name
        if level > toc_depth:
            continue
        token = {"level": level, "id": match[2], "name": name, "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else roots).append(token)
        stack.append(token)
    return Outline(title, roots, frozenset(IDS.findall(article)))


MD_SPECIAL = "\\`*_{}[]()#+-.!|"
#: one pass over the text: Markdown's special characters get a backslash, HTML's become entities
INERT = str.maketrans({**{c: "\\" + c for c in MD_SPECIAL}, "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"})


def to_markdown(article: str) -> str:
    """A finished article as Markdown another generator can build: headings of the table of contents as
    Markdown headings (with ``{ #id }``), everything else as raw HTML blocks between them."""

    def heading(match: re.Match) -> str:
        text = html.unescape(TAG.sub("", match[3])).translate(INERT)
        return f"\n{'#' * int(match[1])} {text} {{ #{match[2]} }}\n\n"

    return re.sub(r"\n{3,}", "\n\n", EXPORTED_HEADING.sub(heading, article)).strip("\n") + "\n"
