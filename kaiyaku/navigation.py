"""The site's navigation: guides grouped by kind, then switching targets, then hand-written pages."""

from __future__ import annotations

from .catalog import Catalog
from .model import KIND_LABELS

HAND_WRITTEN = [{"このサイトについて": "about.md"}, {"データの書き出し(API)": "api.md"}]


def navigation(catalog: Catalog) -> list:
    nav: list = [{"ホーム": "index.md"}, {"比べる・計算する": [{"解約条件の比較": "compare/index.md"}, {"乗り換え日と費用の計算": "calculator/index.md"}]}]
    for kind, label in KIND_LABELS.items():
        guides = [c for c in catalog.guides() if c.identity.kind == kind]
        if guides:
            nav.append({label: [{c.name: f"{c.id}/index.md"} for c in guides]})
    unkinded = [c for c in catalog.guides() if c.identity.kind is None]
    if unkinded:
        nav.append({"その他": [{c.name: f"{c.id}/index.md"} for c in unkinded]})
    profiles = [c for c in catalog.carriers.values() if c.role == "profile"]
    if profiles:
        nav.append({"乗り換え先": [{c.name: f"{c.id}/index.md"} for c in profiles]})
    return nav + HAND_WRITTEN
