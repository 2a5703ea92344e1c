// The coaches' Markdown editor: a small toolbar and a live preview under each Markdown
// textarea of the content admin. Progressive enhancement: without JavaScript the plain
// textarea and the cheat sheet on the page still do everything. The preview is rendered
// by the server (/preview/markdown/, CSRF-protected) with the same sanitiser as the
// public pages, so it can never show something the site would not.
(function () {
  "use strict";

  var WAIT_MS = 350;
  // Only what the fields' help offers (paragraphs, lists, bold, italics). Headings and links
  // are typed by hand from the cheat sheet: a link needs a real address, which no button
  // can fill in.
  var TOOLS = [
    { label: "Bold", before: "**", after: "**", fallback: "bold words" },
    { label: "Italics", before: "*", after: "*", fallback: "words" },
    { label: "List item", before: "\n- ", after: "", fallback: "item" },
  ];

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function wrapSelection(textarea, tool) {
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    var chosen = textarea.value.slice(start, end) || tool.fallback;
    textarea.setRangeText(tool.before + chosen + tool.after, start, end, "end");
    textarea.focus();
    textarea.dispatchEvent(new Event("input"));
  }

  function toolbar(textarea) {
    var bar = document.createElement("div");
    bar.className = "kc-md-toolbar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "Formatting");
    TOOLS.forEach(function (tool) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button kc-md-tool";
      button.textContent = tool.label;
      button.addEventListener("click", function () { wrapSelection(textarea, tool); });
      bar.appendChild(button);
    });
    return bar;
  }

  function enhance(textarea) {
    var form = textarea.form;
    var url = textarea.getAttribute("data-preview-url");
    if (!form || !url) { return; }
    var panel = document.createElement("div");
    panel.className = "kc-md-panel";
    var heading = document.createElement("p");
    heading.className = "kc-md-heading";
    heading.textContent = "Preview, as the public page shows it";
    var preview = document.createElement("div");
    preview.className = "kc-md-preview";
    preview.setAttribute("data-markdown-preview", "");
    preview.setAttribute("aria-live", "polite");
    panel.appendChild(heading);
    panel.appendChild(preview);
    textarea.insertAdjacentElement("beforebegin", toolbar(textarea));
    textarea.insertAdjacentElement("afterend", panel);

    var timer = null;
    var latest = 0;
    function refresh() {
      var body = new FormData();
      body.append("text", textarea.value);
      var request = ++latest;
      fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(form) },
      }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      }).then(function (html) {
        if (request === latest) { preview.innerHTML = html; }  // sanitised by the server
      }).catch(function () {
        if (request === latest) {
          preview.textContent = "The preview is not available just now; your text is safe in the box above.";
        }
      });
    }
    textarea.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, WAIT_MS);
    });
    refresh();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-markdown-editor]").forEach(enhance);
  });
})();
