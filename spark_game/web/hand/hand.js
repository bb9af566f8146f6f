// A hand at Spark's table: shows what the game sends, and sends taps as intents.
// The game decides everything: this page only shows the actions the view lists. Each tap gets an id;
// until the game acknowledges it, it is sent again after a reconnect (the game applies it once).
"use strict";
(function () {
  const socketUrl = "ws://" + location.host + location.pathname + "/ws";
  const outbox = new Map();
  let socket = null;
  let wait = 500;
  let closedForGood = false;
  let retry = null;

  const $ = (id) => document.getElementById(id);

  function newId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes); // works on a home network's plain http, where randomUUID doesn't
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function send(intent) {
    const id = newId();
    outbox.set(id, Object.assign({ id: id }, intent));
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(outbox.get(id)));
    document.querySelectorAll("main button").forEach((button) => (button.disabled = true));
  }

  function status(view) {
    if (view.state === "over") return "The round is over. Thank you for playing.";
    if (view.state === "choose") return view.mine ? "Your turn: choose a deck on the shared screen." : view.whose + " is choosing a deck.";
    if (view.state === "card") return view.mine ? "Your card, on the shared screen:" : view.whose + "'s card:";
    if (view.state === "react") return view.actions.includes("react") ? "Your reaction, when you're ready." : "Waiting for a reaction.";
    if (view.state === "close") return "The closing card, together.";
    return "";
  }

  let marks = [];
  let marking = "";

  function choiceButton(label, pressed, onClick) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.setAttribute("aria-pressed", pressed ? "true" : "false");
    button.addEventListener("click", onClick);
    return button;
  }

  function showWishes(view) {
    if (marking !== view.card) {
      marking = view.card;
      marks = view.options.map(() => null);
    }
    const list = $("wishes");
    list.replaceChildren();
    view.options.forEach((option, index) => {
      const item = document.createElement("li");
      const name = document.createElement("span");
      name.textContent = option;
      const row = document.createElement("div");
      row.className = "marks";
      ["yes", "maybe", "no"].forEach((mark) => {
        row.append(
          choiceButton(mark, marks[index] === mark, () => {
            marks[index] = mark;
            showWishes(view);
          }),
        );
      });
      item.append(name, row);
      list.append(item);
    });
    $("wishes-send").hidden = false;
    $("wishes-send").disabled = marks.includes(null);
  }

  function showAnswer(view) {
    const answering = view.actions.includes("answer");
    $("answer").hidden = !(answering || (view.answered && !view.reveal));
    $("answer-sent").hidden = !view.answered;
    $("answer-choices").replaceChildren();
    $("wishes").replaceChildren();
    $("answer-words").hidden = $("wishes-send").hidden = true;
    $("reveal").textContent = view.reveal || "";
    $("reveal").hidden = !view.reveal;
    if (!answering) return;
    if (view.kind === "wishes") {
      $("answer-title").textContent = "Mark each one: only what you both want is shown, never a no";
      showWishes(view);
    } else if (view.options.length) {
      $("answer-title").textContent = "Your answer, unseen until you have both answered";
      view.options.forEach((option) => $("answer-choices").append(choiceButton(option, false, () => send({ do: "answer", value: option }))));
    } else {
      $("answer-title").textContent = "Your answer, in a few words, unseen until you have both answered";
      $("answer-words").hidden = false;
    }
  }

  // A partner's own corner: their limits and the check-in. A panel of their own hides the table until they close it.
  let picked = new Set();
  let limitsShown = "";
  let ticked = new Set();
  let ticking = false;

  function flip(set, item) {
    if (set.has(item)) set.delete(item);
    else set.add(item);
  }

  function showLimits(limits, note) {
    $("limits-words").textContent = limits.words;
    $("limits-old").hidden = !limits.old_seal || limits.locked;
    $("limits-unlock").hidden = !limits.locked;
    $("limits-lists").hidden = limits.locked;
    $("limits-clear").hidden = !limits.has_list;
    const shown = JSON.stringify([limits.locked, limits.chosen]);
    if (shown !== limitsShown) {
      limitsShown = shown;
      picked = new Set(limits.chosen);
    }
    [["limits-topics", limits.topics], ["limits-practical", limits.practical]].forEach(([id, tags]) => {
      $(id).replaceChildren(
        ...tags.map(([tag, words]) =>
          choiceButton(words, picked.has(tag), () => {
            flip(picked, tag);
            showLimits(limits, note);
          }),
        ),
      );
    });
    $("limits-new-label").textContent = limits.keeps
      ? "A new PIN or passphrase, if you want one (blank keeps yours)"
      : "Your PIN (6 to 12 digits) or passphrase (8 characters or more)";
    $("limits-note").textContent = note;
  }

  function showCheckin(checkin) {
    if (!ticking) {
      ticking = true;
      ticked = new Set();
    }
    $("checkin-ask").textContent = checkin.words;
    $("checkin-statements").replaceChildren(
      ...checkin.statements.map((text, index) =>
        choiceButton(text, ticked.has(index), () => {
          flip(ticked, index);
          showCheckin(checkin);
        }),
      ),
    );
  }

  function showAlone(view) {
    ["alone", "limits", "checkin", "checkin-page"].forEach((id) => ($(id).hidden = true));
    const alone = view.alone;
    if (!alone || view.state === "over") return false;
    const checkin = alone.checkin;
    if (checkin.state !== "ticking") ticking = false;
    if (alone.panel === "limits" && alone.limits) {
      $("limits").hidden = false;
      showLimits(alone.limits, alone.note);
      return true;
    }
    limitsShown = "";
    $("limits-topics").replaceChildren(); // a closed list leaves nothing of itself in the page
    $("limits-practical").replaceChildren();
    if (checkin.state === "ticking") {
      $("checkin").hidden = false;
      showCheckin(checkin);
      return true;
    }
    if (checkin.state === "page") {
      $("checkin-page").hidden = false;
      $("checkin-page-words").textContent = checkin.words;
      $("outside-help").hidden = checkin.page !== "support";
      return true;
    }
    $("alone").hidden = false;
    $("alone-note").textContent = alone.note;
    $("alone-note").hidden = !alone.note;
    $("checkin-words").textContent = checkin.words;
    $("checkin-open").hidden = checkin.state !== "offer";
    return false;
  }

  function show(view) {
    $("table").hidden = showAlone(view);
    $("status").textContent = status(view);
    $("card").textContent = view.card || "";
    $("card").hidden = !view.card;
    showAnswer(view);
    const reacting = view.actions.includes("react");
    $("react").hidden = !reacting;
    const choices = $("reactions");
    choices.replaceChildren();
    if (reacting) {
      view.reactions.forEach(([value, label]) => {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = label.charAt(0).toUpperCase() + label.slice(1);
        button.addEventListener("click", () => send({ do: "react", value: value }));
        choices.append(button);
      });
    }
    $("pass").hidden = !view.actions.includes("pass");
    $("brake").hidden = !view.actions.includes("brake");
    $("quiet").hidden = $("pass").hidden && $("brake").hidden;
    document.querySelectorAll("main button").forEach((button) => (button.disabled = false));
  }

  function connect() {
    socket = new WebSocket(socketUrl);
    socket.addEventListener("open", () => {
      wait = 500;
      $("link").textContent = "At the table.";
      $("link").className = "";
      outbox.forEach((intent) => socket.send(JSON.stringify(intent)));
    });
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(event.data);
      if (message.ack) {
        outbox.delete(message.ack);
        // A tap the game turned down (the moment had passed) brings no new view: the buttons come back anyway.
        if (outbox.size === 0) document.querySelectorAll("main button").forEach((button) => (button.disabled = false));
      }
      if (message.view) show(message.view);
    });
    socket.addEventListener("close", (event) => {
      if (event.reason === "the table is closed") {
        closedForGood = true;
        $("status").textContent = "The table is closed. Thank you for playing.";
        ["quiet", "react", "card", "answer", "reveal", "alone", "limits", "checkin", "checkin-page"].forEach((id) => ($(id).hidden = true));
        $("table").hidden = false;
        $("link").textContent = "";
        return;
      }
      $("link").textContent = "Reconnecting…";
      $("link").className = "lost";
      retry = setTimeout(() => {
        retry = null;
        connect();
      }, wait);
      wait = Math.min(wait * 2, 5000);
    });
  }

  $("answer-words").addEventListener("submit", (event) => {
    event.preventDefault();
    const words = $("answer-text").value.trim();
    if (words) {
      send({ do: "answer", value: words });
      $("answer-text").value = "";
    }
  });
  $("wishes-send").addEventListener("click", () => send({ do: "answer", value: marks.slice() }));
  $("pass").addEventListener("click", () => send({ do: "pass" }));
  $("limits-unlock").addEventListener("submit", (event) => {
    event.preventDefault();
    const secret = $("limits-secret").value;
    $("limits-secret").value = "";
    if (secret) send({ do: "limits-unlock", value: secret });
  });
  $("limits-save").addEventListener("click", () => {
    const secret = $("limits-new-secret").value;
    $("limits-new-secret").value = "";
    send({ do: "limits-save", value: { tags: Array.from(picked), secret: secret } });
  });
  ["limits-open", "limits-clear", "limits-close", "checkin-open", "checkin-stop", "checkin-close"].forEach((name) =>
    $(name).addEventListener("click", () => send({ do: name })),
  );
  $("checkin-send").addEventListener("click", () => send({ do: "checkin-send", value: Array.from(ticked) }));
  $("brake").addEventListener("click", () => send({ do: "brake" }));
  document.addEventListener("visibilitychange", () => {
    if (!closedForGood && document.visibilityState === "visible" && retry !== null) {
      clearTimeout(retry); // a phone waking up doesn't wait out the backoff
      retry = null;
      connect();
    }
  });
  connect();
})();
