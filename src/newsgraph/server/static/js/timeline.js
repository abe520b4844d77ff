// Timeline: events per day or week, stacked by quad class or type. Dragging across the chart
// sets since/until in the URL, which filters this page's event list and every other view.
import { QUAD_COLOURS, api, clear, el, eventLink, header, names, number, onFilters, setParams, statusBadge, svg } from "./common.js";

const W = 960;
const H = 280;
const PAD = { left: 40, right: 10, top: 10, bottom: 40 };
const TYPE_COLOURS = ["#1f77b4", "#aec7e8", "#ff7f0e", "#ffbb78", "#2ca02c", "#98df8a", "#d62728", "#ff9896", "#9467bd", "#c5b0d5", "#8c564b", "#c49c94", "#e377c2", "#f7b6d2", "#7f7f7f", "#17becf"];

function options() {
  const p = new URLSearchParams(location.search);
  return { by: p.get("by") || "day", group: p.get("group") || "quad" };
}

function addDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function colourOf(keys, group) {
  return (key) => (group === "quad" ? QUAD_COLOURS[key] || "#888" : TYPE_COLOURS[keys.indexOf(key) % TYPE_COLOURS.length]);
}

async function render(current) {
  const opts = options();
  const form = document.getElementById("timeline-options");
  form.elements.namedItem("by").value = opts.by;
  form.elements.namedItem("group").value = opts.group;
  const rows = await api("/api/timeline", { ...current, ...opts });
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const keys = [...new Set(rows.map((r) => r.key))].sort();
  const colour = colourOf(keys, opts.group);
  const stacks = new Map(periods.map((p) => [p, []]));
  for (const r of rows) stacks.get(r.period).push(r);
  const max = Math.max(1, ...[...stacks.values()].map((rs) => rs.reduce((a, r) => a + r.events, 0)));
  const box = clear(document.getElementById("chart"));
  if (!periods.length) box.append(el("p", { class: "empty" }, "No dated events match these filters."));
  const slot = (W - PAD.left - PAD.right) / Math.max(periods.length, 1);
  const y = (n) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - n / max);
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "timeline", id: "timeline-svg", role: "img", "aria-label": "events over time" });
  chart.append(svg("line", { x1: PAD.left, x2: W - PAD.right, y1: y(0), y2: y(0), class: "axis" }));
  chart.append(svg("text", { x: PAD.left - 6, y: y(max) + 4, class: "tick", "text-anchor": "end" }, String(max)));
  periods.forEach((period, i) => {
    let base = 0;
    for (const r of stacks.get(period).sort((a, b) => keys.indexOf(a.key) - keys.indexOf(b.key))) {
      chart.append(svg("rect", {
        x: (PAD.left + i * slot + slot * 0.1).toFixed(1), width: Math.max(1, slot * 0.8).toFixed(1),
        y: y(base + r.events).toFixed(1), height: (y(base) - y(base + r.events)).toFixed(1),
        fill: colour(r.key), class: "bar", "data-period": period, "data-key": r.key,
      }, svg("title", {}, `${period} ${r.key}: ${r.events}`)));
      base += r.events;
    }
  });
  const every = Math.max(1, Math.ceil(periods.length / 10));
  periods.forEach((period, i) => {
    if (i % every === 0) chart.append(svg("text", { x: PAD.left + i * slot + slot / 2, y: H - PAD.bottom + 16, class: "tick", "text-anchor": "middle" }, period));
  });
  // Brushing: drag to choose a range of periods.
  const brush = svg("rect", { class: "brush", x: 0, y: PAD.top, width: 0, height: H - PAD.top - PAD.bottom });
  const overlay = svg("rect", { class: "overlay", id: "brush-overlay", x: PAD.left, y: PAD.top, width: W - PAD.left - PAD.right, height: H - PAD.top - PAD.bottom });
  chart.append(brush, overlay);
  let start = null;
  const toX = (event) => {
    const box_ = chart.getBoundingClientRect();
    return ((event.clientX - box_.left) / box_.width) * W;
  };
  overlay.addEventListener("pointerdown", (event) => {
    start = toX(event);
    overlay.setPointerCapture(event.pointerId);
  });
  overlay.addEventListener("pointermove", (event) => {
    if (start === null) return;
    const x = toX(event);
    brush.setAttribute("x", Math.min(start, x));
    brush.setAttribute("width", Math.abs(x - start));
  });
  overlay.addEventListener("pointerup", (event) => {
    if (start === null || !periods.length) return;
    const [a, b] = [start, toX(event)].sort((p, q) => p - q);
    start = null;
    const first = Math.max(0, Math.min(periods.length - 1, Math.floor((a - PAD.left) / slot)));
    const last = Math.max(0, Math.min(periods.length - 1, Math.floor((b - PAD.left) / slot)));
    const until = opts.by === "week" ? addDays(periods[last], 6) : periods[last];
    setParams({ since: periods[first], until });
  });
  box.append(chart);
  clear(document.getElementById("legend")).append(
    ...keys.map((k) => {
      const swatch = el("span", { class: "swatch" });
      swatch.style.background = colour(k);
      return el("span", { class: "legend-item" }, swatch, k);
    }),
  );
  const page = await api("/api/events", { ...current, per_page: 50 });
  document.getElementById("range-title").textContent = current.since || current.until
    ? `Events from ${current.since || "the start"} to ${current.until || "the end"} (${page.total_capped ? "more than " : ""}${number(page.total)})`
    : `Events (${page.total_capped ? "more than " : ""}${number(page.total)})`;
  clear(document.getElementById("range-events")).append(
    el("ul", { id: "range-list" }, page.rows.map((r) => el("li", {}, eventLink(r.event), ` ${r.date || "undated"} ${r.type}: ${names(r.actors)} → ${names(r.recipients)} `, ...statusBadge(r.status)))),
  );
}

await header({ page: "/timeline" });
document.getElementById("timeline-options").addEventListener("change", (event) => setParams({ [event.target.name]: event.target.value }));
onFilters(render);
