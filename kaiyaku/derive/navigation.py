"""The site's navigation: guides grouped by kind, then switching targets, then hand-written pages; and the
home page's ways in (guides by kind, each carrier's place for a holder's death)."""

from __future__ import annotations

from dataclasses import dataclass

from ..facts.catalog import Catalog
from ..facts.model import KIND_LABELS, Carrier

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


def by_kind(guides: list[Carrier]) -> list[tuple[str, list[Carrier]]]:
    """Guides in groups a reader knows (大手キャリア, サブブランド, …, in KIND_LABELS' order), then those of no kind."""
    groups = [(label, [c for c in guides if c.identity.kind == kind]) for kind, label in KIND_LABELS.items()]
    groups.append(("その他", [c for c in guides if c.identity.kind is None]))
    return [(label, members) for label, members in groups if members]


@dataclass(frozen=True)
class Bereavement:
    """Where a carrier's guide says what to do when the holder has died: a topic before cancelling or a way."""

    carrier: Carrier
    path: str  # under the site's root, with its anchor
    title: str


def bereavements(guides: list[Carrier]) -> list[Bereavement]:
    """Each guide's places about the holder's death, in the guides' order (anchors as the templates write them:
    the n-th topic of /<id>/before/ is #topic-n, a way is #way-<its id> on the guide)."""
    found = []
    for c in guides:
        for n, item in enumerate(c.before_cancel, 1):
            if item.topic == "holder_death":
                found.append(Bereavement(c, f"{c.id}/before/#topic-{n}", item.title))
        for way in c.ways:
            if way.kind == "holder_death":
                found.append(Bereavement(c, f"{c.id}/#way-{way.id}", way.title))
    return found


def navigation(catalog: Catalog) -> list:
    tools = [{"解約条件の比較": "compare/index.md"}, {"乗り換え日と費用の計算": "calculator/index.md"}]
    if catalog.rules is not None:
        tools.append({"共通ルール": "rules/index.md"})
        if catalog.rules.checklist:
            tools.insert(0, {"解約の前のチェックリスト": "checklist/index.md"})
    nav: list = [{"ホーム": "index.md"}, {"比べる・計算する": tools}]
    for label, guides in by_kind(catalog.guides()):
        nav.append({label: _entries(guides)})
    profiles = [c for c in catalog.carriers.values() if c.role == "profile"]
    if profiles:
        nav.append({"乗り換え先": _entries(profiles)})
    return nav + HAND_WRITTEN
