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
    { label: "Bold", apply: wrapWith("**", "bold words") },
    { label: "Italics", apply: wrapWith("*", "words") },
    { label: "List item", apply: listItem },
  ];

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // Bold and italics wrap the selection; with nothing selected they insert a placeholder
  // and select it, so what the coach types next replaces it.
  function wrapWith(mark, placeholder) {
    return function (textarea) {
      var start = textarea.selectionStart;
      var end = textarea.selectionEnd;
      if (start !== end) {
        textarea.setRangeText(mark + textarea.value.slice(start, end) + mark, start, end, "end");
        return;
      }
      textarea.setRangeText(mark + placeholder + mark, start, end, "end");
      textarea.setSelectionRange(start + mark.length, start + mark.length + placeholder.length);
    };
  }

  var LIST_LINE = /^\s*[-*+] /;

  // What must come before a new list item so that Markdown reads a list: nothing at the
  // start or after a blank line; a line break after another item (the same list); a blank
  // line after a paragraph, which Markdown would otherwise run on into.
  function listPrefix(before) {
    if (before.trim() === "" || /\n[ \t]*\n$/.test(before)) { return ""; }
    var lines = before.split("\n");
    var current = lines[lines.length - 1];
    if (current.trim() === "") {
      return LIST_LINE.test(lines[lines.length - 2]) ? "" : "\n";
    }
    return LIST_LINE.test(current) ? "\n" : "\n\n";
  }

  // "List item" starts an item on a line of its own, the caret after its "- "; a selection
  // becomes one item a line.
  function listItem(textarea) {
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    var prefix = listPrefix(textarea.value.slice(0, start));
    var chosen = textarea.value.slice(start, end);
    var items = chosen.split("\n").filter(function (line) { return line.trim() !== ""; });
    var text = items.length
      ? items.map(function (line) { return "- " + line.replace(LIST_LINE, ""); }).join("\n")
      : "- ";
    textarea.setRangeText(prefix + text, start, end, "end");
  }

  function applyTool(textarea, tool) {
    tool.apply(textarea);
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
      button.addEventListener("click", function () { applyTool(textarea, tool); });
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
