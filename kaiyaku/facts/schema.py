"""The JSON Schema for editors, generated from the model (never edited by hand)."""

from __future__ import annotations

import json

from .model import Carrier

SCHEMA_PATH = "schema/carrier.schema.json"


def schema() -> dict:
    body = Carrier.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://kaiyaku-guide.github.io/schema/carrier.schema.json",
        "title": "キャリアの事実ファイル(carriers/*.yaml)",
        **body,
    }


def schema_text() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
