// The console's workflows page: executions by status, one execution's definition drawn with its
// path (the SVG comes from the server, parsed as XML, never as HTML), its history page by page, stop.
"use strict";

const workflows = { id: null, after: 0, pages: [], svg: null };
const HISTORY_PAGE = 50;

async function loadWorkflows() {
  const { executions } = await api("GET", "/workflows", { status: document.getElementById("workflow-status").value, limit: 100 });
  document.querySelector("#workflow-list tbody").replaceChildren(...(executions.length ? executions.map(execution =>
    el("tr", { class: "clickable" + (execution.id === workflows.id ? " selected" : ""), "data-execution": execution.id,
        onclick: () => openExecution(execution.id) },
      el("td", {}, execution.id), el("td", {}, execution.workflow),
      el("td", {}, el("span", { class: "state " + execution.status }, execution.status)),
      el("td", {}, new Date(execution.startedAt).toLocaleString()), el("td", {}, new Date(execution.updatedAt).toLocaleString()),
      el("td", {}, execution.owner || "")))
    : [el("tr", {}, el("td", { colspan: 6 }, "no executions"))]));
  document.getElementById("workflow-detail").hidden = !workflows.id;
  if (workflows.id) await loadExecution();
}

function openExecution(id) {
  workflows.id = id;
  workflows.after = 0;
  workflows.pages = [];
  workflows.svg = null;
  loadWorkflows();
}

async function loadExecution() {
  const id = encodeURIComponent(workflows.id);
  const [execution, graph] = await Promise.all([api("GET", "/workflows/" + id), api("GET", "/workflows/" + id + "/graph")]);
  document.getElementById("workflow-id").textContent = execution.id;
  document.getElementById("workflow-name").textContent = "workflow " + execution.workflow + ", started "
    + new Date(execution.startedAt).toLocaleString();
  const badge = document.getElementById("workflow-detail-status");
  badge.textContent = execution.status;
  badge.className = "state " + execution.status;
  document.getElementById("workflow-stop").disabled = execution.status !== "running";
  const error = document.getElementById("workflow-error");
  error.hidden = !execution.error;
  error.textContent = execution.error ? execution.error + (execution.cause ? ": " + execution.cause : "") : "";
  document.getElementById("workflow-note").textContent = graph.note || "";
  if (graph.svg !== workflows.svg) { // redrawn only when the path moved: a redraw would lose the scroll position
    workflows.svg = graph.svg;
    drawGraph(graph.svg);
  }
  await loadHistory();
}

/** The server's SVG, parsed as XML and taken into the page (a parse error shows as a note, not as markup). */
function drawGraph(text) {
  const box = document.getElementById("workflow-graph");
  if (!text) { box.replaceChildren(); return; }
  const parsed = new DOMParser().parseFromString(text, "image/svg+xml");
  if (parsed.documentElement.nodeName !== "svg") {
    box.replaceChildren(el("p", {}, "the drawing could not be read"));
    return;
  }
  box.replaceChildren(document.importNode(parsed.documentElement, true));
}

async function loadHistory() {
  const { history } = await api("GET", "/workflows/" + encodeURIComponent(workflows.id) + "/history",
    { after: workflows.after, limit: HISTORY_PAGE });
  document.getElementById("workflow-history-page").textContent = history.length
    ? "entries " + history[0].seq + " to " + history[history.length - 1].seq : "no entries" + (workflows.after ? " after " + workflows.after : "");
  document.getElementById("workflow-history-next").disabled = history.length < HISTORY_PAGE;
  document.getElementById("workflow-history-first").disabled = workflows.after === 0;
  workflows.last = history.length ? history[history.length - 1].seq : workflows.after;
  document.querySelector("#workflow-history tbody").replaceChildren(...history.map(entry =>
    el("tr", { "data-seq": entry.seq, "data-event": entry.event },
      el("td", { class: "num" }, entry.seq), el("td", {}, new Date(entry.at).toLocaleTimeString()),
      el("td", {}, entry.event), el("td", {}, entry.ref || ""), el("td", {}, entry.error || ""),
      el("td", {}, el("code", {}, preview(entry.detail))))));
}

async function stopExecution() {
  try {
    const execution = await api("POST", "/workflows/" + encodeURIComponent(workflows.id) + "/stop");
    notice("execution " + execution.id + " stopped: " + execution.status, "ok");
  } catch (e) {
    notice("stop refused: " + e.message, "error");
  }
  loadWorkflows();
}

LOADERS.workflows = loadWorkflows;

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("workflow-status").addEventListener("change", () => { workflows.id = null; loadWorkflows(); });
  document.getElementById("workflow-stop").addEventListener("click", stopExecution);
  document.getElementById("workflow-history-next").addEventListener("click", () => { workflows.after = workflows.last; loadHistory(); });
  document.getElementById("workflow-history-first").addEventListener("click", () => { workflows.after = 0; loadHistory(); });
});
