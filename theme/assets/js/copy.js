// Copy buttons: <button data-copy="text" data-copied="Copied" hidden>. They stay
// hidden where a page may not write to the clipboard; the text beside them is
// still there to select. A role="status" element (#copy-status) tells screen
// readers that the copy worked.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) return;
  var status = document.getElementById("copy-status");
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.dataset.copy).then(function () {
        button.textContent = button.dataset.copied;
        if (status) status.textContent = button.dataset.copied + ": " + button.dataset.copy;
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });
})();
