"""Attributions: who says (believes, alleges, denies) what. Direct quotes, indirect speech,
"according to", noun cues ("allegations of") and source-less adverbs ("reportedly").

A `Frame` is one attribution: its cue, its source span and speakers, its content span and
stance. Events whose trigger lies inside a frame's content are what that source says."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Token

from newsgraph.extract.actors import Mention
from newsgraph.extract.arguments import Arguments
from newsgraph.extract.quotes import CLOSING, STRAIGHT, colon_before, overlaps, quote_spans, quotes_near
from newsgraph.extract.syntax import RELATIVE, subject
from newsgraph.lexicon import lemma_of, rows, word_classes
from newsgraph.nlp import text_of

AUX_CUE = {"have", "has", "had", "was", "were", "is", "are", "been", "be"}
EDGE_PUNCT = {",", ".", ":", ";", "-", "—", "–", '"', "“", "”", "'"}
RELATIVE_WORDS = {"that", "which", "who", "whom"}  # "... that critics blame for denying them entry"
CLAUSE_DEPS = {"ccomp", "xcomp", "parataxis"}
CLAIM_WORDS = word_classes()["claimword"]
FINITE = {"VBD", "VBZ", "VBP"}
NAMED_AFTER = {"dobj", "nsubj", "attr", "npadvmod", "dep"}  # '"...", added TASS': the name after the cue
LOOSE = {"npadvmod", "dep", "appos", "conj"}  # a name the parser hung elsewhere than on its verb
ASIDES = {"which", "as", "while", "although", "though", "whereas"}  # not "where": a place in the content


@dataclass(frozen=True)
class Cue:
    stance: str  # assert | deny | accuse | speculate
    content: str  # comp | obj | of | for | clause
    unnamed: bool = False  # passive with no agent, still a claim ("was told to", "accused of")


@dataclass
class Frame:
    cue: tuple[int, int]  # char offsets
    source: tuple[int, int] | None
    speakers: list[Mention]
    content: tuple[int, int]
    kind: str  # direct | indirect | mixed
    stance: str
    cue_token: int
    events: list[str] = field(default_factory=list)

    def contains(self, char: int) -> bool:
        return self.content[0] <= char < self.content[1]


@cache
def cues() -> dict[tuple[str, str], Cue]:
    return {
        (r["lemma"], r["pos"]): Cue(r["stance"], r["content"], r.get("unnamed") == "yes")
        for r in rows("cues.tsv")
    }


def token_span(tokens: list[Token]) -> tuple[int, int] | None:
    """Char span over tokens, trimmed of edge punctuation."""
    toks = sorted(tokens, key=lambda t: t.i)
    while toks and toks[0].text in EDGE_PUNCT:
        toks.pop(0)
    while toks and toks[-1].text in EDGE_PUNCT:
        toks.pop()
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def cue_span(verb: Token) -> tuple[int, int]:
    """The cue with the auxiliaries right before it ("have stated", "was quoted")."""
    start = verb
    while (
        start.i > 0 and start.doc[start.i - 1].lower_ in AUX_CUE and start.doc[start.i - 1].head.i == verb.i
    ):
        start = start.doc[start.i - 1]
    return start.idx, verb.idx + len(verb.text)


def own_clause(verb: Token, cut: Token) -> list[Token]:
    """What an "according to" phrase or a "reportedly" covers: the clause it sits in, less
    the cue and the relative clauses inside ("..., which the Home Office today rejects")."""
    skip = {t.i for t in cut.subtree}
    for t in verb.subtree:
        if t.i == verb.i:
            continue
        if t.dep_ == "relcl" or (
            t.dep_ == "conj" and t.pos_ == "VERB" and t.head.i == verb.i and has_subject(t)
        ):  # "... and the navy reportedly saved": another clause; "... and has been told": the same
            skip.update(x.i for x in t.subtree)
    return [t for t in verb.subtree if t.i not in skip]


def has_subject(verb: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass", "csubj", "expl"} for c in verb.children)


def without_asides(tokens: list[Token]) -> list[Token]:
    """Drop the narrator's asides from a content: a clause set off by a comma and opened by
    "which", "as", "while"... ("..., which would be a shift in policy as ...")."""
    cut: set[int] = set()
    for t in tokens:
        if t.dep_ in {"relcl", "advcl"} and t.i not in cut:
            first = t.left_edge
            if first.i > 0 and first.doc[first.i - 1].text == "," and first.lower_ in ASIDES:
                cut.update(x.i for x in t.subtree)
                cut.add(first.i - 1)
    return [t for t in tokens if t.i not in cut]


def content_tokens(verb: Token, cue: Cue) -> list[Token] | None:
    """The complement that carries what is said: a clause; or, for cues that take one, what
    follows the verb up to the next comma ("revealed evidence of ...", "accused X of Y",
    "dismissed them as propaganda")."""
    for child in verb.children:
        if cue.content == "that" and not any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children):
            continue
        if child.dep_ in CLAUSE_DEPS and child.i > verb.i or child.dep_ == "ccomp":
            clause = list(child.subtree)
            for other in verb.rights:  # one clause the parser split in two ("that X called Y | was ...")
                if (
                    other.dep_ == "ccomp"
                    and other.i > child.i
                    and other.left_edge.i == clause[-1].i + 1
                    and not any(c.dep_ in {"nsubj", "nsubjpass", "csubj"} for c in other.children)
                ):
                    clause += list(other.subtree)
            return without_asides(clause)
    if cue.content in {"comp", "that"}:
        return None
    tokens: list[Token] = []
    for child in verb.rights:
        if child.dep_ in {"conj", "cc", "punct", "advcl", "advmod", "npadvmod"}:
            break
        if not tokens and child.dep_ == "prep" and child.lower_ != "as" and cue.content == "obj":
            continue  # "confirming with the referee": what is said is an object, not a circumstance
        if child.left_edge.i > 0 and verb.doc[child.left_edge.i - 1].text == ",":
            break
        tokens += list(child.subtree)
    return without_asides(tokens) or None


def source_of(verb: Token) -> Token | None:
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return next((o for o in agent.children if o.dep_ == "pobj"), None) if agent is not None else None
    found = subject(verb)
    if found is None and (verb.tag_ in FINITE or verb.dep_ in {"ROOT", "amod"}):
        return unparsed_source(verb)
    return found


def unparsed_source(verb: Token) -> Token | None:
    """The speaker of a finite cue the parser left with no subject: the name right after it
    when it follows a quote ('"...", added TASS.', read as its object), else the name right
    before it, set off by commas ('Tom Molomby, SC, said that', hung on another word)."""
    doc = verb.doc
    before = [t for t in doc[verb.sent.start : verb.i] if not t.is_space]
    if before and before[-1].text == ",":
        before.pop()
    if before and (before[-1].text in CLOSING or before[-1].text == STRAIGHT):
        if verb.dep_ == "amod" and verb.head.i == verb.i + 1 and verb.head.pos_ == "PROPN":
            return verb.head  # '", added Xinhua': read as an adjective on the name
        return next((c for c in verb.rights if c.dep_ in NAMED_AFTER and c.pos_ in {"PROPN", "NOUN"}), None)
    if verb.dep_ == "amod":
        return None
    if not before or before[-1].pos_ not in {"PROPN", "NOUN"}:
        return None
    name = before[-1]
    while name.dep_ in {"appos", "compound"} and name.head.i < verb.i:
        name = name.head
    return name if name.dep_ in LOOSE and name.pos_ in {"PROPN", "NOUN"} else None


def find_frames(doc: Doc, args: Arguments) -> list[Frame]:
    quotes = quote_spans(text_of(doc))
    frames = with_colon_quotes(doc, args, quotes, list(verb_frames(doc, args, quotes)))
    frames += according_to_frames(doc, args)
    frames = [  # "according to Yonhap, the army has been told to prepare": Yonhap's words
        f
        for f in frames
        if f.source is not None or f.speakers or not any(g is not f and g.contains(f.cue[0]) for g in frames)
    ]
    frames += [  # "they claimed he allegedly left": the adverb is the speaker's, inside their claim
        f for f in adverb_frames(doc) if not any(g.contains(f.cue[0]) for g in frames)
    ]
    frames += [
        f
        for f in noun_frames(doc, args)
        if f.stance == "discredit" or not any(overlaps(f.content, g.content) for g in frames)
    ]
    return sorted(frames, key=lambda f: f.cue)


def colon_cue(colon: Token, quotes: list[tuple[int, int]]) -> Token | None:
    """The verb that introduces the quote after a colon: the colon's verb, or the speech verb
    whose own content it closes ('told Sky News any process "must be well thought out": "..."'),
    or the verb of an adjective it ends ('has called the ruling "dangerous":')."""
    table = cues()
    head = colon.head
    for _ in range(4):
        quoted = any(s <= head.idx < e for s, e in quotes)
        content_of_a_cue = head.dep_ == "ccomp" and (lemma_of(head.head), "VERB") in table
        if head.pos_ in {"VERB", "AUX"} and not quoted and not content_of_a_cue:
            return head if head.i < colon.i else None
        if head.head.i == head.i:
            return None
        head = head.head
    return None


def with_colon_quotes(
    doc: Doc, args: Arguments, quotes: list[tuple[int, int]], frames: list[Frame]
) -> list[Frame]:
    """A quote after a colon is what the verb before the colon says, whatever the verb
    ('She continued: "..."', 'the minister defended the plan ...: "..."'): a claim of its own, the
    verb's other content ending at the colon, and no other verb's."""
    table = cues()
    for quote in quotes:
        colon = colon_before(doc, quote)
        if colon is None:
            continue
        verb = colon_cue(colon, quotes)
        if verb is None or any(c.dep_ == "neg" for c in verb.children):
            continue
        src = source_of(verb)
        if src is None or src.tag_ in RELATIVE or src.lower_ in RELATIVE_WORDS:
            continue
        kept = []
        for f in frames:
            if f.cue_token == verb.i and f.content[0] < colon.idx < f.content[1]:
                f.content = token_span([t for t in doc if f.content[0] <= t.idx < colon.idx]) or f.content
            if f.cue_token == verb.i or not (overlaps(f.content, quote) and f.content[0] >= colon.idx):
                kept.append(f)
        frames = kept
        if any(f.cue_token == verb.i and f.content == quote for f in frames):
            continue
        cue = table.get((lemma_of(verb), "VERB"))
        named = token_span(list(src.subtree))
        stance = cue.stance if cue is not None else "assert"
        frames.append(Frame(cue_span(verb), named, args.of(src), quote, "direct", stance, verb.i))
    return frames


def verb_frames(doc: Doc, args: Arguments, quotes: list[tuple[int, int]]) -> Iterator[Frame]:
    table = cues()
    for verb in doc:
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        cue = table.get((lemma_of(verb), "VERB"))
        if cue is None or any(c.dep_ == "neg" for c in verb.children):
            continue  # "did not explicitly deny": a non-denial is no attribution
        if any(s <= verb.idx < e for s, e in quotes):
            continue  # "I think ..." inside a quote: the quoted speaker's own words
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
        unnamed = passive and not any(c.dep_ == "agent" for c in verb.children)
        if unnamed and said_of_the_subject(verb, cue) is None:
            continue  # "is believed to", "was found", "was told that": no one is named as saying it
        if (
            verb.tag_ == "VBN"
            and any(c.dep_ == "nsubj" for c in verb.children)
            and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
        ):
            continue  # "so the taxes requested in arrears are ...": a participle, read as a verb
        tokens = content_tokens(verb, cue)
        if cue.stance == "deny" and (
            any(c.dep_ == "dative" for c in verb.children)
            or tokens
            and not any({t.lemma_.lower(), t.lower_} & CLAIM_WORDS for t in tokens[:3])
            and not any(t.dep_ == "ccomp" for t in verb.children)
        ):
            continue  # "denied visas", "denying them entry": a refusal, not a denial of something said
        if cue.stance == "request" and not asks_for_an_act(verb, tokens, quotes):
            continue  # "requested donations", "ask for help": a thing asked for, not an act
        if verb.dep_ == "acl" and tokens is None and any(c.lower_ == "to" for c in verb.children):
            continue  # "his ability to testify": a noun's infinitive introduces no quote nearby
        if unnamed:  # "she was told to disconnect", "are accused of neglect": by someone unnamed
            prep = said_of_the_subject(verb, cue)
            if tokens and prep is not None and tokens[0].i == prep.i:
                tokens = tokens[1:]  # "described as | pseudoscience": the preposition is the cue's
            if tokens is None:
                continue
            end = prep if prep is not None and prep.i == verb.i + 1 and prep.lower_ == "as" else verb
            at = (cue_span(verb)[0], end.idx + len(end.text))
            content = token_span(tokens)
            if content is not None:
                yield Frame(at, None, [], content, "indirect", cue.stance, verb.i)
            continue
        src = source_of(verb)
        if src is None or src.tag_ in RELATIVE or src.lower_ in RELATIVE_WORDS:
            continue  # no one named as saying it ("encourage interest", "that denied")
        if src is not None and tokens is not None and src.i in {t.i for t in tokens}:
            tokens = None
        inside = token_span(tokens) if tokens else None
        near = quotes_near(verb, quotes, inside)
        kind = "indirect"
        if near:
            q_start, q_end = near[0][0], near[-1][1]
            if inside is None or (q_start <= inside[0] and inside[1] <= q_end + 2):
                content, kind = (q_start, q_end), "direct"
            elif inside[0] < q_start < inside[1] or inside[0] < q_end < inside[1]:
                content, kind = inside, "mixed"
            else:
                content = inside
        elif inside is not None:
            content = inside
        else:
            continue
        named = list(src.subtree)
        if src.i > verb.i and verb in named:  # '", added Xinhua': the name is the cue's head
            named = [t for t in named if t.i > verb.i]
        yield Frame(cue_span(verb), token_span(named), args.of(src), content, kind, cue.stance, verb.i)


def said_of_the_subject(verb: Token, cue: Cue) -> Token | None:
    """What an agentless passive cue says of its subject, when it says it in a phrase of its
    own: a to-infinitive ("was told to leave", "were advised to send"), the of-phrase of an
    accusation ("are accused of neglect"), an as-phrase ("has been described as pseudoscience").
    Returns the infinitive's verb or the preposition; None for "is believed to" (a hedge on the
    subject's own act) or "was told that" (a clause the passive subject did not say)."""
    if not cue.unnamed:
        return None
    for child in verb.children:
        if child.i < verb.i:
            continue
        infinitive = child.dep_ == "xcomp" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        )
        if infinitive and cue.stance in {"assert", "request"}:
            return child
        if child.dep_ == "prep" and (child.lower_, cue.content) in {("of", "of"), ("as", "obj")}:
            return child
    return None


def asks_for_an_act(verb: Token, tokens: list[Token] | None, quotes: list[tuple[int, int]]) -> bool:
    """A request verb reports a request when what is asked for is an act or words: a clause
    ("asked Poland to send tanks", "asked how ..."), or a quote ("recommending "online tools"",
    '"Will you stay?" she asked')."""
    if any(c.dep_ in CLAUSE_DEPS for c in verb.children):
        return True
    return bool(quotes_near(verb, quotes, token_span(tokens) if tokens else None))


def according_to_frames(doc: Doc, args: Arguments) -> Iterator[Frame]:
    for token in doc:
        if token.lower_ != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        if to is None:
            continue
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        clause = token.head if token.head.i != token.i else token
        content = token_span(own_clause(clause, token)) if clause.i != token.i else None
        if content is None:
            continue
        yield Frame(
            (token.idx, to.idx + len(to.text)),
            token_span(list(obj.subtree)),
            args.of(obj),
            content,
            "indirect",
            "assert",
            token.i,
        )


def adverb_frames(doc: Doc) -> Iterator[Frame]:
    table = cues()
    for token in doc:
        cue = table.get((token.lower_, "ADV"))
        if cue is None or token.dep_ != "advmod":
            continue
        content = token_span(own_clause(token.head, token))
        if content is not None:
            yield Frame(
                (token.idx, token.idx + len(token.text)), None, [], content, "indirect", cue.stance, token.i
            )


def noun_frames(doc: Doc, args: Arguments) -> Iterator[Frame]:
    """ "Russia's statement that ...", "allegations of North Korea transferring missiles"."""
    table = cues()
    for noun in doc:
        if noun.pos_ != "NOUN":
            continue
        cue = table.get((noun.lemma_.lower(), "NOUN"))
        if cue is None or noun.dep_ == "compound":
            continue
        tokens = None
        for child in noun.children:
            if child.dep_ in {"acl", "ccomp"} and any(m.lower_ == "that" for m in child.children):
                tokens = list(child.subtree)
            elif cue.content == "of" and child.dep_ == "prep" and child.lower_ == "of":
                tokens = [t for t in child.subtree if t.i > child.i]
                # "allegations of North Korea transferring missiles": the gerund hangs on the noun
                tokens += [t for a in noun.rights if a.dep_ == "acl" for t in a.subtree]
        if tokens is None and noun.i + 1 < len(doc) and doc[noun.i + 1].lower_ == "that":
            # "under the pretext that the army fired": the clause may hang on the verb
            mark = doc[noun.i + 1]
            if (
                mark.dep_ == "mark"
                and mark.head.dep_ in {"ccomp", "acl", "advcl", "relcl"}
                and mark.head.i > noun.i
            ):
                tokens = list(mark.head.subtree)
        if tokens is None and noun.dep_ == "dobj":  # "reiterated its demand today that Israel ease ..."
            that = [
                c
                for c in noun.head.children
                if c.dep_ == "ccomp" and any(m.lower_ == "that" for m in c.children)
            ]
            tokens = list(that[0].subtree) if that else None
        content = token_span(tokens) if tokens else None
        if content is None:
            continue
        holder = next((c for c in noun.children if c.dep_ == "poss"), None)
        if cue.stance == "discredit":
            holder = None  # the teller discredits it: the speaker of the claim around, or the narrator
        elif holder is None:  # "issued a statement", "accused them, with allegations of": the verb's subject
            verb = noun.head
            while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
                verb = verb.head
            holder = subject(verb) if verb.pos_ in {"VERB", "AUX"} else None
            if holder is not None and noun.i in {t.i for t in holder.subtree}:
                holder = None  # "Allegations of ... have circulated": no one is named
        source = token_span(list(holder.subtree)) if holder is not None else None
        speakers = args.of(holder) if holder is not None else []
        cue_at = (noun.idx, noun.idx + len(noun.text))
        said = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "in" else None
        if said is not None and table.get((lemma_of(said), "VERB")) is not None:
            cue_at = cue_span(said)  # "told LA Weekly in a statement that ...": the verb is the cue
        yield Frame(cue_at, source, speakers, content, "indirect", cue.stance, noun.i)


def innermost(frames: list[Frame], token: Token) -> Frame | None:
    """The narrowest frame whose content holds `token` (nested claims: the inner speaker)."""
    holding = [f for f in frames if f.contains(token.idx) and f.cue_token != token.i]
    return min(holding, key=lambda f: f.content[1] - f.content[0]) if holding else None


def enclosing_speakers(frames: list[Frame], frame: Frame) -> list[Mention]:
    """Who tells a frame that names no one ("reportedly", "the pretext that ..." inside a
    quote): the speakers of the narrowest frame around its cue that names some."""
    around = [
        f
        for f in frames
        if f is not frame and f.speakers and f.contains(frame.cue[0]) and f.cue[0] != frame.cue[0]
    ]
    return min(around, key=lambda f: f.content[1] - f.content[0]).speakers if around else []
