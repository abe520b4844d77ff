// Evidence view: one event as every article tells it. The article text with the trigger,
// actors, quantities, time and the claim (source, cue, content) marked; the status and whom
// it is according to; the articles that report it beside those that deny it.
import { actorLink, api, clear, el, header, number, quadSwatch, statusBadge } from "./common.js";

const FOR = new Set(["asserted", "reported", "possible"]);
const KINDS = [
  ["trigger", "trigger"],
  ["actor", "actor"],
  ["recipient", "recipient"],
  ["source", "according to"],
  ["quantity", "quantity"],
  ["time", "time"],
  ["claim_source", "claim source"],
  ["claim_cue", "claim cue"],
  ["claim_content", "claim content"],
];
const TITLE_SHOWN = 300;

function short(text, n = TITLE_SHOWN) {
  const t = String(text ?? "");
  return t.length > n ? `${t.slice(0, n)}…` : t;
}

function people(list) {
  if (!list.length) return ["—"];
  return list.flatMap((a, i) => [i ? ", " : "", actorLink(a.id, a.country ? `${a.name} (${a.country})` : a.name)]);
}

/** The article text as nodes: every stretch covered by highlights becomes a <mark> whose
 *  classes name the kinds covering it; the rest stays plain text. */
export function marked(text, highlights, sentence) {
  const spans = highlights.filter((h) => h.start >= 0 && h.end <= text.length && h.end > h.start);
  if (sentence && sentence.start !== null && sentence.end !== null) spans.push({ kind: "sentence", start: sentence.start, end: sentence.end });
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const kinds = [...new Set(spans.filter((s) => s.start <= a && s.end >= b).map((s) => s.kind))];
    const piece = text.slice(a, b);
    if (!kinds.length) out.push(document.createTextNode(piece));
    else out.push(el("mark", { class: kinds.map((k) => `hl-${k}`).join(" "), "data-kinds": kinds.join(" "), "data-start": a }, piece));
  }
  return out;
}

function legend() {
  return el("ul", { class: "inline legend hl-legend" }, KINDS.map(([kind, label]) => el("li", {}, el("mark", { class: `hl-${kind}` }, label))));
}

function mentionCard(m, select) {
  const item = el(
    "li",
    { class: "mention-card", "data-mention": m.mention },
    el("a", { href: `?mention=${Number(m.mention)}`, class: "article-title" }, short(m.article.title || m.article.id, 160)),
    el("div", { class: "meta" }, [m.article.date || "undated", m.article.source].filter(Boolean).join(" · ")),
    el("div", {}, ...statusBadge(m.status), " according to ", ...people(m.according_to)),
  );
  item.querySelector("a").addEventListener("click", (e) => {
    e.preventDefault();
    select(m.mention);
  });
  return item;
}

async function showMention(m) {
  const box = clear(document.getElementById("mentions"));
  const article = await api(`/api/articles/${encodeURIComponent(m.article.id)}`);
  const claims = m.claims.map((c) =>
    el("li", { class: "claim" }, el("mark", { class: "hl-claim_source" }, c.source.text || "—"), " ", el("mark", { class: "hl-claim_cue" }, c.cue.text || "—"), " ", el("mark", { class: "hl-claim_content" }, c.content.text || "—"), ` (${c.stance || "?"}, ${c.kind || "?"})`),
  );
  box.append(
    el("h2", { id: "article-title" }, short(article.title || article.id)),
    el("p", { class: "meta" }, [article.date || "undated", article.source, `article ${short(article.id, 80)}`].filter(Boolean).join(" · ")),
    el(
      "dl",
      { class: "facts", id: "facts" },
      el("dt", {}, "Status"), el("dd", { id: "status" }, ...statusBadge(m.status)),
      el("dt", {}, "According to"), el("dd", { id: "according-to" }, ...people(m.according_to)),
      el("dt", {}, "Actors"), el("dd", {}, ...people(m.actors)),
      el("dt", {}, "Recipients"), el("dd", {}, ...people(m.recipients)),
      el("dt", {}, "Trigger"), el("dd", {}, m.trigger.text || "—", m.mode ? ` (${m.mode})` : ""),
      el("dt", {}, "When"), el("dd", {}, m.time.text ? `${m.time.text} → ${m.time.date || "?"}` : m.date || "—"),
      el("dt", {}, "Where"), el("dd", {}, m.place ? `${m.place.name}${m.place.country ? " (" + m.place.country + ")" : ""}` : "—"),
      el("dt", {}, "Quantities"), el("dd", {}, m.quantities.map((q) => `${q.text} = ${number(q.value)} ${q.unit}`).join("; ") || "—"),
      el("dt", {}, "Claims"), el("dd", {}, claims.length ? el("ul", {}, claims) : "—"),
      el("dt", {}, "Rule"), el("dd", { class: "evidence-rule" }, m.evidence || "—"),
    ),
    legend(),
    el("div", { class: "article-text", id: "article-text" }, marked(article.text || "", m.highlights, m.sentence)),
  );
  const first = box.querySelector("mark.hl-trigger");
  if (first) first.scrollIntoView({ block: "center" });
}

async function render() {
  const id = Number(location.pathname.split("/").pop());
  const event = await api(`/api/events/${id}`);
  document.title = `newsgraph: ${event.type} #${event.event}`;
  clear(document.getElementById("event-head")).append(
    el("h2", {}, quadSwatch(event.quad), `${event.type} · ${event.quad || ""} · ${event.date || "undated"}`),
    el("p", { class: "meta" }, `event #${event.event} · ${event.articles} article${event.articles === 1 ? "" : "s"} · ${Object.entries(event.statuses).map(([s, n]) => `${s} ${n}`).join(", ")}`),
  );
  const select = (mentionId) => {
    const params = new URLSearchParams(location.search);
    params.set("mention", String(mentionId));
    history.replaceState(null, "", `${location.pathname}?${params}`);
    for (const li of document.querySelectorAll(".mention-card")) li.classList.toggle("selected", Number(li.dataset.mention) === mentionId);
    const m = event.mentions.find((x) => x.mention === mentionId);
    if (m) showMention(m).catch((e) => { document.getElementById("error").hidden = false; document.getElementById("error").textContent = String(e.message || e); });
  };
  const reports = event.mentions.filter((m) => FOR.has(m.status));
  const denials = event.mentions.filter((m) => !FOR.has(m.status));
  clear(document.getElementById("sides")).append(
    el("section", { class: "side for", id: "reports" }, el("h3", {}, `Reported or asserted by (${reports.length})`), el("ul", {}, reports.map((m) => mentionCard(m, select)))),
    el("section", { class: "side against", id: "denials" }, el("h3", {}, `Denied or negated by (${denials.length})`), denials.length ? el("ul", {}, denials.map((m) => mentionCard(m, select))) : el("p", { class: "empty" }, "no article denies it")),
  );
  const wanted = Number(new URLSearchParams(location.search).get("mention"));
  const start = event.mentions.find((m) => m.mention === wanted) || event.mentions[0];
  if (start) select(start.mention);
}

await header({ page: "/events", filtersBar: false });
render().catch((e) => {
  const box = document.getElementById("error");
  box.hidden = false;
  box.textContent = String(e.message || e);
});
