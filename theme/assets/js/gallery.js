// Gallery lightbox. Without this script every thumbnail is a link to a larger image.
// With it: a modal <dialog> with next/previous by buttons, arrow keys and swipe; Esc
// closes it and focus returns to the thumbnail; «Photo 3 of 12» is announced; each
// photo has an address (#photo-3) that opens it. Every word comes from the page
// (data-label-* on the gallery, data-counter on each link), so no language is built in.
(function () {
  "use strict";
  var gallery = document.querySelector("section.gallery[data-lightbox]");
  if (!gallery || typeof HTMLDialogElement !== "function") return;
  var links = Array.prototype.slice.call(gallery.querySelectorAll("a[data-counter]"));
  if (!links.length) return;

  var current = -1;
  var opener = null;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function button(className, label, glyph) {
    var node = element("button", className, glyph);
    node.type = "button";
    node.setAttribute("aria-label", label);
    node.title = label;
    return node;
  }

  var dialog = element("dialog", "lightbox");
  dialog.setAttribute("aria-label", gallery.getAttribute("aria-label") || "");
  var close = button("lightbox-close", gallery.getAttribute("data-label-close"), "×");
  var previous = button("lightbox-previous", gallery.getAttribute("data-label-previous"), "‹");
  var next = button("lightbox-next", gallery.getAttribute("data-label-next"), "›");
  var figure = element("figure", "lightbox-figure");
  var frame = element("div", "lightbox-image");
  var caption = element("figcaption", "lightbox-caption");
  var counter = element("p", "lightbox-counter");
  counter.setAttribute("aria-live", "polite");
  counter.setAttribute("aria-atomic", "true");
  figure.appendChild(frame);
  figure.appendChild(caption);
  dialog.appendChild(close);
  dialog.appendChild(figure);
  dialog.appendChild(counter);
  dialog.appendChild(previous);
  dialog.appendChild(next);
  document.body.appendChild(dialog);
  if (links.length < 2) {
    previous.hidden = true;
    next.hidden = true;
  }

  function address(index) {
    return index < 0 ? location.pathname + location.search : "#photo-" + (index + 1);
  }

  function show(index) {
    current = (index + links.length) % links.length;
    var link = links[current];
    var picture = link.querySelector("picture, img");
    frame.textContent = "";
    if (picture) {
      var copy = picture.cloneNode(true);
      // The large view fills the screen: let the browser pick a wide file.
      Array.prototype.forEach.call(copy.querySelectorAll("source, img"), function (node) {
        if (node.hasAttribute("sizes")) node.setAttribute("sizes", "100vw");
      });
      var img = copy.tagName === "IMG" ? copy : copy.querySelector("img");
      if (img) {
        img.removeAttribute("loading");
        img.removeAttribute("class");
        img.draggable = false;
      }
      frame.appendChild(copy);
    }
    var text = link.parentNode.querySelector("figcaption");
    caption.textContent = "";
    if (text) {
      Array.prototype.forEach.call(text.childNodes, function (node) {
        caption.appendChild(node.cloneNode(true));
      });
    }
    caption.hidden = !text;
    if (!dialog.open) {
      dialog.showModal();
      close.focus();
    }
    counter.textContent = link.getAttribute("data-counter");
    history.replaceState(history.state, "", address(current));
  }

  function hide() {
    if (dialog.open) dialog.close();
  }

  dialog.addEventListener("close", function () {
    var back = opener || links[current];
    history.replaceState(history.state, "", address(-1));
    current = -1;
    opener = null;
    frame.textContent = "";
    if (back) back.focus();
  });

  links.forEach(function (link, index) {
    link.addEventListener("click", function (event) {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      opener = link;
      show(index);
    });
  });
  close.addEventListener("click", hide);
  previous.addEventListener("click", function () { show(current - 1); });
  next.addEventListener("click", function () { show(current + 1); });

  dialog.addEventListener("keydown", function (event) {
    if (event.key === "ArrowRight") {
      event.preventDefault();
      show(current + 1);
    } else if (event.key === "ArrowLeft") {
      event.preventDefault();
      show(current - 1);
    } else if (event.key === "Tab") {
      // Keep focus on the dialog's buttons.
      var buttons = [close, previous, next].filter(function (b) { return !b.hidden; });
      var at = buttons.indexOf(document.activeElement);
      event.preventDefault();
      var step = event.shiftKey ? -1 : 1;
      buttons[(at + step + buttons.length) % buttons.length].focus();
    }
  });

  // Swipe left for the next photo, right for the previous one.
  var start = null;
  var swiped = false;
  figure.addEventListener("pointerdown", function (event) {
    start = { x: event.clientX, y: event.clientY };
  });
  figure.addEventListener("pointerup", function (event) {
    if (!start) return;
    var dx = event.clientX - start.x;
    var dy = event.clientY - start.y;
    start = null;
    if (Math.abs(dx) > 40 && Math.abs(dx) > Math.abs(dy)) {
      swiped = true;
      show(current + (dx < 0 ? 1 : -1));
    }
  });
  figure.addEventListener("pointercancel", function () { start = null; });

  function fromAddress() {
    var match = /^#photo-(\d+)$/.exec(location.hash);
    var index = match ? parseInt(match[1], 10) - 1 : -1;
    if (index >= 0 && index < links.length && index !== current) show(index);
  }
  // A click on the dark area around the photo closes, as Esc does.
  dialog.addEventListener("click", function (event) {
    if (swiped) {
      swiped = false;
      return;
    }
    if (event.target === dialog || event.target === figure || event.target === frame) hide();
  });

  window.addEventListener("hashchange", fromAddress);
  fromAddress();
})();
