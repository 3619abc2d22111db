"""The Bot API, served in process on top of a ``Transport``: Brug's handlers run unchanged on Signal.

Brug's handlers speak the Telegram Bot API through python-telegram-bot. For every other chat service
``BridgeRequest`` (a PTB ``BaseRequest``) answers those calls itself: ``sendMessage`` becomes
``Transport.send`` with the inline keyboard as numbered choices, ``editMessageText`` becomes
``Transport.edit``, ``answerCallbackQuery`` a short message to the member, ``getChatAdministrators``
``Transport.administrators``. It answers the way Telegram does, refusals included (HTML it cannot
parse, texts over 4,096 characters, a private message to someone who never wrote to Brug, an edit that
changes nothing), so the handlers' care for those cases keeps working.

The other way round, ``Bridge.updates_for`` turns what a member did into Telegram updates:

- text starting with "/" is a command, in a group or privately;
- a number ("2") answers Brug's latest question in that conversation (or the message the member
  quoted): the second button is pressed; a deep-link button (``t.me/<bot>?start=X``) continues in the
  private conversation as ``/start X``, as on Telegram;
- a 👍 reaction on a message presses its button that starts with 👍 (support on a proposal card);
- other text reaches Brug privately, and in a group only as the answer to a question Brug asked there
  (quoting it, or right after it) — like Telegram's privacy mode, group chatter is not Brug's business;
- the first word from a group Brug has not seen means Brug was added to it.

Ids: persons and groups get integer ids derived from their address, far from Telegram's; messages get
increasing ids. What must survive a restart (addresses, the messages Brug sent with their choices) is
written by one background writer, after the update that made it, so a SQLite update never waits for it.
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import itertools
import json
import logging
import re
import time
import unicodedata
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

from babel.lists import format_list
from sqlalchemy import select
from telegram.request import BaseRequest, RequestData

from bot.bridge.interface import (
    Conversation,
    Document,
    Event,
    Joined,
    Left,
    PlainMessage,
    Contact,
    Reacted,
    Said,
    Transport,
    TransportError,
)
from bot.domain.clock import Clock
from bot.domain.understanding import value_choice
from bot.domain.bot_api_rules import CAPTION_LIMIT, TEXT_LIMIT, BotAPIError, telegram_length, visible_text
from bot.domain.i18n import Translator, normalise_language
from storage.db import Database
from storage.models import Group, Member
from storage.repositories import bridge as repo

log = logging.getLogger(__name__)

# Far above any Telegram user id (about 10^10 today) and below 2^53, so JavaScript and JSON stay exact.
ID_BASE = 4 * 10**15
ID_SPAN = 2**44
# How many of Brug's latest messages in a conversation a number may answer.
RECENT = 20
# Messages (Brug's, and members' it may quote back) kept in memory; the database has Brug's too.
KEPT_IN_MEMORY = 5000
# Brug's messages (with their choices) are kept this long: answering or 👍-ing an older card does
# nothing any more. Cards of actions are weeks old at most; the texts hold members' names.
MESSAGES_KEPT = timedelta(days=90)
PRUNE_EVERY = timedelta(hours=1)
CHOICE = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s*$")
# Brug names the member a group message asks at its very start ("Bert: Wat neem je op je?").
ADDRESSED = re.compile(r'^\s*<a href="tg://user\?id=(\d+)">')
# Skin tones and the emoji presentation selector do not change which button a reaction means.
EMOJI_VARIANTS = {chr(c) for c in range(0x1F3FB, 0x1F400)} | {"\ufe0f"}


def local_id(transport: str, kind: str, address: str, key: bytes = b"") -> int:
    """A stable integer for an address: positive for a person, negative for a group. Keyed with the
    installation's secret (``BRUG_ID_SECRET``): unkeyed, every Dutch mobile number's id could be computed
    in minutes and a member's id would give their phone number away."""
    digest = hashlib.blake2b(f"{transport}\0{kind}\0{address}".encode(), digest_size=8, key=key[:64]).digest()
    number = ID_BASE + int.from_bytes(digest, "big") % ID_SPAN
    return number if kind == "person" else -number


def bare_emoji(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFC", text) if ch not in EMOJI_VARIANTS)


@dataclass
class Known:
    """A person or group the bridge has seen."""

    local_id: int
    kind: str
    address: str
    name: str | None = None
    private_ok: bool = False


@dataclass
class Kept:
    """A message Brug sent: where, its transport reference, its text and its choices."""

    message_id: int
    chat_id: int
    ref: str
    first_ref: str
    text: str
    options: list[dict[str, Any]]
    had_options: bool
    expects_text: bool
    sent_at: datetime
    # How often Brug edited it in place (a transport may allow only so many edits).
    edits: int = 0
    # Whom it asks (a person's local id), as Telegram's selective reply targets them: the author of
    # the message it replies to, or the member it names first ("Bert: …"). None: open to everyone.
    addressee: int | None = None
    # A question to one person takes one typed answer; after that their chatter is their own again.
    answered: bool = False
    # The transport's reference of its latest edit (a quote or 👍 of the edited message names that one).
    alias: str | None = None

    @classmethod
    def from_row(cls, row: Any) -> Kept:
        return cls(
            message_id=row.id, chat_id=row.chat_id, ref=row.ref, first_ref=row.first_ref,
            text=row.text, options=json.loads(row.options or "[]"), had_options=row.had_options,
            expects_text=row.expects_text, sent_at=row.sent_at, edits=row.edits,
            addressee=row.addressee, answered=row.answered, alias=row.alias,
        )

    @property
    def open_question(self) -> bool:
        """Still waiting: it has choices to pick, or asks for text that has not come yet."""
        return not self.answered and (bool(self.options) or self.expects_text)


@dataclass
class Pressed:
    """A callback query the bridge made: where to show its answer."""

    conversation: Conversation
    person: Contact
    ref: str | None


class ApiError(Exception):
    """A refusal, in the Bot API's words."""

    def __init__(self, status: int, description: str, retry_after: float | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after


class Writer:
    """One background task that writes what the bridge learnt, in order, each in its own transaction."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.queue: asyncio.Queue[Callable[[Any], Awaitable[None]]] = asyncio.Queue()
        self.task: asyncio.Task[None] | None = None

    def put(self, job: Callable[[Any], Awaitable[None]]) -> None:
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self._run(), name="bridge-writer")
        self.queue.put_nowait(job)

    async def _run(self) -> None:
        while True:
            job = await self.queue.get()
            try:
                for attempt in range(3):
                    try:
                        async with self.database.unit_of_work() as session:
                            await job(session)
                        break
                    except Exception:  # noqa: BLE001 - a locked SQLite file clears; try again
                        if attempt == 2:
                            log.exception("bridge: could not store what was sent")
                        else:
                            await asyncio.sleep(0.2 * (attempt + 1))
            finally:
                self.queue.task_done()

    async def flush(self) -> None:
        if self.task is not None:
            await self.queue.join()

    async def close(self) -> None:
        await self.flush()
        if self.task is not None:
            self.task.cancel()


@dataclass
class Bridge:
    """The Bot API on a transport, and transport events as Telegram updates."""

    transport: Transport
    database: Database
    translator: Translator
    clock: Clock
    default_language: str = "nl"
    bot_username: str = "brug"
    bot_id: int = 7000001
    # The key of ``local_id`` (BRUG_ID_SECRET); empty only for the console and the tests.
    id_key: bytes = b""
    # Filled by ``BridgedBrug``: the Application whose ``process_update`` gets the updates.
    process_update: Callable[[dict[str, Any]], Awaitable[None]] | None = None

    known: dict[int, Known] = field(default_factory=dict)
    by_address: dict[tuple[str, str], Known] = field(default_factory=dict)
    kept: OrderedDict[int, Kept] = field(default_factory=OrderedDict)
    recent: dict[int, deque[int]] = field(default_factory=dict)
    incoming: OrderedDict[int, tuple[int, str, str]] = field(default_factory=OrderedDict)
    pressed: dict[str, Pressed] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.request = BridgeRequest(self)
        self.writer = Writer(self.database)
        self._message_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._last_update_id = 0
        self._pruned_at: datetime | None = None

    @property
    def name(self) -> str:
        return self.transport.name

    # ------------------------------------------------------------ start and stop

    async def load(self) -> None:
        """Read back the addresses and where message ids continue (after the database is migrated)."""
        async with self.database.sessionmaker() as session:
            for row in await repo.all_addresses(session, self.name):
                self._remember(Known(row.local_id, row.kind, row.address, row.name, row.private_ok))
            self._message_ids = itertools.count(await repo.last_message_id(session) + 1)

    async def close(self) -> None:
        await self.writer.close()

    # ------------------------------------------------------------ addresses

    def _remember(self, known: Known) -> None:
        self.known[known.local_id] = known
        self.by_address[(known.kind, known.address)] = known

    def _see(self, kind: str, address: str, name: str | None, *, private_ok: bool = False) -> Known:
        known = self.by_address.get((kind, address))
        changed = False
        if known is None:
            known = Known(local_id(self.name, kind, address, self.id_key), kind, address, name, private_ok)
            self._remember(known)
            changed = True
        else:
            if name and name != known.name:
                known.name, changed = name, True
            if private_ok and not known.private_ok:
                known.private_ok, changed = True, True
        if changed:
            values: dict[str, Any] = dict(
                transport=self.name, kind=kind, address=address, local_id=known.local_id,
                name=known.name, private_ok=known.private_ok,
            )
            self.writer.put(lambda session: repo.save_address(session, **values))
        return known

    def person(self, person: Contact, *, private_ok: bool = False) -> Known:
        return self._see("person", person.address, person.name, private_ok=private_ok)

    def group(self, conversation: Conversation) -> Known:
        return self._see("group", conversation.address, conversation.title)

    def chat_id(self, conversation: Conversation, person: Contact) -> int:
        if conversation.is_group:
            return self.group(conversation).local_id
        return self.person(person, private_ok=True).local_id

    def conversation(self, chat_id: int) -> Conversation:
        known = self.known.get(chat_id)
        if known is None:
            raise ApiError(400, "Bad Request: chat not found")
        if known.kind == "group":
            return Conversation("group", known.address, known.name)
        return Conversation("private", known.address, known.name)

    def user_json(self, known: Known, language: str | None = None) -> dict[str, Any]:
        user: dict[str, Any] = {
            "id": known.local_id, "is_bot": False, "first_name": (known.name or "?")[:64],
        }
        if language:
            user["language_code"] = language
        return user

    def chat_json(self, chat_id: int) -> dict[str, Any]:
        known = self.known[chat_id]
        if known.kind == "group":
            return {"id": chat_id, "type": "group", "title": known.name or "Groep"}
        return {"id": chat_id, "type": "private", "first_name": known.name or "?"}

    def bot_json(self) -> dict[str, Any]:
        return {
            "id": self.bot_id, "is_bot": True, "first_name": "Brug", "username": self.bot_username,
            "can_join_groups": True, "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    # ------------------------------------------------------------ messages Brug sent

    def _keep(self, kept: Kept, *, new: bool = False) -> None:
        self.kept[kept.message_id] = kept
        self.kept.move_to_end(kept.message_id)
        while len(self.kept) > KEPT_IN_MEMORY:
            self.kept.popitem(last=False)
        recent = self.recent.setdefault(kept.chat_id, deque(maxlen=RECENT))
        if kept.message_id not in recent:
            recent.append(kept.message_id)
        values: dict[str, Any] = dict(
            message_id=kept.message_id, transport=self.name, chat_id=kept.chat_id, ref=kept.ref,
            first_ref=kept.first_ref, text=kept.text, options=json.dumps(kept.options, ensure_ascii=False),
            had_options=kept.had_options, expects_text=kept.expects_text, sent_at=kept.sent_at,
            edits=kept.edits, new=new, addressee=kept.addressee, answered=kept.answered, alias=kept.alias,
        )
        self.writer.put(lambda session: repo.save_message(session, **values))

    async def _kept(self, message_id: int) -> Kept | None:
        if message_id in self.kept:
            return self.kept[message_id]
        await self.writer.flush()
        async with self.database.sessionmaker() as session:
            row = await repo.message(session, message_id)
        return Kept.from_row(row) if row is not None and row.transport == self.name else None

    async def _kept_by_ref(self, chat_id: int, ref: str) -> Kept | None:
        for kept in reversed(self.kept.values()):
            if kept.chat_id == chat_id and ref in (kept.ref, kept.first_ref, kept.alias):
                return kept
        async with self.database.sessionmaker() as session:
            row = await repo.message_by_ref(session, self.name, chat_id, ref)
        return Kept.from_row(row) if row is not None else None

    async def _latest(self, chat_id: int) -> list[Kept]:
        """Brug's latest messages in a conversation, newest first."""
        ids = self.recent.get(chat_id)
        if ids:
            found = [await self._kept(message_id) for message_id in reversed(ids)]
            return [kept for kept in found if kept is not None]
        async with self.database.sessionmaker() as session:
            rows = await repo.recent_messages(session, self.name, chat_id, RECENT)
        latest = [Kept.from_row(row) for row in rows]
        self.recent[chat_id] = deque((kept.message_id for kept in reversed(latest)), maxlen=RECENT)
        for kept in latest:
            self.kept.setdefault(kept.message_id, kept)
        return latest

    async def language_of(self, chat_id: int) -> str:
        """The language a conversation reads Brug in: the group's, or the member's own."""
        async with self.database.sessionmaker() as session:
            if chat_id < 0:
                language = await session.scalar(select(Group.language).where(Group.telegram_chat_id == chat_id))
            else:
                row = (
                    await session.execute(
                        select(Member.language, Member.telegram_language).where(
                            Member.telegram_user_id == chat_id
                        )
                    )
                ).first()
                language = (row[0] or row[1]) if row is not None else None
        return normalise_language(language or self.default_language)

    async def outgoing(
        self, chat_id: int, text: str, options: list[dict[str, Any]], *, quote: int | None = None
    ) -> PlainMessage:
        hint = None
        values = _values(options)
        if options:
            language = await self.language_of(chat_id)
            if values:
                # Amounts are answered with the amount itself: "8" is eight, never the eighth line.
                hint = html.unescape(str(self.translator.text(
                    language, "bridge-choose-value", values=", ".join(values))))
            else:
                numbers = [str(number) for number in range(1, len(options) + 1)]
                listed = numbers[0] if len(numbers) == 1 else format_list(numbers, style="or", locale=language)
                hint = html.unescape(str(self.translator.text(language, "bridge-choose", numbers=listed)))
        quote_ref = quote_author = None
        if quote is not None:
            if quote in self.incoming:
                _chat, quote_ref, quote_author = self.incoming[quote]
            else:
                kept = await self._kept(quote)
                quote_ref = kept.ref if kept is not None else None
        return PlainMessage(
            text=text, choices=tuple(option["label"] for option in options), choose_hint=hint,
            quote=quote_ref, quote_author=quote_author, numbered=not values,
        )

    # ------------------------------------------------------------ the Bot API

    async def api(self, method: str, params: dict[str, Any], files: dict[str, Any]) -> Any:
        handler = getattr(self, f"api_{method}", None)
        if handler is None:
            raise ApiError(404, f"Not Found: method {method} is not served on {self.name}")
        return await handler(params, files)

    async def api_getMe(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return self.bot_json()

    async def _true(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return True

    api_setMyCommands = api_deleteMyCommands = api_setMyDescription = _true
    api_setMyShortDescription = api_deleteWebhook = api_setWebhook = api_setChatMenuButton = _true

    async def api_getUpdates(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return []

    async def api_getChat(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        chat_id = int(params["chat_id"])
        self.conversation(chat_id)
        return self.chat_json(chat_id)

    async def api_getChatAdministrators(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        conversation = self.conversation(int(params["chat_id"]))
        if not conversation.is_group:
            raise ApiError(400, "Bad Request: there are no administrators in the private chat")
        admins = await self._call(self.transport.administrators(conversation))
        return [
            {"status": "creator" if index == 0 else "administrator",
             "user": self.user_json(self.person(person)),
             "is_anonymous": False, "can_be_edited": False, "can_manage_chat": True,
             "can_delete_messages": True, "can_manage_video_chats": True, "can_restrict_members": True,
             "can_promote_members": True, "can_change_info": True, "can_invite_users": True,
             "can_post_stories": False, "can_edit_stories": False, "can_delete_stories": False}
            for index, person in enumerate(admins)
        ]

    async def api_getChatMember(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        """A person's place in a group, as Telegram answers it ("left" when not in it)."""
        conversation = self.conversation(int(params["chat_id"]))
        known = self.known.get(int(params["user_id"]))
        if not conversation.is_group or known is None or known.kind != "person":
            raise ApiError(400, "Bad Request: user not found")
        admins = await self._call(self.transport.administrators(conversation))
        members = await self._call(self.transport.members(conversation))
        addresses = {person.address for person in admins}
        status = "administrator" if known.address in addresses else (
            "member" if known.address in {person.address for person in members} else "left")
        return {"status": status, "user": self.user_json(known)} | (
            {"can_be_edited": False, "is_anonymous": False, "can_manage_chat": True,
             "can_delete_messages": True, "can_manage_video_chats": True, "can_restrict_members": True,
             "can_promote_members": True, "can_change_info": True, "can_invite_users": True,
             "can_post_stories": False, "can_edit_stories": False, "can_delete_stories": False}
            if status == "administrator" else {})

    async def api_sendMessage(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        chat_id = int(params["chat_id"])
        conversation = self._writable(chat_id)
        text = self._text(params.get("text"), params.get("parse_mode"), TEXT_LIMIT)
        markup = _json(params.get("reply_markup")) or {}
        options = _options(markup)
        reply = _json(params.get("reply_parameters")) or {}
        message = await self.outgoing(chat_id, text, options, quote=reply.get("message_id"))
        sent = await self._call(self.transport.send(conversation, message))
        kept = Kept(
            message_id=next(self._message_ids), chat_id=chat_id, ref=sent.ref, first_ref=sent.ref,
            text=text, options=options, had_options=bool(options),
            expects_text=bool(markup.get("force_reply")), sent_at=self.clock.now(),
            addressee=self._addressee(str(params.get("text") or ""), reply.get("message_id")),
        )
        self._keep(kept, new=True)
        return self._message_json(kept, markup)

    async def api_editMessageText(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        chat_id = int(params["chat_id"])
        kept = await self._kept(int(params["message_id"]))
        if kept is None or kept.chat_id != chat_id:
            raise ApiError(400, "Bad Request: message to edit not found")
        text = self._text(params.get("text"), params.get("parse_mode"), TEXT_LIMIT)
        markup = _json(params.get("reply_markup")) or {}
        options = _options(markup)
        if text == kept.text and options == kept.options:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply markup "
                "are exactly the same as a current content and reply markup of the message",
            )
        message = await self.outgoing(chat_id, text, options)
        sent = await self._call(
            self.transport.edit(self.conversation(chat_id), kept.ref, message, edits=kept.edits)
        )
        # Edited in place, or sent anew (then the new message starts its own count).
        kept.edits = kept.edits + 1 if sent.ref == kept.ref else 0
        kept.ref, kept.text, kept.options, kept.alias = sent.ref, text, options, sent.alias or kept.alias
        kept.had_options = kept.had_options or bool(options)
        kept.expects_text = False
        self._keep(kept)
        return self._message_json(kept, markup)

    async def api_editMessageReplyMarkup(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        chat_id = int(params["chat_id"])
        kept = await self._kept(int(params["message_id"]))
        if kept is None or kept.chat_id != chat_id:
            raise ApiError(400, "Bad Request: message to edit not found")
        markup = _json(params.get("reply_markup")) or {}
        options = _options(markup)
        if options == kept.options:
            raise ApiError(400, "Bad Request: message is not modified")
        if options:
            message = await self.outgoing(chat_id, kept.text, options)
            sent = await self._call(
                self.transport.edit(self.conversation(chat_id), kept.ref, message, edits=kept.edits)
            )
            kept.edits = kept.edits + 1 if sent.ref == kept.ref else 0
            kept.ref, kept.alias = sent.ref, sent.alias or kept.alias
        # Taking the buttons off is not shown (an "edited" mark on Signal for nothing); a number
        # answering this message is now told that the choice was made already.
        kept.options = options
        self._keep(kept)
        return self._message_json(kept, markup)

    async def api_deleteMessage(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        chat_id = int(params["chat_id"])
        kept = await self._kept(int(params["message_id"]))
        if kept is None or kept.chat_id != chat_id:
            raise ApiError(400, "Bad Request: message to delete not found")
        try:
            await self.transport.delete(self.conversation(chat_id), kept.ref)
        except TransportError as exc:
            log.info("bridge: could not delete a message on %s: %s", self.name, exc)
        kept.options = []
        self._keep(kept)
        return True

    async def api_sendDocument(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        chat_id = int(params["chat_id"])
        conversation = self._writable(chat_id)
        upload = files.get("document")
        if upload is None:
            raise ApiError(400, "Bad Request: there is no document in the request")
        filename, content, mime_type = upload
        caption = ""
        if params.get("caption"):
            caption = self._text(params["caption"], params.get("parse_mode"), CAPTION_LIMIT)
        sent = await self._call(
            self.transport.send_document(conversation, Document(filename, content, mime_type, caption))
        )
        kept = Kept(
            message_id=next(self._message_ids), chat_id=chat_id, ref=sent.ref, first_ref=sent.ref,
            text=caption or filename, options=[], had_options=False, expects_text=False,
            sent_at=self.clock.now(),
        )
        self._keep(kept, new=True)
        message = self._message_json(kept, {})
        message["document"] = {"file_id": f"{self.name}-{kept.message_id}", "file_unique_id": sent.ref,
                               "file_name": filename}
        return message

    async def api_answerCallbackQuery(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        pressed = self.pressed.pop(str(params["callback_query_id"]), None)
        text = params.get("text")
        if pressed is None or not text:
            return True
        if len(text) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        # An answer is for the member who chose: privately if they ever wrote to Brug. In a group,
        # only an alert is worth a message to everyone; a passing toast ("Dank je!") is left out there,
        # the edited card already shows what changed.
        known = self.person(pressed.person)
        alert = bool(params.get("show_alert"))
        if pressed.conversation.is_group and not known.private_ok and not alert:
            return True
        if pressed.conversation.is_group and known.private_ok:
            conversation = Conversation("private", known.address, known.name)
            message = PlainMessage(text=text)
        else:
            conversation = pressed.conversation
            message = PlainMessage(text=text, quote=pressed.ref, quote_author=pressed.person.address)
        try:
            await self.transport.send(conversation, message)
        except TransportError as exc:
            log.info("bridge: could not show an answer on %s: %s", self.name, exc)
        return True

    # -- helpers of the API

    def _addressee(self, raw_text: str, replied_to: Any) -> int | None:
        """Whom a message asks: the author of the member's message it replies to, else the member it
        names first. Telegram's ``ForceReply(selective)`` targets the same people."""
        if replied_to is not None:
            incoming = self.incoming.get(int(replied_to))
            if incoming is not None:
                known = self.by_address.get(("person", incoming[2]))
                if known is not None:
                    return known.local_id
        named = ADDRESSED.match(raw_text)
        return int(named.group(1)) if named else None

    def _writable(self, chat_id: int) -> Conversation:
        conversation = self.conversation(chat_id)
        if not conversation.is_group and not self.known[chat_id].private_ok:
            raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
        return conversation

    def _text(self, text: Any, parse_mode: str | None, limit: int) -> str:
        if not text or not str(text).strip():
            raise ApiError(400, "Bad Request: message text is empty")
        try:
            shown = visible_text(str(text), parse_mode)
        except BotAPIError as exc:
            raise ApiError(exc.status, exc.description) from exc
        if telegram_length(shown) > limit:
            raise ApiError(400, "Bad Request: message is too long")
        return shown

    async def _call(self, pending: Awaitable[Any]) -> Any:
        try:
            return await pending
        except TransportError as exc:
            if exc.retry_after is not None:
                raise ApiError(429, f"Too Many Requests: retry after {int(exc.retry_after)}",
                               retry_after=exc.retry_after) from exc
            if exc.refused:
                raise ApiError(403, f"Forbidden: {exc}") from exc
            raise ApiError(502, f"Bad Gateway: {exc}") from exc

    def _message_json(self, kept: Kept, markup: dict[str, Any]) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": kept.message_id,
            "date": int(kept.sent_at.timestamp()),
            "chat": self.chat_json(kept.chat_id),
            "from": self.bot_json(),
            "text": kept.text,
        }
        if markup.get("inline_keyboard"):
            message["reply_markup"] = {"inline_keyboard": markup["inline_keyboard"]}
        return message

    # ------------------------------------------------------------ events into updates

    async def handle(self, event: Event) -> None:
        """Turn one event into updates and have Brug process each, in order."""
        if self.process_update is None:
            raise RuntimeError("the bridge has no application yet")
        self._prune_now_and_then()
        await self.writer.flush()
        for update in await self.updates_for(event):
            await self.process_update(update)
            # What the update sent is written before the next update looks for it.
            await self.writer.flush()

    def _prune_now_and_then(self) -> None:
        """At most hourly: forget the messages older than ``MESSAGES_KEPT`` (by the writer, in order)."""
        now = self.clock.now()
        if self._pruned_at is not None and now - self._pruned_at < PRUNE_EVERY:
            return
        self._pruned_at = now
        before, transport = now - MESSAGES_KEPT, self.name
        self.writer.put(lambda session: repo.delete_messages_before(session, transport, before))

    def _update_id(self) -> int:
        # Microseconds since 1970: increasing, and unique across restarts (Brug skips seen ids).
        self._last_update_id = max(self._last_update_id + 1, time.time_ns() // 1000)
        return self._last_update_id

    def _date(self) -> int:
        return int(self.clock.now().timestamp())

    async def updates_for(self, event: Event) -> list[dict[str, Any]]:
        if isinstance(event, Said):
            return await self._said(event)
        if isinstance(event, Reacted):
            return await self._reacted(event)
        if isinstance(event, Joined):
            return self._joined(event)
        if isinstance(event, Left):
            return self._left(event)
        return []

    def _membership(self, conversation: Conversation, actor: Contact | None, added: bool) -> dict[str, Any]:
        chat_id = self.group(conversation).local_id
        by = self.user_json(self.person(actor)) if actor else {"id": self.bot_id, "is_bot": True, "first_name": "Brug"}
        old, new = ("left", "member") if added else ("member", "left")
        return {
            "update_id": self._update_id(),
            "my_chat_member": {
                "chat": self.chat_json(chat_id),
                "from": by,
                "date": self._date(),
                "old_chat_member": {"status": old, "user": self.bot_json()},
                "new_chat_member": {"status": new, "user": self.bot_json()},
            },
        }

    def _joined(self, event: Joined) -> list[dict[str, Any]]:
        if event.person is None:
            return [self._membership(event.conversation, event.added_by, True)]
        chat_id = self.group(event.conversation).local_id
        member = self.user_json(self.person(event.person), event.person.language)
        return [self._message_update(chat_id, event.added_by or event.person, None, new_chat_members=[member])]

    def _left(self, event: Left) -> list[dict[str, Any]]:
        if event.person is None:
            return [self._membership(event.conversation, event.removed_by, False)]
        chat_id = self.group(event.conversation).local_id
        member = self.user_json(self.person(event.person), event.person.language)
        return [self._message_update(chat_id, event.removed_by or event.person, None, left_chat_member=member)]

    def _message_update(
        self, chat_id: int, person: Contact, text: str | None, *, ref: str | None = None,
        reply_to: Kept | None = None, **extra: Any,
    ) -> dict[str, Any]:
        message_id = next(self._message_ids)
        if ref is not None:
            self.incoming[message_id] = (chat_id, ref, person.address)
            while len(self.incoming) > KEPT_IN_MEMORY:
                self.incoming.popitem(last=False)
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": self._date(),
            "chat": self.chat_json(chat_id),
            "from": self.user_json(self.person(person), person.language),
            **extra,
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                command = text.split(maxsplit=1)[0]
                message["entities"] = [
                    {"type": "bot_command", "offset": 0, "length": len(command.encode("utf-16-le")) // 2}
                ]
        if reply_to is not None:
            message["reply_to_message"] = self._message_json(reply_to, _markup(reply_to.options))
        return {"update_id": self._update_id(), "message": message}

    def _callback_update(self, kept: Kept, person: Contact, data: str, conversation: Conversation,
                         ref: str | None) -> dict[str, Any]:
        query_id = f"{self.name}-{next(self._callback_ids)}"
        self.pressed[query_id] = Pressed(conversation, person, ref)
        return {
            "update_id": self._update_id(),
            "callback_query": {
                "id": query_id,
                "from": self.user_json(self.person(person), person.language),
                "chat_instance": str(kept.chat_id),
                "data": data,
                "message": self._message_json(kept, _markup(kept.options)),
            },
        }

    def _first_sight(self, event: Said | Reacted) -> list[dict[str, Any]]:
        """A group Brug has not seen yet: it was added there (signal-cli only tells us by a message)."""
        if not event.conversation.is_group or ("group", event.conversation.address) in self.by_address:
            return []
        return [self._membership(event.conversation, event.person, True)]

    async def _said(self, event: Said) -> list[dict[str, Any]]:
        updates = self._first_sight(event)
        conversation, person = event.conversation, event.person
        chat_id = self.chat_id(conversation, person)
        text = event.text.strip()
        if not text:
            return updates
        if text.startswith("/"):
            return updates + [self._message_update(chat_id, person, text, ref=event.ref)]
        choice = CHOICE.match(text)
        quoted = await self._kept_by_ref(chat_id, event.quote) if event.quote else None
        if quoted is not None:
            # A quote says which message is meant, whoever it asked: Brug answers either way.
            if choice and quoted.had_options:
                return updates + await self._choose(quoted, int(choice.group(1)), event)
            return updates + [self._answer(quoted, person, text, event.ref)]
        me = self.person(person).local_id
        if conversation.is_group:
            asked = await self._asked_of(chat_id, me)
            if asked is not None:
                if choice and asked.options:
                    return updates + await self._choose(asked, int(choice.group(1)), event)
                return updates + [self._answer(asked, person, text, event.ref)]
            if choice:
                # Nothing was asked of this member: a number is for the newest card open to everyone.
                card = await self._open_to_everyone(chat_id)
                if card is not None:
                    return updates + await self._choose(card, int(choice.group(1)), event)
                await self._tell(event, "bridge-nothing-to-choose")
            return updates  # not addressed to Brug, like group chatter under Telegram's privacy mode
        target = await self._answered(chat_id)
        if choice and target is not None and target.had_options:
            return updates + await self._choose(target, int(choice.group(1)), event)
        if target is not None and target.open_question:
            # As a reply, so Brug sees the choices and can take "overslaan" or a button's own words.
            return updates + [self._answer(target, person, text, event.ref)]
        return updates + [self._message_update(chat_id, person, text, ref=event.ref)]

    def _answer(self, target: Kept, person: Contact, text: str, ref: str | None) -> dict[str, Any]:
        """Text as a reply to ``target`` (Brug sees its choices, as Telegram shows a replied message)."""
        self._answered_by(target, person)
        return self._message_update(target.chat_id, person, text, ref=ref, reply_to=target)

    def _answered_by(self, target: Kept, person: Contact) -> None:
        """A question answered (by words or by choice) by the one it asked — privately there is nobody
        else — is closed: later words from them are new talk, not another try at it."""
        if target.addressee == self.person(person).local_id or target.chat_id > 0:
            target.answered = True
            self._keep(target)

    async def _answered(self, chat_id: int) -> Kept | None:
        """The message a bare answer is for in a private conversation: Brug's latest question."""
        for kept in await self._latest(chat_id):
            if kept.had_options or kept.expects_text:
                return kept
        return None

    async def _asked_of(self, chat_id: int, person_id: int) -> Kept | None:
        """Brug's newest open question in a group that asks this person (by name or by reply)."""
        for kept in await self._latest(chat_id):
            if kept.addressee == person_id and kept.open_question:
                return kept
        return None

    async def _open_to_everyone(self, chat_id: int) -> Kept | None:
        """Brug's newest message in a group with choices that asks nobody in particular (a card)."""
        for kept in await self._latest(chat_id):
            if kept.addressee is None and kept.options:
                return kept
        return None

    async def _choose(self, target: Kept, number: int, event: Said) -> list[dict[str, Any]]:
        chat_id = target.chat_id
        if not target.options:
            # The choice was made already (the buttons were taken off): say so, like an old button.
            return [self._callback_update(target, event.person, "bridge:stale", event.conversation, event.ref)]
        index = self._option_index(target, number)
        if index is None:
            if not event.conversation.is_group:
                # Privately a number can be an answer in its own right ("12 people"): Brug hears it.
                return [self._message_update(chat_id, event.person, event.text.strip(), ref=event.ref)]
            values = _values(target.options)
            if values:
                await self._tell(event, "bridge-choose-value", values=", ".join(values))
            else:
                await self._tell(event, "bridge-choose-again", count=len(target.options))
            return []
        option = target.options[index]
        self._answered_by(target, event.person)
        if "data" in option:
            return [self._callback_update(target, event.person, option["data"], event.conversation, event.ref)]
        return await self._follow(option, event, chat_id)

    @staticmethod
    def _option_index(target: Kept, number: int) -> int | None:
        """Which option a typed number picks: when the options are amounts ("8 leden"), the amount
        typed (8 is eight members, not the eighth button); otherwise its position."""
        if _values(target.options):
            return value_choice(str(number), [option["label"] for option in target.options])
        return number - 1 if 1 <= number <= len(target.options) else None

    async def _follow(self, option: dict[str, Any], event: Said | Reacted, chat_id: int) -> list[dict[str, Any]]:
        """A link button: a deep link to Brug continues privately; another link is shown as text."""
        url = option.get("url", "")
        parts = urlsplit(url)
        query = parse_qs(parts.query)
        if parts.netloc in ("t.me", "telegram.me") and parts.path.strip("/") == self.bot_username:
            if "start" in query:
                private = Conversation("private", event.person.address, event.person.name)
                private_id = self.chat_id(private, event.person)
                return [self._message_update(private_id, event.person, f"/start {query['start'][0]}")]
            if "startgroup" in query:
                await self._tell(event, "bridge-add-to-group")
                return []
        await self._tell(event, "bridge-link", label=option["label"], url=url)
        return []

    async def _tell(self, event: Said | Reacted, message_id: str, **args: Any) -> None:
        chat_id = self.chat_id(event.conversation, event.person)
        language = await self.language_of(chat_id)
        text = html.unescape(str(self.translator.text(language, message_id, **args)))
        quote = event.ref if isinstance(event, Said) else None
        try:
            await self.transport.send(
                event.conversation, PlainMessage(text=text, quote=quote, quote_author=event.person.address)
            )
        except TransportError as exc:
            log.info("bridge: could not answer on %s: %s", self.name, exc)

    async def _reacted(self, event: Reacted) -> list[dict[str, Any]]:
        updates = self._first_sight(event)
        chat_id = self.chat_id(event.conversation, event.person)
        target = await self._kept_by_ref(chat_id, event.target)
        if target is None or not target.options:
            return updates
        wanted = bare_emoji(event.emoji)
        for option in target.options:
            if "data" in option and bare_emoji(option["label"]).startswith(wanted):
                return updates + [
                    self._callback_update(target, event.person, option["data"], event.conversation, None)
                ]
        return updates


def _json(value: Any) -> Any:
    if isinstance(value, str):
        return json.loads(value)
    return value


def _options(markup: dict[str, Any]) -> list[dict[str, Any]]:
    options: list[dict[str, Any]] = []
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if button.get("callback_data") is not None:
                data = button["callback_data"]
                if not 1 <= len(data.encode()) <= 64:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                options.append({"label": button["text"], "data": data})
            elif button.get("url"):
                options.append({"label": button["text"], "url": button["url"]})
            elif button.get("web_app"):
                options.append({"label": button["text"], "url": button["web_app"]["url"]})
            else:
                raise ApiError(400, "Bad Request: can't parse inline keyboard button")
    return options


def _markup(options: list[dict[str, Any]]) -> dict[str, Any]:
    return {"inline_keyboard": [[_button(option)] for option in options]} if options else {}


VALUE = re.compile(r"^\s*(\d{1,4})\s+\w")


def _values(options: list[dict[str, Any]]) -> list[str]:
    """The amounts a message offers ("2 leden", "8 leden", …) when two or more options are amounts."""
    values = [match.group(1) for option in options if (match := VALUE.match(option["label"]))]
    return values if len(values) >= 2 else []


def _button(option: dict[str, Any]) -> dict[str, Any]:
    if "data" in option:
        return {"text": option["label"], "callback_data": option["data"]}
    return {"text": option["label"], "url": option["url"]}


class InProcessBotAPI(BaseRequest):
    """python-telegram-bot's HTTP layer replaced by an answer computed in this process.

    Subclasses answer ``(method, params, files)`` with a status and a Bot API JSON body: the bridge
    here, and the test suite's fake Telegram.
    """

    @property
    def read_timeout(self) -> float | None:
        return 10.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        return await self.answer(*bot_api_call(url, request_data))

    async def answer(
        self, method: str, params: dict[str, Any], files: dict[str, tuple[str, bytes, str]]
    ) -> tuple[int, bytes]:
        raise NotImplementedError


class BridgeRequest(InProcessBotAPI):
    """Each Bot API call is answered by the ``Bridge``."""

    def __init__(self, bridge: Bridge) -> None:
        self.bridge = bridge

    async def answer(
        self, method: str, params: dict[str, Any], files: dict[str, tuple[str, bytes, str]]
    ) -> tuple[int, bytes]:
        try:
            result = await self.bridge.api(method, params, files)
        except ApiError as error:
            return bot_api_refusal(error.status, error.description, error.retry_after)
        return bot_api_result(result)


def bot_api_call(
    url: str, request_data: RequestData | None
) -> tuple[str, dict[str, Any], dict[str, tuple[str, bytes, str]]]:
    """A Bot API call as python-telegram-bot makes it: the method, its parameters, its files."""
    params = dict(request_data.parameters) if request_data else {}
    files: dict[str, tuple[str, bytes, str]] = {}
    if request_data is not None and request_data.contains_files:
        for name, value in request_data.multipart_data.items():
            if isinstance(value, tuple):
                files[name] = (value[0], value[1], value[2] if len(value) > 2 else "application/octet-stream")
    return url.rsplit("/", 1)[-1], params, files


def bot_api_result(result: Any) -> tuple[int, bytes]:
    return 200, json.dumps({"ok": True, "result": result}).encode()


def bot_api_refusal(
    status: int, description: str, retry_after: float | None = None, *,
    migrate_to_chat_id: int | None = None,
) -> tuple[int, bytes]:
    """A refusal as the Bot API words it (``parameters``: ``retry_after`` with a 429,
    ``migrate_to_chat_id`` for a group that became a supergroup)."""
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    parameters: dict[str, int] = {}
    if retry_after is not None:
        parameters["retry_after"] = max(1, int(retry_after))
    if migrate_to_chat_id is not None:
        parameters["migrate_to_chat_id"] = migrate_to_chat_id
    if parameters:
        body["parameters"] = parameters
    return status, json.dumps(body).encode()
