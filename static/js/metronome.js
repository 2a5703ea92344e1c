// The cadence coach's metronome: Web Audio clicks at the target step rate.
//
// One click listener on the document handles every [data-metronome] button, including
// buttons htmx swaps in later. The buttons are hidden in the HTML and shown here (and on
// each htmx:load), so a browser without JavaScript or Web Audio never sees a dead button.
(function () {
  "use strict";

  var AudioContext = window.AudioContext || window.webkitAudioContext;
  if (!AudioContext) {
    return;
  }

  // Schedule clicks a little ahead on the audio clock, so they stay steady even when the
  // page is busy; a timer wakes up often to top the schedule up.
  var WAKE_EVERY_MS = 25;
  var SCHEDULE_AHEAD_S = 0.1;
  var CLICK_S = 0.03;

  var audio = null;
  var timer = null;
  var playing = null; // the button whose beat is playing
  var nextBeat = 0;

  function click(time) {
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
    while (nextBeat < audio.currentTime + SCHEDULE_AHEAD_S) {
      click(nextBeat);
      nextBeat += beat;
    }
  }

  function start(button) {
    var bpm = Number(button.dataset.bpm);
    if (!(bpm > 0)) {
      return;
    }
    audio = audio || new AudioContext();
    audio.resume();
    playing = button;
    button.dataset.startLabel = button.textContent;
    button.textContent = "Stop the metronome";
    button.setAttribute("aria-pressed", "true");
    nextBeat = audio.currentTime + 0.05;
    topUp();
    timer = window.setInterval(topUp, WAKE_EVERY_MS);
  }

  function stop() {
    window.clearInterval(timer);
    timer = null;
    if (playing) {
      playing.textContent = playing.dataset.startLabel;
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

  document.addEventListener("htmx:load", function (event) {
    showButtons(event.target);
  });
  showButtons(document);
})();
