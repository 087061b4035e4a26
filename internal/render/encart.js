/* relais — the embeddable banner for ENT login pages (/encart.js).

   <script src="https://relais.example.fr/encart.js" data-academie="paris"
           data-niveau="4e" data-etablissement="college" async></script>

   Shows, just after the script element (or in the element whose id is
   data-cible), the urgent directives in force for the académie and the
   connection slot of the level: open now until when, or the next one.
   It reads /academies/<a>/bandeau.json and creneaux.json from the origin
   of its own src (served with Access-Control-Allow-Origin: *), with no
   cookie and no other request; it writes elements and sets their styles
   through the CSSOM, which a page's style-src does not restrict. Times
   are computed in the académie's zone. data-maintenant (a date Date.parse
   reads) fixes the clock, for tests and demonstrations. */
(function () {
  "use strict";
  var s = document.currentScript;
  if (!s || !s.dataset.academie) return;
  var d = s.dataset, base = new URL(s.src, location.href).origin;
  var dir = base + "/academies/" + encodeURIComponent(d.academie) + "/";
  var JOURS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
  var SLUG = ["dim", "lun", "mar", "mer", "jeu", "ven", "sam"];

  function el(tag, text, css) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    for (var k in css || {}) e.style[k] = css[k];
    return e;
  }
  function lien(href, text) {
    var a = el("a", text, { color: "inherit" });
    a.href = href;
    a.rel = "noopener";
    return a;
  }
  function get(name) {
    return fetch(dir + name, { credentials: "omit", mode: "cors" }).then(function (r) {
      if (!r.ok) throw new Error(name + " : " + r.status);
      return r.json();
    });
  }
  function minutes(hhmm) { var p = hhmm.split(":"); return +p[0] * 60 + +p[1]; }
  function heure(m) {
    if (m === 0 || m === 1440) return "minuit";
    var mm = m % 60;
    return Math.floor(m / 60) + "h" + (mm ? (mm < 10 ? "0" : "") + mm : "");
  }
  // The civil date (YYYY-MM-DD), weekday and minute of now in the zone.
  function local(now, zone) {
    var p = {};
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(now).forEach(function (x) { p[x.type] = x.value; });
    var day = Date.UTC(+p.year, +p.month - 1, +p.day);
    return { day: day, minute: (+p.hour % 24) * 60 + +p.minute };
  }
  function iso(day) { return new Date(day).toISOString().slice(0, 10); }
  // The slots of the level on a civil day, sorted.
  function slots(level, day) {
    var s = iso(day), wd = SLUG[new Date(day).getUTCDay()];
    for (var i = 0; i < level.periodes.length; i++) {
      var p = level.periodes[i];
      if (p.du <= s && (!p.au || s <= p.au)) {
        // creneaux.json 2: jours null = days not stated; the hours then
        // hold on school days only, a weekend has no published rule.
        var jours = p.jours || ["lun", "mar", "mer", "jeu", "ven"];
        if (p.suspendu || jours.indexOf(wd) < 0) return [];
        // A slot may have no start ("avant 8h30") or no end ("à partir de 20h").
        return p.creneaux.map(function (c) { return [c.debut ? minutes(c.debut) : 0, c.fin ? minutes(c.fin) : 1440]; })
          .sort(function (a, b) { return a[0] - b[0]; });
      }
    }
    return [];
  }
  function etat(level, zone, now) {
    var t = local(now, zone), day = t.day;
    for (var n = 0; n < 8; n++, day += 864e5) {
      var cs = slots(level, day);
      for (var i = 0; i < cs.length; i++) {
        if (n === 0 && cs[i][0] <= t.minute && t.minute < cs[i][1]) {
          return "Connexion possible maintenant, jusqu’à " + heure(cs[i][1]) + ".";
        }
        if (n > 0 || cs[i][0] > t.minute) {
          var quand = n === 0 ? "aujourd’hui" : n === 1 ? "demain" : JOURS[new Date(day).getUTCDay()];
          return "Prochain créneau : " + quand + " de " + heure(cs[i][0]) + " à " + heure(cs[i][1]) + ".";
        }
      }
    }
    return "Aucun créneau n’est publié pour les jours qui viennent.";
  }

  var box = el("div", "", { font: "inherit", border: "1px solid #888", padding: ".5em .75em", margin: ".5em 0" });
  box.className = "relais-encart";
  box.setAttribute("role", "region");
  box.setAttribute("aria-label", "Connexion à l’ENT");
  box.setAttribute("aria-live", "polite");
  var cible = d.cible && document.getElementById(d.cible);
  if (cible) cible.appendChild(box); else s.parentNode.insertBefore(box, s.nextSibling);

  Promise.all([get("bandeau.json"), get("creneaux.json")]).then(function (r) {
    var b = r[0], c = r[1];
    b.directives.slice(0, 3).forEach(function (x) {
      var p = el("p", "", { margin: "0 0 .5em", borderLeft: ".3em solid #c00", paddingLeft: ".5em" });
      p.className = "relais-urgent";
      p.appendChild(el("strong", "Urgent : "));
      p.appendChild(lien(x.url, x.titre));
      box.appendChild(p);
    });
    var level = null;
    c.niveaux.forEach(function (l) {
      if (!level && l.niveau === d.niveau && (!d.etablissement || l.etablissement === d.etablissement)) level = l;
    });
    var now = d.maintenant ? new Date(Date.parse(d.maintenant)) : new Date();
    var p = el("p", "", { margin: "0" });
    p.className = "relais-creneau";
    if (level) {
      p.appendChild(el("strong", level.libelle + " : "));
      p.appendChild(document.createTextNode(etat(level, c.fuseau, now) + " "));
      p.appendChild(lien(level.page, "Tous les horaires"));
    } else {
      p.appendChild(lien(c.academie.page, "Les horaires de connexion de l’" + c.academie.libelle));
    }
    box.appendChild(p);
  }).catch(function () {
    box.appendChild(lien(dir, "Horaires de connexion et consignes"));
  });
})();
