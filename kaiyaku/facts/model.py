"""The carrier facts format: one typed model, read by the validator, the templates and the JSON Schema.

Every field carries a Japanese description (shown as a tooltip in editors through the JSON Schema).
Rules that need more than one field of one file live in ``model_validator``s here; rules across
files live in ``validation``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .scalars import Count, Date, Flag, Id, LooseDateValue, MonthCount, Name, PageDate, PostalCode, Phone, Text, Time, Url, Yen, described, problem

Channel = Literal["member_page", "app", "web", "chat", "phone", "store", "writing", "unknown"]
CHANNEL_LABELS = {
    "member_page": "会員ページ",
    "app": "アプリ",
    "web": "Web",
    "phone": "電話",
    "store": "店舗",
    "writing": "書面",
    "chat": "チャット",
    "unknown": "手続きの場所(出典なし)",
}
Network = Literal["docomo", "au", "softbank", "rakuten"]
NETWORK_LABELS = {"docomo": "ドコモ回線", "au": "au回線", "softbank": "ソフトバンク回線", "rakuten": "楽天回線"}
Kind = Literal["major", "subbrand", "online", "mvno"]
KIND_LABELS = {"major": "大手キャリア", "subbrand": "サブブランド", "online": "オンライン専用ブランド", "mvno": "格安SIM(MVNO)"}
MonthBilling = Literal["full", "prorated", "no_base_fee"]
MONTH_BILLING_LABELS = {"full": "満額(日割りなし)", "prorated": "日割り", "no_base_fee": "基本料 0 円(買った分だけ)"}
WayKind = Literal[
    "initial_cancellation", "confirmation_measure", "withdraw_application", "cancel", "port_out", "remove_sim",
    "number_migration", "plan_change", "holder_death",
]
WAY_KIND_LABELS = {
    "initial_cancellation": "初期契約解除",
    "confirmation_measure": "確認措置",
    "withdraw_application": "申し込みの取り消し",
    "plan_change": "プラン変更(同じ会社の別ブランドへ)",
    "holder_death": "契約者が亡くなったとき",
    "cancel": "解約",
    "port_out": "MNP転出",
    "remove_sim": "SIMの一部解約",
    "number_migration": "番号移行",
}
TakesEffect = Literal["end_of_month", "same_day", "line_switch"]
TAKES_EFFECT_LABELS = {
    "end_of_month": "手続きした月の末日に解約",
    "same_day": "手続きした日に解約",
    "line_switch": "乗り換え先で回線が切り替わった時点で解約",
}


class Strict(BaseModel):
    """Unknown keys are refused everywhere; facts never change after loading.

    Only :class:`Carrier` validates files, and its validator includes every part: the parts' own
    validators would never run, so they are not built (``defer_build``), which shortens every start.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Claim(Strict):
    says: Text = described("出典が言っていること(自分の言葉で短く)")
    sources: list[Id] = described("この主張の出典 id", min_length=1)


class Dispute(Strict):
    about: Text = described("食い違っている事実(例: SIMの返却先)")
    claims: list[Claim] = described("出典ごとの主張。2 つ以上", min_length=2)


class Sourced(Strict):
    """Anything that states a fact: its sources, and where sources disagree, both claims."""

    sources: list[Id] = described("この項目の出典。ファイル末尾 sources の id を並べます", min_length=1)
    disputes: list[Dispute] = described("出典どうしが食い違う事実。読者には両方の出典と「要再確認」を示します", default=[])


class Period(Strict):
    """When a rule, fee or price is (or was) in force; a month alone means from its first or to its last day."""

    from_: LooseDateValue | None = Field(alias="from", default=None, description="この日から(2025-03-01 か 2025-03)")
    until: LooseDateValue | None = described("この日まで(この日を含む。2022-01 ならその月の末日まで)", default=None)

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.from_ is None and self.until is None:
            raise problem("from も until もありません", "from: 2025-03-01 か until: 2022-01-31 を書くか、in_force ごと消してください")
        if self.from_ and self.until and self.from_.earliest > self.until.latest:
            raise problem(f"from {self.from_} が until {self.until} より後です", "from と until を確かめてください")
        return self

    def covers(self, day: dt.date) -> bool:
        """Whether ``day`` is within the period (a month alone: from its first, to its last day)."""
        return not (self.until is not None and self.until.latest < day) and not (self.from_ is not None and self.from_.earliest > day)


class RuleException(Strict):
    """Why a fact differs from a site-wide rule (rules.yaml) it would otherwise break, and the page that says so."""

    rule: Id = described("この項目が従わないルール(rules.yaml の id。例: mnp-fee)")
    why: Text = described("ルールと違う理由(出典が言っていることを自分の言葉で)。ページにそのまま出ます")
    sources: list[Id] = described("例外を述べる出典。ルールが効力を持った日より後の日付のページが要ります", min_length=1)


class Timed(Sourced):
    """A fact that can start or end on a date: the page shows it as current only while it is in force."""

    in_force: Period | None = described("いつからいつまでのルールか(終わったルールは「以前のルール」に移ります)", default=None)

    def in_force_on(self, day: dt.date) -> bool:
        """Whether this fact holds on ``day`` (no ``in_force``: always)."""
        return self.in_force is None or self.in_force.covers(day)


class Section(Timed):
    """A whole section (billing, minimum_term, mnp, sim_return): its value now, and under ``history`` the
    values it had before (or will have), each with the dates it held (``in_force``)."""

    history: list[Self] = described("この節の以前の(またはこれからの)内容。それぞれに in_force を書きます(終わったものは「以前のルール」に出ます)", default=[])

    @model_validator(mode="after")
    def _history_dated(self) -> Self:
        for i, old in enumerate(self.history):
            if old.in_force is None:
                raise problem(f"history[{i}] に in_force がありません", "いつまで(またはいつから)の内容かを in_force: {until: 2024-09-30} のように書いてください")
            if old.history:
                raise problem(f"history[{i}] の中に history があります", "以前の内容はすべて、節のすぐ下の history に並べてください")
        return self


# --- identity -----------------------------------------------------------------------------

SourceKind = Literal["official", "regulator", "press", "guide", "community", "not_evidence"]
SOURCE_KIND_LABELS = {"official": "公式", "regulator": "行政", "press": "報道", "guide": "解説サイト", "community": "投稿・Q&A",
                      "not_evidence": "根拠にしないページ(自動生成の記事など)"}
#: kinds that never count as support: a fact only they back is refused (it is shown as unknown)
NOT_EVIDENCE_KINDS = frozenset({"not_evidence"})
#: kinds that confirm a fact on their own; a fact backed only by others is marked 公式情報で未確認
CONFIRMING_KINDS = frozenset({"official", "regulator", "press"})
Tax = Literal["included", "excluded", "exempt"]
TAX_LABELS = {"included": "税込", "excluded": "税抜", "exempt": "不課税"}


class Source(Strict):
    id: Id = described("この出典の id(各項目の sources から参照)")
    title: Text = described("ページの題名。公式でないページはサイト名も書きます")
    url: Url = described("事実が書かれているページの URL(サイトのトップページではなく)")
    kind: SourceKind = described(
        "official(事業者の公式ページ・約款・報道発表) / regulator(総務省など) / press(発表を伝える報道) / guide(解説サイト・ブログ) / community(Q&A・掲示板)"
        " / not_evidence(自動生成の記事など、根拠にしないページ)"
    )
    page_date: PageDate = described("ページに書かれた公開日・更新日(2025-03-01、月までなら 2025-03)。書かれていなければ undated")
    checked: Date = described("確認日: このページでその事実を確かめた日")


class Identity(Sourced):
    operator: Text | None = described("提供する会社", default=None)
    kind: Kind | None = described("種類: major(大手) / subbrand(サブブランド) / online(オンライン専用) / mvno(格安SIM)", default=None)
    networks: list[Network] = described("使っている回線", default=[])
    official_site: Url | None = described("公式サイトの URL", default=None)
    brand_of: Id | None = described("別の事業者の契約の中のブランド・プランなら、その事業者の id(例: ahamo は docomo)", default=None)
    aliases: list[Name] = described("読者が検索しそうな別名・読み", default=[])


# --- ways to end the contract ------------------------------------------------------------

class Step(Strict):
    text: Text = described("この手順ですること")
    notes: list[Text] = described("手順の下に添える補足", default=[])


class Procedure(Strict):
    channel: Channel = described("手続きする場所")
    steps: list[Step] = described("順番どおりの手順", min_length=1)
    contact: Id | None = described("この手続きの窓口(contacts の id)", default=None)


class Applies(Strict):
    keep_number: Flag | None = described("電話番号を引き継ぐ場合だけなら true、番号を手放す場合だけなら false", default=None)
    within_days_of_contract: Count | None = described("契約書面を受け取った日から数えて何日以内に使える方法か", default=None)
    lines: Literal["all", "one_of_several"] = described("all(契約全体) / one_of_several(複数枚のうち1枚)", default="all")
    sims: list[Literal["physical", "esim"]] = described("対象の SIM の種類(空なら両方)", default=[])
    to: list[Id] = described("この方法で移れる乗り換え先(番号移行など)", default=[])
    plans: list[Text] = described("対象のプラン(空ならすべて)", default=[])


class Cutoff(Strict):
    action: Literal["withdraw", "apply"] = described("withdraw(取り消し) / apply(申し込み)")
    day: Literal["last_day_of_month", "same_day"] = described("締切の日")
    time: Time = described('締切の時刻("20:00" のように引用符で囲む)')


class Way(Timed):
    id: Id = described("この方法の id")
    kind: WayKind = described("方法の種類")
    title: Text = described("見出し")
    summary: Text = described("どんな人向けの方法か、1 文で")
    applies: Applies = described("この方法が使える条件", default_factory=Applies)
    procedures: list[Procedure] = described("手続きの場所ごとの手順", min_length=1)
    takes_effect: TakesEffect | None = described("いつ解約になるか(出典がなければ書かない)", default=None)
    cutoffs: list[Cutoff] = described("申し込み・取り消しの締切", default=[])
    conditions: list[Text] = described("この方法の条件・注意", default=[])
    still_charged: list[Text] = described("この方法でもかかる費用(金額のないもの)", default=[])
    exception: RuleException | None = described("rules.yaml のルールと違う事実なら、その理由と出典(check が例外として認めます)", default=None)


class MinimumTerm(Section):
    rule: Literal["none", "end_of_first_month", "end_of_next_month", "months"] = described(
        "none(なし) / end_of_first_month(利用開始月の末日まで) / end_of_next_month(利用開始の翌月の末日まで) / months(月数)")
    months: MonthCount | None = described("rule が months のときの月数", default=None)
    during: Literal["reserved_until_end", "refused", "penalty"] | None = described(
        "期間中に解約を申し込むと: reserved_until_end(月末解約の予約になる) / refused(受け付けない) / penalty(違約金)", default=None
    )

    @model_validator(mode="after")
    def _months_given(self) -> MinimumTerm:
        if (self.rule == "months") != (self.months is not None):
            raise problem("rule が months のときだけ months に月数を書きます", "rule と months を合わせてください")
        return self


# --- MNP ----------------------------------------------------------------------------------

class DayRange(Strict):
    min: Count = described("最短の日数")
    max: Count = described("最長の日数")

    @model_validator(mode="after")
    def _ordered(self) -> DayRange:
        if self.min > self.max:
            raise problem(f"min({self.min})が max({self.max})より大きくなっています", "min と max を入れ替えてください")
        return self


class Mnp(Section):
    one_stop_leaving: Flag | None = described("乗り換え元として MNPワンストップ方式に参加しているか(出典がなければ書かない)", default=None)
    one_stop_joining: Flag | None = described("乗り換え先として MNPワンストップ方式に参加しているか(出典がなければ書かない)", default=None)
    reservation_issue_days: DayRange | None = described("予約番号の発行にかかる日数", default=None)
    reservation_validity_days: Count | None = described("予約番号の有効期限(発行日を含む日数)", default=None)
    days_left_required: Count | None = described("乗り換え先として、予約番号の残り日数を何日以上求めるか", default=None)
    destinations_often_require_days_left: Count | None = described("出典が目安として挙げる、乗り換え先が求める残り日数", default=None)
    exception: RuleException | None = described("rules.yaml のルールと違う事実なら、その理由と出典(check が例外として認めます)", default=None)


class DateRange(Strict):
    from_: Date | None = Field(alias="from", default=None, description="開始日(この日を含む)")
    to: Date | None = described("終了日(この日を含む)", default=None)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.from_ and self.to and self.from_ > self.to:
            raise problem(f"開始日 {self.from_} が終了日 {self.to} より後です", "from と to を確かめてください")
        return self


# --- billing and fees ---------------------------------------------------------------------

class BillingException(Timed):
    to: list[Id] = described("この扱いになる乗り換え先", min_length=1)
    way: Id | None = described("この扱いになる方法(ways の id)", default=None)
    last_month: MonthBilling = described("その場合の最終月の請求")
    not_covered: list[Text] = described("その場合も日割りにならないもの", default=[])


class OptionBilling(Strict):
    name: Text = described("オプションの名前")
    last_month: MonthBilling = described("月の途中で解約したときの請求")
    devices: Text | None = described("対象の端末(例: Android)", default=None)


class Billing(Section):
    last_month: MonthBilling | None = described("解約する月の請求: full(満額) / prorated(日割り)", default=None)
    depends_on_usage: Flag | None = described("月額が使ったデータ量で決まるなら true(月末まで使うと高くなることがあります)", default=None)
    closing: Literal["end_of_month"] | None = described("請求の締め日", default=None)
    full_month_items: list[Text] = described("解約月も 1 か月分請求されるもの", default=[])
    options: list[OptionBilling] = described("オプションごとの解約月の請求", default=[])
    exceptions: list[BillingException] = described("乗り換え先によって変わる扱い", default=[])
    first_month: MonthBilling | None = described("乗り換え先として、初月の請求", default=None)
    first_month_from: list[FirstMonthException] = described("乗り換え元によって変わる初月の請求", default=[])


class FirstMonthException(Sourced):
    from_: list[Id] = Field(alias="from", min_length=1, description="この扱いになる乗り換え元")
    first_month: MonthBilling = described("その場合の初月の請求")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Fee(Timed):
    id: Id = described("この料金の id")
    name: Text = described("料金の名前")
    kind: Literal["penalty", "port_out", "other"] = described("penalty(違約金・解除料) / port_out(MNP転出手数料) / other")
    amount: Yen | None = described("金額(円、半角数字)", default=None)
    tax: Tax | None = described("出典の金額が included(税込) / excluded(税抜) / exempt(不課税) のどれか。0 円でなければ必須", default=None)
    basis: Literal["fixed", "up_to", "plan_monthly", "lower_of_amount_and_plan"] = described(
        "fixed(定額) / up_to(最大) / plan_monthly(プランの月額と同額) / lower_of_amount_and_plan(金額と割引後の月額の低いほう)", default="fixed"
    )
    ways: list[Id] = described("この料金がかかる方法(ways の id)。空ならすべて", default=[])
    plans: list[Text] = described("対象のプラン(空ならすべて)", default=[])
    contracted: DateRange | None = described("対象の契約日の範囲", default=None)
    within_months: MonthCount | None = described("契約から何か月以内の解約が対象か", default=None)
    conditions: list[Text] = described("かかる条件", default=[])
    conditions_apply: Literal["all", "any"] | None = described("条件が 2 つ以上のとき: all(すべて満たすとき) / any(どれかに当てはまるとき)", default=None)
    exemptions: list[Text] = described("条件に当てはまってもかからない場合", default=[])
    exception: RuleException | None = described("rules.yaml のルールと違う事実なら、その理由と出典(check が例外として認めます)", default=None)

    @property
    def conditional(self) -> bool:
        """Charged only in some cases: the page says "only if …" and never lists it as a cost of every way."""
        return bool(self.conditions or self.within_months is not None or self.contracted or self.plans)

    @model_validator(mode="after")
    def _amount_fits_basis(self) -> Fee:
        if self.basis == "plan_monthly" and self.amount is not None:
            raise problem("basis が plan_monthly のときは amount を書きません", "amount を消すか basis を変えてください")
        if self.basis != "plan_monthly" and self.amount is None:
            raise problem("amount(金額)がありません", "amount: 1100 のように円を書き、tax: に税込か税抜かを書いてください")
        _taxed(self.amount, self.tax)
        if len(self.conditions) >= 2 and self.conditions_apply is None:
            raise problem("条件が 2 つ以上あるのに、すべて満たすときか、どれかのときかが書かれていません", "conditions_apply: all(すべて)か conditions_apply: any(どれか)を書いてください")
        return self


def _taxed(amount: int | None, tax: str | None) -> None:
    if amount and tax is None:
        raise problem(f"{amount} 円が税込か税抜かが書かれていません", "出典の書き方に合わせて tax: included(税込)/ excluded(税抜)/ exempt(不課税)を書いてください")


class Price(Timed):
    plan: Text = described("プラン名")
    amount: Yen = described("料金(円)")
    tax: Tax | None = described("included(税込) / excluded(税抜)。0 円でなければ必須", default=None)
    per: Literal["month", "purchase"] = described("month(月額) / purchase(1 回の購入)", default="month")
    data: Text | None = described("データ量などの条件(例: 3GBまで)", default=None)

    @model_validator(mode="after")
    def _tax_given(self) -> Price:
        _taxed(self.amount, self.tax)
        return self


class ContractFee(Timed):
    channel: Literal["web", "store", "any"] = described("申し込む場所")
    amount: Yen | None = described("契約事務手数料(円)。出典がなければ書かない", default=None)
    tax: Tax | None = described("included(税込) / excluded(税抜)。0 円でなければ必須", default=None)
    from_: list[Id] = Field(alias="from", default=[], description="この金額になる乗り換え元(空ならすべて)")
    conditions: list[Text] = described("この金額になる条件", default=[])
    since: Date | None = described("この金額が適用される契約日", default=None)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    @model_validator(mode="after")
    def _tax_given(self) -> ContractFee:
        _taxed(self.amount, self.tax)
        return self


# --- SIM return ---------------------------------------------------------------------------

class Address(Strict):
    postal_code: PostalCode = described('郵便番号("143-0006" の形)')
    lines: list[Text] = described("住所の各行", min_length=1)
    recipient: Text = described("宛名")


class PlanReturnRule(Sourced):
    plans: list[Text] = described("対象のプラン", min_length=1)
    rule: Literal["return", "dispose", "not_required"] = described("return(返却) / dispose(自分で処分) / not_required(不要)")


class SimReturn(Section):
    rule: Literal["return", "dispose", "not_required", "by_plan", "unknown"] = described(
        "return(返却) / dispose(自分で処分) / not_required(不要) / by_plan(プランで異なる) / unknown(出典なし)"
    )
    address: Address | None = described("返却先", default=None)
    postage: Literal["sender", "carrier"] | None = described("送料: sender(自己負担) / carrier(事業者負担)", default=None)
    deadline_days: Count | None = described("返却期限(解約から何日以内)", default=None)
    no_deadline: Flag | None = described("返却期限が定められていないなら true", default=None)
    lost_penalty: Flag | None = described("返せないときに弁償・違約金があるなら true", default=None)
    packing: list[Text] = described("送り方", default=[])
    by_plan: list[PlanReturnRule] = described("プランごとの扱い", default=[])

    sources: list[Id] = described("この項目の出典(rule が unknown のときだけ省略できます)", default=[])

    @model_validator(mode="after")
    def _consistent(self) -> SimReturn:
        if self.rule != "unknown" and not self.sources:
            raise problem("出典(sources)がありません", "確かめたページの id を sources: [..] に書いてください。出典がなければ rule: unknown にします")
        if self.rule == "by_plan" and not self.by_plan:
            raise problem("rule が by_plan なのに by_plan がありません", "プランごとの扱いを by_plan に書いてください")
        if self.deadline_days is not None and self.no_deadline:
            raise problem("deadline_days と no_deadline: true が両方あります", "どちらか一方にしてください")
        return self


# --- after cancelling, contacts, FAQ ------------------------------------------------------

class Amount(Strict):
    label: Text = described("何の金額か")
    amount: Yen = described("金額(円)")
    tax: Tax | None = described("included(税込) / excluded(税抜) / exempt(不課税)。0 円でなければ必須", default=None)
    per: Literal["month", "once"] = described("month(毎月) / once(1 回)", default="once")
    up_to: Flag = described("最大の金額なら true", default=False)

    @model_validator(mode="after")
    def _tax_given(self) -> Amount:
        _taxed(self.amount, self.tax)
        return self


Topic = Literal[
    "device_installments", "return_program", "points", "account", "prepaid_balance", "payment_card", "carrier_mail",
    "family_discount", "set_discount", "documents", "holder_death", "sim_unlock", "esim_profile", "unpaid_bills", "abroad",
    "short_term",
]
TOPIC_LABELS = {
    "device_installments": "分割で買った端末", "return_program": "端末の返却・買い替えプログラム", "points": "ポイント",
    "account": "ID・アカウント", "prepaid_balance": "残高・電子マネー", "payment_card": "クレジットカードの特典",
    "carrier_mail": "キャリアのメールアドレス", "family_discount": "家族割", "set_discount": "光回線などのセット割",
    "documents": "必要なもの・代理人", "holder_death": "契約者が亡くなったとき", "sim_unlock": "SIMロック解除",
    "esim_profile": "eSIM のプロファイル", "unpaid_bills": "未払いの料金", "abroad": "海外に移るとき", "short_term": "短期解約",
}
#: topics the chooser asks about: a reader who says "no" to its question does not see them
TOPIC_QUESTIONS = {
    "installments": ("端末を分割払いで買い、まだ払い終わっていませんか", ("device_installments", "return_program")),
    "mail": ("キャリアのメールアドレス(@docomo.ne.jp など)を使っていますか", ("carrier_mail",)),
    "family": ("家族割や、光回線などとのセット割を使っていますか", ("family_discount", "set_discount")),
}


class AfterItem(Timed):
    topic: Topic = described("話題: " + " / ".join(f"{k}({v})" for k, v in TOPIC_LABELS.items()))
    title: Text = described("見出し")
    points: list[Text] = described("読者が知っておくこと", min_length=1)
    amounts: list[Amount] = described("関係する金額", default=[])
    apply_within_days: Count | None = described("申し込みの期限(解約から何日以内)", default=None)
    requires: list[Text] = described("申し込みに必要なもの", default=[])


class PhoneNumber(Strict):
    number: Phone = described('電話番号("0120-800-000" の形)')
    toll_free: Flag | None = described("通話料無料なら true", default=None)
    note: Text | None = described("どこから・誰がかける番号か(例: ドコモの携帯電話から)", default=None)


class Hours(Strict):
    days: Literal["every_day", "weekdays", "weekends_holidays"] | None = described("every_day(年中無休) / weekdays(平日) / weekends_holidays(土日祝)", default=None)
    opens: Time | None = described('受付開始("9:00")', default=None)
    closes: Time | None = described('受付終了("20:00")', default=None)
    all_day: Flag | None = described("24 時間受け付けるなら true(opens と closes は書きません)", default=None)

    @model_validator(mode="after")
    def _complete(self) -> Hours:
        if self.all_day:
            if self.opens or self.closes:
                raise problem("all_day: true と opens / closes が両方あります", "24 時間なら opens と closes を消してください")
            return self
        if not (self.opens and self.closes):
            missing = "closes(受付終了)" if self.opens else "opens(受付開始)"
            raise problem(f"受付時間の {missing} がありません", '開始と終了を両方書くか("9:00" と "20:00")、24 時間なら all_day: true にします。時間の出典がなければ hours ごと消してください')
        o, c = (tuple(int(x) for x in t.split(":")) for t in (self.opens, self.closes))
        if o >= c:
            raise problem(f"受付開始 {self.opens} が受付終了 {self.closes} より後です", "opens と closes を確かめてください")
        return self


class Contact(Timed):
    id: Id = described("窓口の id")
    name: Text = described("窓口の名前")
    channel: Literal["phone", "chat", "store", "web"] = described("phone(電話) / chat(チャット) / store(店舗) / web(Web)", default="phone")
    phones: list[PhoneNumber] = described("電話番号(かける人・場所で番号が違えば複数)", default=[])
    hours: list[Hours] = described("受付時間。出典がなければ書かない(ページには「出典なし」と出ます)", default=[])
    maintenance: list[Text] = described("メンテナンスなどで使えない時間", default=[])
    purposes: list[Text] = described("受け付けること", default=[])
    cancel_by_phone: Flag | None = described("この窓口の電話で解約できるなら true", default=None)


class FaqItem(Timed):
    q: Text = described("質問")
    a: list[Text] = described("答え(段落ごと)", min_length=1)


class Highlight(Timed):
    text: Text = described("乗り換え先としての特徴(出典のある事実)")


# --- joining (as a destination) -----------------------------------------------------------

JoiningTopic = Literal["documents", "payment", "age", "account", "apply", "sim", "phones", "activation"]
JOINING_TOPIC_LABELS = {
    "documents": "本人確認書類", "payment": "支払い方法と名義", "age": "年齢の条件", "account": "アカウント・メールアドレス",
    "apply": "申し込める場所", "sim": "SIM と eSIM", "phones": "使える端末(回線・SIMロック)", "activation": "開通(回線の切り替え)",
}
SimKind = Literal["physical", "esim"]
SIM_KIND_LABELS = {"physical": "SIMカード", "esim": "eSIM"}


class JoiningItem(Timed):
    """One thing a new customer needs or does, in the destination's own words (each with its sources)."""

    topic: JoiningTopic = described("話題: " + " / ".join(f"{k}({v})" for k, v in JOINING_TOPIC_LABELS.items()))
    points: list[Text] = described("読者が知っておくこと(出典が言っていることを自分の言葉で)", min_length=1)


class Joining(Section):
    """What joining this carrier needs, as a destination: documents, payment, age, account, where to apply,
    SIM or eSIM, which phones work, and how the line is activated. The section's ``sources`` back its own fields;
    each item cites its own."""

    channels: list[Literal["web", "app", "store", "phone"]] = described("申し込める場所: web / app(アプリ) / store(店舗) / phone(電話)", default=[])
    sims: list[SimKind] = described("選べる SIM: physical(SIMカード) / esim", default=[])
    min_age: Count | None = described("本人名義で契約できる年齢(何歳以上)", default=None)
    payment_holder: Literal["applicant", "family_allowed"] | None = described(
        "支払いに使える名義: applicant(契約者本人だけ) / family_allowed(家族名義も使える)", default=None)
    activation_by: Literal["customer", "carrier"] | None = described("開通の手続きをする人: customer(自分で) / carrier(事業者が)", default=None)
    items: list[JoiningItem] = described("話題ごとの詳しいこと(それぞれに出典)", default=[])
    sources: list[Id] = described("channels・sims などこの節の項目の出典(items だけなら省略できます)", default=[])

    @model_validator(mode="after")
    def _backed(self) -> Joining:
        own = (self.channels, self.sims, self.min_age, self.payment_holder, self.activation_by)
        if any(v not in (None, []) for v in own) and not self.sources:
            raise problem("joining の項目に出典(sources)がありません", "確かめたページの id を joining の sources: [..] に書いてください")
        if not any(v not in (None, []) for v in own) and not self.items:
            raise problem("joining に何も書かれていません", "出典のある事実を書くか、joining ごと消してください")
        return self


# --- the carrier --------------------------------------------------------------------------

class Carrier(Strict):
    """One carrier file. ``role: guide`` is a full guide page; ``role: profile`` is used in comparisons."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=False)  # built once, at import

    id: Id = described("このファイルの id(ファイル名と同じ)")
    name: Name = described("表示名")
    role: Literal["guide", "profile"] = described("guide(解約ガイドを作る) / profile(比較にだけ使う)")
    identity: Identity = described("会社・回線などの基本情報")
    ways: list[Way] = described("契約を終える方法すべて", default=[])
    minimum_term: MinimumTerm | None = described("最低利用期間", default=None)
    mnp: Mnp | None = described("MNP(番号の引き継ぎ)", default=None)
    billing: Billing | None = described("解約月・初月の請求", default=None)
    fees: list[Fee] = described("解約にかかる料金", default=[])
    sim_return: SimReturn | None = described("SIM の返却", default=None)
    before_cancel: list[AfterItem] = described("解約の前に確かめること・決めること(端末の残債、ポイント、メール、割引、必要なものなど)", default=[])
    after_cancel: list[AfterItem] = described("解約後も続くこと・なくなること", default=[])
    contacts: list[Contact] = described("問い合わせ窓口", default=[])
    faq: list[FaqItem] = described("よくある質問", default=[])
    switch_to: list[Id] = described("乗り換え先として比べるキャリアの id", default=[])
    prices: list[Price] = described("乗り換え先としての料金例", default=[])
    contract_fees: list[ContractFee] = described("乗り換え先としての契約事務手数料", default=[])
    highlights: list[Highlight] = described("乗り換え先としての特徴", default=[])
    joining: Joining | None = described("乗り換え先として、申し込みに要るもの・開通のしかた(本人確認書類、支払い、年齢、アカウント、SIM、端末、開通)", default=None)
    previous_ids: list[Id] = described("このキャリアが前に使っていた id(ファイル名)。古い URL から今のページへ転送します", default=[])
    sources: list[Source] = described("出典の一覧(URL・題名・確認日)", min_length=1)

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def way(self, way_id: str) -> Way:
        return next(w for w in self.ways if w.id == way_id)

    def contact(self, contact_id: str) -> Contact:
        return next(c for c in self.contacts if c.id == contact_id)


Billing.model_rebuild()

#: sections a full guide must have, with how an editor names them
REQUIRED_FOR_GUIDE = {
    "ways": "契約を終える方法(ways)",
    "fees": "料金(fees)",
    "billing": "解約月の請求(billing)",
    "sim_return": "SIM の返却(sim_return)",
    "faq": "よくある質問(faq)",
    "switch_to": "乗り換え先(switch_to)",
    "sources": "出典(sources)",
}


# --- rules that hold for every carrier ----------------------------------------------------

InvariantFact = Literal["port_out_fee", "penalty_fee", "initial_cancellation_days", "confirmation_measure_days", "reservation_validity_days"]
INVARIANT_FACT_LABELS = {
    "port_out_fee": "MNP転出手数料(fees の kind: port_out)",
    "penalty_fee": "違約金・契約解除料(fees の kind: penalty)",
    "initial_cancellation_days": "初期契約解除の日数(ways の kind: initial_cancellation の applies.within_days_of_contract)",
    "confirmation_measure_days": "確認措置の日数(ways の kind: confirmation_measure の applies.within_days_of_contract)",
    "reservation_validity_days": "予約番号の有効期限(mnp.reservation_validity_days)",
}


class Invariant(Strict):
    """What a site-wide rule requires of every carrier's facts in force: ``check`` refuses a fact that breaks
    it, unless the fact gives an ``exception`` with a page dated after ``since`` that states it."""

    fact: InvariantFact = described("検査する事実: " + " / ".join(f"{k}({v})" for k, v in INVARIANT_FACT_LABELS.items()))
    since: Date | None = described("このルールが効力を持った日(penalty_fee では、この日以降の契約が対象)。出典に日付がなければ書かない(いつでも)", default=None)
    at_most: Yen | None = described("上限(円か日数)", default=None)
    at_least: Count | None = described("下限(日数)", default=None)
    tax: Tax | None = described("上限の金額が included(税込) / excluded(税抜)のどちらか(円の上限なら必須)", default=None)
    free_channels: list[Channel] = described("この場所での手続きは無料(上限より低く 0 円)。0 円でない料金は、この場所の手続きのない方法(ways)だけに書きます", default=[])
    covers: Text | None = described("対象になる会社・契約(ページに出ます)", default=None)

    @model_validator(mode="after")
    def _bounded(self) -> Invariant:
        if self.at_most is None and self.at_least is None:
            raise problem("at_most も at_least もありません", "上限なら at_most: 1000、下限なら at_least: 8 のように書いてください")
        if self.fact.endswith("_fee") and self.at_most is not None and self.at_most and self.tax is None:
            raise problem("上限の金額が税込か税抜かが書かれていません", "tax: excluded(税抜)か tax: included(税込)を書いてください")
        return self


class Rule(Timed):
    """A rule of the country, not of one carrier (MNP one-stop, 初期契約解除, caps on penalties)."""

    id: Id = described("このルールの id(テンプレートが参照します)")
    title: Text = described("見出し")
    points: list[Text] = described("読者が知っておくこと(出典が言っていることを自分の言葉で)", min_length=1)
    invariant: Invariant | None = described("すべてのキャリアの事実が従うこと。check が各ファイルの事実と照らし合わせます", default=None)


class NotEvidenceHost(Strict):
    """A site whose pages never count as support (machine-written article farms): every carrier's source
    on it must be of the kind not_evidence."""

    host: Text = described("サイトのホスト名(例: awaisora.com。サブドメインも含みます)")
    why: Text = described("根拠にしない理由")


#: rules the guide templates link to by id (macros/sections/mnp.html.j2): rules.yaml must hold them
RULES_CITED = ("one-stop", "reservation-number")


class RuleBook(Strict):
    """The site-wide fact file (rules.yaml): rules every guide may state, each with its sources."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=False)

    rules: list[Rule] = described("すべてのキャリアに共通するルール", min_length=1)
    checklist: list[Rule] = described("どのキャリアをやめる人にも当てはまる、解約の前にすることの一覧(/checklist/)", default=[])
    retired_ids: list[Id] = described("公開したが、もう載せないと決めたルール・チェック項目の id(/rules/#id などのリンクは切れます)", default=[])
    not_evidence_hosts: list[NotEvidenceHost] = described("根拠にしないサイト。ここにあるサイトの出典は kind: not_evidence にします", default=[])
    sources: list[Source] = described("出典の一覧", min_length=1)

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)
