// The strength plan's Print button. Hidden in the HTML and shown here, so it appears only
// where it works; the browser's own Print menu gives the same sheet without JavaScript.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });

  document.querySelectorAll("[data-print][hidden]").forEach(function (button) {
    button.hidden = false;
  });
})();
