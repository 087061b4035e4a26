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
  var d = document, lines = d.querySelectorAll("#grille > li"), say = d.getElementById("maintenant");
  if (!lines.length || !say || !window.Intl) return;
  var fixed = Date.parse(new URLSearchParams(location.search).get("maintenant")), now = new Date(fixed || Date.now()), today = 0, on = 0;

  function local(zone) {
    var p = {};
    new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(now).forEach(function (x) { p[x.type] = x.value; });
    var day = new Date(Date.UTC(p.year, p.month - 1, p.day));
    return { iso: day.toISOString().slice(0, 10), wd: day.getUTCDay(), min: p.hour % 24 * 60 + +p.minute };
  }

  [].forEach.call(lines, function (li) {
    var s = li.dataset, t = local(s.fuseau), m = d.createElement("span"), n = t.min >= s.de && t.min < +s.a;
    if (!s.du || !s.au || t.iso < s.du || t.iso > s.au || s.jours.split(" ").indexOf("" + t.wd) < 0) return;
    today++;
    on += n;
    li.classList.add("aujourdhui", n ? "en-direct" : "jour");
    m.className = n ? "marque direct" : "marque";
    m.textContent = n ? "en ce moment" : "aujourd’hui";
    li.append(" ", m);
  });
  var p = local("Europe/Paris"), day = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(now);
  say.textContent = day[0].toUpperCase() + day.slice(1) + ", " + (p.min / 60 | 0) + "h" + ("0" + p.min % 60).slice(-2) + (fixed ? " (simulé)" : "") + " : " +
    (today ? today + (today > 1 ? " émissions" : " émission") + " aujourd’hui, " + (on ? on + " en ce moment." : "aucune en ce moment.") : "aucune émission de cette grille aujourd’hui.");
  say.hidden = false;
})();
