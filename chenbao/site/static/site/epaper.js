/* The e-paper page: zoom (pinch, double tap, wheel, buttons) with Panzoom, sharper image
   sizes as the zoom grows, story outlines on demand, and the story a reader came back from
   (#area-story-N) highlighted. Without JavaScript the page still shows the image and links. */
(function () {
  "use strict";
  var page = document.getElementById("epaper-zoom");
  if (!page || !window.Panzoom) return;
  var img = document.getElementById("epaper-image");
  var sources = page.querySelectorAll("source");
  var MAX = 4;
  var pz = Panzoom(page, { maxScale: MAX, minScale: 1, contain: "outside", panOnlyWhenZoomed: true,
                           touchAction: "pan-y", cursor: "default" });

  // As the page grows, ask the browser for the image size the zoomed width needs.
  function sharpen(scale) {
    var wanted = Math.ceil(page.clientWidth * scale) + "px";
    sources.forEach(function (s) { s.sizes = wanted; });
    img.sizes = wanted;
  }
  // Zoomed in, one finger moves the page; at 1x it scrolls the document as usual.
  function touchMode(scale) {
    var action = scale > 1.01 ? "none" : "pan-y";
    page.style.touchAction = action;
    page.parentElement.style.touchAction = action;
  }
  page.addEventListener("panzoomchange", function (e) {
    touchMode(e.detail.scale);
    if (e.detail.scale > 1.01) sharpen(e.detail.scale);
  });
  page.parentElement.addEventListener("wheel", function (e) {
    if (!e.ctrlKey && pz.getScale() <= 1.01) return; // let the wheel scroll until zoomed
    pz.zoomWithWheel(e);
  });
  function toggleAt(point) {
    if (pz.getScale() > 1.01) pz.reset(); else pz.zoomToPoint(2.5, point);
  }
  page.addEventListener("dblclick", function (e) { e.preventDefault(); toggleAt(e); });
  // A double tap zooms on phones (a single tap on a story still opens it).
  var lastTap = 0;
  page.addEventListener("touchend", function (e) {
    if (e.touches.length || e.changedTouches.length !== 1) return;
    var now = Date.now();
    if (now - lastTap < 300) {
      e.preventDefault();
      var t = e.changedTouches[0];
      toggleAt({ clientX: t.clientX, clientY: t.clientY });
      lastTap = 0;
    } else {
      lastTap = now;
    }
  });
  document.querySelectorAll("[data-zoom]").forEach(function (button) {
    button.addEventListener("click", function () {
      var how = button.getAttribute("data-zoom");
      if (how === "in") pz.zoomIn(); else if (how === "out") pz.zoomOut(); else pz.reset();
    });
  });
  var outlines = document.querySelector("[data-outlines]");
  if (outlines) outlines.addEventListener("click", function () {
    var on = document.body.classList.toggle("outlines");
    outlines.setAttribute("aria-pressed", on ? "true" : "false");
  });
  // Hovering a title in the list shows its area on the page.
  document.querySelectorAll("[data-area]").forEach(function (link) {
    var area = document.getElementById(link.getAttribute("data-area"));
    if (!area) return;
    link.addEventListener("mouseenter", function () { area.classList.add("highlight"); });
    link.addEventListener("mouseleave", function () { area.classList.remove("highlight"); });
  });
  // Back from a story (返回本版): bring its area into view.
  var target = location.hash && document.getElementById(location.hash.slice(1));
  if (target && target.classList.contains("area")) target.scrollIntoView({ block: "center" });
})();
