"""What a button says when it is pressed (Telegram's ``callback_data``), built and read in one place.

Every feature's buttons are a ``ButtonKind`` in ``REGISTRY`` (declared below, or beside the values they
name, as /instellingen's are in ``bot.domain.group_settings``): a prefix, and per verb the fields that follow, each of
a known form. ``data(verb, *values)`` builds a payload and refuses a verb it does not know, a value of
the wrong form or a payload over Telegram's 64 bytes — when the button is made, not when Telegram
refuses the message. ``pattern(*verbs)`` is the regular expression a handler registers for its verbs,
with the verb and each field as groups in order; ``read(data)`` gives back the verb and the values
(row ids and pages as ints). ``register`` refuses a prefix that is taken, so two features can never
answer each other's buttons.

The payloads keep the form they always had ("a:sup:12"): buttons in messages sent before still work.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.domain.bot_api_rules import CALLBACK_LIMIT


@dataclass(frozen=True)
class Field:
    """One value in a payload: its form (a regular expression without groups) and how it is read."""

    name: str
    form: str
    read: Callable[[str], Any] = str
    longest: int = 0  # the most characters it can take (for the 64-byte check of every kind)
    example: str = "1"  # a value of this form (the tests press every verb with it)

    def check(self, value: Any) -> str:
        text = str(value)
        if re.fullmatch(self.form, text) is None:
            raise ValueError(f"{self.name} {text!r} is not of the form {self.form}")
        return text


def one_of(name: str, *words: str) -> Field:
    form = "|".join(re.escape(word) for word in words)
    return Field(name, form, str, max(len(word) for word in words), words[0])


# A row id: at most 9 digits, inside PostgreSQL's integer (a forged 10-digit id matches no button).
ID = Field("id", r"\d{1,9}", int, 9)
PAGE = Field("page", r"\d{1,5}", int, 5, "0")
DAY = Field("day", r"\d{8}", str, 8, "20261205")  # yyyymmdd


@dataclass(frozen=True)
class Pressed:
    verb: str
    values: tuple[Any, ...]


@dataclass
class ButtonKind:
    """A feature's buttons: ``prefix`` and, per verb, its fields (the verb "" is a payload without one)."""

    prefix: str
    verbs: dict[str, tuple[Field, ...]]
    about: str
    _matchers: dict[str, re.Pattern[str]] = field(default_factory=dict, repr=False)

    def data(self, verb: str, *values: Any) -> str:
        fields = self.verbs.get(verb)
        if fields is None:
            raise ValueError(f"{self.prefix}: no verb {verb!r}")
        if len(values) != len(fields):
            raise ValueError(f"{self.prefix}:{verb} takes {len(fields)} value(s), got {len(values)}")
        parts = [self.prefix, *([verb] if verb else []), *(f.check(v) for f, v in zip(fields, values))]
        payload = ":".join(parts)
        if len(payload.encode()) > CALLBACK_LIMIT:
            raise ValueError(f"callback_data over {CALLBACK_LIMIT} bytes: {payload!r}")
        return payload

    def pattern(self, *verbs: str) -> str:
        """The handler's regular expression for ``verbs`` (all when none are named). Verbs with the same
        fields give groups in order (verb, then each field); mixed ones are read with ``read``."""
        chosen = verbs or tuple(self.verbs)
        unknown = [verb for verb in chosen if verb not in self.verbs]
        if unknown:
            raise ValueError(f"{self.prefix}: no verb(s) {unknown}")
        shapes = {tuple(f.form for f in self.verbs[verb]) for verb in chosen}
        if len(shapes) == 1:
            fields = self.verbs[chosen[0]]
            verb_part = [f"({'|'.join(re.escape(v) for v in chosen)})"] if chosen != ("",) else []
            return "^" + ":".join([re.escape(self.prefix), *verb_part, *(f"({f.form})" for f in fields)]) + "$"
        alternatives = "|".join(self._body(verb) for verb in chosen)
        return f"^{re.escape(self.prefix)}:(?:{alternatives})$"

    def read(self, data: str) -> Pressed | None:
        """The verb and values of a payload of this kind; None when it is not one."""
        for verb, fields in self.verbs.items():
            matcher = self._matchers.get(verb)
            if matcher is None:
                groups = [f"({f.form})" for f in fields]
                matcher = re.compile(":".join([re.escape(self.prefix), *([re.escape(verb)] if verb else []), *groups]))
                self._matchers[verb] = matcher
            found = matcher.fullmatch(data)
            if found is not None:
                return Pressed(verb, tuple(f.read(v) for f, v in zip(fields, found.groups())))
        return None

    def examples(self) -> dict[str, str]:
        """A payload of every verb (the tests check each one reaches a handler)."""
        return {verb: self.data(verb, *(f.example for f in fields)) for verb, fields in self.verbs.items()}

    def expect(self, data: str | None) -> Pressed:
        """``read`` for a handler registered with this kind's pattern: the payload is one of ours."""
        pressed = self.read(data or "")
        if pressed is None:
            raise ValueError(f"not a {self.prefix} button: {data!r}")
        return pressed

    def longest(self) -> int:
        """The longest payload this kind can make, in bytes (all forms are ASCII)."""
        return max(
            len(self.prefix) + (len(verb) + 1 if verb else 0) + sum(f.longest + 1 for f in fields)
            for verb, fields in self.verbs.items()
        )

    def _body(self, verb: str) -> str:
        fields = self.verbs[verb]
        return ":".join([re.escape(verb), *(f"(?:{f.form})" for f in fields)])


REGISTRY: dict[str, ButtonKind] = {}


def register(prefix: str, about: str, verbs: dict[str, tuple[Field, ...]]) -> ButtonKind:
    if prefix in REGISTRY:
        raise ValueError(f"button prefix {prefix!r} is taken by {REGISTRY[prefix].about}")
    if ":" in prefix or not prefix:
        raise ValueError(f"a button prefix is one word: {prefix!r}")
    kind = ButtonKind(prefix, verbs, about)
    if kind.longest() > CALLBACK_LIMIT:
        raise ValueError(f"{prefix}: a payload could take {kind.longest()} bytes (Telegram takes {CALLBACK_LIMIT})")
    REGISTRY[prefix] = kind
    return kind


def kind_of(data: str) -> ButtonKind | None:
    """The registered kind a payload belongs to (by its prefix), whether or not it reads."""
    return REGISTRY.get(data.split(":", 1)[0])


def _same(fields: tuple[Field, ...], *verbs: str) -> dict[str, tuple[Field, ...]]:
    return {verb: fields for verb in verbs}


# ---------------------------------------------------------------- the registry: every button Brug makes

DRAFT_STEP = Field("step", r"[a-z_-]{1,20}", str, 20, "title")
DRAFT_ARG = Field("arg", r"[a-z_]{1,20}|\d{1,9}", str, 20, "1")

ACTION = register("a", "an action's card, its concerns and its steering", _same(
    (ID,), "sup", "con", "cshow", "cpriv", "cre", "smaller", "title", "tok", "tno", "undo", "later", "letgo",
    "letok", "keep", "done", "join",
))
HARVEST = register("h", "the harvest questions after an action", {
    "start": (ID,), "skip": (ID, one_of("question", "what", "met", "reach", "again")),
    # "Wie uit de buurt hebben jullie ontmoet?" onto the partners' longlist in one tap (issue 20).
    "meet": (ID,),
})
COMMITMENT = register("c", "a member's commitment", _same(
    (ID,), "plain", "dflt", "done", "later", "rel", "relok", "keep", "miss",
))
DRAFT = register("d", "the questions of a proposal being written", {
    "grp": (ID,),
    **_same((ID, DRAFT_STEP), "skip", "stop", "keep", "smaller", "no", "post", "edit", "back", "undo", "resume",
            "discard", "dayno"),
    **_same((ID, DRAFT_STEP, DRAFT_ARG), "partner", "agenda", "redo", "day"),
})
REMINDER = register("r", "a reminder's own buttons", {
    "snooze": (ID,), "resume": (ID,),
    "pause": (one_of("days", "1", "3", "7"), ID),
    "lead": (one_of("lead", "0", "1", "2"), ID),
    "hour": (one_of("hour", "9", "10", "14", "19"), ID),
})
PRIVACY = register("privacy", "/vergeetmij's question", _same((ID,), "forget", "keep"))
START = register("start", "the welcome's buttons", {"help": (), "lang": ()})
EXPORT = register("ex", "/export's group picker", {"g": (ID,)})
HELPING = register("hm", "🤝 Wij helpen mee: pick an agenda item or a partner's activity, and go", {
    **_same((ID,), "g", "i", "p", "goi", "gop"),
})
SERIES = register("sr", "again and again: the next time once, every week or every month, and stopping", {
    "again": (ID,), "week": (ID,), "month": (ID,), "stop": (ID,),
})
NEIGHBOURHOOD = register("nb", "📣 Ook voor de buurt: an action's public page, its flyer and sign-ups", {
    "g": (ID,), "a": (ID,), "pub": (ID,), "wd": (ID,), "fly": (ID,), "ls": (ID,), "rm": (ID,),
    "bring": (ID,),
})
DASHBOARD_LOGIN = register("dash", "a dashboard login to confirm", _same((ID,), "yes", "no"))
LANGUAGE = register("lang", "/taal", _same((one_of("language", "nl", "en"),), "m", "g"))
DAY_YES = register("dy", "'Bedoel je zaterdag 19 december?' — yes", {"": (DAY,)})
DAY_NO = register("dn", "'Bedoel je zaterdag 19 december?' — no", {"": ()})
OVERVIEW = register("ov", "/overzicht", {
    "g": (ID,),
    "s": (ID, Field("sort", r"[aold]|[AM]\d{1,9}", str, 10, "a"), PAGE),
    **_same((ID, PAGE), "pa", "pm"),
})
PROFILE_FIELD = one_of("field", "about", "place", "join")
PROFILE = register("pf", "the group's profile", {
    "e": (ID, PROFILE_FIELD), "post": (ID,), "pp": (ID, PAGE), "to": (ID,),
    "g": (ID,), "s": (ID,), "sf": (ID, PROFILE_FIELD),
    "ok": (ID,), "no": (ID,),
})
# /instellingen ("st") is declared with its fields in bot.group_settings.
COORDINATORS = register("crd", "/coordinatoren", {
    "t": (ID, ID, Field("page", r"\d{1,4}", int, 4)), "p": (ID, Field("page", r"\d{1,4}", int, 4)),
})
AGENDA = register("ag", "/agenda", {
    **_same((ID,), "g", "add", "v", "del", "dely"),
    "l": (ID, PAGE),
    "e": (ID, one_of("field", "what", "when", "where", "organiser")),
})
PARTNERS = register("pt", "/partners, and the nudge about a quiet partner", {
    # stm: "Waar staan we?"; ct: "✅ Net contact gehad" (the quiet-partner nudge).
    **_same((ID,), "g", "add", "v", "sl", "km", "rm", "del", "dely", "stm", "ct"),
    "l": (ID, PAGE),
    "e": (ID, one_of(
        "field", "name", "contact", "moving", "last", "role", "asks", "offer", "theirs", "ours",
    )),
    "k": (ID, one_of("flow", "e", "n"), Field("kind", r"\d|o|x", str, 1, "o")),
    "rs": (ID, one_of("role", "w", "b", "x")),
    "st": (ID, one_of("status", "meeting", "talking", "together", "not_now")),
})
NOTHING = register("noop", "a button that only shows (a heading)", {"": ()})
