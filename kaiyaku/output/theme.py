"""What the generator hands the theme besides page text: titles, navigation and descriptions.

Material's templates print a page's title, its navigation titles and its description without escaping
them (MkDocs' titles are HTML, and the theme's Jinja does not autoescape), in <title>, meta tags, the
header and the navigation. So every such text made from the facts is handed over as HTML text here:
whatever a fact file says, the theme prints it as text.
"""

from __future__ import annotations

from markupsafe import escape


def inert(text: str) -> str:
    """Text made from the facts, as HTML text for the theme (``<``, ``>``, ``&`` and quotes escaped)."""
    return str(escape(text))


def inert_nav(nav: list) -> list:
    """The navigation with every title made HTML text (see :func:`inert`); the targets are paths."""
    return [{inert(title): inert_nav(target) if isinstance(target, list) else target for title, target in item.items()} for item in nav]
