// Click-to-load video: no request reaches the video host before the reader presses play.
(function () {
  "use strict";
  document.querySelectorAll("figure.video[data-embed]").forEach(function (figure) {
    var poster = figure.querySelector(".video-poster");
    if (!poster) return;
    poster.addEventListener("click", function (event) {
      event.preventDefault();
      var frame = document.createElement("iframe");
      frame.src = figure.getAttribute("data-embed");
      frame.title = figure.getAttribute("data-title") || "";
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.allowFullscreen = true;
      frame.loading = "eager";
      poster.replaceWith(frame);
      frame.focus();
    });
  });
})();
