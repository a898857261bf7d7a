// The main menu (base.html), served as a static file because the CSP refuses inline scripts.
// - At narrow widths (≤ 720 px, or 200 % zoom) the "☰ Menu" button opens and closes the menu; without
//   JavaScript the button stays hidden and the menu stays open (app.css keys on the `js-nav` class).
// - The menu's groups: one open at a time; a click elsewhere closes them.
// - Escape closes the innermost open part and puts focus back on what opened it (the group's summary, or the
//   toggle), so focus is never dropped to <body>; focus leaving a group or the menu closes it, so an open menu
//   never covers the control that has focus.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js-nav");

  function groups() {
    return document.querySelectorAll("details.navgroup");
  }
  function closeAll(except) {
    groups().forEach(function (group) {
      if (group !== except) {
        group.removeAttribute("open");
      }
    });
  }
  function parts() {
    return {
      toggle: document.querySelector(".nav-toggle"),
      nav: document.getElementById("mainnav"),
    };
  }
  function isOpen(p) {
    return p.toggle && p.toggle.getAttribute("aria-expanded") === "true";
  }
  function setMenu(p, open) {
    if (!p.toggle || !p.nav) {
      return;
    }
    p.toggle.setAttribute("aria-expanded", open ? "true" : "false");
    p.nav.classList.toggle("open", open);
    if (!open) {
      closeAll(null);
    }
  }
  function inside(node, container) {
    return !!(node && container && container.contains(node));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var p = parts();
    if (!p.toggle || !p.nav) {
      return;
    }
    p.toggle.hidden = false;
    p.toggle.addEventListener("click", function () {
      setMenu(p, !isOpen(p));
    });
    p.nav.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      var group = event.target.closest && event.target.closest("details.navgroup");
      if (group && group.open && !inside(next, group)) {
        group.removeAttribute("open");
      }
      if (isOpen(p) && next && !inside(next, p.nav) && next !== p.toggle) {
        setMenu(p, false);
      }
    });
  });

  document.addEventListener("toggle", function (event) {
    var target = event.target;
    if (target.matches && target.matches("details.navgroup") && target.open) {
      closeAll(target);
    }
  }, true);
  document.addEventListener("click", function (event) {
    if (!event.target.closest("details.navgroup")) {
      closeAll(null);
    }
    var p = parts();
    if (isOpen(p) && !inside(event.target, p.nav) && !inside(event.target, p.toggle)) {
      setMenu(p, false);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var p = parts();
    var active = document.activeElement;
    var group = active && active.closest ? active.closest("details.navgroup[open]") : null;
    if (group) {
      group.removeAttribute("open");
      group.querySelector("summary").focus();
      return;
    }
    closeAll(null);
    if (isOpen(p) && (inside(active, p.nav) || active === p.toggle)) {
      setMenu(p, false);
      p.toggle.focus();
    }
  });
})();
