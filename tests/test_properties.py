"""Issue 7: property-based tests (hypothesis) on every free-text step and on callback data.

For any text typed at any question Brug can ask, and any callback data a client can send:
- no exception escapes a handler (every update's log line says ``outcome=ok``),
- nothing Telegram would refuse is sent (the fake refuses bad HTML, empty or too long texts, bad
  buttons), and what the member typed never comes back as live HTML,
- no row that belongs to another member changes.
"""

from __future__ import annotations

import json
import os
import logging
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.app import FEATURES
from bot.domain.buttons import REGISTRY
from bot.domain.i18n import PROMPTS_DIR
from bot.road.logs import UPDATE_LOGGER
from bot.domain.pending import ask
from bot.domain.privacy import row_to_dict
from storage.models import ActionDraft, AgendaItem, Base, Group, Member, Partner
from tests.action_steps import Cast, card_call, make_cast, private_last, write_proposal
from tests.harness import BotHarness, User

REPLY_KINDS = sorted({kind for module in FEATURES for kind in getattr(module, "REPLY_KINDS", {})})
# Every verb of every registered button kind (bot.buttons), followed by forged values.
CALLBACK_PREFIXES = sorted(
    f"{kind.prefix}:{verb}" if verb else kind.prefix for kind in REGISTRY.values() for verb in kind.verbs
)
EXAMPLES = settings(
    max_examples=12,
    deadline=None,
    # CI replays the same examples every run (a red build must be reproducible); locally they vary.
    derandomize=os.environ.get("CI") == "true",
    # A failure prints the blob that replays it (@reproduce_failure): a flake can be chased, not guessed.
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# What people type: anything printable (Telegram carries no NUL or lone surrogates), and the classics.
typed = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300),
    st.sampled_from([
        "", " ", "<script>alert(1)</script>", "<b>vet</b> & <i>", "&amp;&lt;", "x" * 5000,
        "🙂" * 200, "morgen", "31-02-2026", "0", "-1", "99999999999999999999", "Overslaan",
        "'; DROP TABLE members; --", "\n\n\n",
    ]),
)


class Outcomes(logging.Handler):
    """Collects the outcome of every update from Brug's structured log line."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.outcomes: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        fields = getattr(record, "fields", None) or {}
        if "outcome" in fields:
            self.outcomes.append(f"{fields['outcome']} ({fields.get('handler')})")


def attach_outcomes() -> Outcomes:
    handler = Outcomes()
    logger = logging.getLogger(UPDATE_LOGGER)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler


async def others_rows(bot: BotHarness, actor_ids: set[int]) -> dict[str, list[str]]:
    """Every row that belongs to a member other than the actor(s): their member row, and rows that
    carry their ``member_id`` or ``created_by_id`` (reminders are Brug's own outbox, left out)."""
    found: dict[str, list[str]] = {}
    async with bot.db.sessionmaker() as session:
        for mapper in Base.registry.mappers:
            table = mapper.local_table
            owner = next((c for c in ("member_id", "created_by_id") if c in table.c), None)
            if table.name == "members":
                owner = "id"
            if owner is None or table.name == "reminders":
                continue
            rows = (await session.scalars(select(mapper.class_))).all()
            found[table.name] = sorted(
                json.dumps(row_to_dict(row), sort_keys=True, default=str)
                for row in rows
                if getattr(row, owner) is not None and getattr(row, owner) not in actor_ids
            )
    return found


def refused_calls(bot: BotHarness, since: int) -> list[str]:
    """Calls Telegram would refuse for what was in them (403: a member not reachable, is expected)."""
    return [
        f"{call.method}: {call.params['_error']}"
        for call in bot.telegram.calls[since:]
        if "_error" in call.params
        and not call.params["_error"].startswith("Forbidden")
        and "not modified" not in call.params["_error"]
    ]


# Everything Brug's own prompts can put in a message: a fragment found here (a lone "<", "</b>") can't be
# told apart from Brug's own markup, so only input that no prompt contains is judged.
PROMPT_MARKUP = "\n".join(
    path.read_text(encoding="utf-8") for path in sorted(PROMPTS_DIR.glob("*/*.ftl"))
)


def echoed_as_html(bot: BotHarness, since: int, words: str) -> list[str]:
    """Sent texts in which the member's words appear unescaped (only telling when they contain < or &)."""
    fragment = words.strip()
    if ("<" not in fragment and "&" not in fragment) or fragment in PROMPT_MARKUP:
        return []
    return [
        call.method for call in bot.telegram.calls[since:]
        if fragment in str(call.params.get("text") or call.params.get("caption") or "")
    ]


async def member_id(bot: BotHarness, user: User) -> int:
    [member] = await bot.rows(Member, Member.telegram_user_id == user.id)
    return member.id


class World:
    """A group with an action, commitments, a partner, an agenda item and a draft; built once per test."""

    cast: Cast
    anna_id: int
    draft_id: int
    group_id: int


async def world(bot: BotHarness) -> World:
    """Hypothesis runs many examples on one ``bot``: the world is built on the first and kept on it."""
    existing = getattr(bot, "property_world", None)
    if existing is not None:
        return existing
    w = World()
    w.cast = cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    card = card_call(bot, cast, action)
    await bot.press(cast.anna, card, cast.label("join"))  # Anna's own commitment: the first
    await bot.press(cast.dirk, card, cast.label("join"))
    # A task of his own: Anna's last harvest answer closes the action, which ticks off "gewoon meedoen"
    # (a row of Dirk's) but only asks about a task (issue 15).
    await bot.say(cast.dirk, cast.dirk, "pannen meenemen")
    w.anna_id = await member_id(bot, cast.anna)
    async with bot.db.unit_of_work() as session:
        group = await session.scalar(select(Group))
        w.group_id = group.id
        now = bot.now()
        session.add(Partner(group_id=group.id, name="Wijkcentrum", created_at=now, updated_at=now))
        session.add(AgendaItem(group_id=group.id, what="Markt", created_by_id=w.anna_id,
                               created_at=now, updated_at=now))
    await bot.say(cast.group, cast.anna, "/actie Tweede idee")
    [draft] = await bot.rows(ActionDraft, ActionDraft.member_id == w.anna_id)
    w.draft_id = draft.id
    bot.property_world = w  # type: ignore[attr-defined]
    return w


def subject_for(kind: str, w: World) -> int:
    """The subject a question of ``kind`` is about: the draft, else the one row of its sort (id 1)."""
    return w.draft_id if kind == "draft" else 1


# ---------------------------------------------------------------- every free-text question


def test_there_are_free_text_questions_to_test() -> None:
    assert {"draft", "concern", "commit_what", "commit_when"} <= set(REPLY_KINDS)


# Each example answers every question (one update per kind), so fewer examples cover as much.
@settings(EXAMPLES, max_examples=6)
@given(words=typed)
async def test_any_answer_to_any_question_is_handled_safely(bot: BotHarness, words: str) -> None:
    w = await world(bot)
    anna = w.cast.anna
    outcomes = attach_outcomes()
    before = await others_rows(bot, {w.anna_id})
    since = len(bot.telegram.calls)
    try:
        for kind in REPLY_KINDS:
            async with bot.db.unit_of_work() as session:
                await ask(session, chat_id=anna.id, member_id=w.anna_id, kind=kind,
                          subject_id=subject_for(kind, w), now=bot.now(), ttl=timedelta(hours=1))
            await bot.say(anna, anna, words)
    finally:
        logging.getLogger(UPDATE_LOGGER).removeHandler(outcomes)

    assert len(outcomes.outcomes) == len(REPLY_KINDS)
    assert [o for o in outcomes.outcomes if not o.startswith(("ok", "duplicate"))] == []
    assert refused_calls(bot, since) == []
    assert echoed_as_html(bot, since, words) == []
    assert await others_rows(bot, {w.anna_id}) == before


@EXAMPLES
@given(answers=st.lists(typed, min_size=7, max_size=7))
async def test_any_answers_while_writing_a_proposal(bot: BotHarness, answers: list[str]) -> None:
    """The proposal questions one after the other, in a group of its own each time."""
    cast = await world(bot)
    anna = cast.cast.anna
    outcomes = attach_outcomes()
    before = await others_rows(bot, {cast.anna_id})
    since = len(bot.telegram.calls)
    try:
        await bot.say(cast.cast.group, anna, f"/actie {answers[0]}"[:4000])
        for words in answers[1:]:
            await bot.say(anna, anna, words)
        last = private_last(bot, anna)
        for label in last.button_labels()[:1]:  # e.g. "Plaatsen" or "Overslaan"
            await bot.press(anna, last, label)
    finally:
        logging.getLogger(UPDATE_LOGGER).removeHandler(outcomes)

    assert [o for o in outcomes.outcomes if not o.startswith(("ok", "duplicate"))] == []
    assert refused_calls(bot, since) == []
    for words in answers:
        assert echoed_as_html(bot, since, words) == []
    assert await others_rows(bot, {cast.anna_id}) == before


# ---------------------------------------------------------------- any callback data


callback_data = st.one_of(
    st.binary(max_size=64).map(lambda raw: raw.decode("utf-8", "ignore")).filter(bool),
    st.builds(
        lambda prefix, parts: ":".join([prefix, *parts])[:64],
        st.sampled_from(CALLBACK_PREFIXES),
        st.lists(
            st.one_of(
                st.integers(-5, 10**12).map(str),
                st.sampled_from(["1", "2", "0", "what", "met", "reach", "again", "nl", "en", "x"]),
            ),
            max_size=4,
        ),
    ),
)


@EXAMPLES
@given(data=callback_data)
async def test_any_callback_data_from_a_plain_member_is_handled_safely(
    bot: BotHarness, data: str
) -> None:
    """Ben (a plain member, no coordinator, no commitment) sends forged data on the action's card and
    on Dirk's private messages: nothing of anyone else changes, whatever the data."""
    w = await world(bot)
    cast = w.cast
    ben = cast.ben
    ben_id = await member_id(bot, ben)
    [action_card] = [
        call for call in bot.telegram.sent("sendMessage", cast.group.id) if call.buttons()
    ][-1:]
    outcomes = attach_outcomes()
    before = await others_rows(bot, {ben_id})
    since = len(bot.telegram.calls)
    try:
        await bot.press_data(ben, action_card, data)
        await bot.press_data(ben, private_last(bot, cast.dirk), data)
    finally:
        logging.getLogger(UPDATE_LOGGER).removeHandler(outcomes)

    assert [o for o in outcomes.outcomes if not o.startswith(("ok", "duplicate"))] == []
    assert refused_calls(bot, since) == []
    assert len(bot.telegram.sent("answerCallbackQuery")[-2:]) == 2  # every press is answered
    assert await others_rows(bot, {ben_id}) == before


