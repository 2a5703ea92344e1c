// The knee self-check's enhancements. A static file loaded with defer: the strict
// Content-Security-Policy allows no inline script, and htmx runs with eval turned off.
//
// On small screens the questions become a stepper: one question at a time, with a progress
// line, Back and Next, a move to the next question when a single-choice answer is tapped, and
// focus on each new question's heading. It only shows and hides parts of the one plain form
// (which works without JavaScript, all questions on one page), so answers stay in the form:
// nothing is put in the address, in browser storage or anywhere else before the runner
// submits. Follow-up questions and the age are handled here too, on every screen size, so
// that no answer is sent to the server before the submit. Every change of look is a class
// or the hidden attribute: the CSP refuses style attributes.
(function () {
  "use strict";

  var SMALL_SCREEN = window.matchMedia("(max-width: 61.98em)");
  // A change within this many milliseconds of a tap or click came from that tap; one from
  // the keyboard (arrow keys move through a radio group) never moves on by itself.
  var TAP_WINDOW = 1500;
  // Long enough to see the chosen answer marked before the next question.
  var ADVANCE_DELAY = 200;

  var stepper = {
    form: null,
    on: false,
    current: null, // the key of the question on screen
    lastIndex: 0,
    visited: new Set(),
    lastTap: 0,
  };

  // Printing needs JavaScript, so the print buttons stay hidden until it runs.
  function showPrintButtons() {
    document.querySelectorAll("[data-print][hidden]").forEach(function (button) {
      button.hidden = false;
    });
  }

  // A link in the result that leaves the page (one in a coach's advice, say) opens in a new
  // tab and says so, like those the template marks: the result, kept nowhere else, stays.
  function markLeavingLinks(root) {
    root.querySelectorAll("a[href]:not([target])").forEach(function (link) {
      var href = link.getAttribute("href");
      if (href.charAt(0) === "#" || href.indexOf("tel:") === 0 || href.indexOf("mailto:") === 0) {
        return;
      }
      link.target = "_blank";
      link.rel = "noopener";
      var note = document.createElement("span");
      note.className = "leaves-site-note";
      note.textContent = " (opens in a new tab)";
      link.appendChild(note);
    });
  }

  function part(name) {
    return stepper.form.querySelector("[data-stepper-" + name + "]");
  }

  function submitButton() {
    return stepper.form.querySelector("button[type=submit]");
  }

  // A follow-up block shows only while the answer that brings it up is given (its trigger's
  // input with that value is checked). A hidden block is disabled as well, so neither its
  // answers nor its "asked" entries are sent: a question the runner never saw stays unknown,
  // not "no". Answers in it are kept, should it show again.
  function updateFollowUps() {
    stepper.form.querySelectorAll("[data-follow-up-of]").forEach(function (block) {
      var triggers = stepper.form.querySelectorAll(
        'input[name="' + block.getAttribute("data-follow-up-of") + '"]'
      );
      var when = block.getAttribute("data-follow-up-when");
      var shown = Array.prototype.some.call(triggers, function (input) {
        return input.checked && !input.matches(":disabled") && input.value === when;
      });
      block.hidden = !shown;
      block.querySelectorAll("fieldset[data-follow-up]").forEach(function (fieldset) {
        fieldset.disabled = !shown;
      });
    });
  }

  // A typed number is checked here, against the box's own min and max, with the messages
  // the server gives on submit (data-message-*), drawn as the server draws them.
  function numberMessage(input) {
    var validity = input.validity;
    if (validity.badInput || validity.stepMismatch) {
      return input.getAttribute("data-message-invalid");
    }
    if (validity.rangeUnderflow) {
      return input.getAttribute("data-message-min-value");
    }
    if (validity.rangeOverflow) {
      return input.getAttribute("data-message-max-value");
    }
    return "";
  }

  function checkNumber(input) {
    var message = numberMessage(input);
    var id = input.id + "_error";
    var box = document.getElementById(id);
    var described = (input.getAttribute("aria-describedby") || "").split(" ");
    described = described.filter(function (item) {
      return item !== "" && item !== id;
    });
    if (message) {
      if (!box) {
        box = document.createElement("div");
        box.id = id;
        box.className = "invalid-feedback";
        input.insertAdjacentElement("afterend", box);
      }
      var text = document.createElement("p");
      var strong = document.createElement("strong");
      strong.textContent = message;
      text.appendChild(strong);
      box.replaceChildren(text);
      described.push(id);
      input.setAttribute("aria-invalid", "true");
    } else {
      if (box) {
        box.remove();
      }
      input.removeAttribute("aria-invalid");
    }
    input.classList.toggle("is-invalid", Boolean(message));
    if (described.length) {
      input.setAttribute("aria-describedby", described.join(" "));
    } else {
      input.removeAttribute("aria-describedby");
    }
    return message;
  }

  // A choice, once made, can never be wrong: answering a question the server marked
  // (after a submit) takes its message away, with no need to ask the server again.
  function clearMessages(question) {
    question.querySelectorAll(".invalid-feedback").forEach(function (message) {
      message.remove();
    });
    question.querySelectorAll(".is-invalid, [aria-invalid]").forEach(function (element) {
      element.classList.remove("is-invalid");
      element.removeAttribute("aria-invalid");
    });
    question.querySelectorAll("[aria-describedby]").forEach(function (element) {
      var ids = element.getAttribute("aria-describedby").split(" ").filter(function (id) {
        return id !== "" && document.getElementById(id) !== null;
      });
      if (ids.length) {
        element.setAttribute("aria-describedby", ids.join(" "));
      } else {
        element.removeAttribute("aria-describedby");
      }
    });
  }

  function numberBoxes(root) {
    return Array.prototype.slice.call(root.querySelectorAll("input[data-message-invalid]"));
  }

  // Each question is a step: a child of the form holding an answer (a question's block or
  // fieldset, or a follow-up block while it shows).
  function steps() {
    return Array.prototype.filter.call(stepper.form.children, function (child) {
      return (
        !child.matches(".stepper-ui") &&
        !child.hidden &&
        child.querySelector("input:not([type=hidden]), select, textarea") !== null
      );
    });
  }

  function keyOf(step) {
    return step.id || step.querySelector("input:not([type=hidden])").name;
  }

  function indexOf(list, key) {
    for (var i = 0; i < list.length; i++) {
      if (keyOf(list[i]) === key) {
        return i;
      }
    }
    return -1;
  }

  function stepOf(element) {
    var list = steps();
    for (var i = 0; i < list.length; i++) {
      if (list[i].contains(element)) {
        return list[i];
      }
    }
    return null;
  }

  function answers(step) {
    return Array.prototype.slice.call(step.querySelectorAll("input:not([type=hidden])"));
  }

  // One group of radio buttons and nothing else: tapping an answer is the whole question.
  function isSingleChoice(step) {
    var inputs = answers(step);
    return inputs.every(function (input) {
      return input.type === "radio" && input.name === inputs[0].name;
    });
  }

  function unanswered(step) {
    return answers(step).some(function (input) {
      return (
        input.type === "radio" &&
        input.required &&
        !step.querySelector('input[type=radio][name="' + input.name + '"]:checked')
      );
    });
  }

  function say(text) {
    part("message").textContent = text;
  }

  function render() {
    var list = steps();
    if (!stepper.on || list.length === 0) {
      return;
    }
    var index = indexOf(list, stepper.current);
    if (index === -1) {
      // The question on screen went away (a follow-up no longer needed): stay in place.
      index = Math.min(stepper.lastIndex, list.length - 1);
      stepper.current = keyOf(list[index]);
    }
    stepper.lastIndex = index;
    stepper.visited.add(stepper.current);
    list.forEach(function (step, n) {
      step.classList.toggle("is-current", n === index);
      // A question never shown is unknown, not "no": only shown ones say they were asked.
      var shown = stepper.visited.has(keyOf(step));
      step.querySelectorAll('input[name="asked"]').forEach(function (input) {
        input.disabled = !shown;
      });
    });
    var last = index === list.length - 1;
    var ready = list.every(function (step) {
      return !unanswered(step);
    });
    part("number").textContent = String(index + 1);
    part("count").textContent = String(list.length);
    part("bar").max = list.length;
    part("bar").value = index + 1;
    part("back").hidden = index === 0;
    part("next").hidden = last;
    var submit = submitButton();
    // Once every question that needs an answer has one, the result is a tap away.
    submit.hidden = !(last || ready);
    submit.classList.toggle("btn-primary", last);
    submit.classList.toggle("btn-outline-primary", !last);
  }

  function focusHeading(step) {
    var heading = step.querySelector("legend, label");
    heading.classList.add("step-heading");
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
    var progress = part("progress");
    if (progress.getBoundingClientRect().top < 0) {
      progress.scrollIntoView({ block: "start", behavior: "instant" });
    }
  }

  function show(index, moveFocus) {
    var list = steps();
    index = Math.max(0, Math.min(index, list.length - 1));
    stepper.current = keyOf(list[index]);
    say("");
    render();
    if (moveFocus) {
      focusHeading(list[index]);
    }
  }

  function next() {
    var list = steps();
    var index = indexOf(list, stepper.current);
    if (unanswered(list[index])) {
      say("Choose an answer to go on.");
      return;
    }
    var wrong = numberBoxes(list[index]).filter(checkNumber);
    if (wrong.length) {
      say(numberMessage(wrong[0]));
      wrong[0].focus();
      return;
    }
    if (index >= list.length - 1) {
      submitButton().focus();
      return;
    }
    show(index + 1, true);
  }

  function back() {
    show(indexOf(steps(), stepper.current) - 1, true);
  }

  function switchOn() {
    stepper.on = SMALL_SCREEN.matches;
    var form = stepper.form;
    var submit = submitButton();
    if (stepper.on) {
      part("buttons").appendChild(submit);
      form.classList.add("is-ready");
      render();
    } else {
      form.appendChild(submit);
      submit.hidden = false;
      submit.classList.add("btn-primary");
      submit.classList.remove("btn-outline-primary");
      form.classList.remove("is-ready", "is-done");
      form.querySelectorAll('input[name="asked"]').forEach(function (input) {
        input.disabled = false;
      });
    }
  }

  function setUp() {
    showPrintButtons();
    markLeavingLinks(document.getElementById("result") || document.createElement("div"));
    stepper.form = document.querySelector("form[data-stepper]");
    if (!stepper.form) {
      return;
    }
    var form = stepper.form;
    form.addEventListener("pointerdown", function () {
      stepper.lastTap = Date.now();
    });
    form.addEventListener("change", function (event) {
      updateFollowUps();
      if (event.target.matches("input[data-message-invalid]")) {
        checkNumber(event.target);
      } else if (event.target.matches("input[type=radio], input[type=checkbox]")) {
        var question = event.target.closest('[id^="question-"]');
        if (question) {
          clearMessages(question);
        }
      }
      if (!stepper.on) {
        return;
      }
      say("");
      var step = stepOf(event.target);
      render();
      var tapped = Date.now() - stepper.lastTap < TAP_WINDOW;
      if (!step || event.target.type !== "radio" || !isSingleChoice(step) || !tapped) {
        return;
      }
      var key = keyOf(step);
      window.setTimeout(function () {
        if (stepper.current === key) {
          next();
        }
      }, ADVANCE_DELAY);
    });
    form.addEventListener("input", function (event) {
      // Once a number shows a message, it follows the typing, so it goes as soon as it is
      // right (and before the runner's next tap, which would miss a button that moved).
      if (event.target.matches("input[data-message-invalid].is-invalid")) {
        if (!checkNumber(event.target) && stepper.on) {
          say("");
        }
      }
    });
    form.addEventListener("keydown", function (event) {
      // Enter in a typed answer moves on, rather than sending half the answers.
      if (stepper.on && event.key === "Enter" && event.target.matches("input")) {
        event.preventDefault();
        next();
      }
    });
    part("next").addEventListener("click", next);
    part("back").addEventListener("click", back);
    SMALL_SCREEN.addEventListener("change", switchOn);
    updateFollowUps();
    switchOn();
  }

  document.addEventListener("DOMContentLoaded", setUp);

  // htmx swapped in questions with a message from the server (after a submit): show the
  // right follow-ups and the right question again.
  document.addEventListener("htmx:afterSettle", function () {
    if (stepper.form) {
      updateFollowUps();
      render();
    }
  });

  // When htmx swaps in a result or an error summary, move focus to its heading so that
  // keyboard and screen-reader users land on it.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target.id !== "result") {
      return;
    }
    showPrintButtons();
    markLeavingLinks(event.detail.target);
    if (stepper.form && stepper.on) {
      var result = event.detail.target.querySelector("[data-urgency]");
      stepper.form.classList.toggle("is-done", result !== null);
    }
    var heading = event.detail.target.querySelector("[data-focus-on-swap]");
    if (heading) {
      // Scroll the heading to the top, so the urgency banner below it is in view.
      heading.focus({ preventScroll: true });
      heading.scrollIntoView({ block: "start", behavior: "instant" });
    }
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
      return;
    }
    // A link to a question (the error summary's) or to the questions ("Change your
    // answers") opens that question in the stepper.
    var link = event.target.closest('a[href^="#"]');
    if (!link || !stepper.form) {
      return;
    }
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    var form = stepper.form;
    if (target === form) {
      // Back to change the answers: the old result goes, so it is never taken for the new
      // one. The answers stay in the form; nothing is stored.
      var result = document.getElementById("result");
      if (result) {
        result.replaceChildren();
      }
      if (!stepper.on) {
        // The link has just left the page with the result, so it no longer jumps itself.
        event.preventDefault();
        form.scrollIntoView({ block: "start", behavior: "instant" });
        return;
      }
    }
    if (!stepper.on || !target || (target !== form && !form.contains(target))) {
      return;
    }
    event.preventDefault();
    form.classList.remove("is-done");
    if (target === form) {
      show(0, true);
      return;
    }
    var step = stepOf(target);
    if (step) {
      show(steps().indexOf(step), false);
      target.focus();
    }
  });
})();
