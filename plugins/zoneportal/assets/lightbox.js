/* zoneportal: open photos with GLightbox (vendored, served from this site). Swipe on phones,
   arrow keys and Esc on desktops. Without JavaScript each photo link opens the photo itself. */
(function () {
  "use strict";
  var LIGHTBOX_HTML =
    '<div id="glightbox-body" class="glightbox-container" tabindex="-1" role="dialog" aria-modal="true" aria-label="Xem ảnh">' +
    '<div class="gloader visible"></div><div class="goverlay"></div><div class="gcontainer">' +
    '<div id="glightbox-slider" class="gslider"></div>' +
    '<button class="gclose gbtn" aria-label="Đóng" data-taborder="3">{closeSVG}</button>' +
    '<button class="gprev gbtn" aria-label="Ảnh trước" data-taborder="2">{prevSVG}</button>' +
    '<button class="gnext gbtn" aria-label="Ảnh sau" data-taborder="1">{nextSVG}</button>' +
    "</div></div>";
  var instance = null;
  var opener = null; // the photo link that opened the lightbox: focus goes back to it on close

  function start() {
    if (typeof window.GLightbox !== "function" || !document.querySelector(".zp-lightbox")) return;
    if (instance) instance.destroy();
    instance = window.GLightbox({
      selector: ".zp-lightbox",
      touchNavigation: true,
      keyboardNavigation: true,
      loop: false,
      descPosition: "bottom",
      lightboxHTML: LIGHTBOX_HTML,
      // GLightbox leaves keyboard focus on the link behind the dialog: move it into the dialog (its
      // keys then work and a screen reader announces "Xem ảnh"), and back to the photo on close.
      onOpen: function () {
        opener = document.activeElement;
        var dialog = document.getElementById("glightbox-body");
        if (dialog) dialog.focus();
      },
      onClose: function () {
        if (opener && document.body.contains(opener)) opener.focus();
        opener = null;
      }
    });
  }

  // Material's instant navigation swaps pages without reloading: start again on each page.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
