// The edakit console: draws what /edakit/* answers. Plain JavaScript, no libraries, nothing loaded
// from elsewhere. Every text from the server goes in with textContent (never as HTML): dead letters
// hold whatever a producer sent.
"use strict";

const state = { csrf: null, tab: "overview", channel: null, saga: null, timer: null };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.substring(2), value);
    else if (value !== null && value !== undefined) node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function notice(text, kind) {
  const box = document.getElementById("notice");
  box.textContent = text || "";
  box.className = kind || "";
}

/** fetch with the session's CSRF token on every change; answers the JSON body, throws with the server's message. */
async function api(method, path, params) {
  const query = params ? "?" + new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "" && v !== null && v !== undefined)) : "";
  const headers = { "Accept": "application/json" };
  if (method !== "GET" && state.csrf) headers["X-CSRF-Token"] = state.csrf;
  const response = await fetch("/edakit" + path + query, { method, headers, credentials: "same-origin" });
  const body = await response.json().catch(() => ({}));
  if (response.status === 401 && method !== "GET") {
    throw new Error("log in with the operator token first (" + (body.message || "unauthorized") + ")");
  }
  if (!response.ok) throw new Error(body.message || response.status + " " + response.statusText);
  return body;
}

// ---- session ------------------------------------------------------------------------------------

async function loadSession() {
  try {
    const session = await api("GET", "/console/session");
    showSession(session);
  } catch (e) {
    showSession({ loggedIn: false });
  }
}

function showSession(session) {
  state.csrf = session.loggedIn ? session.csrf : null;
  document.getElementById("login-form").hidden = !!session.loggedIn;
  document.getElementById("logout-button").hidden = !session.loggedIn;
  document.getElementById("session-state").textContent = session.loggedIn
    ? "logged in until " + new Date(session.expires).toLocaleTimeString() : "read-only";
}

async function login(event) {
  event.preventDefault();
  const input = document.getElementById("login-token");
  const response = await fetch("/edakit/console/login", { method: "POST", credentials: "same-origin",
    headers: { "Authorization": "Bearer " + input.value.trim(), "Accept": "application/json" } });
  input.value = "";
  const body = await response.json().catch(() => ({}));
  if (!response.ok) { notice("login refused: " + (body.message || response.status), "error"); return; }
  showSession(body);
  notice("logged in", "ok");
  refresh();
}

async function logout() {
  await api("POST", "/console/logout").catch(() => null);
  showSession({ loggedIn: false });
  notice("logged out");
}

// ---- charts -------------------------------------------------------------------------------------

/** A small line chart of values (oldest first), labelled with the last value. */
function sparkline(values, label) {
  const width = 140, height = 30, ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("class", "spark");
  svg.setAttribute("width", width + 56);
  svg.setAttribute("height", height);
  const max = Math.max(...values, 1e-9);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values.map((v, i) => [i * step, height - 2 - (v / max) * (height - 4)]);
  const line = points.map((p, i) => (i ? "L" : "M") + p[0].toFixed(1) + "," + p[1].toFixed(1)).join("");
  if (points.length > 1) {
    const area = document.createElementNS(ns, "path");
    area.setAttribute("class", "area");
    area.setAttribute("d", line + "L" + points[points.length - 1][0].toFixed(1) + "," + height + "L0," + height + "Z");
    svg.append(area);
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", line);
    svg.append(path);
  }
  const text = document.createElementNS(ns, "text");
  text.setAttribute("x", width + 4);
  text.setAttribute("y", height / 2 + 4);
  text.textContent = label;
  svg.append(text);
  return svg;
}

const OUTCOMES = [["completed", "#2f9e44"], ["dead-lettered", "#c92a2a"], ["dropped", "#868e96"], ["failed", "#e8590c"]];

/** A stacked bar of the outcome totals. */
function outcomeBar(instance) {
  const ns = "http://www.w3.org/2000/svg", width = 120, height = 12;
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("class", "spark outcomes");
  svg.setAttribute("width", width);
  svg.setAttribute("height", height);
  const total = OUTCOMES.reduce((sum, [name]) => sum + (instance[name] || 0), 0);
  let x = 0;
  for (const [name, colour] of OUTCOMES) {
    const w = total ? (instance[name] || 0) / total * width : 0;
    const rect = document.createElementNS(ns, "rect");
    rect.setAttribute("x", x); rect.setAttribute("width", w); rect.setAttribute("height", height);
    rect.setAttribute("fill", colour);
    const title = document.createElementNS(ns, "title");
    title.textContent = name + ": " + (instance[name] || 0);
    rect.append(title);
    svg.append(rect);
    x += w;
  }
  if (!total) {
    const rect = document.createElementNS(ns, "rect");
    rect.setAttribute("width", width); rect.setAttribute("height", height); rect.setAttribute("fill", "#d9dee6");
    svg.append(rect);
  }
  return svg;
}

function formatMillis(ms) {
  return ms >= 1000 ? (ms / 1000).toFixed(2) + " s" : ms >= 1 ? ms.toFixed(1) + " ms" : (ms * 1000).toFixed(0) + " µs";
}

/** The first 160 characters of a text (a JSON body, a history entry's detail). */
function preview(text) {
  return text === undefined || text === null ? "" : text.length > 160 ? text.substring(0, 160) + " …" : text;
}

// ---- overview -----------------------------------------------------------------------------------

async function loadOverview() {
  const overview = await api("GET", "/console/overview");
  const health = document.getElementById("health");
  health.replaceChildren(...overview.health.map(check =>
    el("li", { class: check.state, title: check.message || "" }, check.id + ": " + check.state)));
  const channels = await api("GET", "/dlq");
  document.getElementById("overview-dlq").replaceChildren(...(channels.length ? channels.map(channel =>
    el("li", { class: channel.waiting > 0 ? "DOWN" : "UP", "data-channel": channel.channel },
      el("a", { href: "#dlq", onclick: () => { state.channel = channel.channel; } }, channel.channel), ": " + channel.waiting))
    : [el("li", {}, "no dead-letter channels")]));
  const readings = overview.readings;
  const last = readings[readings.length - 1];
  const minutes = ((last.t - readings[0].t) / 60000).toFixed(1);
  document.getElementById("overview-window").textContent = "last " + minutes + " min, one point per " + overview.everySeconds + " s";
  const rows = Object.entries(last.instances).map(([route, now]) => {
    const rates = [], latencies = [];
    for (let i = 1; i < readings.length; i++) {
      const a = readings[i - 1].instances[route], b = readings[i].instances[route];
      const seconds = (readings[i].t - readings[i - 1].t) / 1000;
      if (!a || !b || seconds <= 0) continue;
      rates.push(Math.max(0, (b.received || 0) - (a.received || 0)) / seconds);
      const count = (b.count || 0) - (a.count || 0);
      latencies.push(count > 0 ? ((b.seconds || 0) - (a.seconds || 0)) / count * 1000 : 0);
    }
    const rate = rates.length ? rates[rates.length - 1] : 0;
    const latency = latencies.length ? latencies[latencies.length - 1] : 0;
    return el("tr", { "data-instance": route },
      el("td", {}, route), el("td", {}, now.template || ""),
      el("td", {}, sparkline(rates, rate.toFixed(1) + "/s")),
      el("td", {}, sparkline(latencies, formatMillis(latency))),
      el("td", {}, outcomeBar(now)),
      ...["received", "completed", "dead-lettered", "dropped", "failed"].map(name =>
        el("td", { class: "num", "data-outcome": name }, now[name] || 0)));
  });
  document.querySelector("#instances tbody").replaceChildren(...rows);
  const rules = Object.entries(last.rules || {}).map(([rule, count]) => {
    const rates = [];
    for (let i = 1; i < readings.length; i++) {
      const seconds = (readings[i].t - readings[i - 1].t) / 1000;
      const a = (readings[i - 1].rules || {})[rule] || 0, b = (readings[i].rules || {})[rule] || 0;
      if (seconds > 0) rates.push(Math.max(0, b - a) / seconds);
    }
    return el("tr", { "data-rule": rule }, el("td", {}, rule),
      el("td", {}, sparkline(rates, (rates.length ? rates[rates.length - 1] : 0).toFixed(1) + "/s")),
      el("td", { class: "num" }, count));
  });
  document.querySelector("#rules tbody").replaceChildren(...(rules.length ? rules
    : [el("tr", {}, el("td", { colspan: 3 }, "no event-bus rule matched yet"))]));
}

// ---- dead letters -------------------------------------------------------------------------------

async function loadDeadLetters() {
  const channels = await api("GET", "/dlq");
  const rows = channels.map(channel => el("tr", { class: "clickable" + (channel.channel === state.channel ? " selected" : ""),
      "data-channel": channel.channel, onclick: () => { state.channel = channel.channel; loadDeadLetters(); } },
    el("td", {}, channel.channel), el("td", { class: "num" }, channel.waiting),
    el("td", {}, el("button", { type: "button" }, "open"))));
  document.querySelector("#dlq-channels tbody").replaceChildren(...rows);
  const detail = document.getElementById("dlq-detail");
  detail.hidden = !state.channel;
  if (!state.channel) return;
  document.getElementById("dlq-name").textContent = state.channel;
  const messages = await api("GET", "/dlq/" + encodeURIComponent(state.channel), { limit: 50 });
  const list = document.getElementById("dlq-messages");
  list.replaceChildren(...(messages.length ? messages.map(message => {
    const h = message.headers || {};
    const table = el("table", { class: "headers" }, Object.entries(h).map(([k, v]) => el("tr", {}, el("td", {}, k), el("td", {}, v))));
    return el("div", { class: "message", "data-id": message.id || "" },
      el("div", {}, el("b", {}, message.id || "(no id)"), "  from " + (h.edakit_failure_channel || "?") +
        ", " + (h.edakit_failure_attempts || "?") + " attempt(s): " + (h.edakit_failure_exception || "") + " " + (h.edakit_failure_message || "")),
      el("pre", {}, message.body !== undefined ? message.body + (message.bodyTruncated ? " …" : "") : (message.bodyBase64 ? "(binary, base64) " + message.bodyBase64 : "")),
      el("details", {}, el("summary", {}, Object.keys(h).length + " headers"), table));
  }) : [el("p", {}, "nothing waiting")]));
}

async function redrive(event) {
  event.preventDefault();
  const value = id => document.getElementById(id).value.trim();
  try {
    const task = await api("POST", "/tasks", { channel: state.channel, filter: value("redrive-filter"),
      ids: value("redrive-ids"), to: value("redrive-to"), max: value("redrive-max"), rate: value("redrive-rate"),
      dryRun: document.getElementById("redrive-dry-run").checked ? "true" : "" });
    notice("redrive task " + task.id + " started" + (task.request.dryRun ? " (dry run)" : ""), "ok");
    location.hash = "#tasks";
  } catch (e) {
    notice("redrive refused: " + e.message, "error");
  }
}

function askPurge() {
  document.getElementById("purge-name").textContent = state.channel;
  document.getElementById("purge-typed").value = "";
  document.getElementById("purge-confirm").hidden = false;
}

async function purge() {
  if (document.getElementById("purge-typed").value.trim() !== state.channel) {
    notice("type the channel name to purge it", "error");
    return;
  }
  try {
    const result = await api("DELETE", "/dlq/" + encodeURIComponent(state.channel), { confirm: "true" });
    notice("purged " + result.purged + " message(s) of " + result.channel, "ok");
  } catch (e) {
    notice("purge refused: " + e.message, "error");
  }
  document.getElementById("purge-confirm").hidden = true;
  loadDeadLetters();
}

// ---- tasks --------------------------------------------------------------------------------------

async function loadTasks() {
  const { tasks } = await api("GET", "/tasks");
  const rows = tasks.map(task => {
    const total = Math.max(task.waitingAtStart, task.offered, 1);
    const done = task.state === "running" ? Math.min(100, task.offered / total * 100) : 100;
    const kept = task.kept.notSelected + task.kept.atRedriveLimit + task.kept.withoutTarget + task.kept.notReached;
    const why = Object.entries(task.kept).filter(([, n]) => n > 0).map(([k, n]) => k + " " + n).join(", ");
    return el("tr", { "data-task": task.id, "data-state": task.state },
      el("td", { title: task.note || "" }, task.id.substring(0, 8) + (task.request.dryRun ? " (dry run)" : "")),
      el("td", {}, task.request.channel + (task.request.to ? " → " + task.request.to : "")),
      el("td", {}, el("span", { class: "state " + task.state }, task.state)),
      el("td", {}, el("div", { class: "bar" }, el("span", { style: null, "data-percent": done.toFixed(0) }))),
      el("td", { class: "num", "data-moved": task.moved }, task.moved),
      el("td", { title: why }, kept + (why ? " (" + why + ")" : "")),
      el("td", { class: "num" }, task.ratePerSecond + "/s"),
      el("td", { class: "num" }, task.etaSeconds === null || task.etaSeconds === undefined ? "" : task.etaSeconds + " s"),
      el("td", {}, task.state === "running" ? el("button", { type: "button", onclick: () => cancelTask(task.id) }, "Cancel") : ""));
  });
  document.querySelector("#task-list tbody").replaceChildren(...rows);
  // widths set through the CSSOM: the page's policy allows no inline style attributes
  document.querySelectorAll("#task-list .bar span").forEach(span => { span.style.width = span.dataset.percent + "%"; });
}

async function cancelTask(id) {
  try {
    await api("DELETE", "/tasks/" + encodeURIComponent(id));
    notice("task " + id.substring(0, 8) + " cancelled", "ok");
  } catch (e) {
    notice("cancel refused: " + e.message, "error");
  }
  loadTasks();
}

// ---- sagas --------------------------------------------------------------------------------------

async function loadSagas() {
  const { sagas } = await api("GET", "/sagas", { state: document.getElementById("saga-state").value, limit: 100 });
  const rows = sagas.map(saga => el("tr", { class: "clickable" + (saga.id === state.saga ? " selected" : ""), "data-saga": saga.id,
      onclick: () => { state.saga = saga.id; loadSagas(); } },
    el("td", {}, saga.id), el("td", {}, saga.saga), el("td", {}, el("span", { class: "state " + saga.state }, saga.state)),
    el("td", {}, new Date(saga.startedAt).toLocaleString()), el("td", {}, new Date(saga.updatedAt).toLocaleString())));
  document.querySelector("#saga-list tbody").replaceChildren(...rows);
  const detail = document.getElementById("saga-detail");
  detail.hidden = !state.saga;
  if (!state.saga) return;
  const saga = await api("GET", "/sagas/" + encodeURIComponent(state.saga));
  document.getElementById("saga-id").textContent = saga.id;
  const badge = document.getElementById("saga-detail-state");
  badge.textContent = saga.state;
  badge.className = "state " + saga.state;
  document.getElementById("saga-retry").disabled = saga.state !== "needs-attention";
  document.getElementById("saga-timeline").replaceChildren(...saga.timeline.map(entry =>
    el("li", {}, el("time", {}, new Date(entry.at).toLocaleTimeString()), el("b", {}, entry.event),
      entry.step ? " " + entry.step : "", entry.attempt ? " (attempt " + entry.attempt + ")" : "",
      entry.detail ? ": " + entry.detail : "")));
}

async function sagaAction(action) {
  try {
    const saga = await api("POST", "/sagas/" + encodeURIComponent(state.saga) + "/" + action);
    notice(action + " of saga " + saga.id + " accepted: " + saga.state, "ok");
  } catch (e) {
    notice(action + " refused: " + e.message, "error");
  }
  loadSagas();
}

// ---- tabs and refresh ---------------------------------------------------------------------------

const LOADERS = { overview: loadOverview, dlq: loadDeadLetters, tasks: loadTasks, sagas: loadSagas };

async function refresh() {
  try {
    await LOADERS[state.tab]();
  } catch (e) {
    notice(e.message, "error");
  }
}

function showTab() {
  const tab = (location.hash || "#overview").substring(1);
  state.tab = LOADERS[tab] ? tab : "overview";
  document.querySelectorAll("section.tab").forEach(section => { section.hidden = section.id !== state.tab; });
  document.querySelectorAll("nav a").forEach(a => a.classList.toggle("active", a.dataset.tab === state.tab));
  refresh();
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("login-form").addEventListener("submit", login);
  document.getElementById("logout-button").addEventListener("click", logout);
  document.getElementById("redrive-form").addEventListener("submit", redrive);
  document.getElementById("purge-button").addEventListener("click", askPurge);
  document.getElementById("purge-yes").addEventListener("click", purge);
  document.getElementById("purge-no").addEventListener("click", () => { document.getElementById("purge-confirm").hidden = true; });
  document.getElementById("saga-state").addEventListener("change", () => { state.saga = null; loadSagas(); });
  document.getElementById("saga-retry").addEventListener("click", () => sagaAction("retry"));
  document.getElementById("saga-compensate").addEventListener("click", () => sagaAction("compensate"));
  window.addEventListener("hashchange", showTab);
  loadSession().then(showTab);
  state.timer = setInterval(refresh, 3000);
});
