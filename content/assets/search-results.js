// What answers a search in Material's search dialog: Pagefind's results for the reader's query.
// Loaded by assets/search.js, with Pagefind and its index, only when the reader opens the search box.
export function searcher(root, base) {
  var meta = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");
  var latest = 0;
  var pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (pf) {
    return pf.options({ baseUrl: base.pathname }).then(function () { return pf; });
  });

  function item(data) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = data.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("h1");
    title.textContent = (data.meta && data.meta.title) || data.url;
    var excerpt = document.createElement("p");
    excerpt.innerHTML = data.excerpt; // Pagefind's excerpt: indexed text, escaped, with <mark>
    article.appendChild(title);
    article.appendChild(excerpt);
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  // Katakana words are also searched in hiragana: Pagefind's Japanese segmentation splits some
  // katakana names (ラクテン) into pieces that match unrelated words, while the hiragana form works.
  function variants(query) {
    var hiragana = query.replace(/[\u30a1-\u30f6]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0x60); });
    return hiragana === query ? [query] : [query, hiragana];
  }

  function merged(results) {
    var best = {};
    results.forEach(function (result) {
      result.results.forEach(function (r) {
        if (!best[r.id] || best[r.id].score < r.score) best[r.id] = r;
      });
    });
    return Object.keys(best).map(function (k) { return best[k]; }).sort(function (a, b) { return b.score - a.score; });
  }

  function found(pf, query) {
    return Promise.all(variants(query).map(function (v) { return pf.search(v); })).then(merged);
  }

  // Pagefind can cut a Japanese compound one way in the index and another in the query (the checklist
  // says チェックリスト; チェックリ finds it, チェックリス and チェックリスト find nothing): when a Japanese
  // query without spaces finds nothing, it is shortened from its end, a character at a time, down to two,
  // and the results say which words they answer.
  var JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
  function foundOrShorter(pf, query) {
    return found(pf, query).then(function (results) {
      var chars = Array.from(query);
      if (results.length || chars.length <= 2 || /\s/.test(query) || !JAPANESE.test(query)) return { results: results, used: query };
      return foundOrShorter(pf, chars.slice(0, -1).join(""));
    });
  }

  var timer = null;
  function search(value) {
    var query = value.normalize("NFKC").trim();
    var ticket = ++latest;
    clearTimeout(timer);
    if (!query) {
      list.textContent = "";
      meta.textContent = "キーワードを入力してください";
      return;
    }
    meta.textContent = "検索中…";  // never leave the last query's results looking like this one's
    delete root.dataset.results;
    timer = setTimeout(function () {
      pagefind.then(function (pf) {
        return foundOrShorter(pf, query);
      }).then(function (answer) {
        if (ticket !== latest) return null;
        var results = answer.results;
        return Promise.all(results.slice(0, 10).map(function (r) { return r.data(); })).then(function (items) {
          if (ticket !== latest) return;
          list.textContent = "";
          items.forEach(function (d) { list.appendChild(item(d)); });
          meta.textContent = !results.length ? "見つかりませんでした"
            : answer.used === query ? results.length + " 件見つかりました"
            : "「" + query + "」では見つからず、「" + answer.used + "」で " + results.length + " 件見つかりました";
          root.dataset.results = query;  // the list now answers this query
        });
      });
    }, 150);
  }

  return { search: search };
}
