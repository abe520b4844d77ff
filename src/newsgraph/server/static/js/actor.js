// One actor: who they are, what they do to whom, with whom, and their latest events.
import { actorLink, api, clear, el, eventLink, header, names, number, statusBadge } from "./common.js";

async function render() {
  const id = Number(location.pathname.split("/").pop());
  const a = await api(`/api/actors/${id}`);
  document.title = `newsgraph: ${a.name}`;
  document.querySelector("h1").textContent = a.country ? `${a.name} (${a.country})` : a.name;
  const counts = (obj) => Object.entries(obj).map(([k, n]) => `${k} ${number(n)}`).join(", ") || "—";
  clear(document.getElementById("profile")).append(
    el("p", { class: "meta" }, `${a.kind}${a.sector ? " · " + a.sector : ""} · ${number(a.articles)} articles · ${number(a.mentions)} mentions · ${number(a.claims)} claims`),
    a.aliases.length ? el("p", {}, "Also: ", a.aliases.join(", ")) : null,
    el("p", {}, el("a", { href: `/events?actor=${Number(a.id)}` }, "All events"), " · ", el("a", { href: `/network?actor=${Number(a.id)}` }, "Network"), " · ", el("a", { href: `/timeline?actor=${Number(a.id)}` }, "Timeline")),
    el("dl", { class: "facts" },
      el("dt", {}, "Sides"), el("dd", {}, counts(a.roles)),
      el("dt", {}, "By type"), el("dd", {}, counts(a.by_type)),
      el("dt", {}, "By status"), el("dd", {}, counts(a.by_status)),
    ),
    el("h2", {}, "Most frequent counterparts"),
    el("ol", {}, a.partners.map((p) => el("li", {}, actorLink(p.id, p.country ? `${p.name} (${p.country})` : p.name), ` — ${number(p.events)}`))),
    el("h2", {}, "Latest events"),
    el("ul", {}, a.recent.map((e) => el("li", {}, eventLink(e.event), ` ${e.date || "undated"} ${e.type}: ${names(e.actors)} → ${names(e.recipients)} `, ...statusBadge(e.status)))),
  );
}

await header({ page: "", filtersBar: false });
render().catch((e) => {
  const box = document.getElementById("error");
  box.hidden = false;
  box.textContent = String(e.message || e);
});
