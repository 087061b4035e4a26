// Marks, in the broadcast grid, what is on today and what is on now, and
// says it at the top. Each line carries its days (data-jours, Sunday 0),
// minutes (data-de, data-a), stated first and last days (data-du, data-au)
// and time zone (data-fuseau); a line is marked only within a stated
// period, both bounds given, since a grid of 2020 says nothing of other
// years. The clock is the device's, or ?maintenant=2020-03-23T09:30:00+01:00
// (any date Date.parse reads), which the page then says is simulated.
// Without this script the grid is the same, unmarked.
(function () {
  "use strict";
  var lines = document.querySelectorAll("#grille > li");
  var say = document.getElementById("maintenant");
  if (!lines.length || !say || !window.Intl) return;
  var fixed = new URLSearchParams(location.search).get("maintenant");
  var now = fixed ? new Date(Date.parse(fixed)) : new Date();
  if (isNaN(now.getTime())) { fixed = null; now = new Date(); }

  function local(zone) {
    var parts = {};
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(now).forEach(function (p) { parts[p.type] = p.value; });
    var day = Date.UTC(+parts.year, +parts.month - 1, +parts.day);
    return { iso: new Date(day).toISOString().slice(0, 10), wd: new Date(day).getUTCDay(), min: (+parts.hour % 24) * 60 + +parts.minute };
  }

  function mark(li, text, cls) {
    var m = document.createElement("span");
    m.className = "marque " + cls;
    m.textContent = text;
    li.appendChild(document.createTextNode(" "));
    li.appendChild(m);
  }

  var today = 0, onNow = [];
  for (var i = 0; i < lines.length; i++) {
    var li = lines[i], d = li.dataset;
    if (!d.du || !d.au) continue;
    var t = local(d.fuseau || "Europe/Paris");
    if (t.iso < d.du || t.iso > d.au || d.jours.split(" ").indexOf(String(t.wd)) < 0) continue;
    today++;
    li.classList.add("aujourdhui");
    if (t.min >= +d.de && t.min < +d.a) {
      li.classList.add("en-direct");
      mark(li, "en ce moment", "direct");
      onNow.push(li.querySelector("a").textContent);
    } else {
      mark(li, "aujourd’hui", "jour");
    }
  }
  var p = local("Europe/Paris"), mm = p.min % 60;
  var day = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(now);
  var text = day.charAt(0).toUpperCase() + day.slice(1) + ", " + Math.floor(p.min / 60) + "h" + (mm < 10 ? "0" : "") + mm + (fixed ? " (simulé)" : "") + " : ";
  text += today ? (today + (today > 1 ? " émissions aujourd’hui" : " émission aujourd’hui") + (onNow.length ? ", " + onNow.length + " en ce moment." : ", aucune en ce moment.")) :
    "aucune émission de cette grille aujourd’hui.";
  say.textContent = text;
  say.hidden = false;
})();
