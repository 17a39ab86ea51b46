/* Keyboard access that Material leaves out:
   - the portal's pages have no navigation drawer (the top menu is the navigation, see menu.html), so
     nothing here turns a <label> into a button (role="button" is not allowed on a label);
   - the menu's drop-downs (<details>) close with Escape and when focus or a click goes elsewhere;
   - pages without a table of contents get no "skip to content" link from Material: add one;
   - the light/dark switch is a radio group where no radio is checked at first, so Tab lands on a radio
     whose label is hidden (the focus ring is invisible); and Material switches on Enter only, while
     Space, the key for a switch, does nothing: check the current one, and make Space switch too. */
(function () {
  "use strict";
  var groups = document.querySelectorAll(".zp-menu__group");
  function closeOthers(target) {
    Array.prototype.forEach.call(groups, function (group) {
      if (group.open && !group.contains(target)) {
        group.open = false;
      }
    });
  }
  document.addEventListener("click", function (event) {
    closeOthers(event.target);
  });
  document.addEventListener("focusin", function (event) {
    closeOthers(event.target);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    Array.prototype.forEach.call(groups, function (group) {
      if (group.open) {
        group.open = false;
        group.querySelector("summary").focus();
      }
    });
  });

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
