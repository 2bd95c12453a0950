// The switch-day and cost calculator. Rules come from api/calculator/<id>.json, generated from the
// facts at build time; this file only applies them to the chosen date (mirrors kaiyaku/calculator.py).
(function () {
  "use strict";
  var form = document.querySelector("[data-kg-calc]");
  if (!form) return;
  var out = document.querySelector("[data-kg-calc-out]");
  var base = window.kaiyakuBase;  // assets/site.js
  var cache = {};
  var LABEL = { full: "満額(日割りなし)", prorated: "日割り", no_base_fee: "基本料 0 円(買った分だけ)" };
  var CHANNEL = { web: "Web", store: "店舗", any: "" };
  var TAX = { included: "税込", excluded: "税抜", exempt: "不課税" };  // as each carrier file gives it

  function rules(id) {
    if (!cache[id]) {
      cache[id] = fetch(new URL("api/calculator/" + id + ".json", base)).then(function (r) { return r.json(); });
    }
    return cache[id];
  }
  function daysInMonth(d) { return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate(); }
  function addDays(d, n) { return new Date(d.getTime() + n * 86400000); }
  function iso(d) { return d.toISOString().slice(0, 10); }
  function yen(n) { return n.toLocaleString("ja-JP") + "円"; }
  function clear() {
    Array.prototype.forEach.call(out.querySelectorAll("[data-kg-out]"), function (dd) { dd.textContent = "—"; });
    out.dataset.ready = "";
  }
  function set(key, text) { out.querySelector('[data-kg-out="' + key + '"]').textContent = text; }

  function plan(r, day) {
    var dim = daysInMonth(day), d = day.getUTCDate();
    var last = r.last_month, first = r.first_month, overlap, cheapest;
    if (!last || !first) overlap = "unknown";
    else if (last === "full" && first === "full") overlap = "month";
    else if (first === "no_base_fee" || last === "no_base_fee" || (last === "prorated" && first === "prorated")) overlap = "none";
    else overlap = "days";
    if (!last || !first) cheapest = "unknown";
    else if (last === "full" && (first === "prorated" || first === "no_base_fee")) cheapest = "month_end";
    else if (last === "prorated" && first === "full") cheapest = "month_start";
    else cheapest = "any";
    var needs = r.reservation === "needed" || r.reservation === "unknown" || r.reservation === "one_stop";
    var issueFrom = needs && r.validity_days ? addDays(day, -(r.validity_days - 1)) : null;
    return {
      dim: dim, last: last, lastDays: last === "prorated" ? d : null,
      first: first, firstDays: first === "prorated" ? dim - d + 1 : null,
      overlap: overlap, cheapest: cheapest, reservation: r.reservation,
      issueFrom: issueFrom,
      requestFrom: issueFrom && r.issue_days_max != null ? addDays(issueFrom, -r.issue_days_max) : null,
      applyBy: needs && r.validity_days && r.days_left_required != null ? r.validity_days - r.days_left_required + 1 : null
    };
  }

  function show(r, p, dayText) {
    set("last_month", p.last ? LABEL[p.last] + (p.lastDays ? "(" + p.dim + " 日のうち " + p.lastDays + " 日分)" : "") + (r.last_month_exception ? "・この乗り換え先への例外" : "") : "出典なし");
    set("first_month", p.first ? LABEL[p.first] + (p.firstDays ? "(" + p.dim + " 日のうち " + p.firstDays + " 日分)" : "") : "出典なし");
    set("overlap", { month: "切り替えた月は両方を満額で払います", none: "ありません", unknown: "出典がないため計算できません",
      days: (p.last === "full" ? p.firstDays : p.lastDays) + " 日分" }[p.overlap]);
    set("fees", r.contract_fees.length ? r.contract_fees.map(function (f) {
      return (CHANNEL[f.channel] ? CHANNEL[f.channel] + " " : "") + (f.amount === null ? "不明" : yen(f.amount) + (TAX[f.tax] ? "(" + TAX[f.tax] + ")" : "")) + (f.conditions.length ? "(" + f.conditions.join("・") + ")" : "");
    }).join(" / ") : "出典なし");
    var res;
    if (p.reservation === "number_migration") res = "不要(番号移行)";
    else if (p.reservation === "plan_change") res = "不要(プラン変更)";
    else {
      res = p.reservation === "one_stop" ? "オンラインで申し込むなら不要(ワンストップ方式)。店舗で申し込むなら: " : "";
      if (p.issueFrom) {
        res += iso(p.issueFrom) + " 以降に発行された予約番号なら切り替え日まで有効です";
        if (p.requestFrom) res += "(発行まで最大 " + r.issue_days_max + " 日。" + iso(p.requestFrom) + " 以降に申し込む)";
        if (p.applyBy != null) res += "。乗り換え先には発行日を 1 日目として " + p.applyBy + " 日目までに申し込みます(残り " + r.days_left_required + " 日以上)";
        res += "。";
      } else res += "有効期限の出典がありません。";
    }
    set("reservation", res);
    set("cheapest", { month_end: "月末日(" + p.dim + " 日)", month_start: "月の初日(1 日)", any: "どの日でも同じ", unknown: "出典がないため判断できません" }[p.cheapest]);
    out.dataset.ready = r.to + " " + dayText;
  }

  function update() {
    var from = form.elements.from.value;
    rules(from).then(function (data) {
      // answers can arrive out of order: one for a carrier no longer chosen must not fill the form
      if (form.elements.from.value !== from) return;
      var day = form.elements.day.value, select = form.elements.to;
      if (select.dataset.from !== from) {
        select.textContent = "";
        data.pairs.forEach(function (p) { var o = document.createElement("option"); o.value = p.to; o.textContent = p.name; select.appendChild(o); });
        select.dataset.from = from;
      }
      var r = data.pairs.filter(function (p) { return p.to === select.value; })[0];
      if (!r || !/^\d{4}-\d{2}-\d{2}$/.test(day)) { clear(); return; }
      show(r, plan(r, new Date(day + "T00:00:00Z")), day);
    });
  }

  if (!form.elements.day.value) form.elements.day.value = iso(new Date(Date.UTC(new Date().getFullYear(), new Date().getMonth(), new Date().getDate())));
  form.addEventListener("change", update);
  form.addEventListener("input", update);
  update();
})();
