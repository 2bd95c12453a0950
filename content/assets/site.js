// Shared by the site's scripts: the site's base URL, read from Material's page configuration.
(function () {
  "use strict";
  var node = document.getElementById("__config");
  window.kaiyakuBase = new URL(node ? JSON.parse(node.textContent).base : ".", location.href);
})();

// Folded sections (<details class="kg-fold">): open the one an address or a link names an anchor inside, and
// every one while printing, so that nothing folded is lost on paper.
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
  var printed = [];
  window.addEventListener("beforeprint", function () {
    printed = Array.prototype.filter.call(document.querySelectorAll("details.kg-fold"), function (d) { return !d.open; });
    printed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    printed.forEach(function (d) { d.open = false; });
    printed = [];
  });
  window.addEventListener("hashchange", function () { openAt(location.hash); });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#']");
    if (link) openAt(link.getAttribute("href"));
  });
  if (location.hash) openAt(location.hash);
})();
