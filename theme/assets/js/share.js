// «Copy link» of the share row: the only part of it that needs a script, so its button shows only with one.
(function () {
  "use strict";
  document.querySelectorAll(".share-copy").forEach(function (button) {
    if (!navigator.clipboard) return;
    var status = button.closest(".share").querySelector(".share-status");
    button.parentElement.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-url")).then(function () {
        status.textContent = button.getAttribute("data-done");
      });
    });
  });
})();
