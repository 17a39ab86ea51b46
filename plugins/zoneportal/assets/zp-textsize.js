/* Cỡ chữ: A− A A+ — a text-size control on every page (menu bar, or above the footer on phones),
   remembered across pages.
   The chosen step is kept in localStorage (through Material's __md_get/__md_set, which scope the key
   to this site's path, so two portals under one host keep their own setting) and applied by setting
   --zp-text-scale on <html> (see zp-access.css). Without JavaScript the control is not shown at all. */
(function () {
  "use strict";
  var STEPS = [0.875, 1, 1.125, 1.25, 1.5, 1.75, 2];
  var KEY = "zp.textsize";
  var root = document.documentElement;

  function load() {
    try {
      var value = typeof __md_get === "function" ? __md_get(KEY) : JSON.parse(localStorage.getItem(KEY));
      return STEPS.indexOf(value) >= 0 ? value : 1;
    } catch (error) {
      return 1; // storage blocked (private mode, file://): the default size
    }
  }

  function save(scale) {
    try {
      if (typeof __md_set === "function") {
        __md_set(KEY, scale);
      } else {
        localStorage.setItem(KEY, JSON.stringify(scale));
      }
    } catch (error) {
      /* not remembered, still applied to this page */
    }
  }

  function apply(scale) {
    if (scale === 1) {
      root.style.removeProperty("--zp-text-scale");
    } else {
      root.style.setProperty("--zp-text-scale", String(scale));
    }
    root.setAttribute("data-zp-textsize", String(scale));
  }

  var current = load();
  apply(current);

  // In the menu bar on wide screens; on phones above the footer, so that it never takes the first
  // row of a small screen (the masthead and menu already do).
  var wide = window.matchMedia("(min-width: 60em)").matches;
  var host = (wide && document.querySelector("[data-zp-textsize-slot]")) || document.querySelector(".md-footer-meta__inner");
  if (!host) {
    host = document.querySelector(".md-content__inner");
  }
  if (!host) {
    return;
  }
  var group = document.createElement("div");
  group.className = "zp-textsize";
  group.setAttribute("role", "group");
  group.setAttribute("aria-labelledby", "zp-textsize-label");
  // Each name says what the button does and ends with its visible text (WCAG 2.5.3, label in name).
  group.innerHTML =
    '<span class="zp-textsize__label" id="zp-textsize-label">Cỡ chữ:</span>' +
    '<button type="button" data-zp-step="-1" aria-label="Giảm cỡ chữ A−" title="Giảm cỡ chữ">A−</button>' +
    '<button type="button" data-zp-step="0" aria-label="Cỡ chữ mặc định A" title="Cỡ chữ mặc định">A</button>' +
    '<button type="button" data-zp-step="1" aria-label="Tăng cỡ chữ A+" title="Tăng cỡ chữ">A+</button>' +
    '<span class="zp-visually-hidden" role="status"></span>';
  host.insertBefore(group, host.firstChild);
  var status = group.querySelector("[role=status]");

  function refresh(announce) {
    var index = STEPS.indexOf(current);
    group.querySelector('[data-zp-step="-1"]').setAttribute("aria-disabled", String(index === 0));
    group.querySelector('[data-zp-step="1"]').setAttribute("aria-disabled", String(index === STEPS.length - 1));
    if (announce) {
      status.textContent = "Cỡ chữ " + Math.round(current * 100) + "%";
    }
  }

  group.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-zp-step]");
    if (!button || button.getAttribute("aria-disabled") === "true") {
      return;
    }
    var step = Number(button.getAttribute("data-zp-step"));
    var index = STEPS.indexOf(current);
    var next = step === 0 ? 1 : STEPS[Math.min(STEPS.length - 1, Math.max(0, index + step))];
    current = next;
    apply(current);
    save(current);
    refresh(true);
  });
  refresh(false);
})();
