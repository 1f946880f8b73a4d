"use strict";
// The idea box's page. An idea is sent with the SHA-256 of a fresh secret (its proof); the
// secret, the idea's number and its text stay in this browser's localStorage only. Fates are
// fetched by bucket (every idea whose number falls in the same buckets, a few hundred per
// bucket, padded with buckets chosen at random) and matched here, so the server never learns
// which ideas are this phone's. A fate kept off the board comes sealed; only the key derived
// from the idea's proof opens it. WebCrypto needs HTTPS, so SHA-256 is computed below.
(function () {
  const $ = (id) => document.getElementById(id);
  const MAX = 500, DECOYS = 8, KEY = "ideate-box:" + location.host;
  const encoder = new TextEncoder();
  const t = ideateStrings.t, number = ideateStrings.number, LANG = ideateStrings.lang;
  function day(iso) {
    const date = new Date(String(iso) + "T12:00:00Z");
    if (isNaN(date)) return String(iso);
    return date.toLocaleDateString(LANG === "en" || LANG === "en-XA" ? "en-GB" : LANG, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  }
  let store = load(), board = null, sending = false, retryTimer = 0, retry = 0;

  // SHA-256 (FIPS 180-4) of a Uint8Array.
  const K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]);
  function sha256(bytes) {
    const length = bytes.length, padded = new Uint8Array(((length + 72) >> 6) << 6);
    padded.set(bytes);
    padded[length] = 0x80;
    const view = new DataView(padded.buffer);
    view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
    view.setUint32(padded.length - 4, (length << 3) >>> 0);
    const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
    const w = new Uint32Array(64);
    const rotate = (x, n) => (x >>> n) | (x << (32 - n));
    for (let offset = 0; offset < padded.length; offset += 64) {
      for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
      for (let i = 16; i < 64; i++) {
        const s0 = rotate(w[i - 15], 7) ^ rotate(w[i - 15], 18) ^ (w[i - 15] >>> 3);
        const s1 = rotate(w[i - 2], 17) ^ rotate(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
      }
      let [a, b, c, d, e, f, g, hh] = h;
      for (let i = 0; i < 64; i++) {
        const t1 = (hh + (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
        const t2 = ((rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
        hh = g; g = f; f = e; e = (d + t1) >>> 0; d = c; c = b; b = a; a = (t1 + t2) >>> 0;
      }
      h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
    }
    const out = new Uint8Array(32), outView = new DataView(out.buffer);
    for (let i = 0; i < 8; i++) outView.setUint32(i * 4, h[i]);
    return out;
  }
  function hex(bytes) { return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(""); }
  function concat(...parts) {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) { out.set(part, at); at += part.length; }
    return out;
  }
  function newSecret() { const bytes = new Uint8Array(32); crypto.getRandomValues(bytes); return hex(bytes); }
  function proofOf(secret) { return hex(sha256(encoder.encode(secret))); }
  // The receipt's public key (see ReceiptKey in the server): fates are listed under it.
  function receiptOf(proof) { return hex(sha256(encoder.encode("ideate receipt v1 " + proof))).slice(0, 16); }
  // An idea sent here has its secret (which also withdraws it); one carried from a workshop
  // has only the proof its phone sent there.
  function proofFor(idea) { return idea.proof || proofOf(idea.secret); }

  // Opens a fate sealed for the idea with `proof` (see FateSeal in the server), or null.
  function unseal(box, proof) {
    let bytes;
    try { bytes = Uint8Array.from(atob(box.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0)); } catch (e) { return null; }
    if (bytes.length < 32) return null;
    const key = sha256(concat(encoder.encode("ideate fate seal v1"), encoder.encode(proof)));
    const nonce = bytes.slice(0, 16), tag = bytes.slice(16, 32), ciphertext = bytes.slice(32);
    const expected = sha256(concat(key, [0x74], nonce, ciphertext)).slice(0, 16);
    if (hex(expected) !== hex(tag)) return null;
    const plain = new Uint8Array(ciphertext.length);
    for (let counter = 0; counter * 32 < ciphertext.length; counter++) {
      const block = sha256(concat(key, [0x73], nonce, [counter >>> 24, (counter >>> 16) & 255, (counter >>> 8) & 255, counter & 255]));
      for (let i = 0; i < 32 && counter * 32 + i < ciphertext.length; i++) plain[counter * 32 + i] = ciphertext[counter * 32 + i] ^ block[i];
    }
    try { return JSON.parse(new TextDecoder().decode(plain)); } catch (e) { return null; }
  }

  function load() {
    try { return Object.assign({ ideas: [], pending: [] }, JSON.parse(localStorage.getItem(KEY) || "{}")); }
    catch (e) { return { ideas: [], pending: [] }; }
  }
  function save() { try { localStorage.setItem(KEY, JSON.stringify(store)); } catch (e) { /* private mode: memory only */ } }
  // Text from people is set as text, never as markup; direction overrides and invisible
  // characters are dropped so one idea cannot reorder or hide what is shown around it.
  function plain(text) { return String(text).replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, ""); }
  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = plain(text);
    if (className) node.className = className;
    return node;
  }

  async function request(method, path, body) {
    // The page's own language, so what the box refuses is said in it.
    const options = { method, headers: { "Accept-Language": LANG }, cache: "no-store" };
    if (body) { options.headers["Content-Type"] = "application/json"; options.body = JSON.stringify(body); }
    const response = await fetch(path, options);
    let json = null;
    try { json = await response.json(); } catch (e) { json = null; }
    return { status: response.status, json };
  }

  // Sending: the idea waits in localStorage until the box says it is saved, and is resent with
  // the same proof after a failure (the box recognises it and does not keep it twice).
  async function sendPending() {
    if (sending || store.pending.length === 0) return;
    sending = true;
    clearTimeout(retryTimer);
    const idea = store.pending[0];
    let answer;
    try { answer = await request("POST", "/ideas", { text: idea.text, question: idea.question, proof: proofOf(idea.secret) }); }
    catch (e) { answer = null; }
    sending = false;
    if (answer && answer.status === 200 && answer.json && answer.json.id) {
      store.pending.shift();
      // Known to be new without asking: a fates request right after a submission would tie
      // the new idea, by its timing, to the buckets of this phone's other ideas.
      store.ideas.unshift({ id: answer.json.id, secret: idea.secret, text: idea.text, question: idea.question, sent: idea.sent,
                            fate: { fate: "new" } });
      save();
      retry = 0;
      status(t("box.savedAs", { id: answer.json.id }), "saved");
      renderMine();
      sendPending();
      return;
    }
    if (answer && answer.status >= 400 && answer.status < 500) {
      store.pending.shift();
      save();
      if (!$("idea").value) { $("idea").value = idea.text; count(); }
      $("compose-problem").textContent = (answer.json && answer.json.error) || t("box.refusedIdea");
      status("", "");
      renderMine();
      return;
    }
    status(t("box.notSentRetry"), "refused");
    retry = Math.min(retry + 1, 6);
    retryTimer = setTimeout(sendPending, 1000 * Math.pow(2, retry));
    renderMine();
  }
  function status(text, kind) { const node = $("compose-status"); node.textContent = text; node.className = "status " + (kind || ""); }

  function submit(event) {
    event.preventDefault();
    const text = $("idea").value.trim();
    $("compose-problem").textContent = "";
    if (!text) { $("compose-problem").textContent = t("box.writeFirst"); return; }
    if (text.length > MAX) { $("compose-problem").textContent = t("page.ideaTooLong", { max: MAX }); return; }
    const chosen = document.querySelector("input[name=question]:checked");
    const question = chosen && chosen.value ? chosen.value : null;
    store.pending.push({ secret: newSecret(), text, question, sent: new Date().toISOString().slice(0, 10) });
    save();
    $("idea").value = "";
    count();
    status(t("box.sending"), "");
    sendPending();
  }
  function count() { $("count").textContent = number($("idea").value.length) + "/" + number(MAX); }

  // Fates: the buckets of this phone's receipts, hidden among decoys, then matched here. The
  // decoys are the same on every visit (drawn from a seed kept on this phone): decoys drawn
  // afresh each time would fall away when a server compared two visits, leaving the true ones.
  // An idea with no news is not listed at all: its fate stays what this phone already knows.
  async function fetchFates(again) {
    if (!board || store.ideas.length === 0) return;
    for (const idea of store.ideas) { if (!idea.receipt) idea.receipt = receiptOf(proofFor(idea)); }
    const n = board.buckets, wanted = new Set(store.ideas.map((idea) => parseInt(idea.receipt.slice(0, 8), 16) % n));
    const target = Math.min(n, Math.max(DECOYS, wanted.size));
    if (!store.decoySeed) { const r = new Uint32Array(1); crypto.getRandomValues(r); store.decoySeed = r[0] || 1; save(); }
    let state = store.decoySeed >>> 0;
    while (wanted.size < target) {
      state ^= state << 13; state >>>= 0; state ^= state >>> 17; state ^= state << 5; state >>>= 0;
      wanted.add(state % n);
    }
    const buckets = Array.from(wanted).sort((a, b) => a - b).slice(0, 64);
    let answer;
    try { answer = await request("GET", "/fates?n=" + n + "&b=" + buckets.join(",")); } catch (e) { return; }
    if (answer.status === 409 && answer.json && answer.json.buckets && !again) { board.buckets = answer.json.buckets; return fetchFates(true); }
    if (answer.status !== 200 || !answer.json) return;
    const byKey = new Map(answer.json.ideas.map((entry) => [entry.key, entry]));
    for (const idea of store.ideas) {
      const entry = byKey.get(idea.receipt);
      if (!entry) { idea.fate = idea.from === undefined ? { fate: "new" } : { fate: "fromWorkshop", workshop: idea.from }; continue; }
      idea.fate = entry.sealed ? unseal(entry.sealed, proofFor(idea)) || idea.fate : entry;
      if (idea.fate && idea.fate.id) idea.id = idea.fate.id;
    }
    save();
    renderMine();
  }

  // The same sentences as the box's terminal screen (FateWording.swift), with the same phrases.
  const STAGES = { planned: "box.stagePlanned", running: "box.stageRunning", learned: "box.stageLearned" };
  const KINDS = { new: "box.kindNew", kept: "box.kindKept", merged: "box.kindMerged", experiment: "box.kindExperiment",
                  workshop: "box.kindWorkshop", declined: "box.kindDeclined" };
  const OUTCOMES = { validated: "common.outcomeValidated", invalidated: "common.outcomeInvalidated", unclear: "common.outcomeUnclear" };
  const DECISIONS = { persevere: "common.decisionPersevere", pivot: "common.decisionPivot", stop: "common.decisionStop",
                      "test-again": "common.decisionTestAgain" };
  function stage(experiment) { return STAGES[experiment.stage] ? t(STAGES[experiment.stage]) : String(experiment.stage); }
  function fateSentence(notice) {
    if (!notice) return t("box.waitingNews");
    const into = notice.into || t("box.anotherIdea");
    switch (notice.fate) {
      case "new": return t("box.fateNew");
      case "fromWorkshop": return t("box.fateFromWorkshop", { workshop: plain(notice.workshop || "") });
      case "kept": return t("box.fateKept");
      case "workshop": return t("box.fateWorkshop");
      case "declined": return t("box.fateDeclined");
      case "experiment":
        return notice.experiment ? t("box.fateExperiment", { id: notice.experiment.id, stage: stage(notice.experiment) }) : t("box.fateAnExperiment");
      case "merged":
        if (notice.experiment) return t("box.fateMergedExperiment", { into, id: notice.experiment.id, stage: stage(notice.experiment) });
        if (notice.then && KINDS[notice.then]) return t("box.fateMergedThen", { into, then: t(KINDS[notice.then]) });
        return t("box.fateMerged", { into });
      default: return "";
    }
  }
  function learningCard(experiment) {
    if (!experiment || experiment.stage !== "learned") return null;
    const list = el("dl", undefined, "learning");
    const rows = [["minutes.learningOutcome", OUTCOMES[experiment.outcome] ? t(OUTCOMES[experiment.outcome]) : experiment.outcome],
                  ["minutes.learningBelieved", experiment.believed], ["minutes.learningObserved", experiment.observed], ["minutes.learningLearned", experiment.learned],
                  ["minutes.learningDecision", DECISIONS[experiment.decision] ? t(DECISIONS[experiment.decision]) : experiment.decision]];
    for (const [term, value] of rows) { if (value) { list.append(el("dt", t(term)), el("dd", value)); } }
    return list;
  }
  function describe(item, notice) {
    item.append(el("span", fateSentence(notice), "fate"));
    if (notice && notice.answer) item.append(el("blockquote", t("box.answer", { date: day(notice.answered), answer: notice.answer }), "answer"));
    const card = learningCard(notice && notice.experiment);
    if (card) item.append(card);
  }

  function renderMine() {
    const list = $("mine-list");
    list.replaceChildren();
    for (const idea of store.pending) {
      const item = el("li");
      item.append(el("span", t("box.notSentYet"), "number"), el("span", idea.text, "text"));
      list.append(item);
    }
    for (const idea of store.ideas) {
      const item = el("li");
      item.append(el("span", idea.id || "·", "number"), el("span", idea.text, "text"));
      describe(item, idea.fate);
      if (idea.secret && (!idea.fate || idea.fate.fate === "new")) {
        const withdraw = el("button", t("box.withdrawButton"), "plain");
        withdraw.type = "button";
        withdraw.setAttribute("aria-label", t("box.withdrawLabel", { id: idea.id }));
        withdraw.addEventListener("click", () => withdrawIdea(idea));
        item.append(withdraw);
      }
      list.append(item);
    }
    $("mine").hidden = store.pending.length === 0 && store.ideas.length === 0;
  }

  async function withdrawIdea(idea) {
    let answer;
    try { answer = await request("POST", "/withdraw", { secret: idea.secret }); } catch (e) { answer = null; }
    if (answer && (answer.status === 200 || answer.status === 404)) {
      store.ideas = store.ideas.filter((other) => other !== idea);
      save();
      status(t("box.withdrawnNumbered", { id: idea.id }), "saved");
    } else {
      status((answer && answer.json && answer.json.error) || t("box.notWithdrawn"), "refused");
    }
    renderMine();
  }

  function renderBoard() {
    $("title").textContent = plain(board.title);
    document.title = "ideate · " + plain(board.title);
    const questions = $("question-list");
    questions.replaceChildren();
    const choices = board.questions.map((q) => [q.id, q.text + (q.until ? " " + t("box.until", { date: day(q.until) }) : "")])
      .concat([["", t("box.anythingElse")]]);
    choices.forEach(([value, label], index) => {
      const row = el("label", undefined, "choice"), input = document.createElement("input");
      input.type = "radio"; input.name = "question"; input.value = value; input.checked = index === 0;
      row.append(input, el("span", label));
      questions.append(row);
    });
    $("questions").hidden = board.questions.length === 0;
    const list = $("board-list");
    list.replaceChildren();
    for (const entry of board.recent) {
      const item = el("li");
      item.append(el("span", entry.id, "number"), el("span", entry.text, "text"), el("span", day(entry.date), "quiet"));
      if (entry.fate) describe(item, entry.fate);
      else if (entry.experiment) {
        item.append(el("span", t("box.experimentStage", { stage: stage(entry.experiment) }), "fate"));
        const card = learningCard(entry.experiment);
        if (card) item.append(card);
      }
      list.append(item);
    }
    $("board-empty").hidden = board.recent.length > 0;
  }

  // Ideas carried from a workshop's end screen: their proofs and texts come in this page's
  // fragment, which no request carries, and are kept here like ideas sent from this page.
  function importFromWorkshop() {
    const match = /^#ideas=(.*)$/.exec(location.hash);
    if (!match) return;
    history.replaceState(null, "", location.pathname);
    let carried;
    try { carried = JSON.parse(decodeURIComponent(match[1])); } catch (e) { return; }
    if (!carried || !Array.isArray(carried.ideas)) return;
    const known = new Set(store.ideas.map((idea) => idea.proof));
    let added = 0;
    for (const entry of carried.ideas.slice(0, 200)) {
      if (!entry || typeof entry.p !== "string" || !/^[0-9a-f]{64}$/.test(entry.p) || typeof entry.t !== "string" || known.has(entry.p)) continue;
      known.add(entry.p);
      const workshop = typeof carried.w === "string" ? carried.w.slice(0, 200) : "";
      store.ideas.push({ id: null, proof: entry.p, text: entry.t.slice(0, MAX), from: workshop, fate: { fate: "fromWorkshop", workshop } });
      added++;
    }
    save();
    if (added) status(t("box.followedFromWorkshop", { count: added }), "saved");
  }

  async function refresh() {
    let answer;
    try { answer = await request("GET", "/board"); } catch (e) { answer = null; }
    if (!answer || answer.status !== 200 || !answer.json) { $("connection").textContent = t("box.unreachable"); $("connection").className = "down"; return; }
    $("connection").textContent = ""; $("connection").className = "";
    board = answer.json;
    renderBoard();
    await fetchFates(false);
  }

  $("idea-form").addEventListener("submit", submit);
  $("idea").addEventListener("input", count);
  $("idea").addEventListener("keydown", (event) => { if (event.key === "Enter" && !event.shiftKey) submit(event); });
  window.addEventListener("online", () => { retry = 0; sendPending(); refresh(); });
  document.addEventListener("visibilitychange", () => { if (!document.hidden) { sendPending(); refresh(); } });
  importFromWorkshop();
  renderMine();
  count();
  refresh().then(sendPending);
})();
