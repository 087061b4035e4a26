/* relais — what the rule says of this moment, on a level page, one line
   per kind of school.

   Reads each <p class="etat" data-creneaux="{...}"> of #maintenant:
     {"fuseau": "Europe/Paris", "lieu": "En cité scolaire",
      "periodes": [{"du": "2020-03-19", "au": "2020-05-03", "jours": null,
                    "creneaux": [[660, 840, 0], [1200, 1440, 3]],
                    "dans": "créneau conseillé",
                    "hors": "en dehors des créneaux, la consigne ne dit rien de ce moment",
                    "ferme": "l’accès des élèves est suspendu"}],
      "vacances": [{"du": "2020-04-04", "au": "2020-04-19", "zone": "C"}]}
   Dates are the académie's civil dates, "au" is optional. "jours" counts
   from 0 = Sunday and is null when the source names no day: reserved
   windows then hold on weekdays and free-access ones every day, and a
   weekend day has no published rule. A window is [from, to, flags] in
   minutes after midnight in the académie's zone; flags: 1 free access, 2 no
   end stated (« à partir de 20h »), 4 no start stated (« avant 8h30 »).
   The words (the tone, what holds outside the windows and its look "hc":
   ouvert, ferme or, when the source is silent, neither; a suspended
   access) are written by the build: this script only picks the one that holds now,
   in the académie's zone (Intl.DateTimeFormat with timeZone), names the
   kind of school and shows the line (#maintenant is an aria-live region;
   under each line, the page says who decided and the parents' status,
   which the script leaves alone). On the school
   holidays no rule is published. It never says « aucun créneau » of a
   moment the source says nothing about. Without JavaScript the page shows
   the full timetable and these lines stay hidden.

   Fixed clock, for tests and demonstrations: ?maintenant=2020-03-23T09:30:00Z
   (any date that Date.parse reads, with its offset). The page then says that
   the time is simulated, in #maintenant-simule. No framework, no inline script (CSP). */
(function () {
  "use strict";
  var JOURS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
  var MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre"];
  var JOUR = 864e5;

  function hm(m) {
    var mm = m % 60;
    return Math.floor(m / 60) + "h" + (mm ? (mm < 10 ? "0" : "") + mm : "");
  }

  function heure(m) { return m === 0 || m === 1440 ? "minuit" : hm(m); }

  // A window as the source gave it: "de 8h à 12h", "à partir de 20h",
  // "avant 8h30".
  function fen(c) {
    return c[2] & 4 ? "avant " + heure(c[1]) : c[2] & 2 ? "à partir de " + hm(c[0]) : "de " + heure(c[0]) + " à " + heure(c[1]);
  }

  // The civil date (as UTC midnight, in ms) and the minute of the day of
  // the instant now in the zone.
  function local(now, zone) {
    var parts = {};
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(now).forEach(function (p) { parts[p.type] = p.value; });
    return {
      jour: Date.UTC(+parts.year, +parts.month - 1, +parts.day),
      minute: (+parts.hour % 24) * 60 + +parts.minute
    };
  }

  function iso(jour) { return new Date(jour).toISOString().slice(0, 10); }

  // The school holiday a civil day falls in, or null.
  function vacances(data, jour) {
    var s = iso(jour), v = data.vacances || [];
    for (var i = 0; i < v.length; i++) if (v[i].du <= s && s <= v[i].au) return v[i];
    return null;
  }

  // What the rule in force says of a civil day: its period p (or none),
  // whether the source covers the day (dit), and the windows of the day,
  // sorted (w).
  function jour(data, j) {
    var s = iso(j), wd = new Date(j).getUTCDay(), p = null;
    for (var i = 0; i < data.periodes.length; i++) {
      var q = data.periodes[i];
      if (q.du <= s && (!q.au || s <= q.au)) { p = q; break; }
    }
    if (!p || p.ferme || vacances(data, j)) return { p: p, dit: false, w: [] };
    var dit = p.jours ? p.jours.indexOf(wd) >= 0 : wd % 6 !== 0;
    var w = p.creneaux.filter(function (c) { return dit || (!p.jours && c[2] & 1); });
    w.sort(function (a, b) { return a[0] - b[0]; });
    return { p: p, dit: dit, w: w };
  }

  function date(j) {
    var t = new Date(j);
    return JOURS[t.getUTCDay()] + " " + (t.getUTCDate() === 1 ? "1er" : t.getUTCDate()) + " " + MOIS[t.getUTCMonth()];
  }

  function quand(j, aujourdhui) {
    var d = Math.round((j - aujourdhui) / JOUR);
    return d === 0 ? "aujourd’hui" : d === 1 ? "demain" : date(j);
  }

  // The next window after the instant, up to a week past the last period
  // or holiday.
  function prochain(data, l) {
    var horizon = 8;
    data.periodes.concat(data.vacances || []).forEach(function (p) {
      var d = (Date.parse(p.au && p.zone ? p.au : p.du) - l.jour) / JOUR + 8;
      if (d > horizon) horizon = d;
    });
    horizon = Math.min(horizon, 800);
    for (var d = 0; d <= horizon; d++) {
      var j = l.jour + d * JOUR, w = jour(data, j).w;
      for (var i = 0; i < w.length; i++) {
        if (d > 0 || w[i][0] > l.minute) {
          return " Prochain créneau" + (w[i][2] & 1 ? " (accès libre)" : "") + " : " + quand(j, l.jour) + ", " + fen(w[i]) + ".";
        }
      }
    }
    return "";
  }

  // The line for one schedule at the instant now.
  function etat(data, now) {
    var l = local(now, data.fuseau), f = jour(data, l.jour), p = f.p, v = vacances(data, l.jour);
    if (!p) return { c: "", texte: "aucune consigne n’est en vigueur aujourd’hui." + prochain(data, l) };
    if (p.ferme) return { c: "ferme", texte: p.ferme + "." };
    if (v) return { c: "", texte: "vacances scolaires (zone " + v.zone + ") : pas de consigne publiée." + prochain(data, l) };
    for (var i = 0; i < f.w.length; i++) {
      var c = f.w[i];
      if (c[0] <= l.minute && l.minute < c[1]) {
        return { c: "ouvert", texte: (c[2] & 1 ? "accès libre" : p.dans) + " en ce moment (" + fen(c) + ")." };
      }
    }
    if (!f.dit) {
      return { c: "", texte: "pas de consigne publiée pour " + (p.jours ? "ce jour" : "le week-end") + "." + prochain(data, l) };
    }
    return { c: p.hc || "", texte: p.hors + "." + prochain(data, l) };
  }

  function horloge() {
    var m = /[?&]maintenant=([^&#]+)/.exec(location.search);
    if (m) {
      var t = Date.parse(decodeURIComponent(m[1]));
      if (!isNaN(t)) return { date: new Date(t), simulee: true };
    }
    return { date: new Date(), simulee: false };
  }

  function afficher() {
    var boite = document.getElementById("maintenant");
    if (!boite) return;
    var h = horloge(), zone = "";
    var lignes = boite.querySelectorAll("[data-creneaux]");
    for (var i = 0; i < lignes.length; i++) {
      var p = lignes[i], data;
      try {
        data = JSON.parse(p.getAttribute("data-creneaux"));
        zone = data.fuseau;
        var e = etat(data, h.date);
        p.textContent = data.lieu + " : " + e.texte;
        p.className = "etat " + e.c;
        p.hidden = false;
      } catch (err) {
        return; // no Intl time zones here: the timetable below says it all
      }
    }
    var sim = document.getElementById("maintenant-simule");
    if (h.simulee && sim) {
      var l = local(h.date, zone);
      sim.textContent = "Heure simulée : " + date(l.jour) + " " + new Date(l.jour).getUTCFullYear() + ", " + hm(l.minute) + ".";
      sim.hidden = false;
    }
    if (!h.simulee) setTimeout(afficher, 60000 - Date.now() % 60000 + 500);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", afficher);
  else afficher();
})();
