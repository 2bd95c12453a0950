// The path chooser on guide pages: answers hide the ways that do not apply to the reader.
// Without JavaScript the form stays hidden and every way shows.
(function () {
  "use strict";
  var form = document.querySelector("[data-kg-chooser]");
  if (!form) return;
  var ways = Array.prototype.slice.call(document.querySelectorAll(".kg-way"));
  var topics = Array.prototype.slice.call(document.querySelectorAll(".kg-topic"));
  var count = form.querySelector("[data-kg-chooser-count]");

  function answer(name) {
    var el = form.elements[name];
    return el ? el.value : "";
  }

  function split(text) { return text ? text.split(" ") : []; }

  function applies(way, a) {
    var d = way.dataset, sims = split(d.sims), to = split(d.to);
    // the holder's death: its own ways only when the reader says so, never when they say it is not
    if (d.wayKind === "holder_death") return a.death !== "no";
    if (a.death === "yes") return false;
    if (d.within) return a.within !== "no";
    if (d.lines === "one_of_several") return a.partial !== "no";
    if (a.partial === "yes") return false;
    if (d.keep === "yes" && a.keep === "no") return false;
    if (d.keep === "no" && a.keep === "yes") return false;
    if (to.length) {
      if (a.keep === "no" || (a.keep === "yes" && !a.to) || (a.to && to.indexOf(a.to) < 0)) return false;
    } else if (d.wayKind === "port_out" && a.to && allTargets.indexOf(a.to) >= 0) {
      return false;
    }
    if (sims.length) return a.esim !== "no";
    if (a.esim === "yes" && hasSpecific(d.wayKind, "esim")) return false;
    return true;
  }

  var allTargets = [];
  ways.forEach(function (w) { allTargets = allTargets.concat(split(w.dataset.to)); });
  function hasSpecific(kind, sim) {
    return ways.some(function (w) { return w.dataset.wayKind === kind && split(w.dataset.sims).indexOf(sim) >= 0; });
  }

  function update() {
    var a = { within: answer("within"), partial: answer("partial"), keep: answer("keep"), to: answer("to"), esim: answer("esim"), death: answer("death") };
    a.any = Object.keys(a).some(function (k) { return a[k]; });
    var toField = form.querySelector("[data-kg-needs=keep]");
    if (toField) toField.hidden = a.keep !== "yes";
    var shown = 0;
    ways.forEach(function (w) {
      var ok = !a.any || applies(w, a);
      w.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = a.any ? "当てはまる方法: " + shown + " 通り" : "";
    // topics a "no" rules out: the phone's balance, the carrier's mail, family and set discounts
    var hidden = [];
    Array.prototype.forEach.call(form.querySelectorAll("input[data-kg-topics]:checked"), function (input) {
      if (input.value === "no") hidden = hidden.concat(split(input.dataset.kgTopics));
    });
    topics.forEach(function (t) { t.hidden = hidden.indexOf(t.dataset.topic) >= 0; });
  }

  form.hidden = false;
  form.addEventListener("change", update);
  form.addEventListener("reset", function () { setTimeout(update, 0); });
  update();
})();
