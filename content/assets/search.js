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
