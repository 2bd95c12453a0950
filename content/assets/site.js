// Shared by the site's scripts: the site's base URL, read from Material's page configuration.
(function () {
  "use strict";
  var node = document.getElementById("__config");
  window.kaiyakuBase = new URL(node ? JSON.parse(node.textContent).base : ".", location.href);
})();
