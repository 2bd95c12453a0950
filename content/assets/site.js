// The site's own script on every page: its base URL (read from Material's page configuration), folded sections,
// the path chooser loaded on demand, and the search box (Pagefind, loaded when it opens).
(function () {
  "use strict";
  var node = document.getElementById("__config");
  window.kaiyakuBase = new URL(node ? JSON.parse(node.textContent).base : ".", location.href);
})();

// Folded sections (<details class="kg-fold">): open the one an address or a link names an anchor inside, for
// browsers that do not do it themselves (Chromium does). Printing opens every one: Material's own script.
(function () {
  "use strict";
  function openAt(hash) {
    if (!hash || hash.length < 2) return;
    var target = document.getElementById(decodeURIComponent(hash.slice(1)));
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    if (target) target.scrollIntoView();
  }
  window.addEventListener("hashchange", function () { openAt(location.hash); });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#']");
    if (link) openAt(link.getAttribute("href"));
  });
  if (location.hash) openAt(location.hash);
})();

// The path chooser (assets/chooser.js) loads when its folded section is first opened: a reader who never
// opens it does not download it (it is not part of a guide's first view).
(function () {
  "use strict";
  var form = document.querySelector("[data-kg-chooser]");
  if (!form) return;
  var fold = form.closest("details");
  function load() {
    var script = document.createElement("script");
    script.src = new URL("assets/chooser.js", window.kaiyakuBase).href;
    document.head.appendChild(script);
  }
  if (!fold || fold.open) load();
  else fold.addEventListener("toggle", load, { once: true });
})();

// Site search in Material's search dialog: opening it (the box, "/", "s" or "f") loads what answers a
// query, assets/search-results.js with Pagefind and its index; nothing of it loads before.
(function () {
  "use strict";
  var root = document.querySelector("[data-kg-search]");
  if (!root) return;
  var toggle = document.getElementById("__search");
  var input = root.querySelector("[data-kg-search-query]");
  var base = window.kaiyakuBase;  // assets/site.js
  var searcher = null;

  function load() {
    if (!searcher) {
      searcher = import(new URL("assets/search-results.js", base).href).then(function (m) { return m.searcher(root, base); });
    }
    return searcher;
  }

  function search() {
    load().then(function (s) { s.search(input.value); });
  }

  function open() {
    toggle.checked = true;
    load();
    input.focus();
    input.select();
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", search);
  toggle.addEventListener("change", function () { if (toggle.checked) open(); });
  root.querySelector("button[type=reset]").addEventListener("click", function () { input.value = ""; search(); input.focus(); });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "Escape" && toggle.checked) {
      toggle.checked = false;
      input.blur();
    } else if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s" || event.key === "f")) {
      event.preventDefault();
      open();
    }
  });
})();
