// Preview only (make serve): reload the page when a new build has been swapped in.
(function () {
  "use strict";
  var url = document.currentScript.getAttribute("data-stamp");
  var seen = null;
  // The server dates a page to the second, so a page rebuilt within the
  // second of the one on screen passes a reload's revalidation as unchanged
  // ("304") and the old text stays. Asking for it past the cache first puts
  // the new page in the cache, which the reload then shows.
  function reload() {
    fetch(window.location.href, { cache: "reload" })
      .catch(function () { /* reload anyway */ })
      .then(function () { window.location.reload(); });
  }
  function check() {
    fetch(url, { cache: "no-store" }).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (stamp) {
      if (stamp === null) return;
      if (seen !== null && stamp !== seen) { reload(); return; }
      seen = stamp;
    }).catch(function () { /* the server is rebuilding or stopped: try again */ })
      .then(function () { window.setTimeout(check, 500); });  // a local file: cheap to ask often
  }
  check();
})();
