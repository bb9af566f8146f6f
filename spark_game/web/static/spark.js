// Spark's page: pick a font size that fits the screen, wait for the font, then let textual.js open the game.
(function () {
  "use strict";

  const params = new URLSearchParams(window.location.search);
  // textual.js fetches any address given as ?ping= and waits for a button on ?delay=: neither is Spark's.
  if (params.has("ping") || params.has("delay")) {
    params.delete("ping");
    params.delete("delay");
    const query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  // About 100 columns by 30 rows: large on a laptop's full screen, still whole on a tablet.
  // Roboto Mono is 0.6em wide and about 1.3em tall; ?fontsize=N chooses by hand.
  function fittedFontSize() {
    const chosen = parseInt(params.get("fontsize") || "", 10);
    if (chosen >= 8 && chosen <= 64) {
      return chosen;
    }
    const fits = Math.min(window.innerWidth / 60, window.innerHeight / 39);
    return Math.max(14, Math.min(32, Math.floor(fits)));
  }

  const STUCK_AFTER_MS = 30000;
  const openGame = window.onload; // textual.js's: it opens the terminal and connects the websocket
  window.onload = async function (event) {
    document.getElementById("terminal").dataset.fontSize = String(fittedFontSize());
    document.querySelectorAll("button.reload").forEach(function (button) {
      button.addEventListener("click", function () {
        window.location.reload();
      });
    });
    try {
      await Promise.all([document.fonts.load("16px 'Roboto Mono'"), document.fonts.load("bold 16px 'Roboto Mono'")]);
    } catch (error) {
      // the terminal measures whatever font there is
    }
    if (typeof openGame === "function") {
      openGame.call(window, event);
    }
    // A game that never draws (it failed to start) says so instead of "Opening the game…" for ever.
    window.setTimeout(function () {
      document.body.classList.add("-stuck");
    }, STUCK_AFTER_MS);
  };
})();
