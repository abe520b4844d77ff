"""The actor mentions a token stands for: itself, its conjuncts, its antecedent, or (for a
noun that is no actor, such as "Russia's war efforts") its possessor, nationality or the
phrase that says whose it is."""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.extract.actors import NON_STATE, Mention, role_of, state_mention
from newsgraph.extract.quantities import unit
from newsgraph.extract.resolve import focus_country
from newsgraph.extract.syntax import RELATIVE
from newsgraph.extract.triggers import lookup
from newsgraph.lexicon import word_classes

WHERE_PREPS = {"in", "across", "throughout", "at", "near"}
# participles that make a name the owner: "US-led", "Hamas-run", "Kremlin-controlled"; not
# "Iran-backed" (a proxy is a side of its own)
LEADING = {"lead", "run", "control", "command", "own"}
EVENT_NOUN_PREPS = {"against", "on", "from", "with", "between", "by"}


def elliptical_count(token: Token) -> bool:
    """ "more", "other", "another" after a number: it counts what a number before counted
    (the `inherit` rows of units.tsv, which the quantities read the same way)."""
    return unit(token.lemma_.lower(), "inherit") is not None


def is_such_as(prep: Token) -> bool:
    """ "such as": "such" right before the "as", or hanging on it."""
    if prep.lower_ != "as":
        return False
    before = prep.doc[prep.i - 1] if prep.i > 0 else None
    return (before is not None and before.lower_ == "such") or any(c.lower_ == "such" for c in prep.children)


def spelled_out(modifier: Token, noun: Token) -> bool:
    """A name before a bracket that spells it out ("DRM (digital rights management)"): the
    parser's modifier, not a name that says whose the noun is."""
    return any(t.is_punct for t in modifier.doc[modifier.i + 1 : noun.i])


class Arguments:
    """Finds the actor mentions a token stands for: itself, its conjuncts, its antecedent,
    or (for a noun that is no actor, such as "Russia's war efforts") its possessor or
    nationality."""

    def __init__(
        self, mentions: list[Mention], antecedents: dict[int, list[Mention]], markers: dict[int, str]
    ) -> None:
        self.by_head = {m.head: m for m in mentions}
        self.by_token = {i: m for m in mentions for i in range(m.start, m.end)}
        self.antecedents = antecedents
        self.markers = markers
        self.proxies = word_classes()["proxy"]
        self.wrongdoing = word_classes()["wrongdoing"]
        self.proposals = word_classes()["proposal"]
        self.shelters = word_classes()["shelter"]
        self.focus = focus_country(mentions, markers)

    def local_country(self, token: Token) -> str | None:
        """The country whose authorities act where nothing names them: a town or state named in
        the sentence, else the article's country of focus."""
        located = [  # "a riot in Washington", "protests across Iran": where it happens, first
            m
            for t in token.sent
            if (m := self.by_head.get(t.i)) is not None
            and m.country not in NON_STATE | {None}
            and (m.kind == "state" or m.key.startswith("place:"))
            and t.dep_ == "pobj"
            and t.head.lower_ in WHERE_PREPS
        ]
        if located:
            return located[0].country
        for t in token.sent:  # else a town or state named anywhere in the sentence
            m = self.by_head.get(t.i)
            if m is not None and m.key.startswith("place:") and m.country and m.country not in NON_STATE:
                return m.country
        return self.focus

    def of(self, token: Token | None) -> list[Mention]:
        if token is None:
            return []
        out: list[Mention] = []
        # "North and South Korea": the elliptical first state hangs on the shared name
        elliptical = [c for c in token.children if c.dep_ == "nmod" and c.i in self.by_head and c.conjuncts]
        for t in [token, *token.conjuncts, *elliptical]:
            for m in self._one(t, depth=0):
                if m not in out:
                    out.append(m)
        return out

    def _one(self, t: Token, depth: int) -> list[Mention]:
        if t.i in self.by_head:
            return [self.by_head[t.i]]
        if t.i in self.antecedents:
            return self.antecedents[t.i]
        if t.i in self.by_token:
            return [self.by_token[t.i]]
        if t.tag_ in RELATIVE and t.head.dep_ == "relcl":
            return self._one(t.head.head, depth)
        if depth == 0 and (t.pos_ == "NUM" or t.like_num) and any(elliptical_count(c) for c in t.children):
            return self.counted_before(t)  # "rescued 700 migrants, and the navy saved 200 more"
        if t.dep_ == "amod" and t.tag_ == "VBN" and t.lemma_.lower() in LEADING:
            return self.leader(t)  # "US-led": the one who leads it
        if depth > 1 or t.pos_ not in {"NOUN", "PROPN"}:
            return []
        examples = self.examples(t, depth)  # "Tunisia's neighbours, including Algeria": Algeria
        if examples:
            return examples
        for child in t.children:
            if child.dep_ == "poss":
                return self._one(child, depth + 1)
        for child in t.children:
            if child.dep_ in {"amod", "compound"} and child.i in self.markers:
                return [self.state(self.markers[child.i], child)]
            if child.dep_ == "amod" and child.tag_ == "VBN" and child.lemma_.lower() in LEADING:
                found = self.leader(child)  # "the Saudi-led coalition"
                if found:
                    return found
            if child.dep_ in {"compound", "nmod"} and child.i in self.by_head and not spelled_out(child, t):
                return [self.by_head[child.i]]  # "a U.N. Security Council resolution", "the Taliban faction"
        if t.lemma_.lower() in self.proxies:  # "a police convoy", "an army base": the force it serves
            found = [self.role(c) for c in t.children if c.dep_ == "compound" and role_of(c) is not None]
            if found:
                return found[:1]
        # "countries like Poland", "the government of Iraq", "the involvement of North Korean forces",
        # "sanctions against Nigeria", "an appeal from the president"
        preps = {"as"} | ({"of", "in"} if t.lemma_.lower() in self.proxies else set())  # examples: above
        if t.lemma_.lower() in self.shelters:
            preps |= {"for"}  # "a camp for Congolese refugees"
        if any(c.lower_ in {"former", "ex"} for c in t.children):
            preps -= {"of", "in"}  # "former members of the church" no longer act for it
        if lookup(t) is not None:
            preps |= EVENT_NOUN_PREPS
        if t.lemma_.lower() in self.wrongdoing:  # "investigating war crimes by extremists"
            preps |= {"by"}
        if t.lemma_.lower() in self.proposals:  # "rejected an offer from Kabul", "a plan by the EU"
            preps |= {"from", "by"}
        for child in t.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                found = [
                    m for obj in child.children if obj.dep_ == "pobj" for m in self.of_all(obj, depth + 1)
                ]
                if found:
                    return found
        # "a plan backed by the Red Cross", "the bill drafted by the opposition": whose it is
        for child in t.children:
            if child.dep_ == "acl" and child.tag_ == "VBN":
                for agent in (c for c in child.children if c.dep_ == "agent"):
                    found = [
                        m for obj in agent.children if obj.dep_ == "pobj" for m in self.of_all(obj, depth + 1)
                    ]
                    if found:
                        return found
        return []

    def leader(self, participle: Token) -> list[Mention]:
        """Who a "-led" ("-run", "-controlled") modifier names ("the Saudi-led coalition")."""
        for c in participle.children:
            # a name or a state, not a role ("a judge-led inquiry" is no judge's act)
            if c.dep_ in {"npadvmod", "compound", "nmod"} and c.i < participle.i and c.pos_ != "NOUN":
                if c.i in self.by_head:
                    return [self.by_head[c.i]]
                if c.i in self.markers:
                    return [self.state(self.markers[c.i], c)]
        return []

    def examples(self, t: Token, depth: int) -> list[Mention]:
        """The actors a noun's examples name ("countries like Poland", "including Algeria", "such
        as Chad"; not a bare "as": "Turkey's role as a NATO member" is Turkey's)."""
        return [
            m
            for p in t.children
            if p.dep_ == "prep" and (p.lower_ in {"like", "including"} or is_such_as(p))
            for obj in p.children
            if obj.dep_ == "pobj"
            for m in self.of_all(obj, depth + 1)
        ]

    def counted_before(self, t: Token) -> list[Mention]:
        """The people an elliptical count ("200 more") counts: the nearest noun before it in its
        sentence that carries a number of its own and names an actor."""
        for before in reversed(t.doc[t.sent.start : t.i]):
            if before.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in before.children):
                found = self._one(before, 1)
                if found:
                    return found
        return []

    def of_all(self, t: Token, depth: int) -> list[Mention]:
        return [m for c in [t, *t.conjuncts] for m in self._one(c, depth)]

    def role(self, token: Token) -> Mention:
        """A role noun that modifies another ("police" in "a police convoy") as the actor it
        names, of the country its sentence or the article is about."""
        kind, sector = role_of(token) or ("group", None)
        country = self.markers.get(token.i - 1) or self.local_country(token)
        lemma = token.lemma_.lower()
        return Mention(
            token.i,
            token.i + 1,
            token.i,
            token.text,
            kind,
            country,
            sector,
            lemma,
            f"role:{lemma}:{country}:{sector}",
            "role noun modifying a place or convoy",
        )

    def state(self, country: str, token: Token) -> Mention:
        return state_mention(country, token.i, "nationality modifier")
