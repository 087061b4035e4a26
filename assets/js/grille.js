// Marks today in the weekly grid: the day's section and its link. The
// grid is in Paris time, so today is today in Paris.
(function () {
  "use strict";
  var day;
  try {
    day = new Date(new Date().toLocaleString("en-US", { timeZone: "Europe/Paris" })).getDay();
  } catch (e) {
    day = new Date().getDay();
  }
  var s = document.querySelector("section[data-jour=\"" + day + "\"]");
  if (!s) return;
  s.classList.add("aujourdhui");
  var h = s.querySelector("h2");
  if (h) {
    var m = document.createElement("span");
    m.className = "marque";
    m.textContent = "aujourd’hui";
    h.appendChild(document.createTextNode(" "));
    h.appendChild(m);
  }
  var a = document.querySelector("a[href=\"#" + s.id + "\"]");
  if (a) a.setAttribute("aria-current", "date");
})();
