/* relais serve — live reload and error overlay.

   Injected by relais serve only, never by relais build, as an external
   script (the site's Content-Security-Policy allows no inline script).
   data-build on the script element is the build the page was served from.
   The server's events (/__relais/events, Server-Sent Events) say:
     build  {"build": n}                 the last good build is n
     errors {"build": n, "errors": [...]}  the last change has errors; the
                                           server still serves build n
   The page reloads when a build newer than its own is announced, and shows
   the errors over the page until a change fixes them. */
(function () {
  "use strict";
  var script = document.currentScript;
  var mine = script ? script.getAttribute("data-build") : "";
  var box = null;

  function hide() {
    if (box) {
      box.remove();
      box = null;
    }
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function show(errors) {
    hide();
    if (!document.getElementById("relais-serve-css")) {
      var css = el("link");
      css.id = "relais-serve-css";
      css.rel = "stylesheet";
      css.href = "/__relais/overlay.css";
      document.head.appendChild(css);
    }
    box = el("section", "relais-serve-erreurs");
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", "relais-serve-titre");
    var h = el("h2", "", "La dernière modification contient des erreurs");
    h.id = "relais-serve-titre";
    box.appendChild(h);
    box.appendChild(el("p", "", "Le site affiché est la dernière version sans erreur. Corrigez " +
      (errors.length > 1 ? "les fichiers" : "le fichier") + " : la page se mettra à jour d’elle-même."));
    var ul = el("ul");
    errors.forEach(function (e) {
      var li = el("li");
      if (e.position) li.appendChild(el("code", "", e.position));
      li.appendChild(document.createTextNode((e.position ? " " : "") + e.message));
      ul.appendChild(li);
    });
    box.appendChild(ul);
    var close = el("button", "", "Masquer");
    close.type = "button";
    close.addEventListener("click", hide);
    box.appendChild(close);
    document.body.appendChild(box);
  }

  var events = new EventSource("/__relais/events?page=" + encodeURIComponent(location.pathname));
  events.addEventListener("build", function (e) {
    var d = JSON.parse(e.data);
    if (String(d.build) !== mine) {
      location.reload();
      return;
    }
    hide();
  });
  events.addEventListener("errors", function (e) {
    show(JSON.parse(e.data).errors || []);
  });
})();
