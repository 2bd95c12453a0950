"""The site's navigation: guides grouped by kind, then switching targets, then hand-written pages."""

from __future__ import annotations

from .catalog import Catalog
from .model import KIND_LABELS

CHUNK = 20

HAND_WRITTEN = [{"このサイトについて": "about.md"}, {"データの書き出し(API)": "api.md"}]


def _entries(carriers: list) -> list:
    """Pages of one group; a long group is split into sections of CHUNK so no page carries a huge nav."""
    entries = [{c.name: f"{c.id}/index.md"} for c in carriers]
    if len(entries) <= CHUNK * 3 // 2:
        return entries
    chunks = [carriers[i:i + CHUNK] for i in range(0, len(carriers), CHUNK)]
    return [{f"{chunk[0].name} 〜 {chunk[-1].name}": [{c.name: f"{c.id}/index.md"} for c in chunk]} for chunk in chunks]


def navigation(catalog: Catalog) -> list:
    nav: list = [{"ホーム": "index.md"}, {"比べる・計算する": [{"解約条件の比較": "compare/index.md"}, {"乗り換え日と費用の計算": "calculator/index.md"}]}]
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
