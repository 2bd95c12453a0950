"""The site's navigation: guides grouped by kind, then switching targets, then hand-written pages."""

from __future__ import annotations

from ..facts.catalog import Catalog
from ..facts.model import KIND_LABELS

CHUNK = 20

HAND_WRITTEN = [{"このサイトについて": "about.md"}, {"データの書き出し(API)": "api.md"}]


def _entries(carriers: list) -> list:
    """Pages of one group. A long group becomes a tree of sections with at most CHUNK entries each
    (sections of 20 pages, then sections of 20 such sections, and so on): with ``navigation.prune``
    a page carries only the entries on its own path, so its navigation grows with the logarithm of
    the number of carriers, not with the number itself."""
    if len(carriers) <= CHUNK * 3 // 2:
        return [{c.name: f"{c.id}/index.md"} for c in carriers]
    size = CHUNK
    while -(-len(carriers) // size) > CHUNK:
        size *= CHUNK
    groups = [carriers[i:i + size] for i in range(0, len(carriers), size)]
    return [{f"{group[0].name} 〜 {group[-1].name}": _entries(group)} for group in groups]


def navigation(catalog: Catalog) -> list:
    tools = [{"解約条件の比較": "compare/index.md"}, {"乗り換え日と費用の計算": "calculator/index.md"}]
    if catalog.rules is not None:
        tools.append({"共通ルール": "rules/index.md"})
        if catalog.rules.checklist:
            tools.insert(0, {"解約の前のチェックリスト": "checklist/index.md"})
    nav: list = [{"ホーム": "index.md"}, {"比べる・計算する": tools}]
    for kind, label in KIND_LABELS.items():
        guides = [c for c in catalog.guides() if c.identity.kind == kind]
        if guides:
            nav.append({label: _entries(guides)})
    unkinded = [c for c in catalog.guides() if c.identity.kind is None]
    if unkinded:
        nav.append({"その他": _entries(unkinded)})
    profiles = [c for c in catalog.carriers.values() if c.role == "profile"]
    if profiles:
        nav.append({"乗り換え先": _entries(profiles)})
    return nav + HAND_WRITTEN
