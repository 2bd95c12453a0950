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
  function setLines(key, lines) {
    var dd = out.querySelector('[data-kg-out="' + key + '"]');
    dd.textContent = "";
    lines.forEach(function (line, i) { if (i) dd.appendChild(document.createElement("br")); dd.appendChild(document.createTextNode(line)); });
  }
  var ACTION = { apply: "申し込み", withdraw: "取り消し" };
  var warning = out.querySelector("[data-kg-month-end]");

  // yen for a month: the monthly price in full, or prorated (days charged over the month's days, rounded half
  // up); mirrors kaiyaku/derive/calculator.py (month_yen, amounts)
  function monthYen(amount, billing, days, dim) {
    if (billing === "full" || billing === "no_base_fee") return amount;
    if (billing === "prorated" && days != null) return Math.floor((amount * days * 2 + dim) / (2 * dim));
    return null;
  }
  function amounts(p, from, to) {
    var last = from ? monthYen(from.amount, p.last, p.lastDays, p.dim) : null;
    var first = to ? monthYen(to.amount, p.first, p.firstDays, p.dim) : null;
    var sameTax = from && to && (from.tax === to.tax || from.amount === 0 || to.amount === 0);
    return { last: last, first: first, total: last != null && first != null && sameTax ? last + first : null,
             prorated: p.last === "prorated" || p.first === "prorated" };
  }
  function priced(price, yenValue, approx) {
    return (approx ? "約 " : "") + yen(yenValue) + (TAX[price.tax] ? "(" + TAX[price.tax] + ")" : "") + "、" + price.plan;
  }
  function fillPlans(select, prices, key) {
    if (select.dataset.key === key) return;
    select.textContent = "";
    prices.forEach(function (price, i) { var o = document.createElement("option"); o.value = String(i); o.textContent = price.plan; select.appendChild(o); });
    select.dataset.key = key;
    form.querySelector('[data-kg-plan="' + select.name.split("_")[0] + '"]').hidden = prices.length < 2;
  }
  function showYen(data, r, p) {
    var fromPrices = data.prices || [], toPrices = r.prices || [];
    fillPlans(form.elements.from_plan, fromPrices, data.from);
    fillPlans(form.elements.to_plan, toPrices, data.from + ">" + r.to);
    if (!fromPrices.length || !toPrices.length) {
      set("yen", "料金の出典がないため計算できません(" + [!fromPrices.length ? data.name : null, !toPrices.length ? r.name : null].filter(Boolean).join("・") + "の月額料金が事実ファイルにありません)");
      return;
    }
    var from = fromPrices[Number(form.elements.from_plan.value) || 0], to = toPrices[Number(form.elements.to_plan.value) || 0];
    var a = amounts(p, from, to), lines = [];
    lines.push("最終月(" + data.name + "): " + (a.last != null ? priced(from, a.last, p.last === "prorated") : "請求の出典がないため不明"));
    lines.push("初月(" + r.name + "): " + (a.first != null ? priced(to, a.first, p.first === "prorated") : "請求の出典がないため不明"));
    if (a.total != null) lines.push("合計: " + (a.prorated ? "約 " : "") + yen(a.total));
    if (a.prorated) lines.push("日割りは月額 × 日数 ÷ その月の日数で計算しています(端数の扱いは会社によります)。");
    setLines("yen", lines);
  }
  function showMonthEnd(data, r, p, day) {
    var atEnd = day.getUTCDate() === p.dim && r.reservation !== "plan_change";
    warning.hidden = !atEnd;
    if (!atEnd) return;
    Array.prototype.forEach.call(warning.querySelectorAll("[data-kg-name]"), function (el) { el.textContent = el.dataset.kgName === "from" ? data.name : r.name; });
    var slip = r.last_month === "full" || r.last_month === "prorated" ? r.last_month : "unknown";
    Array.prototype.forEach.call(warning.querySelectorAll("[data-kg-slip]"), function (el) { el.hidden = el.dataset.kgSlip !== slip; });
    var list = warning.querySelector("[data-kg-month-end-facts]");
    list.textContent = "";
    (r.month_end_cutoffs || []).forEach(function (c) {
      var li = document.createElement("li");
      li.textContent = data.name + "の締切: 月末日の " + c.time + " までに" + ACTION[c.action];
      list.appendChild(li);
    });
    (r.month_end_notes || []).forEach(function (note) {
      var li = document.createElement("li");
      li.textContent = data.name + "のガイドより: " + note;
      list.appendChild(li);
    });
    list.hidden = !list.children.length;
  }

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

  // the month of the switch as a bar: who bills each day, the best day and the day to avoid, from the pair's
  // month rule (mirrors kaiyaku/derive/calculator.py: bills, best_day, month; the route page draws the same SVG)
  function bills(side, d, day) { return side === "all" || (side === "to_day" && d <= day) || (side === "from_day" && d >= day); }
  function bestDay(rule, dim) { return rule.best === "first" ? 1 : rule.best === "day_before_last" ? dim - 1 : null; }
  function drawMonth(data, r, date) {
    var fig = out.querySelector("[data-kg-month]"), rule = r.month;
    fig.hidden = !rule;
    if (!rule) return null;
    var svg = fig.querySelector("svg"), dim = daysInMonth(date), day = date.getUTCDate(), best = bestDay(rule, dim);
    var avoid = rule.avoid === "last" ? dim : null;
    svg.setAttribute("viewBox", "0 0 " + (dim * 10 + 2) + " 50");
    Array.prototype.forEach.call(svg.querySelectorAll("rect[data-day]"), function (el) {
      var d = Number(el.getAttribute("data-day")), o = bills(rule.origin, d, day), t = bills(rule.target, d, day);
      el.setAttribute("class", o && t ? "b" : el.getAttribute("data-side") === "o" ? (o ? "o" : "n") : (t ? "t" : "n"));
    });
    function mark(name, at, attr, value) {
      var el = svg.querySelector('[data-mark="' + name + '"]');
      if (at) el.setAttribute(attr, value); else el.setAttribute("visibility", "hidden");
      if (at) el.removeAttribute("visibility");
      return el;
    }
    mark("best", best, "x", (best || 1) * 10 - 9.5);
    var a = (avoid || 1) * 10;
    mark("avoid", avoid, "d", "M" + (a - 9) + " 2L" + a + " 28M" + a + " 2L" + (a - 9) + " 28");
    mark("drawn", true, "x", day * 10 - 4).textContent = String(day);
    mark("one", day !== 1, "x", 1);  // the number of the day drawn stands in for the first or last day's
    mark("dim", day !== dim, "x", dim * 10 + 1).textContent = String(dim);
    Array.prototype.forEach.call(fig.querySelectorAll("[data-kg-name]"), function (el) { el.textContent = el.dataset.kgName === "from" ? data.name : r.name; });
    Array.prototype.forEach.call(fig.querySelectorAll("[data-kg-legend]"), function (el) { el.hidden = !(el.dataset.kgLegend === "best" ? best : avoid); });
    return best;
  }

  function show(r, p, dayText, best) {
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
    set("cheapest", { month_end: "月末の前日(" + best + " 日。末日は避けます)", month_start: "月の初日(1 日)", any: "どの日でも同じ", unknown: "出典がないため判断できません" }[p.cheapest]);
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
      if (!r || !/^\d{4}-\d{2}-\d{2}$/.test(day)) {
        clear(); warning.hidden = true; out.querySelector("[data-kg-route]").hidden = true; out.querySelector("[data-kg-month]").hidden = true; return;
      }
      var date = new Date(day + "T00:00:00Z"), p = plan(r, date);
      showYen(data, r, p);
      showMonthEnd(data, r, p, date);
      show(r, p, day, drawMonth(data, r, date));
      var route = out.querySelector("[data-kg-route]");  // the route page of this pair: its steps and sources
      route.href = "../" + from + "/to/" + r.to + "/";
      route.hidden = false;
    });
  }

  if (!form.elements.day.value) form.elements.day.value = iso(new Date(Date.UTC(new Date().getFullYear(), new Date().getMonth(), new Date().getDate())));
  form.addEventListener("change", update);
  form.addEventListener("input", update);
  update();
})();
