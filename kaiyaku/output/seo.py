"""Structured data for search engines, built from the facts: BreadcrumbList JSON-LD.

No FAQPage: Google shows FAQ rich results only for well-known government and health sites (since
August 2023), and the answers would repeat in every guide's first view what the page already says."""

from __future__ import annotations

import json

from ..facts.model import KIND_LABELS, Carrier


def _script_safe(data: dict) -> str:
    """JSON that cannot close the surrounding <script> element."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def carrier_jsonld(carrier: Carrier, site_url: str, page_url: str) -> str:
    section = KIND_LABELS.get(carrier.identity.kind or "", "その他") if carrier.role == "guide" else "乗り換え先"
    crumbs = [("ホーム", site_url), (section, None), (carrier.name, page_url)]
    graph: list[dict] = [
        {
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": i, "name": name, **({"item": url} if url else {})}
                for i, (name, url) in enumerate(crumbs, 1)
            ],
        }
    ]
    return _script_safe({"@context": "https://schema.org", "@graph": graph})
