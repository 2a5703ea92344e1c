// The cadence coach's metronome: a click and a flashing dot at a week's target step rate.
//
// One click listener on the document handles every [data-metronome] button, including
// buttons htmx swaps in later. The buttons are hidden in the HTML and shown here (and on
// each htmx:load), so a browser without JavaScript never sees a dead button. Buttons are
// real <button>s, so Enter and Space start and stop them; Escape stops from anywhere.
// The beat is shown by toggling a class on [data-metronome-beat] (strict CSP: no styles
// set from script). Without Web Audio the dot still flashes, on a plain timer.
(function () {
  "use strict";

  var AudioContext = window.AudioContext || window.webkitAudioContext;

  // Schedule clicks a little ahead on the audio clock, so they stay steady even when the
  // page is busy; a timer wakes up often to top the schedule up.
  var WAKE_EVERY_MS = 25;
  var SCHEDULE_AHEAD_S = 0.1;
  var CLICK_S = 0.03;
  var FLASH_MS = 90;

  var audio = null;
  var timer = null;
  var playing = null; // the button whose beat is playing
  var nextBeat = 0; // seconds, on the audio clock or performance.now() / 1000

  function now() {
    return audio ? audio.currentTime : performance.now() / 1000;
  }

  function indicator() {
    var section = playing && playing.closest("section");
    return section ? section.querySelector("[data-metronome-beat]") : null;
  }

  function flash(delaySeconds) {
    var dot = indicator();
    if (!dot) {
      return;
    }
    window.setTimeout(function () {
      dot.classList.add("is-on");
      dot.dataset.beats = String(Number(dot.dataset.beats || 0) + 1);
      window.setTimeout(function () {
        dot.classList.remove("is-on");
      }, FLASH_MS);
    }, Math.max(0, delaySeconds * 1000));
  }

  function click(time) {
    if (!audio) {
      return;
    }
    var tone = audio.createOscillator();
    var volume = audio.createGain();
    tone.frequency.value = 1000;
    volume.gain.setValueAtTime(0.6, time);
    volume.gain.exponentialRampToValueAtTime(0.001, time + CLICK_S);
    tone.connect(volume);
    volume.connect(audio.destination);
    tone.start(time);
    tone.stop(time + CLICK_S);
  }

  function topUp() {
    // htmx replaced the button (a new result): stop rather than play a stale tempo.
    if (!playing.isConnected) {
      stop();
      return;
    }
    var beat = 60 / Number(playing.dataset.bpm);
    while (nextBeat < now() + SCHEDULE_AHEAD_S) {
      click(nextBeat);
      flash(nextBeat - now());
      nextBeat += beat;
    }
  }

  function label(text) {
    var section = playing && playing.closest("section");
    var status = section && section.querySelector("[data-metronome-label]");
    if (status) {
      status.textContent = text;
    }
  }

  function start(button) {
    var bpm = Number(button.dataset.bpm);
    if (!(bpm > 0)) {
      return;
    }
    if (AudioContext) {
      audio = audio || new AudioContext();
      audio.resume();
    }
    playing = button;
    button.dataset.startLabel = button.innerHTML;
    button.textContent = "Stop";
    button.setAttribute("aria-pressed", "true");
    var status = indicator();
    if (status) {
      status.classList.add("is-playing");
    }
    label("Playing " + bpm + " beats a minute" + (button.dataset.week ? " (week " + button.dataset.week + ")" : "") + ". Press Escape to stop.");
    nextBeat = now() + 0.05;
    topUp();
    timer = window.setInterval(topUp, WAKE_EVERY_MS);
  }

  function stop() {
    window.clearInterval(timer);
    timer = null;
    if (playing) {
      var status = indicator();
      if (status) {
        status.classList.remove("is-playing", "is-on");
      }
      label("Metronome off.");
      playing.innerHTML = playing.dataset.startLabel;
      playing.setAttribute("aria-pressed", "false");
    }
    playing = null;
  }

  function showButtons(root) {
    root.querySelectorAll("[data-metronome][hidden]").forEach(function (button) {
      button.hidden = false;
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-metronome]");
    if (!button) {
      return;
    }
    var wasPlaying = playing === button;
    stop();
    if (!wasPlaying) {
      start(button);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && playing) {
      stop();
    }
  });

  document.addEventListener("htmx:load", function (event) {
    showButtons(event.target);
  });
  showButtons(document);
})();
