// Actor network: who acts on whom. Edge width = events, colour = the edge's main quad class.
// Click an actor to filter every view by it; click an edge to list its events.
import { QUAD_COLOURS, actorLink, api, clear, el, eventLink, filters, header, names, number, onFilters, setParams, statusBadge, svg } from "./common.js";

const W = 900;
const H = 620;

/** Positions by a few hundred steps of a spring embedder (Fruchterman–Reingold), seeded by
 *  node order so the same graph is drawn the same way every time. */
function layout(nodes, links) {
  const n = nodes.length;
  const k = Math.sqrt((W * H) / Math.max(n, 1)) * 0.6;
  const pos = nodes.map((_, i) => {
    const angle = i * 2.399963; // golden angle: an even spiral to start from
    const r = 20 + 260 * Math.sqrt((i + 0.5) / Math.max(n, 1));
    return { x: W / 2 + r * Math.cos(angle), y: H / 2 + r * Math.sin(angle) };
  });
  const index = new Map(nodes.map((d, i) => [d.id, i]));
  const edges = links.map((l) => [index.get(l.source), index.get(l.target)]).filter(([a, b]) => a !== undefined && b !== undefined);
  let temperature = W / 10;
  for (let step = 0; step < 300; step++) {
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = pos[i].x - pos[j].x || 0.01;
        const dy = pos[i].y - pos[j].y || 0.01;
        const d2 = dx * dx + dy * dy;
        const f = (k * k) / d2;
        disp[i].x += dx * f; disp[i].y += dy * f;
        disp[j].x -= dx * f; disp[j].y -= dy * f;
      }
    }
    for (const [a, b] of edges) {
      const dx = pos[a].x - pos[b].x;
      const dy = pos[a].y - pos[b].y;
      const d = Math.sqrt(dx * dx + dy * dy) || 0.01;
      const f = d / k;
      disp[a].x -= dx * f; disp[a].y -= dy * f;
      disp[b].x += dx * f; disp[b].y += dy * f;
    }
    for (let i = 0; i < n; i++) {
      disp[i].x += (W / 2 - pos[i].x) * 0.02 * k; // gravity keeps loose actors in view
      disp[i].y += (H / 2 - pos[i].y) * 0.02 * k;
      const d = Math.sqrt(disp[i].x ** 2 + disp[i].y ** 2) || 1;
      const step_ = Math.min(d, temperature);
      pos[i].x = Math.min(W - 30, Math.max(30, pos[i].x + (disp[i].x / d) * step_));
      pos[i].y = Math.min(H - 20, Math.max(20, pos[i].y + (disp[i].y / d) * step_));
    }
    temperature *= 0.985;
  }
  return pos;
}

function label(node) {
  return node.country ? `${node.name} (${node.country})` : node.name;
}

async function showEdge(link, byId, current) {
  const panel = clear(document.getElementById("panel"));
  const a = byId.get(link.source);
  const b = byId.get(link.target);
  panel.append(
    el("h2", {}, label(a), " → ", label(b)),
    el("p", {}, `${number(link.events)} events, ${number(link.mentions)} mentions, ${number(link.articles)} articles`),
    el("p", {}, Object.entries(link.types || {}).map(([t, n]) => `${t} ${n}`).join(", ")),
  );
  const page = await api("/api/events", { ...current, actor: link.source, per_page: 200 });
  const rows = page.rows.filter((r) => (r.actor_ids.includes(link.source) && (r.recipient_ids.includes(link.target) || r.actor_ids.includes(link.target))));
  panel.append(
    el("ul", { id: "edge-events" }, rows.map((r) => el("li", {}, eventLink(r.event), ` ${r.date || "undated"} ${r.type} `, ...statusBadge(r.status)))),
    el("p", {}, el("a", { href: `/events?${new URLSearchParams({ ...current, actor: link.source })}` }, "Open in the events table")),
  );
}

function showNode(node) {
  const panel = clear(document.getElementById("panel"));
  panel.append(
    el("h2", {}, label(node)),
    el("p", {}, `${node.kind || ""} · ${number(node.weight)} events in view`),
    el("p", {}, actorLink(node.id, "Profile"), " · ", el("a", { href: `/events?actor=${Number(node.id)}` }, "Events")),
  );
}

async function render(current) {
  const { quad: _q, ...rest } = current; // the network filters by type, not quad
  const graph = await api("/api/network", { ...rest, limit: 120 });
  const box = clear(document.getElementById("graph"));
  clear(document.getElementById("panel")).append(el("p", { class: "hint" }, `${number(graph.nodes.length)} of ${number(graph.total_nodes)} actors, ${number(graph.links.length)} edges. Click an actor or an edge.`));
  if (!graph.nodes.length) {
    box.append(el("p", { class: "empty" }, "No events match these filters."));
    return;
  }
  const pos = layout(graph.nodes, graph.links);
  const at = new Map(graph.nodes.map((d, i) => [d.id, pos[i]]));
  const byId = new Map(graph.nodes.map((d) => [d.id, d]));
  const maxEvents = Math.max(1, ...graph.links.map((l) => l.events || 1));
  const defs = svg("defs", {}, Object.entries(QUAD_COLOURS).concat([["other", "#888"]]).map(([quad, colour]) =>
    svg("marker", { id: `arrow-${quad.replace(/ /g, "-")}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" }, svg("path", { d: "M0,0 L10,5 L0,10 z", fill: colour })),
  ));
  const drawing = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "network", id: "network-svg", role: "img", "aria-label": "actor network" }, defs);
  const radius = (d) => 5 + Math.min(18, Math.sqrt(d.weight || 1) * 2);
  for (const link of graph.links) {
    const s = at.get(link.source);
    const t = at.get(link.target);
    const dx = t.x - s.x;
    const dy = t.y - s.y;
    const d = Math.sqrt(dx * dx + dy * dy) || 1;
    const r = radius(byId.get(link.target)) + 2;
    const bend = 0.15; // a slight curve keeps a → b and b → a apart
    const mx = (s.x + t.x) / 2 - dy * bend;
    const my = (s.y + t.y) / 2 + dx * bend;
    const ex = t.x - (dx / d) * r;
    const ey = t.y - (dy / d) * r;
    const quad = link.quad || "other";
    const width = 1 + 7 * Math.sqrt((link.events || 1) / maxEvents);
    const path = svg("path", {
      d: `M${s.x.toFixed(1)},${s.y.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`,
      class: "edge",
      stroke: QUAD_COLOURS[link.quad] || "#888",
      "stroke-width": width.toFixed(2),
      fill: "none",
      "marker-end": `url(#arrow-${quad.replace(/ /g, "-")})`,
      "data-source": link.source,
      "data-target": link.target,
      "data-events": link.events,
    }, svg("title", {}, `${label(byId.get(link.source))} → ${label(byId.get(link.target))}: ${link.events} events (${link.quad || "?"})`));
    path.addEventListener("click", () => showEdge(link, byId, rest).catch((e) => alert(e.message)));
    drawing.append(path);
  }
  for (const node of graph.nodes) {
    const p = at.get(node.id);
    const g = svg("g", { class: `node${String(node.id) === String(current.actor) ? " selected" : ""}`, "data-id": node.id, transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`, tabindex: 0 },
      svg("circle", { r: radius(node).toFixed(1) }),
      svg("text", { x: radius(node) + 3, y: 4 }, node.name.length > 28 ? `${node.name.slice(0, 27)}…` : node.name),
      svg("title", {}, `${label(node)}: ${node.weight} events`),
    );
    g.addEventListener("click", () => {
      setParams({ actor: node.id });
      showNode(node);
    });
    drawing.append(g);
  }
  box.append(drawing);
  clear(document.getElementById("legend")).append(
    ...Object.entries(QUAD_COLOURS).map(([quad, colour]) => {
      const swatch = el("span", { class: "swatch" });
      swatch.style.background = colour;
      return el("span", { class: "legend-item" }, swatch, quad);
    }),
  );
  if (current.actor && byId.has(Number(current.actor))) showNode(byId.get(Number(current.actor)));
}

await header({ page: "/network", quad: false });
onFilters(render);
