// Shared by every page: safe DOM building, the API, filters in the URL, the header.
//
// Article text is hostile input. Everything here builds nodes with createElement and
// textContent; nothing is ever parsed as HTML (no innerHTML, no insertAdjacentHTML), links
// only ever point at this site, and the Content-Security-Policy forbids inline script anyway.

export const TYPES = [];
export const STATUSES = ["asserted", "reported", "possible", "denied", "negated"];
export const QUAD_COLOURS = {
  "verbal cooperation": "#2b8cbe",
  "material cooperation": "#1a9850",
  "verbal conflict": "#f39c12",
  "material conflict": "#d73027",
};
export const FILTER_KEYS = ["actor", "country", "type", "status", "quad", "since", "until"];
const SVG_NS = "http://www.w3.org/2000/svg";

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.toLowerCase().startsWith("on")) throw new Error("no inline handlers");
    if (key === "href" && !safeHref(String(value))) continue;
    if (key === "text") node.textContent = String(value);
    else if (key === "class") node.setAttribute("class", String(value));
    else node.setAttribute(key, String(value));
  }
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A link target on this site only: "/…" (not "//…"), "?…" or "#…". */
export function safeHref(href) {
  return /^(\/(?!\/)|\?|#)/.test(href);
}

/** An HTML element; strings among the children become text nodes, never markup. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  return append(node, children);
}

/** An SVG element, the same way. */
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  return append(node, children);
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** GET /api/… as JSON; a 4xx/5xx becomes an Error with the server's message. */
export async function api(path, params) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && v !== "") query.set(k, String(v));
  }
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = body.message || (body.problems || []).map((p) => `${p.parameter}: ${p.message}`).join("; ");
    throw new Error(`${response.status} ${body.error || "error"}${detail ? ": " + detail : ""}`);
  }
  return body;
}

/** The filters in the page's URL, as an object of the keys that are set. */
export function filters() {
  const params = new URLSearchParams(location.search);
  const out = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) out[k] = v;
  }
  return out;
}

/** Change the URL's query (merging `changes`; null drops a key) and tell the page. */
export function setParams(changes) {
  const params = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === "") params.delete(k);
    else params.set(k, String(v));
  }
  const query = params.toString();
  history.pushState(null, "", query ? `${location.pathname}?${query}` : location.pathname);
  window.dispatchEvent(new Event("filterschange"));
}

/** Run `render` now and whenever the filters change (form, click, back/forward). */
export function onFilters(render) {
  const run = () => {
    syncForm();
    syncNav();
    Promise.resolve(render(filters())).catch(showError);
  };
  window.addEventListener("filterschange", run);
  window.addEventListener("popstate", run);
  run();
}

export function showError(error) {
  const box = document.getElementById("error");
  if (!box) return;
  box.hidden = false;
  box.textContent = String(error && error.message ? error.message : error);
}

function hideError() {
  const box = document.getElementById("error");
  if (box) box.hidden = true;
}

const PAGES = [
  ["/", "Overview"],
  ["/network", "Network"],
  ["/timeline", "Timeline"],
  ["/map", "Map"],
  ["/events", "Events"],
  ["/contested", "Contested"],
];

/** The filter query string to carry from page to page. */
export function filterQuery() {
  const q = new URLSearchParams(filters()).toString();
  return q ? `?${q}` : "";
}

function syncNav() {
  for (const a of document.querySelectorAll("nav a[data-page]")) {
    a.setAttribute("href", a.dataset.page + filterQuery());
  }
}

function syncForm() {
  hideError();
  const form = document.getElementById("filters");
  if (!form) return;
  const current = filters();
  for (const k of FILTER_KEYS) {
    const input = form.elements.namedItem(k);
    if (input) input.value = current[k] || "";
  }
}

function select(name, label, options) {
  return el(
    "label",
    {},
    label,
    el("select", { name, id: `f-${name}` }, el("option", { value: "" }, "any"), options.map((o) => el("option", { value: o }, o))),
  );
}

/** The page header: title, navigation, the filter form (unless `filtersBar` is false). */
export async function header({ page, quad = true, filtersBar = true } = {}) {
  const top = document.getElementById("top");
  const nav = el(
    "nav",
    {},
    el("span", { class: "brand" }, "newsgraph"),
    PAGES.map(([path, name]) =>
      el("a", { href: path, "data-page": path, class: path === page ? "current" : null }, name),
    ),
  );
  top.append(nav);
  if (!filtersBar) return;
  const meta = await api("/api/meta");
  TYPES.splice(0, TYPES.length, ...meta.types);
  const form = el(
    "form",
    { id: "filters", class: "filters" },
    el("label", {}, "Actor", el("input", { name: "actor", id: "f-actor", placeholder: "name or id", maxlength: 200 })),
    el("label", {}, "Country", el("input", { name: "country", id: "f-country", placeholder: "ISO3", size: 4, maxlength: 3 })),
    select("type", "Type", meta.types),
    select("status", "Status", meta.statuses),
    quad ? select("quad", "Quad", Object.keys(QUAD_COLOURS)) : null,
    el("label", {}, "Since", el("input", { name: "since", id: "f-since", placeholder: "yyyy-mm-dd", size: 10 })),
    el("label", {}, "Until", el("input", { name: "until", id: "f-until", placeholder: "yyyy-mm-dd", size: 10 })),
    el("button", { type: "submit" }, "Apply"),
    el("button", { type: "reset", id: "f-clear" }, "Clear"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const changes = { page: null };
    for (const k of FILTER_KEYS) {
      const input = form.elements.namedItem(k);
      if (input) changes[k] = input.value.trim();
    }
    setParams(changes);
  });
  form.addEventListener("reset", (event) => {
    event.preventDefault();
    const changes = { page: null };
    for (const k of FILTER_KEYS) changes[k] = null;
    setParams(changes);
  });
  top.append(form);
}

export function actorLink(id, label) {
  return el("a", { href: `/actors/${Number(id)}`, class: "actor" }, label);
}

export function eventLink(id, label) {
  return el("a", { href: `/events/${Number(id)}`, class: "event" }, label ?? `#${Number(id)}`);
}

export function names(list) {
  return (list || []).join(", ") || "—";
}

export function statusBadge(status) {
  return (status || "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => el("span", { class: `status status-${s.replace(/[^a-z]/g, "")}` }, s));
}

export function quadSwatch(quad) {
  const swatch = el("span", { class: "swatch" });
  swatch.style.background = QUAD_COLOURS[quad] || "#888";
  return swatch;
}

export function number(n) {
  return Number(n || 0).toLocaleString("en");
}
