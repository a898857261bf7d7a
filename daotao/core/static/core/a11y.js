// Page-wide accessibility helpers for every staff and public page (a static file: the CSP refuses inline scripts).
// - After a failed submit, focus moves to the error summary (or, without one, to the first invalid field), and a
//   summary link moves focus to its field, not only the scroll position.
// - A wide table's scroll box (.table-wrap) that overflows becomes a focusable, named region, so a keyboard
//   user can scroll it (WCAG 2.1.1); its name comes from the table's caption or aria-label, else the nearest heading.
//   A table outside any .table-wrap is wrapped in one first (no horizontal page scroll at 320 px, WCAG 1.4.10).
(function () {
  "use strict";
  function focusErrors() {
    var summary = document.querySelector(".error-summary[tabindex='-1']");
    if (summary) {
      if (!summary.hasAttribute("tabindex")) {
        summary.setAttribute("tabindex", "-1");
      }
      summary.focus();
      return;
    }
    var invalid = document.querySelector("main [aria-invalid='true']");
    if (invalid) {
      invalid.focus();
    }
  }
  function nameOf(wrap) {
    var table = wrap.querySelector("table");
    if (table) {
      if (table.getAttribute("aria-label")) {
        return table.getAttribute("aria-label");
      }
      if (table.caption && table.caption.textContent.trim()) {
        return table.caption.textContent.trim();
      }
    }
    var node = wrap;
    while (node) {
      var prev = node.previousElementSibling;
      while (prev) {
        if (/^H[1-6]$/.test(prev.tagName)) {
          return prev.textContent.trim();
        }
        prev = prev.previousElementSibling;
      }
      node = node.parentElement;
      if (node && node.tagName === "MAIN") {
        break;
      }
    }
    var h1 = document.querySelector("h1");
    return h1 ? h1.textContent.trim() : document.title;
  }
  function wrapTables() {
    // A table a template left bare gets the scroll box too, so a wide table never widens the page.
    document.querySelectorAll("main table").forEach(function (table) {
      if (table.closest(".table-wrap")) {
        return;
      }
      var wrap = document.createElement("div");
      wrap.className = "table-wrap";
      table.parentNode.insertBefore(wrap, table);
      wrap.appendChild(table);
    });
  }
  function scrollBoxes() {
    wrapTables();
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      if (wrap.hasAttribute("tabindex") || wrap.scrollWidth <= wrap.clientWidth) {
        return;
      }
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      if (!wrap.hasAttribute("aria-label") && !wrap.hasAttribute("aria-labelledby")) {
        wrap.setAttribute("aria-label", nameOf(wrap));
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    focusErrors();
    scrollBoxes();
    window.addEventListener("resize", scrollBoxes);
    document.body.addEventListener("htmx:afterSettle", scrollBoxes);
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".error-summary a[href^='#']");
    if (!link) {
      return;
    }
    var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (target) {
      event.preventDefault();
      target.focus();
      target.scrollIntoView({block: "center"});
    }
  });
})();
