"""Material's markup that no template override reaches: the drawer and search toggles.

Material for MkDocs 9.8.2 writes these two checkboxes at the top of ``<body>`` in base.html, outside any
block, with ``autocomplete="off"`` so that a browser coming back to a page does not restore them checked
(Chromium and Firefox would reopen the menu or the search). HTML does not allow ``autocomplete`` on a
checkbox. Both browsers also honour ``autocomplete="off"`` on the form a control belongs to, so the checkboxes
join (``form=``) an empty, hidden form that has it: valid, and the same behaviour
(tests/test_browser_pages.py goes back to a page with both open). Only these exact tags are changed; if
Material writes them otherwise, nothing is changed and the HTML check (tests/test_html_valid.py) says so.
"""

from __future__ import annotations

FORM_ID = "kg-toggles"

#: Material's tag → the valid one; the form comes first so the browser knows the form owner while parsing
TOGGLES = {
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">':
        f'<form id="{FORM_ID}" autocomplete="off" hidden></form>'
        f'<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" form="{FORM_ID}">',
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">':
        f'<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" form="{FORM_ID}">',
}


def valid_toggles(html: str) -> str:
    """``html`` with Material's two toggles made valid (unchanged if they are not there)."""
    for material, valid in TOGGLES.items():
        html = html.replace(material, valid, 1)
    return html
