"""A generated page's HTML as MkDocs gets it (permalinks, table of contents, title, anchors) and as
`kaiyaku export` writes it (Markdown headings around raw HTML blocks)."""

from __future__ import annotations

import markdown
import pytest
import yaml
from conftest import ROOT

from kaiyaku.output.article import ArticleError, finish, outline, to_markdown

TEMPLATE_OUTPUT = """
<h1 id="top">a &lt;b&gt; guide</h1>

    <p>lead
       text</p>
<h2 id="ways">ways</h2>
<div class="kg-way">
  <h3 id="way-web">1. web</h3>
  <p>step</p>
</div>
<h2 id="fees">fees &amp; *costs*</h2>
<table><tr><td>1</td></tr></table>
"""


def test_finish_adds_a_permalink_to_every_heading_and_drops_blank_lines_and_indentation():
    html = finish(TEMPLATE_OUTPUT)
    assert '<h3 id="way-web">1. web<a class="headerlink" href="#way-web" title="この見出しへのリンク">&para;</a></h3>' in html
    assert html.count('class="headerlink"') == 4
    assert "\n\n" not in html and "\n " not in html
    assert "<p>lead\ntext</p>" in html  # a line break inside text stays a break (a space in the browser)


@pytest.mark.parametrize("bad", ['<h2 class="x" id="a">x</h2>', "<h2>no id</h2>", '<p>x</p><h2 id="a">x</h2>', '<h2 id="a">x</h2> trailing'])
def test_a_heading_not_on_a_line_of_its_own_with_an_id_is_refused(bad):
    with pytest.raises(ArticleError):
        finish(bad)


def test_outline_gives_title_levels_one_and_two_nested_and_every_anchor():
    shape = outline(finish(TEMPLATE_OUTPUT))
    assert shape.title == "a &lt;b&gt; guide"
    assert [t["id"] for t in shape.toc] == ["top"]
    assert [(t["id"], t["name"], t["children"]) for t in shape.toc[0]["children"]] == [("ways", "ways", []), ("fees", "fees &amp; *costs*", [])]
    assert {"top", "ways", "way-web", "fees"} <= shape.ids


def test_exported_markdown_converts_back_to_the_same_html():
    """Python-Markdown with the site's extensions turns the export into the article the build writes."""
    article = finish(TEMPLATE_OUTPUT)
    text = to_markdown(article)
    assert "## fees &amp; \\*costs\\* { #fees }" in text and "# a &lt;b&gt; guide { #top }" in text
    assert '<h3 id="way-web">' in text  # deeper headings stay HTML, inside their blocks
    toc = next(e["toc"] for e in yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"] if isinstance(e, dict) and "toc" in e)
    converted = markdown.markdown(text, extensions=["toc", "attr_list", "md_in_html", "tables"], extension_configs={"toc": toc})
    assert converted.split() == article.split()
