// Contested: each event some sources report and others deny, with who says which, side by side.
import { api, clear, el, eventLink, header, names, onFilters } from "./common.js";

async function render(current) {
  const { status: _ignored, ...rest } = current;
  const rows = await api("/api/contested", { ...rest, limit: 200 });
  const box = clear(document.getElementById("contested"));
  if (!rows.length) {
    box.append(el("p", { class: "empty" }, "No contested events match these filters."));
    return;
  }
  for (const c of rows) {
    box.append(
      el(
        "article",
        { class: "contested" },
        el("h2", {}, `${c.type}: ${names(c.actors)} → ${names(c.recipients)}`),
        el("p", { class: "meta" }, `${c.first || "undated"}${c.last && c.last !== c.first ? " to " + c.last : ""} · ${c.articles} articles · ${c.statuses}`),
        el(
          "div",
          { class: "sides" },
          el("section", { class: "side for" }, el("h3", {}, `Reported (${c.supported})`), el("p", {}, "by ", names(c.reported_by))),
          el("section", { class: "side against" }, el("h3", {}, `Denied (${c.denied})`), el("p", {}, "by ", names(c.denied_by))),
        ),
        el("p", {}, "Evidence: ", ...c.events.slice(0, 20).flatMap((id) => [eventLink(id), " "])),
      ),
    );
  }
}

await header({ page: "/contested" });
onFilters(render);
