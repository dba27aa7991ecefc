// Preview only (make serve): reload the page when a new build has been swapped
// in, and show why when a build failed. The stamp holds the id of the live
// build, and after a failed build a second word, the failure's id, whose
// problems are in the JSON beside it (press.preview).
(function () {
  "use strict";
  var script = document.currentScript;
  var stampUrl = script.getAttribute("data-stamp");
  var problemsUrl = script.getAttribute("data-problems");
  var seen = null;  // the build this page came from
  // the failure whose problems are on screen (the page written for a first
  // build that failed shows its own)
  var shown = script.getAttribute("data-failure") || "";
  var dialog = null;

  // The server dates a page to the second, so a page rebuilt within the
  // second of the one on screen passes a reload's revalidation as unchanged
  // ("304") and the old text stays. Asking for it past the cache first puts
  // the new page in the cache, which the reload then shows.
  function reload() {
    fetch(window.location.href, { cache: "reload" })
      .catch(function () { /* reload anyway */ })
      .then(function () { window.location.reload(); });
  }

  function hide() {
    if (dialog === null) return;
    if (dialog.open) dialog.close();
    dialog.remove();
    dialog = null;
  }

  // The dialog comes from a <template> of the page, with its heading in the
  // page's language; the lines are in the press officer's (report.lang).
  function show(report) {
    var template = document.getElementById("preview-problems");
    if (template === null) { reload(); return; }  // the page of a failed first build
    hide();
    dialog = template.content.firstElementChild.cloneNode(true);
    var list = dialog.querySelector("ul");
    list.lang = report.lang || "en";
    report.problems.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    var close = dialog.querySelector("button");
    if (close !== null) close.addEventListener("click", function () { dialog.close(); });
    document.body.appendChild(dialog);
    dialog.showModal();  // the rest of the page is inert; Escape closes it
    dialog.focus();  // read from its heading (the dialog is focusable, tabindex -1)
  }

  function failed(failure) {
    if (failure === shown) return null;
    if (failure === "") { shown = ""; hide(); return null; }
    return fetch(problemsUrl, { cache: "no-store" }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (report) {
      if (report === null || !Array.isArray(report.problems)) return;
      shown = failure;
      show(report);
    });
  }

  function check() {
    fetch(stampUrl, { cache: "no-store" }).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (text) {
      var words = (text || "").trim().split(/\s+/);
      if (!words[0]) return null;  // no stamp (yet)
      if (seen !== null && words[0] !== seen) { reload(); return null; }
      seen = words[0];
      return failed(words[1] || "");
    }).catch(function () { /* the server is rebuilding or stopped: try again */ })
      .then(function () { window.setTimeout(check, 500); });  // a local file: cheap to ask often
  }
  check();
})();
