"use strict";
// The phone page of ideate: the participant protocol (PROTOCOL.md) over a WebSocket. The code
// comes in the URL's fragment, which no request carries. The token, the own-ideas list and every
// unanswered request are kept in localStorage, so a reload or a sleeping phone loses nothing;
// unanswered requests are resent with the same ids after each reconnect (the server answers a
// copy without doing anything twice). Participant text is only ever inserted as text. Each idea
// goes with a fresh random receipt (its ownership proof), kept here with the idea's text: at the
// end the phone carries both to the company's idea box in that page's fragment.
(function () {
  const $ = (id) => document.getElementById(id);
  const MAX = 500;
  const t = ideateStrings.t, number = ideateStrings.number, LANG = ideateStrings.lang;
  const PROBLEMS = {
    wrongCode: "connection.wrongCode", tooManyTries: "page.tooManyTries", locked: "page.locked", full: "page.full", version: "page.outdated",
  };
  let code = normalized(decodeURIComponent(location.hash.slice(1)));
  let store = load();
  let socket = null, view = null, viewAt = 0, wall = [], lastMessage = 0, retry = 0, retryTimer = 0, stopped = false, openedAt = 0;
  let editing = null;

  function normalized(text) { return text.toUpperCase().replace(/[^A-Z0-9]/g, "").slice(0, 12); }
  function key() { return "ideate:" + location.host + ":" + code; }
  function load() {
    try { return Object.assign({ token: null, mine: [], pending: [] }, JSON.parse(localStorage.getItem(key()) || "{}")); }
    catch (e) { return { token: null, mine: [], pending: [] }; }
  }
  function save() { try { localStorage.setItem(key(), JSON.stringify(store)); } catch (e) { /* private mode: memory only */ } }
  function newID() { return "w" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8); }
  function newReceipt() {
    const bytes = new Uint8Array(32);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }
  // Participant text is set as text, never as markup; direction overrides and invisible
  // characters are dropped so one idea cannot reorder or hide what is shown around it.
  function plain(text) { return String(text).replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, ""); }
  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = plain(text);
    if (className) node.className = className;
    return node;
  }
  function button(text, label, onClick, plain) {
    const node = el("button", text, plain ? "plain" : "");
    node.type = "button";
    node.setAttribute("aria-label", label);
    node.addEventListener("click", onClick);
    return node;
  }

  // Connection
  function connect() {
    if (!code) { showJoin(""); return; }
    clearTimeout(retryTimer);
    if (socket) { socket.onclose = null; socket.close(); }
    setConnection(t("participant.connecting"), false);
    const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
    socket = new WebSocket(url);
    openedAt = Date.now();
    socket.onopen = () => {
      lastMessage = Date.now();
      const hello = { type: "hello", version: 1, code: code, language: LANG };
      if (store.token) hello.token = store.token;
      socket.send(JSON.stringify(hello));
    };
    socket.onmessage = (event) => {
      lastMessage = Date.now();
      let message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      receive(message);
    };
    socket.onclose = () => { socket = null; if (!stopped) later(); };
  }
  function later() {
    setConnection(t("page.reconnecting"), true);
    retry = Math.min(retry + 1, 6);
    retryTimer = setTimeout(connect, [0, 500, 1000, 2000, 3000, 5000, 8000][retry]);
  }
  // A socket can look open and be dead after a phone slept: the server sends a view at least
  // every 10 s, so 25 s of silence means it is gone. A socket still connecting gets 10 s.
  function alive() {
    if (!socket) return false;
    if (socket.readyState === WebSocket.CONNECTING) return Date.now() - openedAt < 10000;
    return socket.readyState === WebSocket.OPEN && Date.now() - lastMessage < 25000;
  }
  function wake() { if (!stopped && code && !alive()) { retry = 0; connect(); } }
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") wake(); });
  window.addEventListener("pageshow", wake);
  window.addEventListener("online", wake);
  function setConnection(text, down) { const node = $("connection"); node.textContent = text; node.classList.toggle("down", down); }

  function send(request) {
    store.pending.push(request);
    save();
    if (alive() && store.token) socket.send(JSON.stringify(request));
  }

  function receive(message) {
    switch (message.type) {
      case "welcome":
        retry = 0;
        store.token = message.token;
        save();
        setConnection(t("participant.connected"), false);
        $("join").hidden = true;
        $("room").hidden = false;
        for (const request of store.pending) socket.send(JSON.stringify(request));
        break;
      case "reply": answered(message); break;
      case "view": showView(message.view); break;
      case "error": problem(message); break;
    }
  }

  function problem(message) {
    const text = PROBLEMS[message.code] ? t(PROBLEMS[message.code]) : message.message;
    if (message.code === "wrongCode" || message.code === "tooManyTries") {
      stopped = message.code === "tooManyTries";
      if (stopped && socket) socket.close();
      showJoin(text);
    } else if (message.code === "locked" || message.code === "full" || message.code === "version") {
      stopped = true;
      if (socket) socket.close();
      showJoin(text);
    } else if (message.code === "rateLimited" && message.retryAfter) {
      setConnection(t("page.busy", { count: message.retryAfter }), true);
    } else if (!message.fatal) {
      $("vote-problem").textContent = message.message || "";
    }
  }

  function answered(reply) {
    const index = store.pending.findIndex((request) => request.id === reply.id);
    if (index < 0) return;
    const request = store.pending.splice(index, 1)[0];
    const mine = store.mine.find((idea) => idea.request === reply.id || (request.idea && idea.idea === request.idea));
    if (request.type === "submit" && mine) {
      mine.idea = reply.idea || mine.idea;
      mine.status = reply.ok ? (reply.late ? "late" : reply.held ? "held" : "saved") : "refused";
      mine.note = reply.ok ? "" : reply.message;
      if (!reply.ok) { $("idea").value = $("idea").value || mine.text; store.mine.splice(store.mine.indexOf(mine), 1); $("compose-problem").textContent = reply.message; }
    } else if (request.type === "edit" && mine) {
      if (reply.ok) { mine.text = request.text; if (mine.status !== "held") mine.status = "saved"; } else { mine.note = reply.message; }
    } else if (request.type === "withdraw" && mine) {
      if (reply.ok) mine.status = "withdrawn"; else mine.note = reply.message;
    } else if (!reply.ok) {
      $("vote-problem").textContent = reply.message;
    }
    save();
    renderMine();
  }

  // Joining
  function showJoin(problemText) {
    $("room").hidden = true;
    $("join").hidden = false;
    $("join-problem").textContent = problemText || "";
    if (!$("code").value) $("code").value = code;
    setConnection(problemText ? t("participant.notJoined") : "", !!problemText);
    $("code").focus();
  }
  $("join-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const typed = normalized($("code").value);
    if (typed.length < 4) { $("join-problem").textContent = t("page.codeShape", { min: 4, max: 12 }); return; }
    code = typed;
    history.replaceState(null, "", "#" + code);
    store = load();
    stopped = false;
    retry = 0;
    connect();
  });

  // Views
  function showView(next) {
    if (next.wallUnchanged) next.wall = wall; else wall = next.wall || [];
    view = next;
    viewAt = Date.now();
    $("vote-problem").textContent = "";
    render();
  }
  const FLOW = {
    ideate: "common.phaseIdeate", build: "common.phaseBuild", group: "common.phaseGroup", vote: "common.phaseVote",
    rate: "common.phaseRate", review: "common.phaseReview", finished: "participant.stageFinished", lobby: "participant.stageLobby",
  };
  function render() {
    if (!view) return;
    document.title = "ideate · " + plain(view.title);
    $("title").textContent = plain(view.title);
    $("phase").textContent = t("page.roundOf", { round: view.round, rounds: view.rounds }) + " · " + (FLOW[view.stage] ? t(FLOW[view.stage]) : view.stage);
    $("prompt").textContent = plain(view.prompt);
    const flowing = view.stage === "ideate" || view.stage === "build";
    const results = view.results && view.results.length ? view.results : null;
    $("lobby").hidden = view.stage !== "lobby";
    $("compose").hidden = !flowing;
    $("grouping").hidden = view.stage !== "group";
    $("ballot").hidden = !(view.stage === "vote" && !results);
    $("results").hidden = !results || !!view.toRate;
    $("rating").hidden = !view.toRate;
    $("rated").hidden = !(view.ratings && view.ratings.length);
    $("mine").hidden = !(flowing || store.mine.length) || view.stage === "lobby";
    renderFollow();
    if (view.stage === "lobby") renderFollowupRound(view.followupRound);
    if (flowing) renderCompose();
    if (view.stage === "group") renderList($("grouping-wall"), view.wall || []);
    if (!$("ballot").hidden) renderBallot();
    if (results) renderResults(results);
    if (view.toRate) renderRating();
    if (!$("rated").hidden) renderRated();
    renderMine();
    tick();
  }
  // The end screen's way to the idea box: the ideas kept in the workshop, each with its receipt.
  function renderFollow() {
    const followed = store.mine.filter((idea) => idea.receipt && (idea.status === "saved" || idea.status === "held" || idea.status === "late"));
    const box = view.stage === "finished" && typeof view.ideaBox === "string" && /^https?:\/\//.test(view.ideaBox) ? view.ideaBox : null;
    $("follow").hidden = !box || followed.length === 0;
    if ($("follow").hidden) return;
    const carried = { w: view.title, ideas: followed.map((idea) => ({ p: idea.receipt, t: idea.text })) };
    $("follow-link").href = box + "#ideas=" + encodeURIComponent(JSON.stringify(carried));
  }
  // The follow-up round on this phone: each earlier experiment (what was learned, or that it
  // still runs) and each action item still open.
  const OUTCOMES = { validated: "page.outcomeValidated", invalidated: "page.outcomeInvalidated", unclear: "page.outcomeUnclear" };
  function day(iso) {
    const date = new Date(iso + "T12:00:00Z");
    if (isNaN(date)) return iso;
    return date.toLocaleDateString(LANG === "en" || LANG === "en-XA" ? "en-GB" : LANG, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  }
  function renderFollowupRound(round) {
    $("followup-round").hidden = !round;
    if (!round) return;
    $("earlier").replaceChildren(...round.experiments.map((experiment) => {
      const item = el("li");
      item.append(el("span", experiment.id + " " + experiment.title, "text"));
      const learning = experiment.learning;
      item.append(el("span", learning ? t("page.learned", { outcome: t(OUTCOMES[learning.outcome]), learned: learning.learned }) : t("participant.stillRunning"), "quiet"));
      return item;
    }));
    if (!round.experiments.length) $("earlier").replaceChildren(el("li", t("page.noExperiments"), "quiet"));
    $("open-items-heading").hidden = !round.actionItems.length;
    $("open-items").replaceChildren(...round.actionItems.map((action) => {
      const item = el("li");
      const when = action.isStuck ? t("participant.stuck") : action.isOverdue ? t("console.itemOverdue")
        : action.due ? t("console.itemDue", { date: day(action.due) }) : t("participant.open");
      item.append(el("span", action.id + " " + action.what + " (" + action.owner + ")", "text"), el("span", when, "quiet"));
      return item;
    }));
  }
  function renderCompose() {
    const buildOn = view.stage === "build" ? view.buildOn : null;
    $("build-on").hidden = !buildOn;
    $("build-on-text").textContent = buildOn ? plain(buildOn.text) : "";
    $("idea-label").textContent = t(editing ? "page.editIdea" : buildOn ? "page.yesAnd" : "page.yourIdea");
    $("send").disabled = view.locked;
    $("send").textContent = t(editing ? "page.save" : "page.send");
    const canSayDone = typeof view.done === "boolean";
    $("done").hidden = !canSayDone;
    $("done").textContent = t(view.done ? "page.notDone" : "page.done");
    $("done-said").hidden = !(canSayDone && view.done);
  }
  function renderList(list, ideas) {
    list.replaceChildren(...ideas.map((idea) => { const item = el("li"); item.append(el("span", idea.text, "text")); return item; }));
  }
  function renderBallot() {
    const mine = view.myDots || {};
    $("dots").textContent = t("participant.dotsLeft", { left: view.dotsLeft, count: view.votesPerPerson, max: view.maxVotesPerIdea });
    $("wall").replaceChildren(...(view.wall || []).map((idea) => {
      const item = el("li");
      const dots = mine[idea.id] || 0;
      item.append(el("span", idea.text, "text"), el("span", dots ? "●".repeat(dots) : "", "mydots"));
      const place = button("+", t("page.placeDot", { idea: plain(idea.text) }), () => send({ type: "vote", id: newID(), idea: idea.id }));
      place.disabled = view.locked || view.dotsLeft <= 0 || dots >= view.maxVotesPerIdea;
      const back = button("−", t("page.takeDot", { idea: plain(idea.text) }), () => send({ type: "unvote", id: newID(), idea: idea.id }), true);
      back.disabled = view.locked || dots === 0;
      item.append(place, back);
      return item;
    }));
  }
  function renderResults(results) {
    $("results-heading").textContent = t(view.stage === "finished" ? "participant.ended" : "participant.results");
    $("results-list").replaceChildren(...results.map((idea) => {
      const item = el("li");
      item.append(el("span", idea.shortlisted ? "★" : "", "star"), el("span", idea.text, "text"), el("span", number(idea.votes), "votes"));
      item.setAttribute("aria-label", t(idea.shortlisted ? "page.resultShortlisted" : "page.result", { idea: plain(idea.text), count: idea.votes }));
      return item;
    }));
  }
  const STATUS = {
    sending: "participant.sending", saved: "participant.saved", held: "participant.savedHeld", late: "page.keptLate", withdrawn: "participant.withdrawn", refused: "participant.notSaved",
  };
  // Impact and effort: five buttons per axis and idea; with both chosen the rating is sent (and
  // sent again whenever one changes). Nobody sees anyone's figures until the phase closes.
  const drafts = {};
  function renderRating() {
    const mine = view.myRatings || {};
    $("rate-list").replaceChildren(...view.toRate.map((idea) => {
      const item = el("li"), draft = drafts[idea.id] || (drafts[idea.id] = Object.assign({}, mine[idea.id]));
      item.append(el("span", idea.text, "text"));
      for (const axis of ["impact", "effort"]) {
        const group = el("div", undefined, "scale"), name = t("page." + axis);
        group.setAttribute("role", "group");
        group.setAttribute("aria-label", t("page.rateAxisOf", { axis: name, idea: plain(idea.text) }));
        group.append(el("span", name, "quiet"));
        for (let value = 1; value <= 5; value++) {
          const choice = button(String(value), name + " " + value, () => {
            draft[axis] = value;
            if (draft.impact && draft.effort) send({ type: "rate", id: newID(), idea: idea.id, impact: draft.impact, effort: draft.effort });
            renderRating();
          }, draft[axis] !== value);
          choice.setAttribute("aria-pressed", String(draft[axis] === value));
          group.append(choice);
        }
        item.append(group);
      }
      return item;
    }));
  }
  function renderRated() {
    $("rated-list").replaceChildren(...view.ratings.map((idea) => {
      const item = el("li");
      item.append(el("span", idea.text, "text"), el("span", t("participant.rateNote", { impact: idea.impact, effort: idea.effort }) + (idea.disputed ? " ⚑" : ""), "votes"));
      return item;
    }));
  }
  function renderMine() {
    const flowing = view && (view.stage === "ideate" || view.stage === "build") && !view.locked;
    $("mine-list").replaceChildren(...store.mine.map((idea) => {
      const item = el("li");
      item.append(el("span", idea.text, "text"), el("span", idea.note || (STATUS[idea.status] ? t(STATUS[idea.status]) : ""), "status " + idea.status));
      if (flowing && idea.idea && idea.status !== "withdrawn") {
        item.append(button(t("page.editButton"), t("page.editLabel", { idea: plain(idea.text) }), () => startEdit(idea), true),
          button(t("page.withdrawButton"), t("page.withdrawLabel", { idea: plain(idea.text) }), () => send({ type: "withdraw", id: newID(), idea: idea.idea }), true));
      }
      return item;
    }));
  }
  function startEdit(idea) {
    editing = idea;
    $("idea").value = idea.text;
    count();
    renderCompose();
    $("idea").focus();
  }
  function tick() {
    if (!view || view.remainingMilliseconds == null) { $("countdown").textContent = ""; return; }
    const left = view.paused ? view.remainingMilliseconds : Math.max(0, view.remainingMilliseconds - (Date.now() - viewAt));
    const seconds = Math.ceil(left / 1000);
    const text = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
    $("countdown").textContent = view.locked ? t("participant.timeUp")
      : t(view.paused ? "page.timePaused" : seconds <= 60 ? "page.timeLastMinute" : "page.timeLeft", { time: text });
    $("countdown").classList.toggle("last", seconds <= 60 && !view.paused);
  }
  setInterval(() => { tick(); if (socket && !alive()) wake(); }, 1000);

  // Typing
  function count() { $("count").textContent = number([...$("idea").value].length) + "/" + number(MAX); }
  $("idea").addEventListener("input", count);
  $("idea").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); $("idea-form").requestSubmit(); }
  });
  $("idea-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("idea").value.trim();
    $("compose-problem").textContent = "";
    if (!text) return;
    if ([...text].length > MAX) { $("compose-problem").textContent = t("page.ideaTooLong", { max: MAX }); return; }
    if (editing) {
      editing.status = "sending";
      send({ type: "edit", id: newID(), idea: editing.idea, text: text });
      editing = null;
    } else {
      const request = { type: "submit", id: newID(), text: text, receipt: newReceipt() };
      if (view && view.stage === "build" && view.buildOn) request.extends = view.buildOn.id;
      store.mine.push({ request: request.id, idea: null, text: text, status: "sending", receipt: request.receipt });
      send(request);
    }
    $("idea").value = "";
    count();
    renderCompose();
    renderMine();
  });

  // "I'm done" and taking it back: the room sees how many are done, never who.
  $("done").addEventListener("click", () => {
    if (!view || typeof view.done !== "boolean") return;
    $("vote-problem").textContent = "";
    send({ type: view.done ? "undone" : "done", id: newID() });
  });

  // The language switch keeps the code (the fragment) and this phone's place: the page reloads
  // in the other language and continues as the same participant.
  for (const link of document.querySelectorAll("#languages a")) {
    link.addEventListener("click", (event) => { event.preventDefault(); location.assign(link.getAttribute("href") + location.hash); });
  }

  $("code").value = code;
  connect();
})();
