// The console's event store page: streams page by page, one stream's events, its state at a time
// or version (the state query with explain: which snapshot it started from, which events it folded).
"use strict";

const eventStore = { after: "", next: "", stream: null, from: 1, nextFrom: 1 };
const STREAM_PAGE = 20;
const EVENT_PAGE = 50;

async function loadEventStore() {
  const { streams } = await api("GET", "/event-store/streams", { after: eventStore.after, limit: STREAM_PAGE });
  eventStore.next = streams.length ? streams[streams.length - 1].stream : eventStore.after;
  document.getElementById("es-page").textContent = streams.length
    ? (eventStore.after ? "after " + eventStore.after : "from the first") : "no streams" + (eventStore.after ? " after " + eventStore.after : "");
  document.getElementById("es-next").disabled = streams.length < STREAM_PAGE;
  document.getElementById("es-first").disabled = !eventStore.after;
  document.querySelector("#es-streams tbody").replaceChildren(...streams.map(stream =>
    el("tr", { class: "clickable" + (stream.stream === eventStore.stream ? " selected" : ""), "data-stream": stream.stream,
        onclick: () => openStream(stream.stream) },
      el("td", {}, stream.stream), el("td", { class: "num" }, stream.version),
      el("td", {}, new Date(stream.createdAt).toLocaleString()), el("td", {}, new Date(stream.updatedAt).toLocaleString()))));
  document.getElementById("es-detail").hidden = !eventStore.stream;
  if (eventStore.stream) await loadEvents();
}

function openStream(stream) {
  eventStore.stream = stream;
  eventStore.from = 1;
  document.getElementById("es-state").hidden = true;
  loadEventStore();
}

async function loadEvents() {
  document.getElementById("es-stream").textContent = eventStore.stream;
  const { events } = await api("GET", "/event-store/streams/" + encodeURIComponent(eventStore.stream) + "/events",
    { from: eventStore.from, limit: EVENT_PAGE });
  eventStore.nextFrom = events.length ? events[events.length - 1].version + 1 : eventStore.from;
  document.getElementById("es-events-page").textContent = events.length
    ? "versions " + events[0].version + " to " + events[events.length - 1].version : "none from version " + eventStore.from;
  document.getElementById("es-events-next").disabled = events.length < EVENT_PAGE;
  document.getElementById("es-events-first").disabled = eventStore.from <= 1;
  document.querySelector("#es-events tbody").replaceChildren(...events.map(event =>
    el("tr", { "data-version": event.version },
      el("td", { class: "num" }, event.version), el("td", {}, event.type), el("td", {}, event.id),
      el("td", {}, event.recordedAt), el("td", {}, event.eventTime), el("td", {}, el("code", {}, preview(event.data))),
      el("td", {}, el("button", { type: "button", class: "state-here", onclick: () => stateAtVersion(event.version) }, "state here")))));
}

function stateAtVersion(version) {
  document.getElementById("es-at").value = "";
  document.getElementById("es-version").value = version;
  showState();
}

async function showState(event) {
  if (event) event.preventDefault();
  const at = document.getElementById("es-at").value.trim();
  try {
    const answer = await api("GET", "/event-store/streams/" + encodeURIComponent(eventStore.stream) + "/state", {
      at, basis: at ? document.getElementById("es-basis").value : "",
      version: document.getElementById("es-version").value.trim(), explain: "true" });
    const snapshot = answer.snapshot ? "from the snapshot at version " + answer.snapshot.version + ", " : "from the start, ";
    document.getElementById("es-state-summary").textContent = "version " + answer.version + ": " + snapshot
      + answer.folded.length + " event(s) folded";
    document.getElementById("es-state-value").textContent = JSON.stringify(answer.state, null, 2);
    document.getElementById("es-state-folded").replaceChildren(...answer.folded.map(folded =>
      el("li", { "data-version": folded.version }, el("time", {}, folded.recordedAt), el("b", {}, "v" + folded.version),
        " " + folded.type + " (event time " + folded.eventTime + ")")));
    document.getElementById("es-state").hidden = false;
    notice("");
  } catch (e) {
    notice("state refused: " + e.message, "error");
  }
}

LOADERS["event-store"] = loadEventStore;

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("es-next").addEventListener("click", () => { eventStore.after = eventStore.next; loadEventStore(); });
  document.getElementById("es-first").addEventListener("click", () => { eventStore.after = ""; loadEventStore(); });
  document.getElementById("es-events-next").addEventListener("click", () => { eventStore.from = eventStore.nextFrom; loadEvents(); });
  document.getElementById("es-events-first").addEventListener("click", () => { eventStore.from = 1; loadEvents(); });
  document.getElementById("es-state-form").addEventListener("submit", showState);
});
