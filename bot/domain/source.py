"""/bron: where Brug comes from — the publication *Geen eilandje in de buurt willen zijn* (GGD Flevoland and
the lectoraten Urban Innovation and Klantenperspectief in Ondersteuning en Zorg of Windesheim, with
Wooncoöperatie De BinnenHaven and the Voorzorgcirkels Almere) — and its tips, one a week in the digest.

The tips are the seed's "Tips voor andere initiatiefnemers", in its own words (``prompts/<lang>/source.ftl``).
"""

from __future__ import annotations

from datetime import date

from bot.domain.messages import Reply

# In the order of the publication; the digest takes one per calendar week, round and round.
TIPS = (
    "partners", "profile", "wheel", "system", "place", "now", "energy", "key-figures", "broad", "reciprocal",
    "survey", "together",
)


def tip_of_the_week(day: date) -> Reply:
    """The same tip all week (ISO week), a different one the next."""
    key = TIPS[day.isocalendar().week % len(TIPS)]
    return Reply("source-tip", args={"title": Reply(f"tip-{key}-title"), "text": Reply(f"tip-{key}-text")})


def source_text(today: date) -> Reply:
    return Reply("source-text", args={"tip": tip_of_the_week(today)})
