// The catalog's search. Without this script the page lists the programmes
// page by page and links to the facet pages; with it, the field at the top
// finds programmes as one types. The index (index.json, see
// internal/catalog.SearchIndex) is read at the first use of the field.
//
// What is typed is folded (case, accents, punctuation) and read word by
// word; a run of words that is a word of the vocabulary ("maths", "cycle
// 3", "histoire geo", "tele") stands for its term or for that whole word of
// a name, another word for the beginning of a word of a title, channel or
// broadcaster, or of a term. A programme is found when every word matches;
// the results say how many and why, and an empty answer offers a query
// that finds something (a word of the same beginning, or one word less)
// and the facet pages.
// ?q= in the address fills the field. No inline script (CSP).
(function () {
  "use strict";
  var d = document, form = d.getElementById("recherche");
  if (!form || !window.fetch || !"".normalize) return;
  var q = d.getElementById("q"), level = d.getElementById("niveau"), answer = d.getElementById("reponse"),
    list = d.getElementById("resultats"), all = d.getElementById("catalogue"), hints = d.getElementById("pistes");
  var KIND = { b: "diffuseur", m: "média", s: "discipline", l: "niveau" }, MAX = 50;
  var x, dict = {}, longest = 1, progs = [], loading;

  function fold(s) {
    return s.toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
  }

  function load() {
    return loading = loading || fetch(form.dataset.index).then(function (r) {
      if (!r.ok) throw r.status;
      return r.json();
    }).then(function (data) {
      x = data;
      x.terms.forEach(function (t, i) {
        t.w.forEach(function (w) {
          (dict[w] = dict[w] || []).push(i);
          longest = Math.max(longest, w.split(" ").length);
        });
      });
      progs = x.programmes.map(function (e) {
        return { slug: e[0], title: e[1], b: e[2], ch: e[3], m: e[4], s: e[5], l: e[6], words: fold(e[1] + " " + e[3] + " " + x.terms[e[2]].l).split(" ") };
      });
    });
  }

  // The units of a query: {text, terms, exact}.
  function parse(text) {
    var ws = fold(text).split(" ").filter(Boolean), units = [], i = 0, n, ph, w;
    while (i < ws.length) {
      for (n = Math.min(longest, ws.length - i); n > 0 && !dict[ph = ws.slice(i, i + n).join(" ")]; n--);
      if (n) {
        units.push({ text: ph, terms: dict[ph], exact: 1 });
        i += n;
        continue;
      }
      w = ws[i++];
      units.push({ text: w, terms: w.length > 1 || /\d/.test(w) ? x.terms.map(function (t, k) {
        return t.w.some(function (tw) { return !tw.indexOf(w); }) ? k : -1;
      }).filter(function (k) { return k >= 0; }) : [] });
    }
    return units;
  }

  // Why p matches unit u, or "" when it does not.
  function why(p, u) {
    for (var i = 0; i < u.terms.length; i++) {
      var k = u.terms[i], t = x.terms[k];
      if (t.k === "b" ? p.b === k : t.k === "l" ? p.l & t.b : p[t.k].indexOf(k) >= 0) return KIND[t.k] + " " + t.l;
    }
    return u.text.split(" ").every(function (w) {
      return p.words.some(function (pw) { return u.exact ? pw === w : !pw.indexOf(w); });
    }) ? "« " + u.text + " » dans le nom" : "";
  }

  function find(units, m) {
    var out = [];
    progs.forEach(function (p) {
      if (m && !(p.l & m)) return;
      var rs = [];
      for (var i = 0, r; i < units.length; i++) {
        if (!(r = why(p, units[i]))) return;
        if (rs.indexOf(r) < 0) rs.push(r);
      }
      out.push({ p: p, why: rs });
    });
    return out;
  }

  function el(tag, cls, text) {
    var e = d.createElement(tag);
    e.className = cls;
    e.textContent = text;
    return e;
  }

  function item(r) {
    var p = r.p, li = d.createElement("li"), a = el("a", "", p.title), t = x.terms;
    a.href = form.dataset.base + p.slug + "/";
    li.appendChild(a);
    li.appendChild(el("p", "meta", [t[p.b].l + (p.ch ? ", " + p.ch : ""), p.m.map(function (k) { return t[k].l; }).join(", "),
      t.filter(function (v) { return v.b && !(v.b & (v.b - 1)) && p.l & v.b; }).map(function (v) { return v.l; }).join(", ")].filter(String).join(" · ")));
    li.appendChild(el("p", "pourquoi", "Trouvé par " + r.why.join(", ")));
    return li;
  }

  // A query near texts of units that finds something at level mask m: a
  // word that finds nothing replaced by the known word that shares its
  // longest beginning (at least 3 letters), or else one word less.
  function suggest(units, m) {
    var texts = units.map(function (u) { return u.text; }), words = Object.keys(dict), i, k, alt, best, bn;
    progs.forEach(function (p) { words.push.apply(words, p.words); });
    for (i = 0; i < units.length; i++) {
      if (find([units[i]]).length) continue;
      bn = 2;
      words.forEach(function (w) {
        for (var n = 0; w[n] && w[n] === texts[i][n]; n++);
        if (n > bn) { bn = n; best = w; }
      });
      if (!best) return;
      texts[i] = best;
      alt = texts.join(" ");
      return find(parse(alt), m).length ? alt : null;
    }
    for (k = texts.length - 1; k >= 0 && texts.length > 1; k--) {
      alt = texts.filter(function (w, j) { return j !== k; }).join(" ");
      if (find(parse(alt), m).length) return alt;
    }
  }

  function run() {
    var text = q.value.trim(), m = 0, found, said, alt, b;
    if (level.value) level.value.split(" ").forEach(function (l) { m |= 1 << x.levels.indexOf(l); });
    list.textContent = answer.textContent = "";
    list.hidden = hints.hidden = true;
    all.hidden = !!(text || m);
    if (!all.hidden) return;
    found = find(parse(text), m);
    said = (text ? " pour « " + text + " »" : "") + (m ? " à ce niveau" : "");
    if (!found.length) {
      hints.hidden = false;
      answer.textContent = "Aucun programme" + said + ".";
      if (text && (alt = suggest(parse(text), m))) {
        b = el("button", "suggestion", alt);
        b.type = "button";
        b.onclick = function () { q.value = alt; run(); };
        answer.append(" Essayez : ", b);
      }
      return;
    }
    found.slice(0, MAX).forEach(function (r) { list.appendChild(item(r)); });
    list.hidden = false;
    answer.textContent = found.length + (found.length > 1 ? " programmes" : " programme") + " sur " + progs.length + said + (found.length > MAX ? " ; les " + MAX + " premiers :" : ".");
  }

  function later() { load().then(run, String); }

  form.hidden = false;
  q.onfocus = function () { load().then(0, String); };
  q.oninput = level.onchange = later;
  form.onsubmit = function (ev) { ev.preventDefault(); later(); };
  if ((q.value = new URLSearchParams(location.search).get("q") || q.value) || level.value) later();
})();
