// The console's replays page: every replay of an event archive (progress, last replayed time,
// state; cancel a running one) and every projection of an event store (position, lag, lease holder;
// reset after a confirmation). Both change state only through the operator API (session + CSRF).
"use strict";

const replays = { reset: null };

async function loadReplays() {
  const [{ replays: list }, { projections }] = await Promise.all([api("GET", "/replays"), api("GET", "/projections")]);
  document.querySelector("#replay-list tbody").replaceChildren(...(list.length ? list.map(replay =>
    el("tr", { "data-replay": replay.name, "data-state": replay.state, title: replay.note || "" },
      el("td", {}, replay.name + (replay.request.dryRun ? " (dry run)" : "")),
      el("td", {}, replay.request.archive + (replay.request.target ? " → " + replay.request.target : "")),
      el("td", {}, el("span", { class: "state " + replay.state }, replay.state)),
      el("td", {}, el("div", { class: "bar", title: replay.progressPercent + " %" },
        el("span", { "data-percent": Math.min(100, replay.progressPercent) })), " " + replay.progressPercent + " %"),
      el("td", { class: "num", "data-field": "sent" }, replay.sent),
      el("td", { class: "num" }, replay.scanned + " / " + replay.windowEvents),
      el("td", {}, replay.lastReplayed ? new Date(replay.lastReplayed).toLocaleString() : ""),
      el("td", { class: "num" }, replay.ratePerSecond === null || replay.ratePerSecond === undefined ? "" : replay.ratePerSecond + "/s"),
      el("td", {}, replay.state === "running"
        ? el("button", { type: "button", class: "cancel-replay", onclick: () => cancelReplay(replay.name) }, "Cancel") : "")))
    : [el("tr", {}, el("td", { colspan: 9 }, "no replays (start one with edakit replay start or POST /edakit/replays)"))]));
  // widths set through the CSSOM: the page's policy allows no inline style attributes
  document.querySelectorAll("#replay-list .bar span").forEach(span => { span.style.width = span.dataset.percent + "%"; });
  document.querySelector("#projection-list tbody").replaceChildren(...(projections.length ? projections.map(projection =>
    el("tr", { "data-projection": projection.name, "data-state": projection.state },
      el("td", {}, projection.name),
      el("td", {}, el("span", { class: "state " + projection.state }, projection.state)),
      el("td", { class: "num", "data-field": "position" }, projection.position),
      el("td", { class: "num" }, projection.head),
      el("td", { class: "num", "data-field": "lag" }, projection.lag),
      el("td", {}, projection.owner || ""),
      el("td", {}, new Date(projection.updatedAt).toLocaleString()),
      el("td", { class: "error" }, projection.error || ""),
      el("td", {}, el("button", { type: "button", class: "reset-projection danger", onclick: () => askReset(projection.name) }, "Reset…"))))
    : [el("tr", {}, el("td", { colspan: 9 }, "no projection runs on this instance's event stores"))]));
}

async function cancelReplay(name) {
  try {
    const replay = await api("DELETE", "/replays/" + encodeURIComponent(name));
    notice("replay " + replay.name + " cancelled after " + replay.sent + " event(s)", "ok");
  } catch (e) {
    notice("cancel refused: " + e.message, "error");
  }
  loadReplays();
}

function askReset(name) {
  replays.reset = name;
  document.getElementById("reset-name").textContent = name;
  document.getElementById("reset-to").value = "beginning";
  document.getElementById("reset-confirm").hidden = false;
}

async function resetProjection() {
  const name = replays.reset, to = document.getElementById("reset-to").value.trim();
  try {
    const projection = await api("POST", "/projections/" + encodeURIComponent(name) + "/reset", { to });
    notice("projection " + projection.name + " reset to " + to + ": replaying up to " + projection.replayUntil, "ok");
  } catch (e) {
    notice("reset refused: " + e.message, "error");
  }
  document.getElementById("reset-confirm").hidden = true;
  loadReplays();
}

LOADERS.replays = loadReplays;

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("reset-yes").addEventListener("click", resetProjection);
  document.getElementById("reset-no").addEventListener("click", () => { document.getElementById("reset-confirm").hidden = true; });
});
