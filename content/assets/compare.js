// The comparison page: a reader picks their carrier and where to go, and sees those two rows.
// Without JavaScript the form stays hidden and every row shows.
(function () {
  "use strict";
  var form = document.querySelector("[data-kg-compare]");
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-carrier]"));
  function update() {
    var picked = [form.elements.from.value, form.elements.to.value].filter(Boolean);
    rows.forEach(function (row) { row.hidden = picked.length > 0 && picked.indexOf(row.dataset.carrier) < 0; });
  }
  form.hidden = false;
  form.addEventListener("change", update);
  update();
})();
