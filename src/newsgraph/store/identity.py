"""Which stored actor an article's actor is, across articles.

Within an article, extraction already links "Kirby" and "he" to "John Kirby". Across
articles, an actor is first looked up by its key (kind, normalised name, country); a person
who is not found that way is looked up by name:

- a name another article used for a stored person of the same country ("Kirby", written
  as a proper name there and linked to John Kirby by that article's coreference);
- a surname alone: the stored people of the same country whose name ends with it, or
  starts with it, as family names do in Korean or Chinese ("Kirby" -> John Kirby, "Kim" ->
  Kim Jong Un).

It resolves only when these candidates come to exactly one person.

Sectors must agree when both are known. Two candidates, or none, leave the person as a new
actor: different people with the same surname stay apart when their countries or roles differ,
and an ambiguous surname is never guessed.
"""

from __future__ import annotations

from sqlalchemy import Connection, func, or_, select

from newsgraph.store.schema import actor_aliases, actors


def _agree(sector: str | None, other: str | None) -> bool:
    return sector is None or other is None or sector == other


def resolve_person(conn: Connection, alias: str, country: str | None, sector: str | None) -> int | None:
    """The id of the one stored person this name stands for, or None. `alias` is the name
    normalised as in `actor_aliases.alias` (`newsgraph.store.write.normalize_name`)."""
    same_country = actors.c.country == country if country else actors.c.country.is_(None)
    by_alias = conn.execute(
        select(actors.c.id, actors.c.sector)
        .join(actor_aliases, actor_aliases.c.actor_id == actors.c.id)
        .where(actor_aliases.c.alias == alias, actors.c.kind == "person", same_country)
        .distinct()
    ).all()
    found = {r.id for r in by_alias if _agree(sector, r.sector)}
    if " " not in alias:  # a surname: every person of that surname is a candidate
        name = func.lower(actors.c.name)
        by_surname = conn.execute(
            select(actors.c.id, actors.c.sector).where(
                actors.c.kind == "person",
                same_country,
                or_(
                    name.like(f"% {_escape(alias)}", escape="\\"),
                    name.like(f"{_escape(alias)} %", escape="\\"),
                ),
            )
        ).all()
        found |= {r.id for r in by_surname if _agree(sector, r.sector)}
    return found.pop() if len(found) == 1 else None


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def is_proper_name(surface: str) -> bool:
    """A mention worth keeping as a name of its actor: a proper name ("Kirby", "the White
    House"), not a pronoun or a common noun phrase ("he", "the ministry")."""
    words = surface.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return bool(words) and any(w[:1].isupper() for w in words) and surface.lower() not in _PRONOUNS


_PRONOUNS = frozenset(
    ["i", "we", "you", "he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "us", "me"]
)
