// The console's tenants page: each fair channel of this instance, per tenant its backlog, in flight,
// share of the recent cost, weight (changed here, behind the login), priority, dwell p50/p99, noisy.
"use strict";

async function loadTenants() {
  const box = document.getElementById("fair-channels");
  const { channels } = await api("GET", "/fairness");
  if (box.contains(document.activeElement) && document.activeElement.tagName === "INPUT") {
    return; // an operator is typing a weight: a refresh now would throw it away
  }
  box.replaceChildren(...(channels.length ? channels.map(channel => el("div", { class: "fair-channel", "data-channel": channel.channel },
    el("h3", {}, channel.channel, el("small", {}, "  " + channel.lanes + " lanes, cost " + channel.cost + ", max share "
      + channel.maxShare + ", in flight " + channel.inFlight + ", forwarded " + channel.forwarded)),
    el("table", { class: "tenants" },
      el("thead", {}, el("tr", {}, ["tenant", "backlog", "in flight", "handled", "share", "weight", "priority",
        "dwell p50", "dwell p99", ""].map(name => el("th", {}, name)))),
      el("tbody", {}, channel.tenants.map(tenant => tenantRow(channel.channel, tenant))))))
    : [el("p", {}, "no fair channel runs in this instance (fair=true on a channel's consumer makes one)")]));
  box.querySelectorAll(".bar span").forEach(span => { span.style.width = span.dataset.percent + "%"; });
}

function tenantRow(channel, t) {
  const input = el("input", { type: "number", min: "0", step: "any", class: "weight", value: t.weight, "aria-label": "weight of " + t.tenant });
  return el("tr", { "data-tenant": t.tenant, class: t.noisy ? "noisy" : "" },
    el("td", {}, t.tenant), el("td", { class: "num", "data-field": "backlog" }, t.backlog),
    el("td", { class: "num", "data-field": "inFlight" }, t.inFlight), el("td", { class: "num" }, t.handled),
    el("td", {}, el("div", { class: "bar", title: (t.share * 100).toFixed(1) + " %" },
      el("span", { "data-percent": Math.min(100, t.share * 100).toFixed(1) })), " " + (t.share * 100).toFixed(1) + " %"),
    el("td", { "data-field": "weight" }, input,
      el("button", { type: "button", class: "set-weight", onclick: () => setWeight(channel, t.tenant, input.value) }, "Set")),
    el("td", { class: "num" }, t.priority), el("td", { class: "num" }, t.dwellP50Ms + " ms"),
    el("td", { class: "num" }, t.dwellP99Ms + " ms"),
    el("td", {}, t.noisy ? el("span", { class: "state failed", title: "more than its share while others wait" }, "noisy") : ""));
}

async function setWeight(channel, tenant, weight) {
  try {
    await api("POST", "/fairness/" + encodeURIComponent(channel) + "/weights", { tenant, weight });
    notice("weight of " + tenant + " on " + channel + " is " + weight + " now (until a restart or a change of the weights file)", "ok");
  } catch (e) {
    notice("weight refused: " + e.message, "error");
  }
  document.activeElement.blur();
  loadTenants();
}

LOADERS.tenants = loadTenants;
