/* relais — the home page's "find my académie by département".

   Reads the JSON of form#trouver's data-departements:
     {"a": [["Créteil", "académie de Créteil", "/academies/creteil/"], ...],
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
  var data = JSON.parse(form.getAttribute("data-departements"));
  var input = document.getElementById("departement");
  var list = document.getElementById("trouves");
  var state = document.getElementById("trouves-etat");

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/œ/g, "oe").replace(/[^a-z0-9]+/g, " ").trim();
  }

  // Each entry: its code, its name as compared, its label and address.
  var entries = data.d.map(function (d) {
    var a = data.a[d[2]];
    return [d[0].toLowerCase(), fold(d[1]), d[1] + " (" + d[0] + ") : " + a[1], a[2]];
  }).concat(data.a.map(function (a) {
    return ["", fold(a[0]), a[1].charAt(0).toUpperCase() + a[1].slice(1), a[2]];
  }));

  // Rank 0: the code or the whole name; 1: the name starts so; 2: a word.
  function find(q) {
    q = fold(q);
    var out = [];
    if (q) entries.forEach(function (e) {
      var r = e[0] === q.replace(/ /g, "") || e[1] === q ? 0 :
        e[1].indexOf(q) === 0 ? 1 : (" " + e[1]).indexOf(" " + q) >= 0 ? 2 : -1;
      if (r >= 0) out.push([r, e]);
    });
    return out.sort(function (x, y) { return x[0] - y[0]; }).slice(0, 6).map(function (x) { return x[1]; });
  }

  function show() {
    var found = find(input.value);
    list.textContent = "";
    found.forEach(function (e) {
      var a = document.createElement("a");
      a.href = e[3];
      a.textContent = e[2];
      list.appendChild(document.createElement("li")).appendChild(a);
    });
    state.textContent = input.value.trim() && !found.length ? "Aucun résultat." : "";
    return found;
  }

  input.addEventListener("input", show);
  form.addEventListener("submit", function (ev) {
    var found = show();
    ev.preventDefault();
    if (found.length) location.href = found[0][3];
  });
  form.hidden = false;
  show();
})();
