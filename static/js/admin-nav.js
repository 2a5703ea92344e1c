// The admin's navigation sidebar starts folded on tablets and narrow windows, where it would
// take some 40 % of the width. Django's own admin/js/nav_sidebar.js (run just before this
// file: both are deferred, in order) opens it unless the coach has chosen otherwise, and
// keeps that choice in localStorage; a stored choice is always respected here, and the
// first press of the toggle opens the folded sidebar and stores that choice, as Django does.
// Only classes and attributes change, never a style (strict CSP).
(function () {
  "use strict";

  var KEY = "django.admin.navSidebarIsOpen";
  var NARROW = "(max-width: 1024px)";

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (error) { return "unknown"; }
  }

  var toggle = document.getElementById("toggle-nav-sidebar");
  var sidebar = document.getElementById("nav-sidebar");
  var main = document.getElementById("main");
  if (!toggle || !sidebar || !main) { return; }
  if (stored() !== null || !window.matchMedia(NARROW).matches) { return; }

  main.classList.remove("shifted");
  sidebar.setAttribute("aria-expanded", "false");
  // Django's handler believes the sidebar open (its default), so this first press is ours.
  toggle.addEventListener("click", function (event) {
    if (stored() !== null) { return; }
    event.stopImmediatePropagation();
    window.localStorage.setItem(KEY, "true");
    main.classList.add("shifted");
    sidebar.setAttribute("aria-expanded", "true");
  }, { capture: true, once: true });
})();
