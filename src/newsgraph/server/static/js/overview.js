// Overview: what the store holds, who is most written about, who acts on whom, what is contested.
import { actorLink, api, clear, el, eventLink, header, names, number, onFilters, svg } from "./common.js";

const STATUS_COLOURS = { asserted: "#4575b4", reported: "#74add1", possible: "#fee090", denied: "#d73027", negated: "#f46d43" };

function card(label, value) {
  return el("div", { class: "card" }, el("div", { class: "value" }, number(value)), el("div", { class: "label" }, label));
}

function statusBar(byStatus) {
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0) || 1;
  const bar = svg("svg", { viewBox: "0 0 600 36", class: "statusbar", role: "img", "aria-label": "status mix" });
  let x = 0;
  for (const [status, n] of Object.entries(byStatus)) {
    const w = (600 * n) / total;
    bar.append(svg("rect", { x, y: 0, width: w, height: 36, fill: STATUS_COLOURS[status] || "#999" }, svg("title", {}, `${status}: ${n}`)));
    x += w;
  }
  const legend = el("ul", { class: "inline" }, Object.entries(byStatus).map(([s, n]) => el("li", { class: `status status-${s}` }, `${s} ${number(n)}`)));
  return [bar, legend];
}

async function render() {
  const o = await api("/api/overview");
  clear(document.getElementById("counts")).append(
    card("articles", o.articles),
    card("events", o.events),
    card("event mentions", o.event_mentions),
    card("actors", o.actors),
    card("claims", o.claims),
    card("contested", o.contested),
  );
  clear(document.getElementById("statuses")).append(...statusBar(o.events_by_status));
  clear(document.getElementById("top-actors")).append(
    ...o.top_actors.map((a) => el("li", {}, actorLink(a.id, a.country ? `${a.name} (${a.country})` : a.name), ` — ${number(a.articles)} articles, ${number(a.events)} events`)),
  );
  clear(document.getElementById("top-dyads")).append(
    ...o.top_dyads.map((d) =>
      el("li", {}, actorLink(d.actor.id, d.actor.name), " → ", actorLink(d.recipient.id, d.recipient.name), ` — ${number(d.events)} events`),
    ),
  );
  const contested = clear(document.getElementById("latest-contested"));
  if (!o.latest_contested.length) contested.append(el("li", {}, "none"));
  for (const c of o.latest_contested) {
    contested.append(
      el("li", {}, `${c.type}: ${names(c.actors)} → ${names(c.recipients)} (${c.last || "undated"}) `, el("a", { href: "/contested" }, "side by side"), " ", ...c.events.slice(0, 3).map((id) => eventLink(id))),
    );
  }
}

await header({ page: "/", filtersBar: false });
onFilters(render);
