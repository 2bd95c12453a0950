"""The site-wide rules checked against each carrier: a fact in force that breaks a rule in force of
rules.yaml (an MNP transfer fee above the cap, an initial-cancellation window shorter than 8 days) is
refused, naming the rule, unless the fact states the exception (``exception:``) with a page dated on or
after the day the rule took effect. An exception that names no such rule, or a fact that breaks nothing,
is refused too."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from fractions import Fraction

from .model import CHANNEL_LABELS, NOT_EVIDENCE_KINDS, TAX_LABELS, Carrier, Fee, Invariant, Rule, RuleBook, Timed
from .yamlsource import Document, Path_

#: the consumption tax since 2019-10-01, to compare an amount with tax to a cap without it
_TAX = Fraction(11, 10)


def _before_tax(amount: int, tax: str | None) -> Fraction:
    return Fraction(amount) / _TAX if tax == "included" else Fraction(amount)


def _yen(amount: int, tax: str | None) -> str:
    return f"{amount:,} 円" + (f"({TAX_LABELS[tax]})" if tax else "")


def _breaches(carrier: Carrier, inv: Invariant, today: dt.date) -> Iterator[tuple[Path_, Timed, str]]:
    """Each fact in force on ``today`` that breaks ``inv``: where it is (the value's path), the item that
    may carry the exception, and what is wrong, in a reader's words."""
    if inv.fact in ("port_out_fee", "penalty_fee"):
        kind = "port_out" if inv.fact == "port_out_fee" else "penalty"
        for i, fee in enumerate(carrier.fees):
            if fee.kind != kind or not fee.in_force_on(today) or fee.amount is None:
                continue
            if kind == "penalty" and fee.contracted and fee.contracted.to and inv.since and fee.contracted.to < inv.since:
                continue  # only contracts made before the rule took effect
            if inv.at_most is not None and _before_tax(fee.amount, fee.tax) > _before_tax(inv.at_most, inv.tax):
                yield ("fees", i, "amount"), fee, f"{fee.name} {_yen(fee.amount, fee.tax)} が上限 {_yen(inv.at_most, inv.tax)} を超えています"
            elif fee.amount and inv.free_channels and (free := _free_way(carrier, fee, inv, today)):
                yield ("fees", i, "amount"), fee, f"{fee.name} {_yen(fee.amount, fee.tax)} が、無料のはずの{free}での手続きにもかかることになっています"
        return
    if inv.fact == "reservation_validity_days":
        mnp = carrier.mnp
        if mnp is not None and mnp.in_force_on(today) and mnp.reservation_validity_days is not None:
            days = mnp.reservation_validity_days
            if _outside(days, inv):
                yield ("mnp", "reservation_validity_days"), mnp, f"予約番号の有効期限 {days} 日が{_bounds(inv)}と違います"
        return
    way_kind = "initial_cancellation" if inv.fact == "initial_cancellation_days" else "confirmation_measure"
    for i, way in enumerate(carrier.ways):
        days = way.applies.within_days_of_contract
        if way.kind == way_kind and way.in_force_on(today) and days is not None and _outside(days, inv):
            yield ("ways", i, "applies", "within_days_of_contract"), way, f"{way.title}の {days} 日が{_bounds(inv)}と違います"


def _outside(days: int, inv: Invariant) -> bool:
    return (inv.at_least is not None and days < inv.at_least) or (inv.at_most is not None and days > inv.at_most)


def _bounds(inv: Invariant) -> str:
    if inv.at_least == inv.at_most:
        return f"決まりの {inv.at_least} 日"
    return "決まりの " + "・".join(x for x in (f"{inv.at_least} 日以上" if inv.at_least is not None else "",
                                              f"{inv.at_most} 日以下" if inv.at_most is not None else "") if x)


def _free_way(carrier: Carrier, fee: Fee, inv: Invariant, today: dt.date) -> str | None:
    """The free channel (Web, …) of a way the fee applies to (every port-out way when it names none)."""
    ways = [w for w in carrier.ways if w.in_force_on(today) and (w.id in fee.ways if fee.ways else w.kind == "port_out")]
    for way in ways:
        for procedure in way.procedures:
            if procedure.channel in inv.free_channels:
                return CHANNEL_LABELS[procedure.channel]
    return None


def rules_in_force(rules: RuleBook, today: dt.date) -> list[Rule]:
    """The rules with an invariant that holds on ``today``."""
    return [r for r in rules.rules if r.invariant is not None and r.in_force_on(today) and (r.invariant.since is None or r.invariant.since <= today)]


def check_invariants(carrier: Carrier, rules: RuleBook, doc: Document, today: dt.date) -> None:
    """Append to ``doc.errors`` every fact of ``carrier`` in force that breaks a rule of ``rules`` in
    force without a valid exception, and every exception that excuses nothing."""
    excused: set[Path_] = set()
    for rule in rules_in_force(rules, today):
        inv = rule.invariant
        for path, item, wrong in _breaches(carrier, inv, today):
            item_path = path[:2] if path[0] != "mnp" else path[:1]
            exc = item.exception
            if exc is not None and exc.rule == rule.id:
                excused.add(item_path)
                if not any(_states_after(carrier, sid, inv.since) for sid in exc.sources):
                    where = item_path + ("exception", "sources")
                    if inv.since:
                        doc.errors.append(doc.error(where, f"例外の出典に、ルール「{rule.title}」({rule.id})が効力を持った {inv.since} 以後の日付のページがありません",
                                                    f"{inv.since} 以後の日付で例外を述べるページ(公式なら最善)を出典にしてください。見つからなければ、この事実を in_force: {{until: …}} で以前のルールに移してください"))
                    else:
                        doc.errors.append(doc.error(where, "例外の出典に日付のあるページがありません",
                                                    "日付のあるページ(公式なら最善)で例外を述べるものを出典にしてください。見つからなければ、この事実を in_force: {until: …} で以前のルールに移してください"))
                continue
            doc.errors.append(doc.error(path, f"{wrong}。rules.yaml のルール「{rule.title}」({rule.id}{f'、{inv.since} から' if inv.since else ''})に反します",
                                        f"終わった料金・ルールなら in_force: {{until: …}} を書いて以前のルールに移してください。{inv.since} 以後の日付のページが例外を述べているなら、"
                                        f"exception: {{rule: {rule.id}, why: 理由, sources: [出典]}} を書いてください(ページに理由が出ます)"))
    for item_path, exc in _exceptions(carrier):
        if item_path in excused:
            continue
        rule = rules.get(exc.rule)
        if rule is None or rule.invariant is None:
            known = ", ".join(r.id for r in rules.rules if r.invariant is not None)
            doc.errors.append(doc.error(item_path + ("exception", "rule"), f"ルール {exc.rule} は rules.yaml にないか、検査する決まり(invariant)がありません",
                                        f"書けるルール: {known or '(まだありません)'}"))
        else:
            doc.errors.append(doc.error(item_path + ("exception",), f"この項目はルール「{rule.title}」({rule.id})に反していません(今日効いている事実でないか、決まりの範囲内です)",
                                        "exception を消してください"))


def _states_after(carrier: Carrier, source_id: str, since: dt.date | None) -> bool:
    source = next((s for s in carrier.sources if s.id == source_id), None)
    return source is not None and source.kind not in NOT_EVIDENCE_KINDS and source.page_date is not None and (since is None or source.page_date.earliest >= since)


def _exceptions(carrier: Carrier) -> Iterator[tuple[Path_, object]]:
    """Every item of the kinds the invariants look at that gives an exception, with its path."""
    for name in ("fees", "ways"):
        for i, item in enumerate(getattr(carrier, name)):
            if item.exception is not None:
                yield (name, i), item.exception
    if carrier.mnp is not None and carrier.mnp.exception is not None:
        yield ("mnp",), carrier.mnp.exception
