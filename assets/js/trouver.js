/* relais — the home page's "find my académie by département".

   Reads the JSON of form#trouver's data-departements:
     {"a": [["Créteil", "/academies/creteil/"], ...],
      "d": [["93", "Seine-Saint-Denis", 0], ...]}   (index into "a")
   shows the form (hidden without JavaScript, where the link to the list of
   départements does the job), and as the parent types a number or a name
   (accents, case, dashes and apostrophes ignored: "seine-saint", "cote d'or",
   "2a") lists the matching départements and académies as links; Enter, or
   the button, opens the first. No framework, no inline script (CSP). */
(function () {
  "use strict";
  var form = document.getElementById("trouver");
  if (!form) return;
  var data;
  try { data = JSON.parse(form.getAttribute("data-departements")); } catch (e) { return; }
  var input = document.getElementById("departement");
  var list = document.getElementById("trouves");
  var state = document.getElementById("trouves-etat");

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/œ/g, "oe").replace(/[^a-z0-9]+/g, " ").trim();
  }

  // Each entry: what it is called, what it leads to, how it is compared.
  var entries = [];
  data.d.forEach(function (d) {
    var a = data.a[d[2]];
    entries.push({ code: d[0].toLowerCase(), name: fold(d[1]),
      label: d[1] + " (" + d[0] + ") : académie " + de(a[0]), url: a[1] });
  });
  data.a.forEach(function (a) {
    entries.push({ code: "", name: fold(a[0]), label: "Académie " + de(a[0]), url: a[1] });
  });

  function de(n) {
    if (/^(Guadeloupe|Martinique|Guyane)$/.test(n)) return "de la " + n;
    return /^[AEIOUYÉÈÊÎÔ]/.test(n) ? "d’" + n : "de " + n;
  }

  // rank: 0 exact code or name, 1 name starts with q, 2 a word starts with q.
  function find(q) {
    q = fold(q);
    if (!q) return [];
    var out = [];
    entries.forEach(function (e) {
      var r = -1;
      if (e.code === q.replace(/ /g, "") || e.name === q) r = 0;
      else if (e.name.indexOf(q) === 0) r = 1;
      else if ((" " + e.name).indexOf(" " + q) >= 0) r = 2;
      if (r >= 0) out.push({ r: r, e: e });
    });
    out.sort(function (x, y) { return x.r - y.r; });
    return out.slice(0, 6).map(function (x) { return x.e; });
  }

  function show() {
    var found = find(input.value);
    list.textContent = "";
    found.forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = e.url;
      a.textContent = e.label;
      li.appendChild(a);
      list.appendChild(li);
    });
    state.textContent = !input.value.trim() ? "" :
      found.length ? "" : "Aucun département ni académie ne correspond : essayez le numéro (93) ou le nom (Meuse).";
    return found;
  }

  input.addEventListener("input", show);
  form.addEventListener("submit", function (ev) {
    var found = show();
    ev.preventDefault();
    if (found.length) location.href = found[0].url;
  });
  form.hidden = false;
  if (input.value) show();
})();
