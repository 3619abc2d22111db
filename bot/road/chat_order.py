"""Updates of one chat in order, different chats side by side.

python-telegram-bot hands every update to an update processor (``ApplicationBuilder().concurrent_updates``).
``ChatOrderedProcessor`` gives each chat a lane: an update waits until the chat's previous update is
done (first come, first served), then for room in the chat's send budget, then for one of ``workers``
slots. So a group flooding Brug with commands gets its answers one after the other, paced by
Telegram's limit of 20 messages a minute per group, while every other chat is answered at once.

Two waits happen *before* the update's unit of work starts, never inside it: the chat's turn and the
group's send budget (``PacedRateLimiter.room_for``). An update that waited inside its transaction would
hold a database connection (on SQLite: the one writer) and a worker slot while doing nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import AIORateLimiter, BaseUpdateProcessor

log = logging.getLogger(__name__)

# How many updates may wait in this process (for their chat's turn or a slot) before PTB holds more back.
WAITING = 10_000
# The lane of updates that belong to no chat and no user (a poll's state, say).
NO_CHAT = 0


def lane_of(update: object) -> int:
    """The order lane of an update: its chat, else its user (inline queries, which Telegram sends
    without a chat: a user's private chat has the user's id, so they line up), else ``NO_CHAT``."""
    if not isinstance(update, Update):
        return NO_CHAT
    chat = update.effective_chat
    if chat is not None:
        return chat.id
    user = update.effective_user
    return user.id if user is not None else NO_CHAT


@dataclass
class _Lane:
    turn: asyncio.Lock = field(default_factory=asyncio.Lock)  # FIFO: waiters are woken in order
    queued: int = 0


class ChatTurns:
    """One at a time per chat, first come first served; a chat's lock goes when nobody holds or wants it
    (so thousands of chats leave nothing behind)."""

    def __init__(self) -> None:
        self._lanes: dict[int, _Lane] = {}

    @contextlib.asynccontextmanager
    async def turn(self, chat_id: int) -> AsyncIterator[None]:
        lane = self._lanes.setdefault(chat_id, _Lane())
        lane.queued += 1
        try:
            async with lane.turn:
                yield
        finally:
            lane.queued -= 1
            if lane.queued == 0:
                self._lanes.pop(chat_id, None)


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Per chat in order (FIFO), across chats concurrently, at most ``workers`` updates at once.

    ``room`` (optional) is awaited before a chat's update runs, with no slot held: it waits until the
    chat could be sent a message without waiting (``PacedRateLimiter.room_for``).
    """

    def __init__(
        self, workers: int, *, room: Callable[[int], Awaitable[None]] | None = None
    ) -> None:
        # PTB's own semaphore is taken before ``do_process_update``; updates that wait for their chat
        # must not hold a worker slot, so PTB's bound is the waiting room and ours the workers.
        super().__init__(max_concurrent_updates=max(WAITING, workers))
        self.workers = workers
        self.room = room
        self._slots = asyncio.Semaphore(workers)
        self._lanes: dict[int, _Lane] = {}
        self.busiest = 0  # the most updates that ran at once (benchmarks, tests)
        self.pacing = 0  # updates waiting for room to answer in their group
        self._running = 0

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = lane_of(update)
        lane = self._lanes.setdefault(key, _Lane())
        lane.queued += 1
        started = False
        try:
            async with lane.turn:
                if self.room is not None:
                    self.pacing += 1
                    try:
                        await self.room(key)
                    finally:
                        self.pacing -= 1
                async with self._slots:
                    self._running += 1
                    self.busiest = max(self.busiest, self._running)
                    try:
                        started = True
                        await coroutine
                    finally:
                        self._running -= 1
        finally:
            lane.queued -= 1
            if lane.queued == 0:
                self._lanes.pop(key, None)
            if not started and asyncio.iscoroutine(coroutine):
                coroutine.close()  # cancelled while waiting: the update never started

    @property
    def running(self) -> int:
        """Updates running now (holding a worker slot)."""
        return self._running

    def waiting(self, chat_id: int) -> int:
        """Updates of ``chat_id`` in this process that are not done (running or waiting their turn)."""
        lane = self._lanes.get(chat_id)
        return lane.queued if lane else 0

    async def initialize(self) -> None:
        """Nothing to set up: lanes are made as chats appear."""

    async def shutdown(self) -> None:
        """Nothing to free: a lane goes when its last update is done."""


class PacedRateLimiter(AIORateLimiter):
    """PTB's ``AIORateLimiter`` (30 messages a second overall, 20 a minute per group), which can also
    tell the update processor when a group has room for one more message."""

    async def room_for(self, chat_id: int) -> None:
        """Wait until a message to ``chat_id`` would go out without waiting, without sending one.

        Only groups have a budget of their own. Brug waits in the group's own queue (behind replies and
        reminders already waiting) and hands the room straight back, so the update's reply takes it.
        """
        if chat_id >= 0 or not self._group_max_rate:
            return
        limiter = self._get_group_limiter(chat_id)
        if limiter.has_capacity():
            return
        await limiter.acquire()
        # aiolimiter has no "release": give the unit back (its level) and let the next waiter look.
        limiter._level = max(0.0, limiter._level - 1)
        limiter._wake_next()
