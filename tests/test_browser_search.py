"""Japanese search in the browser: the query set readers type, each must find its page in the top five."""

from __future__ import annotations

import pytest
from conftest import ROOT

from kaiyaku.derive.navigation import bereavements
from kaiyaku.facts.catalog import load_site

CATALOG = load_site(ROOT)

ANY_GUIDE = ("iijmio/", "au/", "mineo/", "rakuten-mobile/", "povo2/", "uq-mobile/", "docomo/", "softbank/", "ymobile/", "linemo/", "ahamo/",
             "aeon-mobile/", "nuro-mobile/", "nihontsushin/", "biglobe-mobile/", "ocn-mobile-one/", "his-mobile/")
#: a guide or its page of topics before cancelling
ANY_TOPIC = ANY_GUIDE + tuple(g + "before/" for g in ANY_GUIDE)

#: the pages that say what to do when the holder has died (a topic before cancelling, or a way)
BEREAVEMENT = tuple(dict.fromkeys(b.path.split("#")[0] for b in bereavements(CATALOG.guides())))

# query → the page it must find (path under the site), or the pages any of which answers it (a
# general word every guide explains). Kanji, kana, Latin and full-width forms.
QUERIES = {
    "日割り": ANY_TOPIC, "解約手続き": ANY_TOPIC, "返却センター": "iijmio/", "143": "iijmio/", "平和島": "iijmio/",
    "IIJmio": "iijmio/", "ＩＩＪ": "iijmio/", "iij": "iijmio/", "みおふぉん": "iijmio/", "mioID": "iijmio/",
    "au": "au/", "ａｕ": "au/", "楽天": "rakuten-mobile/", "ラクテン": "rakuten-mobile/", "rakuten": "rakuten-mobile/",
    "楽天モバイル": "rakuten-mobile/", "ワンストップ": ANY_GUIDE, "予約番号": ANY_GUIDE + ("rules/",), "共通ルール": "rules/", "確認措置": ANY_GUIDE + ("rules/",), "初期契約解除": "iijmio/",
    "eSIM": "iijmio/", "ｅＳＩＭ": "iijmio/", "SIMカードの削除": "iijmio/", "違約金": ANY_GUIDE, "契約解除料": "au/",
    "990円": ("au/", "uq-mobile/", "linemo/"), "auメール持ち運び": "au/", "家族割": ANY_TOPIC, "Ponta": "au/", "故障紛失サポート": "au/",
    "番号移行": "au/", "UQモバイル": "uq-mobile/", "UQ mobile": "uq-mobile/", "ユーキューモバイル": "uq-mobile/",
    "povo": "povo2/", "ポヴォ": "povo2/", "トッピング": "povo2/", "mineo": "mineo/", "マイネオ": "mineo/",
    "ドコモ": "docomo/", "docomo": "docomo/", "ソフトバンク": "softbank/", "ワイモバイル": "ymobile/", "アハモ": "ahamo/",
    "0570-09-4400": "iijmio/", "0077-75470": "au/", "最低利用期間": ANY_GUIDE, "ブラックリスト": ANY_TOPIC + ("rules/",),
    "音声通話機能解除調定金": "iijmio/",
    # what readers ask before cancelling (issue 16), the checklist and the newer guides
    "ドコモ 解約 dポイント": ("docomo/", "docomo/before/"), "分割 残り 解約": ANY_TOPIC, "キャリアメール 持ち運び": ANY_TOPIC,
    "家族 解約 委任状": ANY_TOPIC, "契約者 死亡 解約": ANY_TOPIC, "SIMロック解除 解約後": ANY_TOPIC, "SMS 認証コード": "checklist/", "チェックリスト": "checklist/", "バックアップ": "checklist/",
    "LINE 引き継ぎ": "checklist/", "イオンモバイル": "aeon-mobile/", "NUROモバイル": "nuro-mobile/", "日本通信": "nihontsushin/",
    "BIGLOBE": "biglobe-mobile/", "OCN モバイル ONE": "ocn-mobile-one/", "HISモバイル": "his-mobile/", "解約月": "au/", "計算": "calculator/", "比べる": "compare/", "解約条件": "compare/",
    # what a bereaved reader types, and carriers' readings (issue 23)
    "承継": BEREAVEMENT, "死亡": BEREAVEMENT, "亡くなった": BEREAVEMENT, "エイチアイエス": "his-mobile/", "えいちあいえす": "his-mobile/",
    "らくてん": "rakuten-mobile/", "そふとばんく": "softbank/", "ラインモ": "linemo/", "あはも": "ahamo/",
    # a switch from one carrier to another (issue 28)
    "auからahamo 乗り換え": "au/to/ahamo/",
}


def search(page, base_url, query):
    page.fill("[data-kg-search-query]", query)
    # the list answers this query, not the one before (search.js marks it when it renders the results)
    page.wait_for_function("q => document.querySelector('[data-kg-search]').dataset.results === q.normalize('NFKC').trim()", arg=query)
    return [a.get_attribute("href") for a in page.query_selector_all(".md-search-result__link")][:5]


def test_the_query_set_finds_its_pages(page, base_url):
    assert len(QUERIES) >= 40
    page.goto(base_url)
    page.keyboard.press("/")  # the keyboard shortcut opens Material's search box
    assert page.is_checked("#__search") and page.evaluate("document.activeElement.matches('[data-kg-search-query]')")
    misses = {}
    for query, expected in QUERIES.items():
        hrefs = search(page, base_url, query)
        wanted = expected if isinstance(expected, tuple) else (expected,)
        if not any(h == "/" + w for h in hrefs for w in wanted):
            misses[query] = hrefs
    hit_rate = 1 - len(misses) / len(QUERIES)
    print(f"search: {len(QUERIES) - len(misses)}/{len(QUERIES)} queries found their page in the top five ({hit_rate:.0%}); misses: {misses}")
    assert hit_rate >= 0.95, misses
    assert page.console_errors == [] and page.foreign_requests == []


def katakana_to_hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in text)


def test_a_query_naming_a_carrier_puts_its_guide_first(page, base_url):
    """Its name, each alias the facts give, the hiragana of a katakana alias: the carrier's own guide is the
    first result, not a page that mentions it as a destination."""
    page.goto(base_url)
    page.keyboard.press("/")
    wrong = {}
    for c in CATALOG.guides():
        names = dict.fromkeys([c.name, *c.identity.aliases, *(katakana_to_hiragana(a) for a in c.identity.aliases)])
        for name in names:
            first = (search(page, base_url, name) or [None])[0]
            if first != f"/{c.id}/":
                wrong[name] = first
    assert wrong == {}


def test_a_japanese_word_the_index_cut_otherwise_is_found_by_its_start_and_says_so(page, base_url):
    """Pagefind's index cut チェックリスト after リ: the query is shortened until something is found, and the reader
    is told which words the results answer; a query that finds its page as typed is not shortened."""
    page.goto(base_url)
    page.keyboard.press("/")
    assert search(page, base_url, "チェックリスト")[0] == "/checklist/"
    assert page.inner_text(".md-search-result__meta").startswith("「チェックリスト」では見つからず、「チェックリ」で ")
    assert search(page, base_url, "バックアップ")[0] == "/checklist/"
    assert page.inner_text(".md-search-result__meta").endswith(" 件見つかりました") and "見つからず" not in page.inner_text(".md-search-result__meta")


def test_the_index_loads_on_demand(page, base_url):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url + "iijmio/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requests if "/pagefind/" in u or "search-results.js" in u]  # what answers queries loads on opening
    page.click("[data-kg-search-query]")
    page.wait_for_function("() => performance.getEntriesByType('resource').some(e => e.name.includes('/pagefind/'))")
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_search_box_follows_the_colour_scheme(page, base_url, scheme):
    page.goto(base_url)
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    page.keyboard.press("/")
    page.fill("[data-kg-search-query]", "解約")
    page.wait_for_selector(".md-search-result__item")
    colour = page.evaluate("getComputedStyle(document.querySelector('.md-search-result__article h1')).color")
    rgb = [int(float(x)) for x in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3]]
    assert (sum(rgb) > 382) == (scheme == "slate"), colour  # light text on the dark scheme, dark text on the light one
