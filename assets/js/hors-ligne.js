/* relais — offline after one visit. Registers the service worker (the
   script tag's data-sw, /sw.js) where the browser has them, asks it on the
   first visit to save this page and the files it loaded (they were
   fetched before it ran), and when the
   page shown is the copy the service worker saved (data-enregistre on
   <html>), says so at the top of the page, with the date and time it was
   saved. Without JavaScript or service workers, nothing changes: the site
   works as before, online. */
(function () {
  "use strict";
  var me = document.currentScript;
  var sw = navigator.serviceWorker;
  if (me && sw) {
    // The first visit: this page and what it needs came before the
    // service worker, which is asked to save them.
    var first = !sw.controller;
    sw.register(me.getAttribute("data-sw")).then(function () { return sw.ready; }).then(function (r) {
      // This page and every file it loaded (the service worker keeps
      // those of this site).
      if (first && r.active) r.active.postMessage([location.href].concat(performance.getEntriesByType("resource").map(function (e) { return e.name; })));
    }).catch(function () {});
  }
  var when = document.documentElement.getAttribute("data-enregistre");
  var main = document.getElementById("contenu");
  if (!when || !main) return;
  var d = new Date(when);
  var p = document.createElement("p");
  p.className = "hors-ligne";
  p.setAttribute("role", "status");
  p.textContent = "Hors ligne : page enregistrée" + (isNaN(d) ? "" : " le " +
    d.toLocaleString("fr-FR", { dateStyle: "long", timeStyle: "short" })) + ". Elle a pu changer depuis.";
  main.insertBefore(p, main.firstChild);
})();
