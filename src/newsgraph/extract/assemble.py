"""From event candidates, claims and actor mentions to the parts of the newsgraph/1 record:
status and sources, time, place and figures, merged duplicates, and ids."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Token

from newsgraph.extract.actors import NON_STATE, Mention, state_mention
from newsgraph.extract.arguments import Arguments
from newsgraph.extract.claims import Frame
from newsgraph.extract.events import Candidate, two_sided
from newsgraph.extract.places import PlaceMention, place_for, place_index
from newsgraph.extract.senses import unattributed
from newsgraph.extract.sides import article_adversary, context_recipients, domestic_target, implied_group
from newsgraph.extract.status import clause_verb, event_status, is_negated
from newsgraph.extract.syntax import subject
from newsgraph.extract.timex import TimeExpr, time_for
from newsgraph.lexicon import word_classes
from newsgraph.nlp import text_of
from newsgraph.record import Actor, Claim, Event, Quantity, Span

SELF_PRONOUNS = {"we", "i", "they"}  # "officials stated they have not received ..."
OBLIGATION = {"must", "should"}
COMPLEMENTS = {"acomp", "attr", "prep", "xcomp"}  # what a copula says its subject is
FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}


def first_person(doc: Doc, frames: list[Frame]) -> dict[int, list[Mention]]:
    """ "We", "our", "I" inside a quote are its speaker ("our deals with Albania")."""
    out: dict[int, list[Mention]] = {}
    for frame in frames:
        if frame.kind == "indirect" or not frame.speakers:
            continue
        for token in doc.char_span(*frame.content, alignment_mode="expand") or []:
            if token.lower_ in FIRST_PERSON:
                out[token.i] = frame.speakers[:1]
    return out


def enemies(doc: Doc, frames: list[Frame], mentions: list[Mention]) -> dict[int, list[Mention]]:
    """ "The enemy" in a side's own words is the other side: the one country besides the
    speaker's that the article names most as a state ("... prepare against the enemy's
    possible counteractions", said the Armenian army -> Azerbaijan). Nothing on a tie."""
    states = Counter(m.country for m in mentions if m.kind == "state" and m.country not in NON_STATE | {None})
    words = word_classes()["enemy"]
    ranked = states.most_common()
    out: dict[int, list[Mention]] = {}
    for frame in frames:
        own = {m.country for m in frame.speakers}
        if not frame.speakers or None in own:
            continue
        span = doc.char_span(*frame.content, alignment_mode="expand")
        named = [t for t in span or [] if t.lemma_.lower() in words and t.i not in out]
        others = [(c, n) for c, n in ranked if c not in own]
        if not named or not others or (len(others) > 1 and others[1][1] == others[0][1]):
            continue
        for t in named:
            out[t.i] = [state_mention(str(others[0][0]), t.i, "the enemy, in a side's own words")]
    return out


def demands(doc: Doc, frames: list[Frame], args: Arguments) -> Iterator[Candidate]:
    """ "Britain said Iran must release the sailors": a source saying that another party must or
    should act is making a demand of it (REQUEST, as PLOVER and CAMEO code it)."""
    for frame in frames:
        if not frame.speakers or frame.stance in {"deny", "discredit"}:
            continue
        span = doc.char_span(*frame.content, alignment_mode="expand")
        if span is None:
            continue
        for verb in span:
            if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in verb.children):
                continue
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is None or verb.lemma_ == "be" or any(c.dep_ == "auxpass" for c in verb.children):
                continue  # "X should be abolished", "he should be immune": no act asked of X
            whom = [m for m in args.of(subj) if m.key not in {s.key for s in frame.speakers}]
            own = {m.country for m in frame.speakers if m.kind == "state" or m.sector == "GOV"}
            if whom and all(m.kind == "state" and m.country in own for m in whom):
                continue  # "Britain must leave", said by its government: its own course
            if whom and any(m.country for m in frame.speakers + whom):
                evidence = f"claim by '{frame.speakers[0].name}' that '{subj.text}' must act -> REQUEST"
                # the demand itself is an act of the speaker's, made where the cue is
                cue = doc[frame.cue_token]
                yield Candidate("REQUEST", None, cue, list(frame.speakers), whom, evidence, 0.6)


def denials(doc: Doc, frames: list[Frame], args: Arguments) -> Iterator[Candidate]:
    """ "Officials have stated they have not received the materials": a source stating that
    it did not do something is denying it (REJECT by the source). A source's negative
    statement about others ("the flag has never been open to choice") is no denial."""
    for frame in frames:
        if frame.stance != "assert" or frame.kind == "direct" or not frame.speakers:
            continue
        span = doc.char_span(*frame.content, alignment_mode="expand")
        root = span.root if span is not None else None
        if root is None or not any(c.dep_ == "neg" for c in root.children):
            continue
        if root.lemma_ == "be" and not any(
            c.lemma_.lower() in word_classes()["culpable"] for c in root.children if c.dep_ in COMPLEMENTS
        ):
            continue  # "was not aware", "are not concerned": a state, not a denial ("not responsible" is)
        subj = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        said_by = {m.key for m in frame.speakers}
        if subj is None or not (subj.lower_ in SELF_PRONOUNS or {m.key for m in args.of(subj)} & said_by):
            continue
        if any(m.country for m in frame.speakers):
            evidence = f"negative statement by '{frame.speakers[0].name}' ('{root.text}' negated) -> REJECT"
            yield Candidate("REJECT", None, doc[frame.cue_token], list(frame.speakers), [], evidence, 0.55)


HARMS = {"COERCE", "ASSAULT"}  # what a source complaining of it accuses someone of


def grievances(doc: Doc, frames: list[Frame], candidates: list[Candidate]) -> Iterator[Candidate]:
    """ "Ms Lind has claimed that the agency detained her": a source saying another party
    harmed it (coerced, assaulted) is accusing that party (ACCUSE, made where the cue is). The
    harm itself keeps the status its claim gives it."""
    for frame in frames:
        if not frame.speakers or frame.stance in {"deny", "discredit", "request"}:
            continue
        said_by = {m.key for m in frame.speakers}
        for c in candidates:
            if c.type not in HARMS or not frame.contains(c.trigger.idx):
                continue
            culprits = [m for m in c.actors if m.key not in said_by]
            if said_by & {m.key for m in c.recipients} and culprits:
                evidence = (
                    f"claim by '{frame.speakers[0].name}' that '{culprits[0].name}' harmed it -> ACCUSE"
                )
                yield Candidate(
                    "ACCUSE", "complain", doc[frame.cue_token], list(frame.speakers), culprits, evidence, 0.6
                )
                break


THREATS = {"COERCE", "SANCTION", "ASSAULT"}  # what a side announcing it will do is threatening
GIVING = {"AID", "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "CONCEDE", "REQUEST"}  # no threat "unless"


def threats(doc: Doc, frames: list[Frame], candidates: list[Candidate]) -> Iterator[Candidate]:
    """ "The president announced he will extend the curfew", "NATO said it would tighten the
    blockade": a side announcing a coercive act of its own that has not happened yet is
    threatening it (THREATEN, made where the cue is; PLOVER and CAMEO code it so). The act
    itself stays, as possible."""
    for frame in frames:
        if not frame.speakers or frame.stance != "assert":
            continue
        said_by = {m.key for m in frame.speakers}
        for c in candidates:
            # "will withdraw its force unless ...": any act held over the other side is a threat
            unless = c.type not in GIVING and any(
                t.lower_ == "unless" and t.dep_ == "mark" for t in c.trigger.subtree
            )
            if (
                (c.type not in THREATS and not unless)
                or c.status != "possible"
                or not frame.contains(c.trigger.idx)
            ):
                continue
            # the speaker's own act: the same actor, or its state ("Chile's government ... it")
            own = bool(said_by & {m.key for m in c.actors}) or any(
                s.country == a.country and "state" in {s.kind, a.kind} and s.country not in NON_STATE
                for s in frame.speakers
                for a in c.actors
            )
            if own:
                evidence = (
                    f"'{frame.speakers[0].name}' announces a {c.type} of its own, not yet done -> THREATEN"
                )
                yield Candidate(
                    "THREATEN",
                    None,
                    doc[frame.cue_token],
                    list(frame.speakers),
                    list(c.recipients),
                    evidence,
                    0.6,
                )
                break


def discredits(doc: Doc, frames: list[Frame], args: Arguments) -> Iterator[Candidate]:
    """ "The ministry said: '... shelled our villages under the false pretext that we fired first'": a
    source calling the other side's account a pretext or a fabrication rejects it (REJECT by the
    source of the words around it, made where its cue is; the account itself is denied)."""
    for frame in frames:
        if frame.stance != "discredit":
            continue
        outer = [g for g in frames if g is not frame and g.speakers and g.contains(frame.cue[0])]
        if not outer:
            continue  # the narrator's word: no one rejects anything
        teller = min(outer, key=lambda g: g.content[1] - g.content[0])
        verb = doc[frame.cue_token]
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head
        holder = subject(verb) if verb.pos_ in {"VERB", "AUX"} else None
        told = {m.key for m in teller.speakers}
        whom = [m for m in args.of(holder) if m.key not in told]
        if whom and any(m.country for m in teller.speakers + whom):
            word = doc[frame.cue_token].text
            evidence = f"'{teller.speakers[0].name}' calls what '{whom[0].name}' says a {word} -> REJECT"
            yield Candidate(
                "REJECT", None, doc[teller.cue_token], list(teller.speakers), whom, evidence, 0.55
            )


DENIAL_WINDOW = 1500  # characters back from a denial to the claim it answers
NEAR_WINDOW = 800  # ... and to the last claim by another party, when none names the denier
ANAPHORIC_CLAIMS = {"allegation", "accusation", "claim", "charge", "assertion", "suggestion", "criticism"}


def answers_back(trigger: Token) -> bool:
    """The denial points back at a claim made before: "denied these allegations", "rejected
    the accusation", "dismissed them" (not "denied reports of ...": whose, it does not say)."""
    obj = next((c for c in trigger.children if c.dep_ == "dobj"), None)
    if obj is None:
        return False
    if obj.pos_ == "PRON":
        return obj.lower_ in {"them", "it", "this", "that", "these", "those"}
    return (
        obj.lemma_.lower() in ANAPHORIC_CLAIMS
        and any(
            c.dep_ == "det" and c.lower_ in {"the", "these", "those", "this", "that", "such"}
            for c in obj.children
        )
        and not any(c.dep_ in {"prep", "acl", "relcl"} for c in obj.children)
    )


def accusers(c: Candidate, frames: list[Frame], args: Arguments) -> list[Mention]:
    """Who a denial answers when it names no one ("The ministry denied the allegations"): the
    speakers of the nearest claim before it, by someone else, about the denier ("X has said
    that the ministry ...")."""
    if c.type != "REJECT" or c.recipients or not c.actors or not answers_back(c.trigger):
        return []
    doc = c.trigger.doc
    at = c.trigger.idx
    deniers = {m.key for m in c.actors}
    before = [
        f
        for f in sorted(frames, key=lambda f: -f.cue[0])
        if f.cue[0] < at
        and at - f.cue[0] <= DENIAL_WINDOW
        and f.speakers
        and not {m.key for m in f.speakers} & deniers
        and all(m.country for m in f.speakers)
    ]
    for frame in before:
        span = doc.char_span(*frame.content, alignment_mode="expand")
        about = {m.key for t in span or [] for m in args.of(t)} if span is not None else set()
        if about & deniers:
            return list(frame.speakers)
    # "Ms Lind claims she was kept on the ship ... The agency denied these allegations": the
    # allegations are the last ones made, close before, when no claim names the denier
    if before and at - before[0].cue[0] <= NEAR_WINDOW:
        return list(before[0].speakers)
    return []


def attribute(candidates: Iterable[Candidate], frames: list[Frame]) -> Iterator[Candidate]:
    """Give each event its status and the sources it is according to."""
    for c in candidates:
        status, speakers, why = event_status(c.trigger, frames)
        if c.type == "REJECT" and is_negated(c.trigger):
            continue  # "did not deny" is no event: a non-denial
        c.status = status
        c.according_to = list(speakers)
        c.evidence += f"; {status}: {why}"
        yield c


def build_claims(doc: Doc, frames: list[Frame], events: list[Event], actors: dict[str, Actor]) -> list[Claim]:
    claims: list[Claim] = []
    text = text_of(doc)

    def span(offsets: tuple[int, int] | None) -> Span | None:
        return None if offsets is None else Span(text[offsets[0] : offsets[1]], *offsets)

    for frame in frames:
        if frame.stance == "discredit":
            continue  # "the pretext that ...": how a claim is told, inside the claim that tells it
        inside = [e.id for e in events if frame.contains(e.trigger.start)]

        speaker = actors[frame.speakers[0].key].id if frame.speakers else None
        cue = span(frame.cue)
        content = span(frame.content)
        if cue is None or content is None:
            continue
        claims.append(
            Claim(
                id=f"C{len(claims) + 1}",
                speaker=speaker,
                source=span(frame.source),
                cue=cue,
                content=content,
                kind=frame.kind,
                stance="assert" if frame.stance == "request" else frame.stance,
                events=inside,
            )
        )
    return claims


def build_actors(doc: Doc, mentions: list[Mention], candidates: list[Candidate]) -> dict[str, Actor]:
    """One actor per key, in order of first mention; mentions made up on the way by event
    arguments (nationality modifiers) are included."""
    actors: dict[str, Actor] = {}
    every = list(mentions) + [m for c in candidates for m in c.actors + c.recipients]
    for m in sorted(every, key=lambda m: m.start):
        if m.key not in actors:
            actors[m.key] = Actor(
                id=f"A{len(actors) + 1}",
                name=m.name,
                kind=m.kind,
                country=m.country,
                sector=m.sector,
                role=m.role,
            )
        actor = actors[m.key]
        actor.role = actor.role or m.role
        span = doc[m.start : m.end]
        offsets = (span.start_char, span.end_char)
        if offsets not in actor.mentions:
            actor.mentions.append(offsets)
    return actors


def folded(candidates: list[Candidate]) -> dict[int, Candidate]:
    """id(event) -> a fuller event of the article that says all it says and more: the same
    type, status and sources with a side it lacks ("the Russian invasion" beside "Russia's
    invasion of Ukraine"). The fuller one is kept. Linear: indexes, not pairs."""

    def keys(ms: list[Mention]) -> frozenset[str]:
        return frozenset(m.key for m in ms)

    by_actors: dict[tuple[object, ...], Candidate] = {}
    by_recipients: dict[tuple[object, ...], Candidate] = {}
    for o in candidates:
        if o.actors and o.recipients:
            base = (o.type, o.status, keys(o.according_to))
            by_actors.setdefault((*base, keys(o.actors)), o)
            by_recipients.setdefault((*base, keys(o.recipients)), o)
    out: dict[int, Candidate] = {}
    for c in candidates:
        base = (c.type, c.status, keys(c.according_to))
        keeper = None
        if c.actors and not c.recipients:
            keeper = by_actors.get((*base, keys(c.actors)))
        elif c.recipients and not c.actors:
            keeper = by_recipients.get((*base, keys(c.recipients)))
        if keeper is not None:
            out[id(c)] = keeper
    return out


def elaborations(trigger: Token) -> list[int]:
    """The trigger, then the participle clauses that spell out its clause (", providing $64.1
    billion since 2022", ", killing 20 people"): where an event's time, place and figures are."""
    verb = clause_verb(trigger)
    return [trigger.i] + [c.i for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG"]


def event_anchors(candidates: list[Candidate]) -> dict[int, Candidate]:
    """Token index -> the event it stands for: a trigger beats a participle that spells an event
    out, which beats the clause verb a noun event hangs on."""
    by_token: dict[int, Candidate] = {}
    for rank in (2, 1, 0):
        for c in candidates:
            spots = [clause_verb(c.trigger).i, *elaborations(c.trigger)[1:], c.trigger.i]
            by_token[spots[min(rank, len(spots) - 1)]] = c
    return by_token


def quantity_owner(doc: Doc, head: int | None, by_token: dict[int, Candidate]) -> Candidate | None:
    """The event a figure measures: the nearest event up the parse from what it counts
    ("around 3,000 soldiers traveled", "bolster Russia with forces that could number 12,000",
    ", providing over $64.1 billion")."""
    if head is None:
        return None
    token = doc[head]
    for _ in range(8):
        if token.i in by_token:
            return by_token[token.i]
        if token.head.i == token.i:
            break
        token = token.head
    return None


def sentence_place_country(doc: Doc, where: dict[int, PlaceMention], c: Candidate) -> str | None:
    """The country of the first place its sentence names as a place ("outside the Iraqi city
    of Mosul"), not as a modifier of a side ("US servicemen")."""
    sides = {i for m in c.actors + c.recipients for i in range(m.start, m.end)}
    sent = c.trigger.sent
    for i in range(sent.start, sent.end):
        found = where.get(i)
        if found is None or found.place is None or i in sides:
            continue
        if doc[i].dep_ not in {"compound", "amod", "nmod", "poss"} and found.place.country:
            return found.place.country
    return None


def situate(
    doc: Doc,
    candidates: list[Candidate],
    times: list[TimeExpr],
    places: list[PlaceMention],
    quantities: list[tuple[Quantity, int | None]],
    args: Arguments | None = None,
    frames: list[Frame] | None = None,
) -> None:
    """Give each event the time expression of its clause, resolved against the article date;
    an event folded into a fuller one in the same sentence hands on what it knows
    ("aid to Ukraine, providing $64.1 billion since 2022")."""
    where = place_index(doc, places)
    for c in candidates:
        when = None
        for i in elaborations(c.trigger):
            when = when or time_for(doc, times, i)
        c.time = when.to_json() if when is not None else None
        for i in elaborations(c.trigger):
            c.place = c.place or place_for(doc, where, i)
        if c.type == "ASSAULT" and not c.actors and c.recipients and unattributed(c.trigger):
            country = (c.place or {}).get("country") or sentence_place_country(doc, where, c)
            if country:
                rule = "no attacker named: the country where it happened"
                c.actors = [implied_group("unidentified attackers in", country, c.trigger, None, rule)]
                c.evidence += f"; no attacker named: unidentified attackers where it happened ({country})"
    anchors = event_anchors(candidates)
    for q, head in quantities:
        owner = quantity_owner(doc, head, anchors)
        if owner is not None:
            owner.quantities.append(q)
    fold = folded(candidates)
    for c in candidates:
        implied = domestic_target(c) if id(c) not in fold else []
        if implied:
            c.recipients = implied
            c.evidence += f"; no target named: {implied[0].rule}"
    if args is not None:
        voices = [f.source for f in frames or [] if f.source is not None]
        for c in candidates:
            answered = accusers(c, frames or [], args)
            if answered:
                c.recipients = answered
                c.evidence += f"; denies what '{answered[0].name}' said before"
                continue
            other = context_recipients(c, args, voices) if id(c) not in fold else []
            if other:
                c.recipients = other
                c.evidence += f"; no target named: the other side its sentence names, '{other[0].name}'"
        explicit = [c for c in candidates if c.recipients]
        for c in candidates:
            other = article_adversary(c, explicit) if id(c) not in fold else []
            if other:
                c.recipients = other
                c.evidence += (
                    f"; no target named: the article's other side in its hostilities, '{other[0].name}'"
                )
    for c in candidates:
        keeper = fold.get(id(c))
        if keeper is not None and keeper.trigger.sent.start == c.trigger.sent.start:
            keeper.time = keeper.time or c.time
            keeper.place = keeper.place or c.place
            keeper.quantities += [q for q in c.quantities if q not in keeper.quantities]


def build_events(doc: Doc, candidates: list[Candidate], actors: dict[str, Actor]) -> list[Event]:
    events: list[Event] = []
    seen: set[tuple[object, ...]] = set()
    fold = folded(candidates)
    for c in candidates:
        if id(c) in fold or not two_sided(c):
            continue
        actor_ids = sorted({actors[m.key].id for m in c.actors}, key=lambda i: int(i[1:]))
        recipient_ids = sorted(
            {actors[m.key].id for m in c.recipients} - set(actor_ids), key=lambda i: int(i[1:])
        )
        sources = sorted({actors[m.key].id for m in c.according_to}, key=lambda i: int(i[1:]))
        key = (c.type, tuple(actor_ids), tuple(recipient_ids), c.status, tuple(sources))
        if key in seen:
            continue
        seen.add(key)
        sent = c.trigger.sent
        events.append(
            Event(
                id=f"E{len(events) + 1}",
                type=c.type,
                mode=c.mode,
                actors=actor_ids,
                recipients=recipient_ids,
                trigger=Span(c.trigger.text, c.trigger.idx, c.trigger.idx + len(c.trigger.text)),
                sentence={"start": sent.start_char, "end": sent.end_char},
                evidence=c.evidence,
                confidence=c.confidence,
                status=c.status,
                according_to=sources,
                time=c.time,
                quantities=c.quantities,
                place=c.place,
            )
        )
    return events
