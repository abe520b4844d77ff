// Events table: filter (the header), sort (column heads), page; each row opens its evidence.
import { api, clear, el, filters, header, names, number, onFilters, setParams, statusBadge, quadSwatch } from "./common.js";

const SORTABLE = { date: "date", type: "type", event: "id" };
const COLUMNS = [
  ["event", "#"],
  ["date", "Date"],
  ["type", "Type"],
  ["actors", "Actors"],
  ["recipients", "Recipients"],
  ["status", "Status"],
  ["according_to", "According to"],
  ["mentions", "Mentions"],
  ["trigger", "Trigger"],
];

function params() {
  const p = new URLSearchParams(location.search);
  return { sort: p.get("sort") || "date", order: p.get("order") || "asc", page: Number(p.get("page") || 1), per_page: Number(p.get("per_page") || 50) };
}

function cell(row, key) {
  if (key === "event") return el("a", { href: `/events/${Number(row.event)}`, class: "open" }, `#${row.event}`);
  if (key === "type") return [quadSwatch(row.quad), row.type];
  if (key === "status") return statusBadge(row.status);
  if (Array.isArray(row[key])) return names(row[key]);
  return row[key] ?? "";
}

async function render(current) {
  const p = params();
  const result = await api("/api/events", { ...current, ...p });
  const head = el(
    "tr",
    {},
    COLUMNS.map(([key, label]) => {
      const sortKey = SORTABLE[key];
      if (!sortKey) return el("th", {}, label);
      const active = p.sort === sortKey;
      const link = el("a", { href: "#", class: active ? `sorted ${p.order}` : "", "data-sort": sortKey }, label, active ? (p.order === "asc" ? " ▲" : " ▼") : "");
      link.addEventListener("click", (e) => {
        e.preventDefault();
        setParams({ sort: sortKey, order: active && p.order === "asc" ? "desc" : "asc", page: null });
      });
      return el("th", {}, link);
    }),
  );
  const body = el("tbody");
  for (const row of result.rows) {
    const tr = el("tr", { class: "clickable", "data-event": row.event, tabindex: 0 }, COLUMNS.map(([key]) => el("td", { class: `c-${key}` }, cell(row, key))));
    const open = () => location.assign(`/events/${Number(row.event)}`);
    tr.addEventListener("click", (e) => { if (!(e.target instanceof HTMLAnchorElement)) open(); });
    tr.addEventListener("keydown", (e) => { if (e.key === "Enter") open(); });
    body.append(tr);
  }
  clear(document.getElementById("table")).append(el("table", { class: "events", id: "events-table" }, el("thead", {}, head), body));
  const total = result.total_capped ? `more than ${number(result.total)}` : number(result.total);
  const first = (p.page - 1) * p.per_page + 1;
  document.getElementById("summary").textContent = result.rows.length
    ? `${total} events; showing ${number(first)}–${number(first + result.rows.length - 1)}`
    : `no events match ${Object.keys(filters()).length ? "these filters" : ""}`;
  const pager = clear(document.getElementById("pager"));
  const pages = result.total_capped ? Infinity : Math.max(1, Math.ceil(result.total / p.per_page));
  const go = (n, label) => {
    const b = el("button", { type: "button", disabled: n < 1 || n > pages || n === p.page ? "disabled" : null }, label);
    b.addEventListener("click", () => setParams({ page: n }));
    return b;
  };
  pager.append(go(p.page - 1, "← previous"), el("span", {}, ` page ${p.page}${pages === Infinity ? "" : " of " + pages} `), go(p.page + 1, "next →"));
}

await header({ page: "/events" });
onFilters(render);
