/* relais — « Ouvert maintenant / prochain créneau » on a level page.

   Reads each <p class="etat" data-creneaux="{...}"> of #maintenant:
     {"fuseau": "Europe/Paris",
      "periodes": [{"du": "2020-03-19", "au": "2020-05-03", "jours": [1,2,3,4,5],
                    "creneaux": [[780, 1020]]}]}
   (dates are the académie's civil dates, "au" is optional, jours counts from
   0 = Sunday, creneaux are minutes after midnight in the académie's zone),
   and "vacances": [{"du": "2020-04-04", "au": "2020-04-19", "zone": "C"}], the
   school holidays of the académie's zone, on whose days no instruction is
   published (the line says so, and no slot is found on them),
   computes in that zone (Intl.DateTimeFormat with timeZone) whether a slot is
   open now and when the next one starts, writes the answer in the paragraph
   and shows #maintenant, an aria-live region. Without JavaScript the page
   shows the full timetable and this line stays hidden.

   Fixed clock, for tests and demonstrations: ?maintenant=2020-03-23T09:30:00Z
   (any date that Date.parse reads, with its offset). The page then says that
   the time is simulated. No framework, no inline script (CSP). */
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

  // The windows of a civil day, sorted and merged; none in the holidays.
  function fenetres(data, jour) {
    var s = iso(jour), wd = new Date(jour).getUTCDay();
    if (vacances(data, jour)) return [];
    for (var i = 0; i < data.periodes.length; i++) {
      var p = data.periodes[i];
      if (p.du <= s && (!p.au || s <= p.au)) {
        if (p.jours.indexOf(wd) < 0) return [];
        var c = p.creneaux.slice().sort(function (a, b) { return a[0] - b[0]; }), out = [];
        for (var j = 0; j < c.length; j++) {
          var last = out[out.length - 1];
          if (last && c[j][0] <= last[1]) last[1] = Math.max(last[1], c[j][1]);
          else out.push([c[j][0], c[j][1]]);
        }
        return out;
      }
    }
    return [];
  }

  function date(jour) {
    var t = new Date(jour);
    return JOURS[t.getUTCDay()] + " " + (t.getUTCDate() === 1 ? "1er" : t.getUTCDate()) + " " + MOIS[t.getUTCMonth()];
  }

  function quand(jour, aujourdhui) {
    var d = Math.round((jour - aujourdhui) / JOUR);
    return d === 0 ? "aujourd’hui" : d === 1 ? "demain" : date(jour);
  }

  // The sentence for one schedule at the instant now.
  function etat(data, now) {
    var l = local(now, data.fuseau), i, w;
    var v = vacances(data, l.jour);
    if (v) return { ouvert: false, texte: "vacances scolaires (zone " + v.zone + ") : pas de consigne publiée." };
    w = fenetres(data, l.jour);
    for (i = 0; i < w.length; i++) {
      if (w[i][0] <= l.minute && l.minute < w[i][1]) {
        // Open: find the end, across midnight when the next day goes on.
        var fin = w[i][1], jour = l.jour;
        for (var n = 0; fin === 1440 && n < 7; n++) {
          var suite = fenetres(data, jour + JOUR);
          if (!suite.length || suite[0][0] !== 0) break;
          jour += JOUR;
          fin = suite[0][1];
        }
        var jusqua = jour === l.jour ? heure(fin) : (fin === 1440 ? "minuit, " + quand(jour, l.jour) : quand(jour, l.jour) + " " + heure(fin));
        return { ouvert: true, texte: "ouvert maintenant : créneau jusqu’à " + jusqua + "." };
      }
    }
    // Closed: look for the next window, up to a week past the last period
    // or holiday.
    var horizon = 8;
    data.periodes.concat(data.vacances || []).forEach(function (p) {
      // past a period's start, or a holiday's end (no slot inside it)
      var d = (Date.parse(p.au && p.zone ? p.au : p.du) - l.jour) / JOUR + 8;
      if (d > horizon) horizon = d;
    });
    horizon = Math.min(horizon, 800);
    for (var d = 0; d <= horizon; d++) {
      var j = l.jour + d * JOUR;
      w = fenetres(data, j);
      for (i = 0; i < w.length; i++) {
        if (d > 0 || w[i][0] > l.minute) {
          return { ouvert: false, texte: "pas de créneau en ce moment. Prochain créneau : " + quand(j, l.jour) + ", de " + heure(w[i][0]) + " à " + heure(w[i][1]) + "." };
        }
      }
    }
    return { ouvert: false, texte: "pas de créneau en ce moment, et aucun autre n’est annoncé." };
  }

  function horloge() {
    var m = /[?&]maintenant=([^&#]+)/.exec(location.search);
    if (m) {
      var t = Date.parse(decodeURIComponent(m[1]));
      if (!isNaN(t)) return { date: new Date(t), simulee: true };
    }
    return { date: new Date(), simulee: false };
  }

  function majuscule(s) { return s.charAt(0).toUpperCase() + s.slice(1); }

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
        var lieu = p.getAttribute("data-lieu");
        p.textContent = lieu ? lieu + " : " + e.texte : majuscule(e.texte);
        p.className = "etat " + (e.ouvert ? "ouvert" : "ferme");
      } catch (err) {
        return; // no Intl time zones here: the timetable below says it all
      }
    }
    var sim = document.getElementById("maintenant-simule");
    if (h.simulee) {
      if (!sim) {
        sim = document.createElement("p");
        sim.id = "maintenant-simule";
        sim.className = "meta";
        boite.appendChild(sim);
      }
      var l = local(h.date, zone);
      sim.textContent = "Heure simulée : " + date(l.jour) + " " + new Date(l.jour).getUTCFullYear() + ", " + hm(l.minute) + ".";
    }
    boite.hidden = false;
    if (!h.simulee) setTimeout(afficher, 60000 - Date.now() % 60000 + 500);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", afficher);
  else afficher();
})();
