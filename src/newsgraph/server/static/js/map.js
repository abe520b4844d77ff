// Map: events with a place, on country shapes shipped with the package (no tile server).
import { QUAD_COLOURS, api, clear, el, eventLink, header, names, number, onFilters, statusBadge, svg } from "./common.js";

const W = 960;
const H = 480;
let world = null;

/** Equirectangular: longitude and latitude straight to x and y. */
function project([lon, lat]) {
  return [((lon + 180) / 360) * W, ((90 - lat) / 180) * H];
}

function ringPath(ring) {
  return ring.map((p, i) => { const [x, y] = project(p); return `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`; }).join("") + "Z";
}

function shapePath(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  return polygons.map((rings) => rings.map(ringPath).join("")).join("");
}

function showPlace(features) {
  const panel = clear(document.getElementById("panel"));
  const first = features[0].properties;
  panel.append(
    el("h2", {}, first.place, first.country ? ` (${first.country})` : ""),
    el("p", {}, `${number(features.length)} events`),
    el("ul", { id: "place-events" }, features.slice(0, 200).map((f) => {
      const p = f.properties;
      return el("li", {}, eventLink(p.event), ` ${p.date || "undated"} ${p.type}: ${names(p.actors)} → ${names(p.recipients)} `, ...statusBadge(p.status));
    })),
  );
}

async function render(current) {
  const { quad: _q, ...rest } = current; // the map filters by type, not quad
  world = world || (await (await fetch("/static/world.geojson")).json());
  const places = await api("/api/places", rest);
  const box = clear(document.getElementById("map"));
  const map = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "worldmap", id: "map-svg", role: "img", "aria-label": "map of events" });
  map.append(svg("rect", { x: 0, y: 0, width: W, height: H, class: "sea" }));
  const countries = svg("g", { class: "countries" });
  for (const f of world.features) {
    countries.append(svg("path", { d: shapePath(f.geometry), class: "country" }, svg("title", {}, f.properties.name || "")));
  }
  map.append(countries);
  const byPlace = new Map();
  for (const f of places.features) {
    const key = f.geometry.coordinates.join(",");
    if (!byPlace.has(key)) byPlace.set(key, []);
    byPlace.get(key).push(f);
  }
  const dots = svg("g", { class: "dots" });
  for (const features of [...byPlace.values()].sort((a, b) => b.length - a.length)) {
    const [x, y] = project(features[0].geometry.coordinates);
    const quads = features.map((f) => f.properties.quad);
    const main = quads.sort((a, b) => quads.filter((q) => q === b).length - quads.filter((q) => q === a).length)[0];
    const dot = svg("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: (3 + Math.sqrt(features.length) * 2).toFixed(1), class: "dot", fill: QUAD_COLOURS[main] || "#888", "data-place": features[0].properties.place, tabindex: 0 },
      svg("title", {}, `${features[0].properties.place}: ${features.length} events`));
    dot.addEventListener("click", () => showPlace(features));
    dots.append(dot);
  }
  map.append(dots);
  box.append(map);
  clear(document.getElementById("panel")).append(el("p", { class: "hint" }, `${number(places.features.length)} events at ${number(byPlace.size)} places. Click a circle.`));
  clear(document.getElementById("legend")).append(
    ...Object.entries(QUAD_COLOURS).map(([quad, colour]) => {
      const swatch = el("span", { class: "swatch" });
      swatch.style.background = colour;
      return el("span", { class: "legend-item" }, swatch, quad);
    }),
  );
}

await header({ page: "/map", quad: false });
onFilters(render);
