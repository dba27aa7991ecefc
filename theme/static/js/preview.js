// Preview only (make serve): reload the page when a new build has been swapped in.
(function () {
  "use strict";
  var url = document.currentScript.getAttribute("data-stamp");
  var seen = null;
  function check() {
    fetch(url, { cache: "no-store" }).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (stamp) {
      if (stamp === null) return;
      if (seen !== null && stamp !== seen) { window.location.reload(); return; }
      seen = stamp;
    }).catch(function () { /* the server is rebuilding or stopped: try again */ })
      .then(function () { window.setTimeout(check, 500); });  // a local file: cheap to ask often
  }
  check();
})();
