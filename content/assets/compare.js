// The comparison page: a reader picks their carrier and where to go, and sees those two rows and that move's.
// Without JavaScript the form stays hidden and every row shows.
(function () {
  "use strict";
  var form = document.querySelector("[data-kg-compare]");
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-carrier]"));
  var routes = Array.prototype.slice.call(document.querySelectorAll("tr[data-from]"));
  function update() {
    var from = form.elements.from.value, to = form.elements.to.value, picked = [from, to].filter(Boolean);
    rows.forEach(function (row) { row.hidden = picked.length > 0 && picked.indexOf(row.dataset.carrier) < 0; });
    // the routes table: the picked carrier's moves, or the one move picked
    routes.forEach(function (row) { row.hidden = Boolean((from && row.dataset.from !== from) || (to && row.dataset.to !== to)); });
    var fold = document.querySelector("#routes + details");  // folded until the reader picks a carrier
    if (fold && picked.length) fold.open = true;
  }
  form.hidden = false;
  form.addEventListener("change", update);
  update();
})();
