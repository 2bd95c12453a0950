"""A number written as 0 is a fact, not an absent one: no template tests a number for truth.

``{% if a.within_days_of_contract %}`` drops a 0 as if nothing were written (「すべての場合」 instead of
「0 日以内」). Every template's conditions are read from Jinja's syntax tree: a number from the model, or
from the figures derived from it, may be compared (``is not none``, ``== 0``, ``> 0``) but never used as
a truth value (``if``, ``and``/``or``/``not``, an inline ``if``, ``selectattr`` with no test).
The corpus (tests/test_error_corpus.py, ``zeros-are-facts``) builds a site with zeros and reads them back.
"""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path

import jinja2
from jinja2 import nodes
from pydantic import BaseModel

from kaiyaku.derive.switching import SwitchRow
from kaiyaku.derive.timing import Timing
from kaiyaku.facts import model

MACROS = Path(__file__).resolve().parent.parent / "macros"


def _holds_int(annotation: object) -> bool:
    if annotation is int:
        return True
    return any(_holds_int(arg) for arg in typing.get_args(annotation))


def numeric_names() -> set[str]:
    """Every attribute a template may read that holds a number: model fields, derived figures."""
    found: set[str] = set()
    for value in vars(model).values():
        if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == model.__name__:
            found |= {f.alias or name for name, f in value.model_fields.items() if _holds_int(f.annotation)}
            found |= {name for name, f in value.model_fields.items() if _holds_int(f.annotation)}
    for derived in (Timing, SwitchRow):
        hints = typing.get_type_hints(derived)
        found |= {f.name for f in dataclasses.fields(derived) if _holds_int(hints[f.name])}
        found |= {name for name, prop in vars(derived).items() if isinstance(prop, property) and _holds_int(typing.get_type_hints(prop.fget).get("return"))}
    return found


def truth_tests(tree: nodes.Node) -> list[nodes.Node]:
    """Every expression a template uses as a truth value."""
    found: list[nodes.Node] = []
    for node in tree.find_all((nodes.If, nodes.CondExpr)):
        found.append(node.test)
    for node in tree.find_all((nodes.And, nodes.Or)):
        found += [node.left, node.right]
    for node in tree.find_all(nodes.Not):
        found.append(node.node)
    return found


def truthy_numbers(source: str, numeric: set[str]) -> list[str]:
    tree = jinja2.Environment(extensions=["jinja2.ext.do"]).parse(source)
    bad = [f"line {n.lineno}: {n.attr}" for n in truth_tests(tree) if isinstance(n, nodes.Getattr) and n.attr in numeric]
    for call in tree.find_all(nodes.Filter):
        if call.name in ("selectattr", "rejectattr") and len(call.args) == 1 and isinstance(call.args[0], nodes.Const):
            if str(call.args[0].value).rsplit(".", 1)[-1] in numeric:
                bad.append(f"line {call.lineno}: {call.name}({call.args[0].value!r})")
    return bad


def test_the_numbers_are_known():
    numeric = numeric_names()
    assert {"within_days_of_contract", "amount", "months", "deadline_days", "days_left_required", "apply_within_days", "validity_days", "min"} <= numeric


def test_no_template_tests_a_number_for_truth():
    numeric = numeric_names()
    found = {path.relative_to(MACROS).as_posix(): truthy_numbers(path.read_text(encoding="utf-8"), numeric) for path in sorted(MACROS.rglob("*.j2"))}
    assert {k: v for k, v in found.items() if v} == {}, "test numbers with `is not none` (0 is a fact)"


def test_the_check_finds_a_truthy_number():
    numeric = numeric_names()
    assert truthy_numbers("{% if a.within_days_of_contract %}x{% endif %}", numeric) == ["line 1: within_days_of_contract"]
    assert truthy_numbers('{{ a.within_days_of_contract or "" }}', numeric) == ["line 1: within_days_of_contract"]
    assert truthy_numbers('{{ ways | selectattr("applies.within_days_of_contract") | list }}', numeric)
    assert truthy_numbers("{% if a.within_days_of_contract is not none and a.amount > 0 %}x{% endif %}", numeric) == []
