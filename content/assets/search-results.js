// What answers a search in Material's search dialog: Pagefind's results for the reader's query.
// Loaded by assets/site.js, with Pagefind and its index, only when the reader opens the search box.
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

  // A query that names a carrier (its name, an alias, or the start of a reading in kana: えいちあいえす,
  // らくてん) puts that carrier's own pages first, its guide at the top: Pagefind alone ranks pages that
  // mention a name often (as a destination) above the carrier's own. Names and readings come from the
  // facts (api/carriers/index.json: name and aliases).
  var carriers = fetch(new URL("api/carriers/index.json", base)).then(function (r) { return r.json(); }).then(function (data) {
    return data.carriers.map(function (c) {
      return { name: c.name, page: new URL(c.page, base).pathname, keys: [c.name].concat(c.aliases || []).map(key) };
    });
  }).catch(function () { return []; });

  function key(text) {
    return text.normalize("NFKC").toLowerCase().replace(/[\u30a1-\u30f6]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0x60); })
      .replace(/[\s.!・\-_]/g, "");
  }
  var KANA = /^[\u3041-\u3096\u30fc]+$/;

  function named(list, query) {
    var words = [query].concat(query.split(/\s+/)).map(key).filter(Boolean);
    return list.filter(function (c) {
      return c.keys.some(function (k) {
        return words.some(function (w) { return k === w || (KANA.test(w) && Array.from(w).length >= 3 && k.indexOf(w) === 0); });
      });
    });
  }

  function cached(r) {
    var data = null;
    return { id: r.id, score: r.score, data: function () { return data || (data = r.data()); } };
  }

  function ownFirst(pf, results, owners) {
    return Promise.all(owners.map(function (c) { return pf.search(c.name); })).then(function (extra) {
      var all = merged([{ results: results }].concat(extra)).slice(0, 30).map(cached);
      return Promise.all(all.map(function (r) { return r.data(); })).then(function (items) {
        function rank(i) {
          var url = new URL(items[i].url, base).pathname;
          for (var k = 0; k < owners.length; k++) {
            if (url === owners[k].page) return 0;
            if (url.indexOf(owners[k].page) === 0) return 1;
          }
          return 2;
        }
        var order = all.map(function (_r, i) { return i; });
        order.sort(function (a, b) { return rank(a) - rank(b) || a - b; });
        return order.map(function (i) { return all[i]; });
      });
    });
  }

  function found(pf, query) {
    return Promise.all([carriers].concat(variants(query).map(function (v) { return pf.search(v); }))).then(function (answers) {
      var results = merged(answers.slice(1)), owners = named(answers[0], query);
      return owners.length ? ownFirst(pf, results, owners) : results;
    });
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
