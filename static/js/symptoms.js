// The knee self-check's small enhancements. A static file loaded with defer: the strict
// Content-Security-Policy allows no inline script, and htmx runs with eval turned off.
(function () {
  "use strict";

  // Printing needs JavaScript, so the print buttons stay hidden until it runs.
  function showPrintButtons() {
    document.querySelectorAll("[data-print][hidden]").forEach(function (button) {
      button.hidden = false;
    });
  }

  document.addEventListener("DOMContentLoaded", showPrintButtons);

  // When htmx swaps in a result or an error summary, move focus to its heading so that
  // keyboard and screen-reader users land on it.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target.id !== "result") {
      return;
    }
    showPrintButtons();
    var heading = event.detail.target.querySelector("[data-focus-on-swap]");
    if (heading) {
      // Scroll the heading to the top, so the urgency banner below it is in view.
      heading.focus({ preventScroll: true });
      heading.scrollIntoView({ block: "start" });
    }
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });
})();
