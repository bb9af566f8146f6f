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

  function show(view) {
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
        $("quiet").hidden = $("react").hidden = $("card").hidden = $("answer").hidden = $("reveal").hidden = true;
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
