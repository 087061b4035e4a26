// Filter-as-you-type over the catalog list. Without this script the page
// shows every programme and the facet links; with it, a form appears whose
// words and level narrow the list. The index (index.json) is read once; the
// results are the page's own links, shown or hidden.
(function () {
  "use strict";
  var form = document.getElementById("recherche");
  var list = document.getElementById("programmes");
  if (!form || !list || !window.fetch || !"".normalize) return;
  var q = document.getElementById("q");
  var level = document.getElementById("niveau");
  var count = document.getElementById("compte");
  var items = [];

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[’']/g, " ").toLowerCase();
  }

  function run() {
    var words = fold(q.value).split(/\s+/).filter(Boolean);
    var want = level.value ? level.value.split(" ") : null;
    var n = 0;
    items.forEach(function (it) {
      var ok = words.every(function (w) { return it.text.indexOf(w) >= 0; }) &&
        (!want || want.some(function (l) { return it.levels.indexOf(l) >= 0; }));
      it.li.hidden = !ok;
      if (ok) n++;
    });
    count.textContent = n === 0 ? "Aucun programme ne correspond." :
      n + (n > 1 ? " programmes" : " programme") + " sur " + items.length;
  }

  fetch(form.getAttribute("data-index")).then(function (r) {
    if (!r.ok) throw new Error(r.status);
    return r.json();
  }).then(function (index) {
    index.forEach(function (e) {
      var li = document.getElementById("p-" + e.slug);
      if (!li) return;
      var words = [e.title, e.broadcaster, e.channel || ""].concat(e.media || [], e.subjects || [], e.levels || []);
      items.push({ li: li, levels: e.levels || [], text: fold(words.join(" ")) });
    });
    form.hidden = false;
    q.addEventListener("input", run);
    level.addEventListener("change", run);
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    if (q.value || level.value) run();
  }).catch(function () { /* the full list stays */ });
})();
