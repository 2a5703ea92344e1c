// The Print button of the strength plan and the return-to-run schedule. Hidden in the
// HTML and shown here, so it appears only where it works; the browser's own Print menu
// gives the same sheet. Before printing, every closed stage is opened so the paper holds
// them all, and closed again afterwards, as the runner left them.
(function () {
  "use strict";

  var opened = [];

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });

  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (details) {
      details.open = true;
      return true;
    });
  });

  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) {
      details.open = false;
    });
    opened = [];
  });

  document.querySelectorAll("[data-print][hidden]").forEach(function (button) {
    button.hidden = false;
  });
})();
