// The catalog's search. Without this script the page lists the programmes
// page by page and links to the facet pages; with it, the field at the top
// finds programmes as one types. The index (index.json, see
// internal/catalog.SearchIndex) is read at the first use of the field.
//
// What is typed is folded (case, accents, punctuation) and read word by
// word; a run of words that is a word of the vocabulary ("maths", "cycle
// 3", "histoire geo", "tele") stands for its term, another word for the
// beginning of a word of a title, channel or broadcaster, or of a term. A
// programme is found when every word or term matches; the results say how
// many and why, and an empty answer offers a near word and the facet pages.
// ?q= in the address fills the field. No framework, no inline script (CSP).
(function () {
  "use strict";
  var form = document.getElementById("recherche");
  if (!form || !window.fetch || !"".normalize) return;
  var q = document.getElementById("q"), level = document.getElementById("niveau");
  var answer = document.getElementById("reponse"), list = document.getElementById("resultats");
  var all = document.getElementById("catalogue"), hints = document.getElementById("pistes");
  var base = form.getAttribute("data-base"), MAX = 50;
  var KIND = { b: "diffuseur", m: "média", s: "discipline", l: "niveau" };
  var x = null, dict = {}, longest = 1, progs = [], loading = null;

  function fold(s) {
    return s.toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
  }

  function prepare(data) {
    x = data;
    x.terms.forEach(function (t, i) {
      t.w.forEach(function (w) {
        (dict[w] = dict[w] || []).push(i);
        longest = Math.max(longest, w.split(" ").length);
      });
    });
    progs = x.programmes.map(function (e) {
      return { slug: e[0], title: e[1], b: e[2], ch: e[3], m: e[4], s: e[5], l: e[6],
        words: fold(e[1] + " " + e[3] + " " + x.terms[e[2]].l).split(" ") };
    });
  }

  function load() {
    if (!loading) {
      loading = fetch(form.getAttribute("data-index")).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(prepare);
    }
    return loading;
  }

  // The units of a query: {text, terms, exact}.
  function parse(text) {
    var ws = fold(text).split(" ").filter(Boolean), units = [];
    for (var i = 0; i < ws.length;) {
      var n = Math.min(longest, ws.length - i), hit = null;
      for (; n >= 1 && !hit; n--) {
        var ph = ws.slice(i, i + n).join(" ");
        if (dict[ph]) hit = { text: ph, terms: dict[ph], exact: true, n: n };
      }
      if (hit) {
        units.push(hit);
        i += hit.n;
        continue;
      }
      var w = ws[i++], terms = [];
      if (w.length > 1 || /[0-9]/.test(w)) {
        x.terms.forEach(function (t, k) {
          if (t.w.some(function (tw) { return tw.indexOf(w) === 0; })) terms.push(k);
        });
      }
      units.push({ text: w, terms: terms, exact: false });
    }
    return units;
  }

  function has(p, k) {
    var t = x.terms[k];
    switch (t.k) {
      case "b": return p.b === k;
      case "m": return p.m.indexOf(k) >= 0;
      case "s": return p.s.indexOf(k) >= 0;
      default: return (p.l & t.b) !== 0;
    }
  }

  // Why p matches unit u, or "" when it does not.
  function why(p, u) {
    for (var i = 0; i < u.terms.length; i++) {
      if (has(p, u.terms[i])) return KIND[x.terms[u.terms[i]].k] + " " + x.terms[u.terms[i]].l;
    }
    // A word of the vocabulary matches a whole word of the name; another
    // word, the beginning of one.
    var w = u.text.split(" ");
    for (var j = 0; j < w.length; j++) {
      if (!p.words.some(function (pw) { return u.exact ? pw === w[j] : pw.indexOf(w[j]) === 0; })) return "";
    }
    return "« " + u.text + " » dans le nom";
  }

  function mask() {
    if (!level.value) return 0;
    var m = 0;
    level.value.split(" ").forEach(function (l) { var i = x.levels.indexOf(l); if (i >= 0) m |= 1 << i; });
    return m;
  }

  function find(units, m) {
    var out = [];
    progs.forEach(function (p) {
      if (m && !(p.l & m)) return;
      var reasons = [];
      for (var i = 0; i < units.length; i++) {
        var r = why(p, units[i]);
        if (!r) return;
        if (reasons.indexOf(r) < 0) reasons.push(r);
      }
      out.push({ p: p, why: reasons });
    });
    return out;
  }

  function levels(p) {
    var ls = [];
    x.terms.forEach(function (t) {
      if (t.k === "l" && t.b && (t.b & (t.b - 1)) === 0 && (p.l & t.b)) ls.push(t.l);
    });
    return ls.join(", ");
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function item(r) {
    var p = r.p, li = el("li"), a = el("a", "", p.title);
    a.href = base + p.slug + "/";
    li.appendChild(a);
    var by = x.terms[p.b].l + (p.ch ? ", " + p.ch : "");
    var meta = [by, p.m.map(function (k) { return x.terms[k].l; }).join(", "), levels(p)].filter(Boolean).join(" · ");
    li.appendChild(el("p", "meta", meta));
    if (r.why.length) li.appendChild(el("p", "pourquoi", "Trouvé par " + r.why.join(", ")));
    return li;
  }

  function distance(a, b) {
    var d = [], i, j;
    for (i = 0; i <= a.length; i++) d[i] = [i];
    for (j = 1; j <= b.length; j++) d[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      for (j = 1; j <= b.length; j++) {
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
    }
    return d[a.length][b.length];
  }

  // A query that finds something, near the one that found nothing.
  function suggest(units, m) {
    for (var i = 0; i < units.length; i++) {
      if (find([units[i]], 0).length) continue;
      var w = units[i].text, best = "", bd = w.length > 4 ? 3 : 2;
      var words = Object.keys(dict);
      progs.forEach(function (p) { words = words.concat(p.words); });
      words.forEach(function (c) {
        if (c.length < 3) return;
        var dd = distance(w, c.slice(0, Math.max(w.length, Math.min(c.length, w.length + 2))));
        if (dd < bd) { bd = dd; best = c; }
      });
      if (!best) return null;
      var alt = units.map(function (u, k) { return k === i ? best : u.text; }).join(" ");
      return find(parse(alt), m).length ? alt : null;
    }
    if (units.length > 1) {
      for (var k = units.length - 1; k >= 0; k--) {
        var rest = units.filter(function (u, j) { return j !== k; });
        if (find(rest, m).length) return rest.map(function (u) { return u.text; }).join(" ");
      }
    }
    return null;
  }

  function say(parts) {
    answer.textContent = "";
    parts.forEach(function (p) { answer.appendChild(typeof p === "string" ? document.createTextNode(p) : p); });
  }

  function run() {
    var text = q.value.trim(), m = mask();
    if (history.replaceState) {
      var u = new URL(location.href);
      if (text) u.searchParams.set("q", text); else u.searchParams.delete("q");
      history.replaceState(null, "", u);
    }
    list.textContent = "";
    if (!text && !m) {
      list.hidden = true;
      hints.hidden = true;
      all.hidden = false;
      say([]);
      return;
    }
    var units = parse(text), found = find(units, m), said = text ? "« " + text + " »" : "ce niveau";
    all.hidden = true;
    if (!found.length) {
      list.hidden = true;
      hints.hidden = false;
      var parts = ["Aucun programme pour " + said + (text && m ? " à ce niveau" : "") + "."];
      var alt = text ? suggest(units, m) : null;
      if (alt) {
        var b = el("button", "suggestion", alt);
        b.type = "button";
        b.addEventListener("click", function () { q.value = alt; run(); q.focus(); });
        parts.push(" Essayez : ", b);
      }
      say(parts);
      return;
    }
    hints.hidden = true;
    var f = document.createDocumentFragment();
    found.slice(0, MAX).forEach(function (r) { f.appendChild(item(r)); });
    list.appendChild(f);
    list.hidden = false;
    say([found.length + (found.length > 1 ? " programmes" : " programme") + " sur " + progs.length + " pour " + said +
      (text && m ? " à ce niveau" : "") + (found.length > MAX ? " ; voici les " + MAX + " premiers, précisez la recherche." : ".")]);
  }

  function later() { load().then(run).catch(function () { say(["La recherche n’a pas pu se charger : parcourez les listes ci-dessous."]); }); }

  form.hidden = false;
  q.addEventListener("focus", function () { load().catch(function () {}); });
  q.addEventListener("input", later);
  level.addEventListener("change", later);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); later(); });
  var start = new URLSearchParams(location.search).get("q");
  if (start) q.value = start;
  if (q.value || level.value) later();
})();
