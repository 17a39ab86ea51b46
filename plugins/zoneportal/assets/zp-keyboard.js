/* Keyboard access that Material leaves out on small screens (and at high zoom, which is the same layout):
   - the menu button (a <label> for the drawer checkbox) cannot be focused: make it a real button;
   - the closed drawer slides off-screen but its links stay in the Tab order, so focus vanishes
     off-screen for eight presses: make the closed drawer inert;
   - Escape closes the open drawer and returns focus to the menu button;
   - pages without a table of contents get no "skip to content" link from Material: add one;
   - the light/dark switch is a radio group where no radio is checked at first, so Tab lands on a radio
     whose label is hidden (the focus ring is invisible); and Material switches on Enter only, while
     Space, the key for a switch, does nothing: check the current one, and make Space switch too. */
(function () {
  "use strict";
  var drawer = document.getElementById("__drawer");
  var button = document.querySelector('.md-header label[for="__drawer"]');
  var sidebar = document.querySelector(".md-sidebar--primary");
  // Material's drawer layout applies below this width (its own breakpoint).
  var offCanvas = window.matchMedia("(max-width: 76.234375em)");

  function sync() {
    var open = drawer.checked;
    if (button) {
      button.setAttribute("aria-expanded", String(open));
    }
    if (sidebar) {
      if (offCanvas.matches && !open) {
        sidebar.setAttribute("inert", "");
      } else {
        sidebar.removeAttribute("inert");
      }
    }
  }

  function setOpen(open) {
    if (drawer.checked !== open) {
      drawer.click(); // toggles the checkbox and fires the change event Material listens to
    }
    sync();
  }

  if (drawer) {
    if (button) {
      button.setAttribute("role", "button");
      button.setAttribute("tabindex", "0");
      button.setAttribute("aria-label", "Trình đơn");
      button.addEventListener("keydown", function (event) {
        if (event.key !== "Enter" && event.key !== " ") {
          return;
        }
        event.preventDefault();
        setOpen(!drawer.checked);
        if (drawer.checked && sidebar) {
          var first = sidebar.querySelector("a[href]");
          if (first) {
            first.focus();
          }
        }
      });
    }
    drawer.addEventListener("change", sync);
    if (offCanvas.addEventListener) {
      offCanvas.addEventListener("change", sync);
    }
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked && offCanvas.matches) {
        setOpen(false);
        if (button) {
          button.focus();
        }
      }
    });
    // Tabbing out of the open drawer closes it, so focus never sits behind the overlay.
    document.addEventListener("focusin", function (event) {
      if (drawer.checked && offCanvas.matches && sidebar && !sidebar.contains(event.target) && event.target !== button) {
        setOpen(false);
      }
    });
    sync();
  }

  if (!document.querySelector(".md-skip")) {
    var content = document.querySelector(".md-content");
    var slot = document.querySelector('[data-md-component="skip"]');
    if (content && slot) {
      if (!content.id) {
        content.id = "zp-noi-dung";
      }
      content.setAttribute("tabindex", "-1");
      var skip = document.createElement("a");
      skip.className = "md-skip";
      skip.href = "#" + content.id;
      skip.textContent = "Chuyển đến nội dung chính";
      slot.appendChild(skip);
    }
  }

  var options = document.querySelectorAll("input.md-option");
  Array.prototype.forEach.call(options, function (option) {
    var label = option.nextElementSibling;
    // Material shows only the label that follows the current scheme's radio.
    if (label && label.tagName === "LABEL" && !label.hidden) {
      option.checked = true;
    }
    option.addEventListener("keydown", function (event) {
      if (event.key !== " ") {
        return; // Enter is Material's own (it switches to the next scheme)
      }
      var toggle = option.nextElementSibling;
      var next = toggle && document.getElementById(toggle.htmlFor);
      if (!next) {
        return;
      }
      event.preventDefault();
      toggle.click(); // checks the other scheme's radio, as a mouse click on the switch does
      next.focus();
    });
  });
})();
