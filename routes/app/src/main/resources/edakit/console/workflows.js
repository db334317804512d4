// The console's workflows page: executions by status, one execution's definition drawn with its
// path (the SVG comes from the server, parsed as XML, never as HTML), its history page by page,
// stop and redrive. The drawing is fetched once per execution (again only when the server's
// drawing of the definition changes); each refresh recolours it from the path as data.
"use strict";

const workflows = { id: null, after: 0, pages: [], drawing: null };
/** What can be stopped and redriven (WorkflowOperations.stop and redrive refuse the others). */
const STOPPABLE = ["running", "parked"];
const REDRIVABLE = ["failed", "timed-out", "aborted"];
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
  workflows.drawing = null;
  document.getElementById("workflow-graph").replaceChildren(); // the previous execution's drawing goes at once
  loadWorkflows();
}

async function loadExecution() {
  const id = encodeURIComponent(workflows.id);
  const [execution, graph] = await Promise.all([api("GET", "/workflows/" + id),
    api("GET", "/workflows/" + id + "/graph", { known: workflows.drawing })]);
  document.getElementById("workflow-id").textContent = execution.id;
  document.getElementById("workflow-name").textContent = "workflow " + execution.workflow + ", started "
    + new Date(execution.startedAt).toLocaleString();
  const badge = document.getElementById("workflow-detail-status");
  badge.textContent = execution.status;
  badge.className = "state " + execution.status;
  document.getElementById("workflow-stop").disabled = !STOPPABLE.includes(execution.status);
  document.getElementById("workflow-redrive").disabled = !REDRIVABLE.includes(execution.status);
  document.getElementById("workflow-redrives").textContent = execution.redriveCount
    ? "redriven " + execution.redriveCount + " time(s)" : "";
  const error = document.getElementById("workflow-error");
  error.hidden = !execution.error;
  error.textContent = execution.error ? execution.error + (execution.cause ? ": " + execution.cause : "") : "";
  document.getElementById("workflow-note").textContent = graph.note || "";
  // drawn for a new execution (openExecution forgets the drawing) or when its definition's drawing
  // changed; an answer to a request that crossed another (both without the drawing) draws nothing new
  if ((graph.drawing || null) !== workflows.drawing || !document.getElementById("workflow-graph").firstChild) {
    workflows.drawing = graph.drawing || null;
    drawGraph(graph.svg);
  }
  colourPath(graph);
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

/**
 * Marks the path on the drawing the page holds, as SvgDiagram does on the server: states entered
 * (how often, in the tooltip), where it is now, what failed, the transitions taken.
 */
function colourPath(graph) {
  const visited = graph.visited || {}, current = graph.current || [], failed = graph.failed || [];
  const taken = new Set((graph.transitions || []).map(([from, to]) => from + "\n" + to));
  document.querySelectorAll("#workflow-graph g.node[data-state]").forEach(node => {
    const key = node.dataset.state, visits = visited[key] || 0;
    node.classList.toggle("visited", key in visited);
    node.classList.toggle("current", current.includes(key));
    node.classList.toggle("failed", failed.includes(key));
    const title = node.querySelector("title");
    if (title) {
      if (node.dataset.title === undefined) node.dataset.title = title.textContent.replace(/, entered \d+ times$/, "");
      title.textContent = node.dataset.title + (visits > 1 ? ", entered " + visits + " times" : "");
    }
  });
  document.querySelectorAll("#workflow-graph g.edge").forEach(edge => {
    const on = taken.has(edge.dataset.from + "\n" + edge.dataset.to);
    edge.classList.toggle("taken", on);
    const line = edge.querySelector("path");
    if (line) line.setAttribute("marker-end", on ? "url(#arrow-taken)" : "url(#arrow)");
  });
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

async function redriveExecution() {
  try {
    const execution = await api("POST", "/workflows/" + encodeURIComponent(workflows.id) + "/redrive");
    notice("execution " + execution.id + " redriven (redrive " + execution.redriveCount + "): " + execution.status, "ok");
  } catch (e) {
    notice("redrive refused: " + e.message, "error");
  }
  loadWorkflows();
}

LOADERS.workflows = loadWorkflows;

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("workflow-status").addEventListener("change", () => { workflows.id = null; loadWorkflows(); });
  document.getElementById("workflow-stop").addEventListener("click", stopExecution);
  document.getElementById("workflow-redrive").addEventListener("click", redriveExecution);
  document.getElementById("workflow-history-next").addEventListener("click", () => { workflows.after = workflows.last; loadHistory(); });
  document.getElementById("workflow-history-first").addEventListener("click", () => { workflows.after = 0; loadHistory(); });
});
