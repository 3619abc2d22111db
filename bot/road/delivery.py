"""Commit, then deliver: no transaction is open while Brug talks to Telegram.

Every call a handler makes to the Bot API passes ``BrugBot._do_post`` before python-telegram-bot's
rate limiter. Inside an update that call first commits what the update changed so far, together with
the message itself when it is one that must arrive (``DURABLE``: a new message or an edit, stored as a
``deliveries`` row with its Bot API parameters). Then the update's database turn is given up (on
SQLite: the one writer, ``Services.writer``) and only then does Brug wait for the rate limiter and
Telegram. So:

- a kill between the commit and Telegram loses nothing: the row is still there, and the reminders
  tick (``retry_due``) sends it after ``LEASE``, in order per chat;
- Telegram failing for a while (5xx, a timeout, a 429 the rate limiter gave up on) keeps the row for
  the tick, and the member is not asked to "try again": what they did is stored, and doing it again
  could undo it (a second 👍 withdraws support);
- a chat's messages arrive in order: while one waits for another try, the chat's next message first
  sends the waiting ones (``send_waiting``) and waits behind them when they still cannot go; the tick
  and the chat's next message never deliver the same chat's rows at the same time (``Services.delivering``);
- Telegram refusing for good (403 blocked, 400) deletes the row and raises as before, so the handlers'
  fallbacks (ask in the group instead of privately) still work.

A delivered (or refused) row is deleted in the update's next commit; the update's last commit is made by
``BrugApplication``. The one exception is a call inside a savepoint (posting a proposal's card, which
stands or falls with its action): it waits inside the transaction.

The same bot serves the bridged transports (their Bot API is answered in-process), the dashboard and
the scheduler, which call it outside an update: those calls pass straight through.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from telegram import Message
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.ext import ApplicationBuilder, ExtBot
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter  # what Bot._do_post builds a request from
from telegram.warnings import PTBUserWarning

from bot.road.context import current_scope
from bot.road.logs import person
from bot.domain.transport import Address
from bot.road.telegram_api import TelegramSender, already_shown, retry_seconds
from storage.repositories import deliveries as repo

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from bot.road.context import Services, UpdateScope
    from bot.domain.messages import Outgoing
    from storage.models import Delivery, Group

log = logging.getLogger(__name__)

# Messages that must arrive: stored with the change they tell about, delivered later if need be.
DURABLE = frozenset({"sendMessage", "editMessageText", "editMessageReplyMarkup"})
# The answer to a button press only stops its spinner: a failure is logged, never an error.
SPINNER = "answerCallbackQuery"
# How long the process that stored a message has to deliver it before the tick takes over.
LEASE = timedelta(seconds=60)
# Back-off of the tick's tries: 1, 2, 4 … minutes, at most an hour; given up after a day of tries.
FIRST_RETRY = timedelta(minutes=1)
LAST_RETRY = timedelta(hours=1)
TRIES = 30
BATCH = 100
# Sends one stored Bot API call (method, parameters) as it was made.
Send = Callable[[str, dict[str, Any]], Awaitable[Any]]
# A message Telegram refused for good is kept this long to look at (the log says why), then deleted.
FAILED_KEPT = timedelta(days=7)


def stored_parameters(data: dict[str, Any]) -> str | None:
    """A call's parameters as the Bot API gets them (as JSON), made the way ``Bot._do_post`` makes them;
    None for an upload, which is not kept."""
    request = RequestData([RequestParameter.from_input(key, value) for key, value in data.items()])
    if request.contains_files:
        return None
    return json.dumps(request.parameters, ensure_ascii=False)


def chat_of(data: dict[str, Any]) -> int | None:
    try:
        return int(data["chat_id"])
    except (KeyError, TypeError, ValueError):
        return None


def passing(error: TelegramError) -> bool:
    """Telegram is away or busy (worth another try later), not refusing this message."""
    if isinstance(error, RetryAfter):
        return True
    return isinstance(error, NetworkError) and not isinstance(error, BadRequest)


@contextlib.asynccontextmanager
async def writer_given_up(writer: Any) -> AsyncIterator[None]:
    """Let other updates write while this one waits on Telegram (SQLite's one writer); a no-op on
    PostgreSQL, where every update has its own connection and nothing is held between statements."""
    if isinstance(writer, asyncio.Lock) and writer.locked():
        writer.release()
        try:
            yield
        finally:
            await writer.acquire()
    else:
        yield


async def talk(
    scope: UpdateScope, endpoint: str, data: dict[str, Any], call: Callable[[], Awaitable[Any]], post: Send
) -> Any:
    """One Bot API call made while handling an update: commit first, then call (see the module).
    ``post`` sends a stored message without coming back here."""
    services = scope.services
    session = scope.session
    if session.in_nested_transaction():
        # Inside a savepoint the call and the change stand or fall together (see the module): a kill
        # now commits neither, so there is nothing to store for later either.
        return await call()
    row = None
    chat_id = chat_of(data)
    if endpoint in DURABLE and chat_id is not None:
        parameters = stored_parameters(data)
        if parameters is not None:
            now = services.clock.now()
            row = repo.add(
                session, chat_id=chat_id, method=endpoint, params=parameters, now=now, due_at=now + LEASE
            )
    await repo.forget(session, scope.settled)
    await session.commit()
    scope.settled.clear()
    scope.committed = True
    failure: TelegramError | None = None
    async with writer_given_up(services.writer):
        try:
            if row is not None and chat_id in services.behind:
                await send_waiting(post, services, chat_id, before_id=row.id)
            result = await call()
        except TelegramError as error:
            if endpoint == SPINNER:
                log.warning("could not answer a button press in chat %s: %s", person(chat_id), error)
                return True
            if row is None:
                raise
            if passing(error):
                await keep(services, row, error)
                raise  # the stored row waits for the tick (or the chat's next message)
            failure = error
    if row is not None:
        # Taken, already shown, or refused for good: forgotten in the next commit.
        scope.settled.append(row.id)
    if failure is not None:
        if not already_shown(failure):
            log.info("telegram refused %s to chat %s: %s", endpoint, person(chat_id), failure)
        raise failure
    return result


async def keep(services: Services, row: Delivery, error: TelegramError) -> None:
    """Telegram did not take ``row`` now: it waits for another try, and the chat's next messages wait
    behind it (per-chat order). Best effort: when even this cannot be written, the row's lease runs out
    and the tick takes it anyway."""
    services.behind.add(row.chat_id)
    try:
        async with services.writer, services.db.unit_of_work() as session:
            await repo.retry_at(session, row.id, services.clock.now() + _backoff(0, error), _describe(error))
    except Exception:  # noqa: BLE001 - the database may be what is away too
        log.warning("could not note that message %s waits", row.id, exc_info=True)


class BrugBot(ExtBot):
    """python-telegram-bot's ``ExtBot``, committing the update's work before each call (``talk``)."""

    __slots__ = ()

    async def _do_post(self, endpoint: str, data: dict[str, Any], **timeouts: Any) -> Any:
        scope = current_scope.get()
        parent = super()._do_post

        async def call() -> Any:
            return await parent(endpoint, data, **timeouts)

        if scope is None or scope.failed:
            return await call()
        return await talk(scope, endpoint, data, call, parent)


class BrugApplicationBuilder(ApplicationBuilder):
    """``ApplicationBuilder`` making a ``BrugBot``. PTB has no option for the bot's class; this builds
    it with exactly the arguments ``ApplicationBuilder._build_ext_bot`` passes (PTB 22)."""

    def _build_ext_bot(self) -> ExtBot:
        built = super()._build_ext_bot()
        built.__class__ = BrugBot
        return built


# ---------------------------------------------------------------- outside an update (the dashboard)


def store(session: AsyncSession, services: Services, method: str, data: dict[str, Any]) -> Delivery:
    """A message caused outside a chat update (a coordinator's click on the dashboard), added to the
    unit of work that stores the change; hand it to ``deliver_now`` after the commit."""
    parameters = stored_parameters(data)
    chat_id = chat_of(data)
    if parameters is None or chat_id is None:
        raise ValueError(f"{method} cannot be stored: it needs a chat and no uploads")
    now = services.clock.now()
    return repo.add(session, chat_id=chat_id, method=method, params=parameters, now=now, due_at=now + LEASE)


def store_card_redraw(session: AsyncSession, services: Services, bot: Any, card: Outgoing, group: Group) -> Delivery:
    """A group card's new look after a change made outside the chat (the dashboard, the public page),
    stored with that change; ``deliver_now`` sends it after the commit."""
    sender = TelegramSender(bot, services.translator)
    parameters = sender.edit_parameters(
        Address("group", group.telegram_chat_id), card.edit_message_id or 0, card.reply, group.language
    )
    return store(session, services, "editMessageText", parameters)


async def deliver_now(bot: Any, services: Services, rows: list[Delivery]) -> None:
    """After their commit: send stored messages at once, per chat in order and behind any of the chat's
    messages that wait for another try; what Telegram does not take now waits for the tick."""

    async def send(method: str, parameters: dict[str, Any]) -> Any:
        return await _send(bot, method, parameters)

    by_chat: dict[int, list[Delivery]] = {}
    for row in rows:
        by_chat.setdefault(row.chat_id, []).append(row)
    for chat_id, chat_rows in by_chat.items():
        async with services.delivering.turn(chat_id):
            now = services.clock.now()
            earlier: list[Delivery] = []
            if chat_id in services.behind:
                async with services.writer, services.db.unit_of_work() as session:
                    earlier = await repo.claim_waiting(session, chat_id, min(r.id for r in chat_rows), now + LEASE)
            await _deliver_in_order(send, services, chat_id, earlier + chat_rows, now)


# ---------------------------------------------------------------- the tick's second try


async def retry_due(bot: Any, services: Services, *, limit: int = BATCH) -> int:
    """Send the messages nobody delivered by their ``due_at``: per chat in order, a chat's later ones
    waiting while an earlier one cannot go. Returns how many went out."""
    now = services.clock.now()
    async with services.writer, services.db.unit_of_work() as session:
        claimed = await repo.claim_due(session, now, limit, now + LEASE)
        await repo.prune_failed(session, now - FAILED_KEPT)
    by_chat: dict[int, list[Delivery]] = {}
    for row in claimed:
        by_chat.setdefault(row.chat_id, []).append(row)

    async def send(method: str, parameters: dict[str, Any]) -> Any:
        return await _send(bot, method, parameters)

    sent = 0
    for chat_id, rows in by_chat.items():
        async with services.delivering.turn(chat_id):
            delivered, _failure = await _deliver_in_order(send, services, chat_id, rows, now)
        sent += delivered
    return sent


async def send_waiting(post: Send, services: Services, chat_id: int, *, before_id: int) -> None:
    """Before a chat's new message: its older ones that wait for another try go first, in order.
    Raises Telegram's error when they still cannot go (the new one then waits behind them)."""
    async with services.delivering.turn(chat_id):
        now = services.clock.now()
        async with services.writer, services.db.unit_of_work() as session:
            rows = await repo.claim_waiting(session, chat_id, before_id, now + LEASE)
        _delivered, failure = await _deliver_in_order(post, services, chat_id, rows, now)
    if failure is not None:
        raise failure


async def _deliver_in_order(
    send: Send, services: Services, chat_id: int, rows: list[Delivery], now: datetime
) -> tuple[int, TelegramError | None]:
    """Send one chat's claimed rows oldest first, stopping at the first that Telegram does not take
    now (the rest wait behind it); write down what happened. Returns how many went out, and the error
    that stopped them."""
    sent: list[int] = []
    outcomes: list[tuple[str, int, datetime | None, str]] = []
    failure: TelegramError | None = None
    for row in rows:
        if failure is not None:
            waits = "waits for an earlier message"
            outcomes.append(("retry", row.id, now + _backoff(row.attempts, failure), waits))
            continue
        try:
            await send(row.method, json.loads(row.params))
        except TelegramError as error:
            if already_shown(error):
                sent.append(row.id)
            elif passing(error) and row.attempts < TRIES:
                failure = error
                outcomes.append(("retry", row.id, now + _backoff(row.attempts, error), _describe(error)))
            else:
                # Refused for good (or tried long enough): the chat's next messages may go.
                log.warning("gave up delivering message %s: %s", row.id, _describe(error))
                outcomes.append(("give_up", row.id, None, _describe(error)))
            continue
        sent.append(row.id)
    async with services.writer, services.db.unit_of_work() as session:
        await repo.forget(session, sent)
        for outcome, row_id, when, error in outcomes:
            if outcome == "retry":
                await repo.retry_at(session, row_id, when, error)
            else:
                await repo.give_up(session, row_id, error)
    if failure is None:
        services.behind.discard(chat_id)
    else:
        services.behind.add(chat_id)
    return len(sent), failure


async def _send(bot: Any, method: str, parameters: dict[str, Any]) -> Message | bool:
    with warnings.catch_warnings():
        # do_api_request suggests the named method; the stored call is replayed as it was made.
        warnings.simplefilter("ignore", PTBUserWarning)
        return await bot.do_api_request(method, api_kwargs=parameters)


def _backoff(attempts: int, error: TelegramError) -> timedelta:
    if isinstance(error, RetryAfter):
        return timedelta(seconds=retry_seconds(error))
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LAST_RETRY)


def _describe(error: TelegramError) -> str:
    return f"{type(error).__name__}: {error}"[:500]
